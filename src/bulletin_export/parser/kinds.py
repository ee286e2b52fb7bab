"""What one line looks like on its own: heading, end-block line, source, short line, text.

The rules in rules.py decide what a line *is* from these kinds and their neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .lines import Line, clean, compact, is_latin, squeeze
from .masthead import RULE_LINE
from .numerals import DATE, NUM, parse_number

TITLE_MAX = 40  # characters of a short line (a title, a subtitle, a short last paragraph)
TITLE_LONG_MAX = 60  # characters of a title with no sentence punctuation, followed by body text
SOURCE_MAX = 40
CONTENTS_LINE_MAX = 2 * TITLE_LONG_MAX  # a contents line: a title, dot leaders and a page

_HEADING = re.compile(r"^[【〖［\[]\s*([^【】〖〗［］\[\]]*?)\s*[】〗］\]]$")
_DIST = re.compile(r"^(本\s*期\s*印\s*发|抄\s*送|报\s*送|分\s*送|主\s*送|报|送|发)\s*[：:]\s*(.*)$")
_COPIES = (rf"(?:[（(]\s*(?:本\s*期\s*)?共\s*印\s*[：:]?\s*({NUM})\s*份\s*[)）]|(?:本\s*期\s*)?共\s*印\s*[：:]?\s*({NUM})\s*份|"
           rf"印\s*数\s*[：:]\s*({NUM})\s*份?)")
_COPIES_TAIL = re.compile(rf"{_COPIES}\s*$")
_COPIES_HEAD = re.compile(rf"^\s*{_COPIES}")
_PRINT_LABEL = re.compile(rf"^印\s*发\s*日\s*期\s*[：:]\s*(?P<date>{DATE})$")
_PRINT_UNIT = re.compile(rf"^印\s*发\s*(?:机\s*关|单\s*位)\s*[：:]\s*(?P<unit>\S.*?)"
                         rf"(?:\s*印\s*发\s*日\s*期\s*[：:]\s*(?P<date>{DATE}))?$")
_PRINT_SUFFIX = re.compile(rf"^(?:(?P<unit>.*?)\s*)?(?P<date>{DATE})\s*印\s*发$")
_NOTE = re.compile(r"^(?:[【〖［\[]\s*编\s*者\s*按\s*[】〗］\]]|编\s*者\s*按)\s*[：:]?\s*(.*)$")
_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[：:]")
_SOURCE_INNER = r"[^（()）。！？!?]{1,%d}?" % SOURCE_MAX
_SOURCE_LINE = re.compile(rf"^[（(]\s*({_SOURCE_INNER})\s*[)）]$")
_TRAILING_SOURCE = re.compile(rf"^(.*[。！？”!?])\s*[（(]\s*({_SOURCE_INNER})\s*[)）]$")
_NOT_SOURCE = re.compile(rf"^(完|续|待续|未完|未完待续|全文完|共\s*印.*|.*份|{NUM}|[上下左右]?图\s*为.*|[图表]\s*[0-9０-９].*)$")
# a picture or table caption: （图为……）, 图为……。, ▲图为……, 表1 ……, 图2：……, 上图为……
_CAPTION = re.compile(r"^(?:[（(]\s*[上下左右]?图\s*[为：:].*[)）]|[▲△■□●◆]?\s*[上下左右]?图\s*为\S.*|"
                      r"[▲△]?\s*[图表]\s*[0-9０-９]{1,2}(?:[-－.．][0-9０-９]{1,2})?(?:\s+|\s*[：:.．、])\S.*)$")
# the levels of in-article headings (GB/T 9704 §7.3.3): 一、 （一） 1. （1）
_LEVELS = ((1, re.compile(r"^[一二三四五六七八九十]{1,3}、\s*(\S.*)$")),
           (2, re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]\s*(\S.*)$")),
           (3, re.compile(r"^[0-9]{1,2}[.．、](?![0-9])\s*(\S.*)$")),
           (4, re.compile(r"^[（(][0-9]{1,2}[)）]\s*(\S.*)$")))
_SOURCE_OWN = re.compile(r"^(?:供\s*稿|来\s*源|稿\s*源)\s*(?:单\s*位)?\s*[：:]\s*(\S.{0,%d})$" % (SOURCE_MAX - 1))
# credits after the end block: 责任编辑：张三　审核：李四, 编辑：张三　校对：李四
_CREDIT_LABEL = r"(?:责\s*任\s*编\s*辑|责\s*编|编\s*辑|审\s*核|审\s*稿|审\s*定|校\s*对|签\s*发|核\s*稿|主\s*编|编\s*审)"
_CREDITS = re.compile(rf"^{_CREDIT_LABEL}\s*[：:]\s*\S")
_CREDIT_BREAK = re.compile(rf"\s+(?={_CREDIT_LABEL}\s*[：:])")
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．]|第[一二三四五六七八九十]+[，,、])")
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")
_FINAL = set("。！？；：，、…!?;:,")
_CLOSERS = "”’」』）)》"
SUBTITLE_MARK = re.compile(r"^(——|─|—|－－|--)")
_CONTENTS_LABEL = re.compile(
    r"^[【〖［\[]?\s*(?:本\s*期\s*(?:要\s*目|目\s*录|导\s*读|内\s*容)|目\s*录|要\s*目|导\s*读)"
    r"\s*[】〗］\]]?\s*[：:]?$")
_CONTENTS_NUMBER = re.compile(
    r"^(?:[0-9０-９]+|[一二三四五六七八九十]+|[（(][0-9一二三四五六七八九十]+[)）])[、.．)）:：\s]*")
_CONTENTS_BULLET = re.compile(r"^[·•●○◆◇■□▲△★☆\-—*]+\s*")
_CONTENTS_PAGE = re.compile(r"(?:[\s.．·…_]+(?:第\s*)?[0-9０-９]+\s*[版页]?|[.．·…_]+)$")


@dataclass(frozen=True)
class Kind:
    """A line's kind and what it carries (heading text, label and recipients, ...)."""

    name: str  # blank rule heading dist copies print_date note attachment source short text
    data: dict[str, Any]


