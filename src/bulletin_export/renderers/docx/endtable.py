"""版记: the end block, a floating one-column table anchored to the bottom of the text block.

A floating table (``w:tblpPr w:vertAnchor="margin" w:tblpYSpec="bottom"``) stays on
the bottom edge of the block of the page its anchor paragraph is on, while the
text above it is edited; Word and WPS keep it there and LibreOffice imports it as
a frame with the same anchoring. The table's top and bottom borders are the thick
rules, the borders between distribution rows (报/送/发) the thin ones; 共印X份
stands at a right tab after the last one (on its last line when there is room), in a
run of its own in the copies role's character style, or else in a paragraph of its own.
Distribution lines hang after their label, so a wrapped line starts under the
first recipient. The print line (GB/T 9704 §7.4.3: 印发机关 at the left, the date
and 印发 at a right tab, each one character in) is the next row, under a thin rule,
and the credits (责任编辑：…　审核：…) the last row, under a thin rule.

An end block taller than a page cannot float (a frame is clipped to one page: it
would start in the top margin and run off the bottom edge); it is then an ordinary
table whose rows may split, flowing over pages after the text.
"""

from __future__ import annotations

import unicodedata

from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Emu, Pt

from ...model import Span
from ...printed import Element
from . import ooxml as x
from .story import Story, copies_run, paragraph, ppr
from .styles import grid_for


#: One paragraph of a row: (role, text, span, distribution label or "", copies at a tab or None).
_Para = tuple[str, str, "Span | None", str, "Element | None"]


def write_end_block(story: Story, items: "list[Element]", style) -> bool:
    """Append the end block (``items``: its printed elements) and the paragraph that anchors
    it; False when there is nothing to print."""
    by = {e.id: e for e in items}
    rows: list[list[_Para]] = [[(e.role, e.text, e.span, e.label, None)]
                               for e in items if e.kind == "end.entry"]
    copies = by.get("end.copies")
    if copies and not rows:
        rows.append([(copies.role, copies.text, None, "", None)])
    elif copies and _fits_after(rows[-1][-1][1], rows[-1][-1][3], copies.text, style):
        # At a right tab on the last distribution line, as the PDF prints it when there is room.
        role, text, span, label, _ = rows[-1][-1]
        rows[-1][-1] = (role, text, span, label, copies)
    elif copies:  # its own line under the last one, no rule
        rows[-1].append((copies.role, copies.text, None, "", None))
    printed = _print_line(by.get("end.print_line.unit"), by.get("end.print_line.date"), style)
    if printed:
        rows.append(printed)  # a thin rule above it, the closing thick rule under it
    credits = by.get("end.credits")
    if credits:  # 责任编辑：…　审核：…: the last row, under a thin rule
        rows.append([(credits.role, credits.text, None, "", None)])
    if not rows:
        return False
    width = x.twips(style.block_width)
    lines = sum(_line_count(text + (f"\t{tab.text}" if tab else ""), label, style)
                for paras in rows for _, text, _, label, tab in paras)
    floating = _fits_one_page(lines, style)
    tbl = CT_Tbl.new_tbl(len(rows), 1, _block_width(style))  # python-docx's new table
    _table_properties(tbl.tblPr, style, width, floating)
    for tr, paragraphs in zip(tbl.tr_lst, rows):
        tr_pr = tr.get_or_add_trPr()
        if floating:  # flowing, rows split as paragraphs do (widow/orphan control)
            x.child(tr_pr, "cantSplit", x.TRPR_ORDER)
        tc = tr.tc_lst[0]
        tc_pr = tc.get_or_add_tcPr()
        x.child(tc_pr, "tcW", x.TCPR_ORDER, w=width, type="dxa")
        first = tc.find(qn("w:p"))  # the empty paragraph every new cell starts with
        for role, text, span, label, tab in paragraphs:
            p = paragraph(role, text, span)
            tc.append(p)
            if label:
                _hang_after_label(p, label, style)
            if tab is not None:  # 共印X份 in its own run, in the copies role's look
                copies_run(p, tab)
            if "\t" in text or tab is not None:
                c = style.roles[tab.role if tab is not None else role]
                x.set_tabs(ppr(p),
                           [("right", x.twips(style.block_width - c.indent_right * c.size))])
        tc.remove(first)
    for col in tbl.tblGrid.findall(qn("w:gridCol")):
        col.set(qn("w:w"), str(width))
    story.blocks.append(tbl)
    _anchor_paragraph(story)
    return True


def _block_width(style) -> Emu:
    """The width python-docx gives a new table: the section's page width less its margins,
    read back as the section stores them (in twips, written as Pt(...).twips)."""
    def emu(pt: float) -> int:
        return Pt(pt).twips * 635
    page = style.page
    return Emu(emu(page.width) - emu(page.margin_left) - emu(page.margin_right))


def _print_line(unit: Element | None, date: Element | None, style) -> list[_Para]:
    """The print line's paragraphs: "unit<TAB>date印发" when both fit on one line, else the
    unit and "<TAB>date印发" apart; the date alone at the tab; the unit alone at the left."""
    if unit and date and _width(unit.text) + 1 + _width(date.text) + 2 <= _chars_per_line(style):
        return [(unit.role, f"{unit.text}\t{date.text}", None, "", None)]
    return [(e.role, text, None, "", None)
            for e, text in ((unit, unit and unit.text), (date, date and f"\t{date.text}")) if e]


