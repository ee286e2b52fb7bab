"""Body rules for the shapes real bulletins come in (issue 14): numbered columns and
in-article headings (一、 （一） 1. （1）), 简讯 run-in titles, captions and credits lines.

Each rule declines (None) when its shape is absent, so the rules in rules.py read the line.
"""

from __future__ import annotations

import re

from .blocks import Blocks, OpenBlock, OpenSection, ends_with_source
from .kinds import SUBTITLE_MARK, TITLE_MAX, trailing_source

_RUN_IN_TITLE_PUNCT = re.compile(r"[，,、；;：:！？!?]")
_ONLY_SOURCE = re.compile(r"^[（(][^（()）]*[)）]$")
RUN_IN_MIN = 4  # characters of a run-in title
_END_KINDS = ("blank", "rule", "dist", "copies", "print_date")


def run_in_split(text: str) -> tuple[str, str] | None:
    """`市总召开例会。4月6日，……（市总办公室）` -> (title, the rest), when the first sentence is
    short (4..40 characters) and has no inner punctuation, as a title has, and text follows;
    else None. `4月6日，市总召开例会。……` (a comma in the first sentence) is no title."""
    k = text.find("。")
    if not RUN_IN_MIN <= k <= TITLE_MAX:
        return None
    title, rest = text[:k].strip(), text[k + 1:].strip()
    if len(rest) < 2 * RUN_IN_MIN or _RUN_IN_TITLE_PUNCT.search(title) or title[0] in "（(【[":
        return None
    if _ONLY_SOURCE.match(rest):
        return None  # `各社区签订责任书。（供稿：党建办）`: a sentence and its source, no title
    return title, rest


class ShapeRules(Blocks):
    _end_from: list[bool] | None = None

    # -- helpers --------------------------------------------------------------------------
    def only_end_from(self, i: int) -> bool:
        """Are lines[i:] all end-block lines (entries, 共印, the print line, credits) or blank?
        Computed once for all lines (linear)."""
        if self._end_from is None:
            flags = [True] * (len(self.lines) + 1)
            for k in range(len(self.lines) - 1, -1, -1):
                kind = self.kinds[k]
                flags[k] = flags[k + 1] and (kind.name in _END_KINDS or "credits" in kind.data)
            self._end_from = flags
        return self._end_from[min(i, len(self.lines))]

    def sourced(self, j: int) -> bool:
        """Does text line j end in a source, or stand right before a source line?"""
        return (trailing_source(self.kinds[j].data["text"]) is not None
                or self.kind(self.next_nonblank(j + 1)) == "source")

    def article_starts_at(self, j: int) -> bool:
        """Does an article start at line j: a title followed by text (perhaps after a
        subtitle), a long title before text, or a 简讯 item with its source?"""
        kind = self.kind(j)
        if kind == "short" and not SUBTITLE_MARK.match(self.kinds[j].data["text"]):
            k = self.next_nonblank(j + 1)
            if self.kind(k) == "short" and self.kind(self.next_nonblank(k + 1)) == "text":
                return True
            return self.kind(k) in ("text", "caption") and not self.kinds[k].data.get("level")
        if kind != "text" or self.kinds[j].data.get("level"):
            return False
        if self.before_text(j) is not None:  # type: ignore[attr-defined]
            return True
        return run_in_split(self.kinds[j].data["text"]) is not None and self.sourced(j)

    # -- rules ----------------------------------------------------------------------------
    def rule_numbered(self, i: int) -> int | None:
        """一、工作动态 before an article title is a column heading (the name without its
        number), and so is （一）工作动态 where an article may start (at the start of the body,
        after a source); a line of any level (一、 （一） 1. （1）) in an article is a heading block."""
        data = self.kinds[i].data
        level = data.get("level")
        if self.kind(i) != "text" or not level:
            return None
        span = self.lines[i].span()
        art = self.article
        between = self.note is None and (art is None or art.closed or bool(art.paragraphs) and ends_with_source(art))
        if (level == 1 or level == 2 and between) and self.article_starts_at(self.next_nonblank(i + 1)):
            self.close_note()
            self.close_section()
            self.in_end = False
            self.section = OpenSection(data["name"], span)
            self.mark(i, "heading")
            self.info("BX141", f"numbered line before an article title taken as a column heading: "
                               f"{data['name']}", span)
            return i + 1
        if self.note is not None:
            return None  # a line of the 编者按
        self.add_paragraph(i, data["text"], "heading", level)
        return i + 1

    def rule_run_in(self, i: int) -> int | None:
        """简讯: `标题。正文……（来源）` where an article may start (at the start of the body or a
        column, after a source, after another run-in item) is a title and its paragraph."""
        if self.kind(i) != "text" or self.note is not None or self.kinds[i].data.get("level"):
            return None
        art = self.article
        if not (art is None or art.closed or art.run_in or (art.paragraphs and ends_with_source(art))):
            return None
        split = run_in_split(self.kinds[i].data["text"])
        if split is None:
            return None
        span = self.lines[i].span()
        art = self.start_article(split[0], span)
        art.run_in = True
        self.info("BX142", f"first sentence taken as a run-in title (简讯): {split[0]}", span)
        self.add_paragraph(i, split[1])
        self.mark(i, "title")
        return i + 1

    def rule_caption(self, i: int) -> int | None:
        """（图为……）, 图为……。, ▲图为……, 表1 ……: a caption block of the article it stands in
        (also after its source line), never its source or a title."""
        if self.kind(i) != "caption" or self.note is not None:
            return None
        text = self.kinds[i].data["text"]
        art = self.article
        if art is None:
            self.add_paragraph(i, text, "caption")
            return i + 1
        span = self.lines[i].span()
        art.paragraphs.append(OpenBlock(text, span, self.lines[i], "caption"))
        art.end = span
        self.mark(i, "caption")
        return i + 1

    def rule_credits(self, i: int) -> int | None:
        """责任编辑：张三　审核：李四 in the end block, or after the body with only end-block
        lines after it: the issue's credits, never recipients."""
        data = self.kinds[i].data
        if "credits" not in data or not (self.in_end or self.only_end_from(i + 1)):
            return None
        span = self.lines[i].span()
        self.close_note()
        self.close_article()
        self.in_end = True
        self.mark(i, "end_block")
        if self.out.credits:
            self.out.credits += "\u3000" + data["credits"]
        else:
            self.out.credits = data["credits"]
        self.info("BX125", f"credits line: {data['credits']}", span)
        if data.get("copies") is not None:
            if self.out.copies is not None and self.out.copies != data["copies"]:
                self.warn("BX122", "共印 given twice; the later number wins", span)
            self.out.copies = data["copies"]
        return i + 1