def copies_tail(text: str) -> tuple[str, int | None, int]:
    """Split a trailing 共印120份 / （共印120份）: (text before, copies or None, index of the tail)."""
    m = _COPIES_TAIL.search(text)
    if not m:
        return text, None, len(text)
    value = parse_number(next(g for g in m.groups() if g))
    return text[: m.start()], value, m.start()


def copies_head(text: str) -> tuple[str, int | None]:
    """Split a leading 共印120份 (`共印120份　报：…`): (the rest, copies or None)."""
    m = _COPIES_HEAD.match(text)
    if not m:
        return text, None
    return text[m.end():].strip(), parse_number(next(g for g in m.groups() if g))


def heading_level(text: str) -> tuple[int, str] | None:
    """(level, name) of a line in the shape of an in-article heading: a level's number
    (一、 （一） 1. （1）) and a short name without sentence punctuation, on a line of its own;
    `一是……` and a numbered sentence (1.加强领导。各级……) are not headings."""
    if len(text) > TITLE_MAX or ends_sentence(text) or _SENTENCE_PUNCT.search(text):
        return None
    for level, regex in _LEVELS:
        m = regex.match(text)
        if m:
            return level, m.group(1)
    return None


def credits_text(text: str) -> str:
    """A credits line as printed: its items (责任编辑：张三, 审核：李四) joined by a full-width space."""
    return "\u3000".join(clean(part) for part in _CREDIT_BREAK.split(text.strip()) if part.strip())


def trailing_source(text: str) -> tuple[str, str] | None:
    """`…解难事。（相城区总工会）` -> (paragraph, source), else None."""
    m = _TRAILING_SOURCE.match(text)
    if not m:
        return None
    source = clean(m.group(2))
    if not source or _NOT_SOURCE.match(source):
        return None
    return clean(m.group(1)), source_text(m.group(2))


def paren_tail(text: str) -> int | None:
    """Index of a parenthesised group ending the line in the shape of a source (`（相城区总工会）`,
    `(综合来稿)`, also `（共印120份）`), whatever precedes it; None when there is none."""
    t = text.rstrip()
    k = max(t.rfind("（"), t.rfind("("))
    return k if k >= 0 and _SOURCE_LINE.match(t[k:]) else None


_HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])\s*")
_SOURCE_LABEL = re.compile(r"^(?:供\s*稿|来\s*源|稿\s*源)\s*(?:单\s*位)?\s*[：:]\s*")
_SOURCE_SUFFIX = re.compile(r"\s*供\s*稿$")
_SOURCE_LABEL_SPACE = re.compile(r"^\u3000+|\u3000+$")


def heading_text(text: str) -> str:
    """A column heading as printed: without 【】 and without a leading number (一、工作动态)."""
    t = squeeze(text)
    m = _HEADING.match(t)
    if m:
        t = squeeze(m.group(1))
    return _HEADING_NUMBER.sub("", t)


_SPACE_RUN = re.compile(r"\s+")


def _source_spaces(text: str) -> str:
    """A source trimmed, each inner run of white space one space: ASCII next to Latin text,
    else U+3000, so the unit and the writer stay apart (（通讯员　张三）, （团市委 陈晨））."""
    def one(m: re.Match[str]) -> str:
        left, right = text[m.start() - 1], text[m.end()]
        return " " if is_latin(left) or is_latin(right) else "\u3000"
    text = text.strip()
    return _SPACE_RUN.sub(one, text)