def _width(text: str) -> float:
    """Width in characters: full-width 1, others 1/2."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def _chars_per_line(style) -> float:
    """Full-width characters on an end-block line, inside its indents."""
    role = style.roles["end_block"]
    return (style.block_width - (role.indent_left + role.indent_right) * role.size) / role.size


def _fits_after(text: str, label: str, copies: str, style, margin: float = 2.0) -> bool:
    """Whether 共印X份 fits on the last line of ``text`` (wrapped lines hanging after
    ``label``) with ``margin`` characters to spare.

    A greedy estimate (full-width characters 1, others 1/2, no 避头尾); the margin covers
    what kinsoku moves, so the tab is only used where Word and LibreOffice surely keep
    the copies on that line (a right tab that does not fit would split 共印 | 120份).
    Past three lines the estimate drifts too far (Latin runs kept whole, 避头尾), so
    a longer paragraph never takes the copies.
    """
    role, c = style.roles["end_block"], style.roles["copies"]
    used, room, lines = _last_line(text, label, style)
    if lines > 3:
        return False
    need = _width(copies)
    right_gap = (c.indent_right - role.indent_right) * c.size / role.size
    return used + 1 + need + margin <= room - right_gap


def _last_line(text: str, label: str, style) -> tuple[float, float, int]:
    """Greedy setting of an end-block paragraph (full-width characters 1, others 1/2, no
    避头尾), wrapped lines hanging after ``label``: (characters on the last line, the room
    of that line, number of lines)."""
    full = _chars_per_line(style)
    rest = full - len(label)
    used, room, lines = 0.0, full, 1
    for ch in text:
        w = _width(ch)
        if ch == "\t":
            w = 1.0
        if used + w > room:
            used, room, lines = 0.0, rest, lines + 1
        used += w
    return used, room, lines


def _line_count(text: str, label: str, style) -> int:
    """Estimated lines of an end-block paragraph (a 4号 line holds about
    (block width - 2 characters) / 14 pt characters)."""
    return _last_line(text, label, style)[2]


def _fits_one_page(lines: int, style) -> bool:
    """Whether an end block of about ``lines`` lines surely fits on a page: a line to spare
    for the rules, and a tenth more for what the greedy estimate misses (避头尾, Latin runs)."""
    return lines + 1 + lines // 10 <= style.page.lines_per_page


def _table_properties(tbl_pr, style, width: int, floating: bool = True) -> None:
    rules = style.rules
    if floating:
        x.child(tbl_pr, "tblpPr", x.TBLPR_ORDER, leftFromText=0, rightFromText=0,
                topFromText=0, bottomFromText=0, vertAnchor="margin", horzAnchor="page",
                tblpX=x.twips(style.page.margin_left), tblpYSpec="bottom")
        x.child(tbl_pr, "tblOverlap", x.TBLPR_ORDER, val="never")
    x.child(tbl_pr, "tblW", x.TBLPR_ORDER, w=width, type="dxa")
    x.child(tbl_pr, "jc", x.TBLPR_ORDER, val="center")
    x.child(tbl_pr, "tblInd", x.TBLPR_ORDER, w=0, type="dxa")
    borders = x.child(tbl_pr, "tblBorders", x.TBLPR_ORDER)
    x.set_border(borders, "top", rules.end_thick)
    for side in ("left", "right", "insideV"):
        x.child(borders, side, x.BORDER_ORDER, val="nil")
    x.set_border(borders, "bottom", rules.end_thick)
    x.set_border(borders, "insideH", rules.end_thin)
    x.child(tbl_pr, "tblLayout", x.TBLPR_ORDER, type="fixed")
    margins = x.child(tbl_pr, "tblCellMar", x.TBLPR_ORDER)
    for side in ("top", "left", "bottom", "right"):
        x.child(margins, side, x.BORDER_ORDER, w=0, type="dxa")
    x.child(tbl_pr, "tblLook", x.TBLPR_ORDER, val="0000", firstRow=0, lastRow=0, firstColumn=0,
            lastColumn=0, noHBand=1, noVBand=1)


def _hang_after_label(paragraph, label: str, style) -> None:
    """Indent wrapped lines so they start after ``label`` (报：; the label's drawn width)."""
    rs = style.roles["end_block"]
    advance = rs.size + grid_for(style).char_spacing / 20  # what each full-width character takes
    hang = x.twips(len(label) * advance)
    left = x.twips(rs.indent_left * rs.size) + hang
    x.child(ppr(paragraph), "ind", x.PPR_ORDER, leftChars=0, left=left, hangingChars=0,
            hanging=hang)


def _anchor_paragraph(story: Story) -> None:
    """The paragraph after the table (Word needs one): 1 pt high, so it never adds a page."""
    pr = ppr(story.add("end_block"))
    x.child(pr, "spacing", x.PPR_ORDER, before=0, after=0, line=20, lineRule="exact")
    rpr = x.child(pr, "rPr", x.PPR_ORDER)
    x.child(rpr, "sz", x.RPR_ORDER, val=2)
    x.child(rpr, "szCs", x.RPR_ORDER, val=2)
