"""An end block taller than a page (75 recipients, QA r9): an ordinary table flowing over
pages, not a floating one clipped to one page. The short end blocks of the samples float.

What LibreOffice draws comes from the session's one conversion (``lo_pdfs["long_end"]``).
"""

from __future__ import annotations

import re

from docx_helpers import LONG_RECIPIENTS
from docx.oxml.ns import qn

_PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def _floats(document) -> bool:
    return document.tables[0]._tbl.tblPr.find(qn("w:tblpPr")) is not None


def test_long_end_block_is_a_flowing_table_whose_rows_may_split(long_end_docx, long_end_issue,
                                                                   open_docx):
    assert len(long_end_issue.distribution[0].recipients) > 800  # surely over 22 lines
    table = open_docx(long_end_docx).tables[0]
    assert not _floats(open_docx(long_end_docx))
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is None or tr_pr.find(qn("w:cantSplit")) is None


def test_short_end_blocks_still_float_at_the_bottom(seed_docx, masthead_docx, print_line_docx,
                                                    open_docx):
    for data in (seed_docx, masthead_docx, print_line_docx):
        document = open_docx(data)
        assert _floats(document)
        spec = document.tables[0]._tbl.tblPr.find(qn("w:tblpPr"))
        assert spec.get(qn("w:tblpYSpec")) == "bottom"


def test_every_recipient_and_the_copies_on_the_pages_in_libreoffice(lo_pdfs, style):
    doc = lo_pdfs["long_end"]
    assert len(doc.pages) >= 2
    text = re.sub(r"\s+", "", "".join(ln.text for pg in doc.pages for ln in pg.lines
                                      if not _PAGE_NUMBER.fullmatch(ln.text)))
    assert "本期印发：" + "、".join(LONG_RECIPIENTS) + "共印120份" in text
    page = style.page
    for n, pg in enumerate(doc.pages, start=1):
        for ln in pg.lines:
            if _PAGE_NUMBER.fullmatch(ln.text):
                continue  # the page number, in the bottom margin
            where = f"page {n}: {ln.text[:20]}"
            assert ln.top >= page.margin_top - 8, f"in the top margin: {where}"
            assert ln.top + ln.size <= page.height - page.margin_bottom + 4, f"below the block: {where}"
            assert page.margin_left - 2 <= ln.x0 and ln.x1 <= page.width - page.margin_right + 2, where
