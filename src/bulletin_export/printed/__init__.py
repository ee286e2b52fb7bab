"""What each element of an issue prints, decided once for every renderer.

The PDF layout, the DOCX writer and the font coverage check all ask here for the
text of a printed element (the date as 2012年4月28日, a column heading in 【】, the
editing unit with its 编, 编者按：, a source in （）, 报：, 共印X份, the print line,
the page number) and for the document metadata, so they cannot drift apart.
Pure functions from the model (and the style sheet's few text settings) to strings;
``elements`` (``printed/elements.py``) puts them into the one sequence of printed elements
(id, role, text) that every renderer walks.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, DistributionEntry, Issue, Paragraph

if TYPE_CHECKING:  # pragma: no cover
    from ..stylesheet.model import StyleSheet

#: A heading that starts with one of these is printed as written, else in 【】.
HEADING_OPENERS = "【〖［[〔"
#: Brackets a heading loses when it is named in the keywords.
HEADING_BRACKETS = "【】〖〗［］[]〔〕"
NOTE_LABEL = "编者按："
#: The characters of a page-number sample: every digit a page number may print.
PAGE_DIGITS = "0123456789"
#: The longest value a DOCX core property may hold (python-docx refuses longer ones).
MAX_PROPERTY = 255
KEYWORD_SEPARATOR = "; "
LANGUAGE = "zh-CN"
_CUT_AT = "；;，,、 "  # separators a too-long metadata value is cut after


def date_text(d: _dt.date) -> str:
    """2012年4月28日: Arabic numerals, full year, no zero padding (GB/T 9704)."""
    return f"{d.year}年{d.month}月{d.day}日"


def heading_text(heading: str) -> str:
    """【工作动态】: a column heading in its brackets (kept as written when it has some)."""
    return heading if heading[:1] in HEADING_OPENERS else f"【{heading}】"


def heading_name(heading: str) -> str:
    """工作动态: a column heading without any of its brackets."""
    return heading.strip(HEADING_BRACKETS).strip()


def editor_text(editor: str | None) -> str | None:
    """苏州市总工会办公室编: the editing unit with its 编 (unless it ends in 编/编印); None when absent."""
    if not editor:
        return None
    return editor if editor.endswith(("编", "编印")) else editor + "编"


def editor_line(issue: Issue) -> tuple[str | None, str | None]:
    """The masthead's editor line: (editing unit + 编, date), either None when absent."""
    m = issue.masthead
    if m is None:
        return None, None
    return editor_text(m.editor), date_text(m.date) if m.date else None


def editor_note_paragraphs(note: Paragraph | str | None) -> list[str]:
    """The note's non-blank paragraphs, the first introduced by 编者按： (unless it already is)."""
    if note is None:
        return []
    text = note.text if isinstance(note, Paragraph) else note
    texts = [t for t in text.split("\n") if t.strip()]
    if texts and not texts[0].startswith("编者按"):
        texts[0] = NOTE_LABEL + texts[0]
    return texts


def source_text(source: str) -> str:
    """（市总办公室）: an article's source in full-width parentheses."""
    return f"（{source}）"


def source_on_own_line(article: Article, style: "StyleSheet") -> bool:
    """Whether the source is a line of its own (role ``source``) rather than the end of the
    last paragraph (role ``body``): so the style says, or the article has no paragraph, or
    its last block is an in-article heading or a caption (a source never ends a heading,
    and after a caption it would read as part of it: （图为竞赛现场）（市总宣教部））."""
    return style.source_placement == "own_line" or not article.paragraphs or \
        getattr(article.paragraphs[-1], "kind", "text") in ("heading", "caption")


def distribution_label(entry: DistributionEntry) -> str:
    """报：: the label and its colon, the part wrapped lines hang after."""
    return entry.label + "："


def distribution_text(entry: DistributionEntry) -> str:
    """报：市委、市政府: a distribution line as printed."""
    return distribution_label(entry) + entry.recipients


def one_line_size(text: str, size: float, width: float, minimum: float = 0.0) -> float:
    """The largest size up to ``size`` at which ``text`` fits on one line of ``width`` pt,
    counting a CJK character as one em and anything else as half an em (a masthead name is
    set on one line, smaller when long, never below ``minimum``)."""
    import unicodedata

    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
    if ems <= 0 or ems * size <= width:
        return size
    return max(minimum, width / ems)


def copies_text(n: int) -> str:
    """共印120份."""
    return f"共印{n}份"


def print_line(issue: Issue) -> tuple[str | None, str | None]:
    """The print line (GB/T 9704 §7.4.3): (印发机关, "2012年4月29日印发"), each None when absent."""
    date = f"{date_text(issue.print_date)}印发" if issue.print_date else None
    return issue.print_unit or None, date


def page_number_parts(style: "StyleSheet") -> tuple[str, str]:
    """What the page-number format prints before and after the number ("— ", " —")."""
    before, _, after = style.page_number.format.partition("{n}")
    return before, after


def page_number_text(style: "StyleSheet", n: int | str) -> str:
    """— 3 —: the page number ``n`` in the style's format."""
    before, after = page_number_parts(style)
    return f"{before}{n}{after}"


@dataclass(frozen=True)
class Metadata:
    """Document information both renderers write, each value at most MAX_PROPERTY characters."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str = LANGUAGE


def clip(text: str, limit: int = MAX_PROPERTY) -> str:
    """``text`` cut to ``limit`` characters with …, after the last separator (、，；; or space)
    in its second half, else mid-word."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = max(head.rfind(sep) for sep in _CUT_AT)
    if cut > limit // 2:
        head = head[:cut]
    return head.rstrip(_CUT_AT) + "…"


def metadata(issue: Issue) -> Metadata:
    """Title (name + issue label), author (the editing unit), subject (the bulletin's name),
    keywords (简报 and the column names, without brackets, each once)."""
    m = issue.masthead
    names = [heading_name(s.heading) for s in issue.sections if s.heading]
    keywords = KEYWORD_SEPARATOR.join(dict.fromkeys(n for n in ["简报", *names] if n))
    return Metadata(
        title=clip(issue.title),
        author=clip(m.editor if m and m.editor else ""),
        subject=clip(m.name if m and m.name else "简报"),
        keywords=clip(keywords),
    )


# The one sequence of printed elements (needs the texts above).
from .elements import Element, elements, printed_texts  # noqa: E402
