"""A masthead name set on one line (QA r6): a name too long for 42 pt gets a smaller run
(printed.one_line_size, as the PDF), a short one keeps the style's size untouched."""

from __future__ import annotations

import math

from docx_helpers import LONG_NAME
from docx.oxml.ns import qn

from bulletin_export.printed import one_line_size
from bulletin_export.renderers.docx.styles import ROLE_STYLES

NAME_STYLE = ROLE_STYLES["masthead_name"][0]


def _name_paragraph(document):
    (p,) = [p for p in document.paragraphs if p.style.name == NAME_STYLE]
    return p


def test_long_name_run_is_smaller_so_that_it_fits_the_block(long_name_issue, long_name_docx,
                                                             open_docx, style):
    assert long_name_issue.masthead.name == LONG_NAME
    p = _name_paragraph(open_docx(long_name_docx))
    assert p.text == LONG_NAME and len(p.runs) == 1
    size = p.runs[0].font.size.pt
    assert size < style.roles["masthead_name"].size
    assert size == math.floor(2 * one_line_size(LONG_NAME, 42, style.block_width)) / 2
    assert size * len(LONG_NAME) <= style.block_width
    szcs = p.runs[0]._r.rPr.find(qn("w:szCs")).get(qn("w:val"))
    assert int(szcs) == int(size * 2)


def test_a_short_name_keeps_the_style_size(masthead_docx, open_docx):
    p = _name_paragraph(open_docx(masthead_docx))
    assert p.text == "工会工作简报"
    assert p.runs[0].font.size is None  # the style's 42 pt


def test_long_name_on_one_line_in_libreoffice(lo_pdfs, style):
    first = lo_pdfs["long_name"].pages[0]
    (line,) = [ln for ln in first.lines if LONG_NAME[:4] in ln.text]
    assert line.text == LONG_NAME
    page = style.page
    assert page.margin_left - 2 <= line.x0 and line.x1 <= page.width - page.margin_right + 2
    assert not any(ln.text.startswith("民政府") for ln in first.lines)
