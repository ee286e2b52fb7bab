"""Blocks of a .docx to logical lines: one line per paragraph, plus where each came from.

Soft line breaks: a break followed by typed indentation (full-width spaces, two or more
spaces, a tab) starts a new paragraph, as the author meant; any other break joins the two
halves (nothing between Chinese characters, one space between Latin words). A run-in bold
title (简讯: a bold start of a paragraph) becomes a title line and the paragraph's rest.
Tables: a masthead table (at the top, borderless) gives a line per row, its cells joined
by two full-width spaces (unit and date in two cells read as the editor line); an
end-block table, a one-cell table and a table of photos with their captions give a line
per paragraph; any other table is a table of figures, a line per row with the cells joined by ``CELL_SEPARATOR``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .walk import Para, Table

CELL_SEPARATOR = "｜"
_INDENT = re.compile(r"^(?:[\u3000\t]|[ \u00a0]{2,})")
_END_LINE = re.compile(r"^\s*(?:本期印发|报送|抄送|分送|主送|报|送|发)\s*[：:]|共印.{0,8}份|印发\s*$|印发日期")
#: What a masthead table's cells hold: a date, 第X期, the editing unit (…编, …编印), 内部资料.
_MASTHEAD_CELL = re.compile(r"[0-9〇一二三四五六七八九十○]{2,4}\s*年.{1,4}月|^第.{1,6}期|编印?$|内部资料|秘密|简报$")
#: A masthead cell of its own: the classification (内部资料 / 注意保存, 秘密★1年).
_CLASSIFICATION = re.compile(r"^\s*(?:内部资料|注意保存|内部刊物|内部文件|秘密|机密|绝密)")
_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.、．]|第[一二三四五六七八九十]+)")


@dataclass
class Line:
    text: str
    para: Para
    number: int  # the paragraph's ¶ number (1-based, in reading order)
    part: str = "whole"  # whole / runin_title / runin_rest / continued (after a soft break)
    table: "TableInfo | None" = None


@dataclass
class TableInfo:
    index: int
    kind: str  # masthead / end / box / pictures / figures
    rows: int
    cols: int
    first_row: bool = False


def flatten(blocks: list) -> list[Line]:
    """The lines of a document in reading order."""
    out: list[Line] = []
    counter = [0]
    leading = True  # no body text yet: a borderless table here is the masthead
    for block in blocks:
        if isinstance(block, Table):
            kind = table_kind(block, leading)
            _table_lines(block, kind, out, counter)
            leading = leading and kind == "masthead"
        else:
            counter[0] += 1
            _para_lines(block, counter[0], out)
            if _body_text(block.text):
                leading = False
    return out


def _body_text(text: str) -> bool:
    """Running text, which ends the masthead: long, or a sentence."""
    t = text.strip()
    return len(t) > 40 or t.endswith(("。", "！", "？", "；", "”"))


def _is_red(color: str | None) -> bool:
    if not color or len(color) != 6:
        return False
    try:
        r, g, b = int(color[:2], 16), int(color[2:4], 16), int(color[4:], 16)
    except ValueError:
        return False
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


def table_kind(table: Table, leading: bool) -> str:
    paras = list(_paras(table))
    texts = [p.text.strip() for p in paras if p.text.strip()]
    if any(_END_LINE.search(t) for t in texts):
        return "end"
    cols = max((len(r) for r in table.rows), default=0)
    if cols <= 1:
        return "box"
    if leading and (table.borderless or any(_is_red(p.color) for p in paras)) and (
            any(_MASTHEAD_CELL.search(t) for t in texts) or any(_is_red(p.color) for p in paras)):
        return "masthead"
    if any(p.has_image for p in paras) and all(len(t) <= 80 for t in texts):
        return "pictures"  # photos laid out in a table, their captions beside or under them
    return "figures"


def _paras(block):
    if isinstance(block, Para):
        yield block
    else:
        for row in block.rows:
            for cell in row:
                for b in cell:
                    yield from _paras(b)


def _table_lines(table: Table, kind: str, out: list[Line], counter: list[int]) -> None:
    cols = max((len(r) for r in table.rows), default=0)
    info = TableInfo(table.index, kind, len(table.rows), cols)
    if kind in ("end", "box", "pictures") and not (kind == "end" and _cells_are_fields(table)):
        for row in table.rows:
            for cell in row:
                for block in cell:
                    _block_lines(block, kind, out, counter, info)
        return
    first = True
    classified: list[Line] = []  # a masthead's classification lines, read before the rest
    start = len(out)
    for row in table.rows:
        # one line per row: the cells' texts (each cell's paragraphs joined) side by side;
        # in a masthead a classification cell (内部资料, 注意保存) or the red name is a line
        # of its own (the name's cell often spans two rows beside 内部资料 / 注意保存), and
        # the classification lines come first (内部资料 / 注意保存 read as one classification)
        groups: list[list[tuple[str, list[Para], list[int]]]] = [[]]
        for cell in row:
            texts, paras, numbers = [], [], []
            for p in (p for b in cell for p in _paras(b)):
                counter[0] += 1
                numbers.append(counter[0])
                paras.append(p)
                if p.text.strip():
                    texts.append(_join_breaks(p.text).strip())
            if not texts:
                continue
            entry = ("\u3000".join(texts), paras, numbers)
            if kind == "masthead" and (_CLASSIFICATION.match(entry[0])
                                       or any(_is_red(p.color) for p in paras)):
                groups += [[entry], []]
            else:
                groups[-1].append(entry)
        sep = "\u3000\u3000" if kind in ("masthead", "end") else CELL_SEPARATOR
        for group in (g for g in groups if g):
            paras = [p for _, ps, _ in group for p in ps]
            numbers = [n for _, _, ns in group for n in ns]
            lead = next((p for p in paras if p.text.strip()), paras[0])
            line = Line(sep.join(t for t, _, _ in group), lead, numbers[paras.index(lead)],
                        "whole", replace(info, first_row=first))
            first = False
            if kind == "masthead" and len(group) == 1 and _CLASSIFICATION.match(line.text):
                classified.append(line)
            else:
                out.append(line)
    out[start:start] = classified


def _cells_are_fields(table: Table) -> bool:
    """An end-block table of two or more columns whose cells hold one line each: a row is one
    entry (报送： | 市委办公室, the print unit | its date 印发, credits | 共印X份)."""
    if max((len(r) for r in table.rows), default=0) < 2:
        return False
    for row in table.rows:
        for cell in row:
            if sum(1 for b in cell for p in _paras(b) if p.text.strip()) > 1:
                return False
    return True


def _block_lines(block, kind: str, out: list[Line], counter: list[int], info: TableInfo) -> None:
    if isinstance(block, Para):
        counter[0] += 1
        start = len(out)
        _para_lines(block, counter[0], out)
        for line in out[start:]:
            line.table = info
    else:  # a table inside an end-block cell: its paragraphs in order
        for row in block.rows:
            for cell in row:
                for b in cell:
                    _block_lines(b, kind, out, counter, info)


def _para_lines(p: Para, number: int, out: list[Line]) -> None:
    pieces = _split_breaks(p.text)
    first = pieces[0]
    runin = _runin(p, first)
    if runin and not _item_may_start(out, runin[1]):
        runin = None  # a bold start inside an article is emphasis, not a 简讯 title
    if runin:
        title, rest = runin
        out.append(Line(title, p, number, "runin_title"))
        out.append(Line(rest, p, number, "runin_rest"))
    else:
        out.append(Line(first, p, number))
    for piece in pieces[1:]:
        out.append(Line(piece, p, number, "continued"))


_ITEM_SOURCE = re.compile(r"[（(][^（()）]{1,40}[)）]\s*$")


def _item_may_start(out: list[Line], rest: str) -> bool:
    """Where a 简讯 item may start: its paragraph ends in a source (…), or the line before
    it is no running text of an article: the start of the body, a column heading (【…】, a
    heading style, a short line), a source, another item."""
    if _ITEM_SOURCE.search(rest):
        return True
    last = next((ln for ln in reversed(out) if ln.text.strip()), None)
    if last is None or last.part == "runin_rest":
        return True
    text, p = last.text.strip(), last.para
    if p.align == "center" and not p.heading:
        return False  # the article's title (or a caption): its text follows
    return (text.startswith("【") or bool(p.heading) or _ITEM_SOURCE.search(text) is not None
            or p.align == "right" or (len(text) <= 20 and not text.endswith(("。", "！", "？", "；"))))


def _split_breaks(text: str) -> list[str]:
    """A paragraph's text at its soft breaks: a new piece where typed indentation follows."""
    parts = text.split("\n")
    pieces = [parts[0]]
    for part in parts[1:]:
        if _INDENT.match(part) and part.strip() and pieces[-1].strip():
            pieces.append(part)
        else:
            pieces[-1] = _join(pieces[-1], part)
    return pieces


def _join_breaks(text: str) -> str:
    out = ""
    for i, part in enumerate(text.split("\n")):
        out = part if i == 0 else _join(out, part)
    return out


def _join(left: str, right: str) -> str:
    a, b = left.rstrip(), right.lstrip()
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b if a or b else ""


def _runin(p: Para, text: str) -> tuple[str, str] | None:
    """(title, rest) when the paragraph starts with a bold title run into its text."""
    if p.bold or p.bold_lead <= 0 or p.heading:
        return None
    lead = text[: p.bold_lead]
    title = lead.strip()
    rest = text[p.bold_lead:].strip()
    if len(title) < 4 or len(title) > 60 or not rest or _ENUM.match(title):
        return None
    if title.endswith(("：", ":", "，", ",", "、")) or title.startswith(("编者按", "【")) \
            or rest[0] in "，,：:；;、。．.！!？?）)”’":
        return None  # the bold run ends inside a sentence (会议指出，…): emphasis
        return None
    if p.label or _END_LINE.search(title):
        return None
    return title.rstrip("。．.").strip(), rest
