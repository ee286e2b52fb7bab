"""The print line (印发机关 left, 2012年4月29日印发 at a right tab) as the end block's last row.

Structure from python-docx; what LibreOffice draws from the session's one conversion
(``lo_pdfs["print_line"]``: the masthead sample with a print line after 发：… （共印120份））.
"""

from __future__ import annotations

import datetime as dt
import re

from docx_helpers import render
from docx.oxml.ns import qn

from bulletin_export.model import DistributionEntry, Issue
from bulletin_export.renderers.docx.styles import ROLE_STYLES

UNIT = "苏州市总工会办公室"
DATE = "2012年4月29日印发"
END_STYLE = ROLE_STYLES["end_block"][0]


def _last_row(document):
    return document.tables[0].rows[-1].cells[0].paragraphs


def _right_tab(paragraph) -> float:
    stops = paragraph.paragraph_format.tab_stops
    assert len(stops) == 1 and stops[0].alignment.name == "RIGHT"
    return stops[0].position.pt


def test_print_line_is_the_last_row_unit_then_date_at_a_right_tab(print_line_docx, print_line_issue,
                                                                   open_docx, style):
    assert print_line_issue.print_unit == UNIT and print_line_issue.copies == 120
    document = open_docx(print_line_docx)
    table = document.tables[0]
    # a row per distribution entry, then the print line's own row (insideH: a thin rule above it)
    assert len(table.rows) == len(print_line_issue.distribution) + 1
    (p,) = _last_row(document)
    assert (p.style.name, p.text) == (END_STYLE, f"{UNIT}\t{DATE}")
    role = style.roles["end_block"]
    assert abs(_right_tab(p) - (style.block_width - role.indent_right * role.size)) < 0.1
    assert p._p.pPr.find(qn("w:ind")) is None  # no hanging indent: the style's one character in
    # 共印 keeps its place at the right of the last distribution line
    assert table.rows[-2].cells[0].paragraphs[-1].text.endswith("\t共印120份")


def test_date_alone_stands_at_the_right_tab(open_docx):
    issue = Issue(distribution=(DistributionEntry("发", "各市、区总工会"),), print_date=dt.date(2012, 4, 29))
    (p,) = _last_row(open_docx(render(issue)))
    assert (p.style.name, p.text) == (END_STYLE, f"\t{DATE}")
    assert _right_tab(p) > 0


def test_print_line_alone_is_a_one_row_table(open_docx):
    document = open_docx(render(Issue(print_unit=UNIT, print_date=dt.date(2012, 4, 29))))
    assert len(document.tables[0].rows) == 1
    assert [p.text for p in _last_row(document)] == [f"{UNIT}\t{DATE}"]


def test_a_unit_too_long_for_one_line_gets_its_own_paragraph(open_docx):
    unit = "中华全国总工会江苏省苏州市总工会机关办公室宣传教育部"
    document = open_docx(render(Issue(print_unit=unit, print_date=dt.date(2012, 4, 29))))
    assert [p.text for p in _last_row(document)] == [unit, f"\t{DATE}"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_libreoffice_prints_it_last_between_thin_and_thick_rule(lo_pdfs, print_line_issue, style):
    page = lo_pdfs["print_line"].pages[-1]
    p = style.page
    left, right, char = p.margin_left, p.width - p.margin_right, style.roles["end_block"].size
    (line,) = [ln for ln in page.lines if _squash(ln.text) == UNIT + DATE]  # one line, both parts
    assert abs(line.x0 - (left + char)) < 2  # the unit one character in
    assert abs(line.x1 - (right - char)) < 2  # the date one character in from the right
    rules = sorted((r for r in page.rules if r.x1 - r.x0 > 400), key=lambda r: r.y)
    last, above = rules[-1], rules[-2]
    assert abs(last.width - style.rules.end_thick) < 0.15
    assert abs(above.width - style.rules.end_thin) < 0.15
    assert above.y < line.top < last.y
    assert abs(last.y - (p.height - p.margin_bottom)) <= 2  # on the block's bottom edge
    copies = [ln for ln in page.lines if _squash(ln.text).endswith("共印120份")]
    assert copies and copies[0].top < above.y  # 共印 above the print line's rule
    # top and bottom thick, a thin rule under each distribution row (报, 送, 发), none other
    assert len(rules) == len(print_line_issue.distribution) + 2
