"""The body rules: an ordered table of named rules over classified lines (mistune style).

Each rule looks at line i and either declines (None) or consumes lines and returns the
index of the next line to read. The first rule that accepts wins. The blocks they build
and close are in blocks.py.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

from ..model import DistributionEntry, Span
from .blocks import Body, OpenBlock, OpenSection, ends_with_source, join_spans
from .hinted import HintRules
from .shapes import ShapeRules
from .kinds import (SUBTITLE_MARK, contents_key, is_contents_label, long_title_like, title_like,
                    trailing_source)
from .lines import Line, clean, is_latin, squeeze
from .numerals import BadDate, parse_date


def _listed_title(key: str) -> bool:
    """A contents-list line (without numbering and page) that may list a title, long ones too."""
    return title_like(key) or long_title_like(key)


class BodyParser(HintRules, ShapeRules):
    """Reads lines[start:] into sections, an editor's note and an end block; `hints` by
    index into lines (hints.py) win over the shape rules."""

    def __init__(self, lines: Sequence[Line], start: int, hints: Mapping[int, str] | None = None):
        super().__init__(lines, start, hints)
        self.rules: tuple[tuple[str, Callable[[int], int | None]], ...] = (
            ("blank", self.rule_blank),
            ("hinted", self.rule_hinted),
            ("rule_line", self.rule_rule_line),
            ("credits", self.rule_credits),
            ("end_continuation", self.rule_end_continuation),
            ("contents_list", self.rule_contents),
            ("column_heading", self.rule_heading),
            ("end_block", self.rule_end_block),
            ("editor_note", self.rule_editor_note),
            ("attachment", self.rule_attachment),
            ("caption", self.rule_caption),
            ("source_line", self.rule_source_line),
            ("title", self.rule_title),
            ("long_title", self.rule_long_title),
            ("numbered", self.rule_numbered),
            ("run_in", self.rule_run_in),
            ("paragraph", self.rule_paragraph),
        )

    # -- driver -------------------------------------------------------------------------
    def parse(self) -> Body:
        i = self.start
        while i < len(self.lines):
            for _name, rule in self.rules:
                nxt = rule(i)
                if nxt is not None:
                    i = nxt
                    break
        self.close_note()
        self.close_section()
        for label, recipients, span in self.entries:
            if not recipients:
                self.warn("BX123", f"{label}： has no recipients", span)
            self.out.distribution.append(DistributionEntry(label, recipients, span))
        return self.out

    # -- rules --------------------------------------------------------------------------
    def rule_blank(self, i: int) -> int | None:
        return i + 1 if self.kind(i) == "blank" else None

    def rule_rule_line(self, i: int) -> int | None:
        if self.kind(i) != "rule":
            return None
        self.info("BX140", "decorative line ignored", self.lines[i].span())
        self.mark(i, "rule")
        return i + 1

    def rule_end_continuation(self, i: int) -> int | None:
        if not (self.in_end and self.entries and self.kind(i) in ("text", "short", "source")):
            return None
        label, recipients, span = self.entries[-1]
        more = clean(self.lines[i].text)
        sep = " " if recipients and is_latin(recipients[-1]) and is_latin(more[0]) else ""
        if (not sep and recipients and recipients[-1] not in "，、；,;：:" and self.lines[i].text[:1].isspace()
                and more[0] not in "，、；,;）)"):
            sep = "，"  # 报：省总工会 / 　　市委、市人大…领导: an indented line is the next group
        self.entries[-1] = (label, recipients + sep + more, join_spans(span, self.lines[i].span()))
        self.warn("BX120", f"line after {label}： taken as more of its recipients", self.lines[i].span(),
                  hint="keep each end-block entry on one line")
        self.mark(i, "end_block")
        return i + 1

    def rule_contents(self, i: int) -> int | None:
        """A 本期要目 / 目录 / 本期导读 list before the first article: the label, then short
        lines up to a blank line, a column heading or the first title they repeat. It is
        left out of the model (a generated contents list may come later)."""
        if self.article or self.section or self.out.sections or not is_contents_label(self.lines[i].stripped):
            return None
        items: list[int] = []
        seen: set[str] = set()
        j = i + 1
        while j < len(self.lines):
            kind = self.kind(j)
            if kind in ("blank", "rule"):
                if items:
                    break
                j += 1
                continue
            text = clean(self.lines[j].text)
            key = contents_key(text)
            if kind not in ("short", "text") or not _listed_title(key) or key in seen:
                break
            seen.add(key)
            items.append(j)
            j += 1
        if items and self.kind(j) == "text" and not _listed_title(contents_key(clean(self.lines[j].text))):
            items.pop()  # no repeat before a paragraph: the last line is that article's title
        if not items:
            return None
        self.close_note()
        label = squeeze(self.lines[i].stripped).strip("【】〖〗［］[]：:")
        self.mark(i, "contents")
        for k in items:
            self.mark(k, "contents")
        for k in range(i, items[-1] + 1):
            if self.kind(k) == "rule":
                self.mark(k, "rule")
        self.warn("BX119", f"the contents list {label} is not printed; the articles' titles follow",
                  join_spans(self.lines[i].span(), self.lines[items[-1]].span()),
                  hint="delete the list from the source, or keep it: it is left out either way")
        return items[-1] + 1

    def rule_heading(self, i: int) -> int | None:
        if self.kind(i) != "heading":
            return None
        self.close_note()
        self.close_section()
        self.in_end = False
        heading = self.kinds[i].data["heading"] or None
        span = self.lines[i].span()
        if heading is None:
            self.warn("BX118", "empty column heading", span)
        self.section = OpenSection(heading, span)
        self.mark(i, "heading")
        return i + 1

    def rule_end_block(self, i: int) -> int | None:
        kind = self.kinds[i]
        if kind.name not in ("dist", "copies", "print_date"):
            return None
        if kind.name == "dist" and kind.data["label"] == "主送" and not self.read_any_article():
            return None  # a 公文's 主送机关 line above the text, not the end block
        self.close_note()
        self.close_article()
        self.in_end = True
        self.mark(i, "end_block")
        span = self.lines[i].span()
        if kind.name == "dist":
            self.entries.append((kind.data["label"], kind.data["recipients"], span))
        if kind.name == "print_date":
            if kind.data["date"]:
                self.set_print_date(kind.data["date"], span)
            if kind.data["unit"]:
                self.set_print_unit(kind.data["unit"], span, bool(kind.data.get("labelled")))
        if kind.data.get("copies") is not None:
            if self.out.copies is not None and self.out.copies != kind.data["copies"]:
                self.warn("BX122", "共印 given twice; the later number wins", span)
            self.out.copies = kind.data["copies"]
        return i + 1

    def read_any_article(self) -> bool:
        return bool(self.out.sections or self.article or self.section and self.section.articles)

    def set_print_date(self, text: str, span: Span) -> None:
        try:
            value = parse_date(text)
        except BadDate as exc:
            self.warn("BX104", f"印发日期: {exc}", span)
            return
        if self.out.print_date is not None and value != self.out.print_date:
            self.warn("BX122", "印发日期 given twice; the later date wins", span)
        self.out.print_date = value

    def set_print_unit(self, unit: str, span: Span, labelled: bool = False) -> None:
        """The text before `…印发` (or after `印发机关：`) is the 印发机关 (GB/T 9704 §7.4.3)."""
        shape = "labelled line" if labelled else "text before the print date"
        self.info("BX124", f"{shape} taken as the 印发机关: {unit}", span)
        if self.out.print_unit is not None and unit != self.out.print_unit:
            self.warn("BX122", "印发机关 given twice; the later one wins", span)
        self.out.print_unit = unit

    def rule_editor_note(self, i: int) -> int | None:
        if self.kind(i) != "note":
            return None
        span = self.lines[i].span()
        if self.note_done or self.note is not None or self.out.sections or self.article or self.section:
            self.warn("BX130", "编者按 after the start of the body is kept as a paragraph", span,
                      hint="put the 编者按 before the first column or article")
            self.close_article()
            self.start_article(None, span)
            self.add_paragraph(i, clean(self.lines[i].text))
            return i + 1
        self.note = [(clean(self.kinds[i].data["text"]), span)]
        self.mark(i, "note")
        return i + 1

    def rule_attachment(self, i: int) -> int | None:
        """`附件：…` after an article's text (also after its source line): a paragraph of
        that article, so the source before it is still the article's."""
        art = self.article
        if self.kind(i) != "attachment" or self.note is not None or art is None or not art.paragraphs:
            return None
        span = self.lines[i].span()
        art.paragraphs.append(OpenBlock(self.kinds[i].data["text"], span, self.lines[i]))
        art.end = span
        self.mark(i, "paragraph")
        return i + 1

    def rule_source_line(self, i: int) -> int | None:
        if self.kind(i) != "source":
            return None
        art = self.article
        span = self.lines[i].span()
        if (self.note is None and art is not None and not art.paragraphs and art.title is not None
                and art.source is None and self.kinds[i].data.get("labelled")):
            art.source = self.kinds[i].data["source"]  # 来源：X right under the title, as on the web
            art.end = span
            self.mark(i, "source")
            self.info("BX113", f"line with a source label taken as the source: {art.source}", span)
            return i + 1
        if self.note is not None or art is None or not art.paragraphs:
            return None  # a parenthesised line before any paragraph is text
        if art.source is not None or art.closed:
            self.warn("BX115", "second source line for one article is kept as a paragraph", span)
            art.paragraphs.append(OpenBlock(clean(self.lines[i].text), span, self.lines[i]))
            art.end = span
            self.mark(i, "paragraph")
            return i + 1
        art.source = self.kinds[i].data["source"]
        art.end = span
        self.mark(i, "source")
        art.closed = True
        shape = "line with a source label" if self.kinds[i].data.get("labelled") else "line in parentheses"
        self.info("BX113", f"{shape} taken as the source: {art.source}", span)
        return i + 1

    def rule_long_title(self, i: int) -> int | None:
        """A line of 41-60 characters with no sentence punctuation, followed by body text
        (or a `——` subtitle and body text), where an article may start: at the start of the
        body, after a source, or in the 编者按 after a blank line or before an article that
        ends in a source (a note never holds a title followed by a sourced paragraph)."""
        art = self.article
        if art is not None and not art.closed and not (art.paragraphs and ends_with_source(art)):
            return None  # inside an article's text
        found = self.before_text(i)
        if found is None:
            return None
        subtitle_at, j = found
        if self.note is not None and not (self.lines[i - 1].blank or self.sourced_text_from(j)):
            return None  # a line of the note
        return self.take_title(i, subtitle_at, f"line without sentence punctuation taken as a title: "
                                               f"{self.kinds[i].data['text']}")

    def before_text(self, i: int) -> tuple[int | None, int] | None:
        """For a long title-like line i followed by body text, perhaps after a `——` subtitle:
        (the subtitle's index or None, the index of the text); else None."""
        if self.kind(i) != "text" or not self.kinds[i].data.get("long_title"):
            return None
        j = self.next_nonblank(i + 1)
        subtitle_at: int | None = None
        if self.kind(j) == "short" and SUBTITLE_MARK.match(self.kinds[j].data["text"]):
            subtitle_at, j = j, self.next_nonblank(j + 1)
        return (subtitle_at, j) if self.kind(j) == "text" else None

    def sourced_text_from(self, j: int, limit: int = 50) -> bool:
        """Do the text lines from j (blank lines between allowed) end in a source: a trailing
        `（…）` on one of them or a source line after them? A title-like line after a blank
        line starts something else: the scan stops there."""
        for _ in range(limit):
            kind = self.kind(j)
            if kind == "source":
                return True
            if kind != "text":
                return False
            if trailing_source(self.kinds[j].data["text"]) is not None:
                return True
            j = self.next_nonblank(j + 1)
            if j < len(self.lines) and self.lines[j - 1].blank and self.kinds[j].data.get("long_title"):
                return False
        return False

    def take_title(self, i: int, subtitle_at: int | None, message: str) -> int:
        """Start an article titled by line i, with the subtitle line `subtitle_at` if any."""
        text = self.kinds[i].data["text"]
        art = self.start_article(text, self.lines[i].span())
        self.info("BX110", message, art.start)
        self.mark(i, "title")
        if subtitle_at is None:
            return i + 1
        self.mark(subtitle_at, "subtitle")
        art.subtitle = self.kinds[subtitle_at].data["text"]
        art.end = self.lines[subtitle_at].span()
        self.info("BX111", f"second short line taken as the subtitle: {art.subtitle}", art.end)
        return subtitle_at + 1

    def rule_title(self, i: int) -> int | None:
        if self.kind(i) != "short":
            return None
        art = self.article
        open_body = art is not None and bool(art.paragraphs) and not art.closed
        j = self.next_nonblank(i + 1)
        following = self.kind(j)
        subtitle_at: int | None = None
        if following == "text":
            if self.note is not None and self.lines[j - 1].blank and self.before_text(j) is not None:
                return None  # the note's last line: the blank line and a long title end the note
        elif following == "short":
            k = self.next_nonblank(j + 1)
            marked = bool(SUBTITLE_MARK.match(self.kinds[j].data["text"]))
            if marked or self.kind(k) == "text":
                last_has_source = open_body and ends_with_source(art)  # type: ignore[arg-type]
                if open_body and not marked and not last_has_source:
                    return None  # a short last paragraph, then the next title
                subtitle_at = j
            elif open_body or self.note is not None:
                return None
        elif open_body or self.note is not None:
            return None  # a short last paragraph
        return self.take_title(i, subtitle_at, f"short line taken as a title: {self.kinds[i].data['text']}")

    def rule_paragraph(self, i: int) -> int | None:
        kind = self.kinds[i]
        text = kind.data.get("text") if kind.name in ("text", "short") else clean(self.lines[i].text)
        self.add_paragraph(i, text or clean(self.lines[i].text))
        return i + 1