def source_text(text: str) -> str:
    """A source as printed: without its parentheses and label (（供稿：市总办公室）, 来源：X,
    （市总办公室供稿）-> 市总办公室); a space between two names is kept as one U+3000
    (（阳光社区　王丽）-> 阳光社区　王丽)."""
    t = _source_spaces(text)
    if len(t) >= 2 and t[0] in "（(" and t[-1] in ")）":
        t = _source_spaces(t[1:-1])
    t = _SOURCE_LABEL.sub("", t)
    t = _SOURCE_SUFFIX.sub("", t) or t
    return _SOURCE_LABEL_SPACE.sub("", t)


def is_attachment(text: str) -> bool:
    """`附件：…`, `附件1：…`: an attachment note, printed as a paragraph of its own."""
    return bool(_ATTACHMENT.match(text.strip()))


def ends_sentence(text: str) -> bool:
    t = text.rstrip(_CLOSERS) if text[-1:] in "”’」』" else text
    return bool(t) and t[-1] in _FINAL


def title_like(text: str) -> bool:
    """A short line with no sentence-final punctuation (nor a full stop inside: a sentence
    with its source, `…例会。（市总办公室）`) that is no enumerated point."""
    return (0 < len(text) <= TITLE_MAX and not ends_sentence(text) and "。" not in text
            and not _ENUMERATOR.match(text))


def long_title_like(text: str) -> bool:
    """A line of TITLE_MAX..TITLE_LONG_MAX characters that may be a title (real titles reach
    ~60 characters, 2-3 centred lines): no sentence punctuation (。！？；) anywhere, no final
    punctuation, no enumerator. The rules take it as a title only before body text."""
    return (TITLE_MAX < len(text) <= TITLE_LONG_MAX and not ends_sentence(text)
            and not _SENTENCE_PUNCT.search(text) and not _ENUMERATOR.match(text))


def is_contents_label(text: str) -> bool:
    """本期要目 / 本期目录 / 目录 / 本期导读 / 要目 (also in 【】, with a colon)."""
    return bool(_CONTENTS_LABEL.match(text.strip()))


def contents_key(text: str) -> str:
    """A contents-list line or a title without numbering, bullets, dot leaders, page numbers
    and spaces, so `1. 市总召开例会……3` and `市总召开例会` compare equal. A line longer than
    CONTENTS_LINE_MAX is no contents line: returned without spaces only (the page pattern
    is quadratic on long runs of dots)."""
    if len(text) > CONTENTS_LINE_MAX:
        return "".join(text.split())
    t = _CONTENTS_BULLET.sub("", _CONTENTS_NUMBER.sub("", text.strip()))
    t = _CONTENTS_PAGE.sub("", t)
    return "".join(t.split())


def classify(line: Line) -> Kind:
    """The line's kind. Two shapes ride on an ordinary kind, so every rule that does not know
    them reads the line as before: `level`/`name` on a text line in the shape of an in-article
    heading (一、总体要求), `credits` on a line that reads as credits (责任编辑：…)."""
    text = compact(line.text)
    if not text:
        return Kind("blank", {})
    if RULE_LINE.match(text):
        return Kind("rule", {})
    m = _NOTE.match(text)
    if m:
        return Kind("note", {"text": m.group(1)})
    m = _HEADING.match(text)
    if m:
        return Kind("heading", {"heading": squeeze(m.group(1))})
    head, first_copies = copies_head(text)
    m = _DIST.match(head)
    if m:
        rest, copies, _ = copies_tail(m.group(2))
        if copies is None:
            copies = first_copies
        return Kind("dist", {"label": squeeze(m.group(1)), "recipients": clean(rest), "copies": copies})
    rest, copies, _ = copies_tail(head)
    if copies is None:
        copies = first_copies
    if copies is not None and not rest.strip():
        return Kind("copies", {"copies": copies})
    m = _PRINT_LABEL.match(rest.strip()) or _PRINT_SUFFIX.match(rest.strip()) or _PRINT_UNIT.match(rest.strip())
    if m:
        unit = clean(m.groupdict().get("unit") or "")
        return Kind("print_date", {"date": m.group("date"), "unit": unit or None, "copies": copies,
                                   "labelled": m.re is _PRINT_UNIT})
    if is_attachment(text):
        return Kind("attachment", {"text": clean(text)})
    cleaned = clean(text)
    if _CAPTION.match(cleaned):
        return Kind("caption", {"text": cleaned})
    m = _SOURCE_LINE.match(text)
    if m and not _NOT_SOURCE.match(clean(m.group(1))):
        return Kind("source", {"source": source_text(m.group(1))})
    m = _SOURCE_OWN.match(cleaned) and _SOURCE_OWN.match(text)
    if m:
        return Kind("source", {"source": source_text(m.group(1)), "labelled": True})
    extra: dict[str, Any] = {}
    if _CREDITS.match(rest.strip()):
        extra = {"credits": credits_text(rest), "copies": copies}
    if title_like(cleaned):
        return Kind("short", {"text": cleaned, **extra})
    level = heading_level(cleaned)
    if level is not None:
        extra.update(level=level[0], name=level[1])
    return Kind("text", {"text": cleaned, "long_title": long_title_like(cleaned), **extra})
