"""A source never splits (QA r3): it ends the last body line when it fits there, decided on
the 28-cell grid as the PDF decides it, else it is a right-aligned body line of its own.

Structure from python-docx; the decision compared with the PDF layout; what LibreOffice
draws from the session's one conversion.
"""

from __future__ import annotations

import re

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from bulletin_export.printed import source_text
from bulletin_export.renderers.docx.story import source_fits
from bulletin_export.renderers.docx.styles import ROLE_STYLES

BODY_STYLE = ROLE_STYLES["body"][0]
R3 = "4月6日，市总工会召开主席例会，部署了下一阶段全市工会重点工作任务安排，要求各级工会认真抓好落实。"


def test_fits_on_the_grid(style):
    # 2 + 51 cells: 25 on the last line, 3 left for an 11-cell source, 13 for a 7-cell one
    assert not source_fits(R3, "（市总办公室、研究室）", style)
    assert source_fits("4月6日，市总工会召开例会。", "（市总办公室）", style)
    assert source_fits("一" * 19, "（" + "二" * 5 + "）", style)  # 2 + 19 + 7 = 28 cells
    assert not source_fits("一" * 19, "（" + "二" * 6 + "）", style)  # 29: the ） would hang
    assert not source_fits("一" * 20, "（" + "二" * 7 + "）", style)  # 31


def _articles(issue):
    return [a for sec in issue.sections for a in sec.articles if a.source and a.paragraphs]


def _own_sources(document) -> list[str]:
    """The sources on a line of their own: body paragraphs, right-aligned and not indented
    (the PDF draws them in the body's face; printed_texts checks that face's coverage)."""
    out = []
    for p in document.paragraphs:
        if re.fullmatch(r"（[^（）]+）", p.text):
            assert p.style.name == BODY_STYLE, p.text
            assert p.alignment == WD_ALIGN_PARAGRAPH.RIGHT, p.text
            assert p.paragraph_format.first_line_indent == 0, p.text
            out.append(p.text)
    return out


@pytest.mark.parametrize("which", ["seed", "masthead"])
def test_sources_on_their_own_line_exactly_where_the_pdf_puts_them(which, request, style,
                                                                    open_docx):
    pdf = pytest.importorskip("bulletin_export.renderers.pdf")
    from bulletin_export.renderers import RenderContext

    issue = request.getfixturevalue(f"{which}_issue")
    layout = pdf.layout_for(issue, RenderContext())
    lines = [pl.line for page in layout.pages for pl in page.lines]
    pdf_own = [ln.text for ln in lines if ln.text.startswith("（") and ln.text.endswith("）")]
    got = _own_sources(open_docx(request.getfixturevalue(f"{which}_docx")))
    assert pdf_own, "the sample has no source on its own line: nothing to judge"
    assert set(pdf_own) <= set(got)
    for src in set(got) - set(pdf_own):
        # the PDF ends a line with it only thanks to what Word and LibreOffice lack: a
        # hanging ）, punctuation in half a cell, or a line full to within one cell
        (ln,) = [ln for ln in lines if ln.text.endswith(src)]
        tight = ln.hang or any(g.squeeze for g in ln.glyphs) \
            or ln.extent > ln.left + ln.width - ln.cell
        assert tight, f"{src} on its own line in the DOCX, at the end of a loose line in the PDF"


@pytest.mark.parametrize("which", ["seed", "masthead"])
def test_no_line_ends_inside_a_source_in_libreoffice(which, request, lo_pdfs, style):
    issue = request.getfixturevalue(f"{which}_issue")
    document_own = _own_sources(request.getfixturevalue("open_docx")(
        request.getfixturevalue(f"{which}_docx")))
    lines = [re.sub(r"\s+", "", ln.text) for page in lo_pdfs[which].pages for ln in page.lines]
    right = style.page.width - style.page.margin_right
    for art in _articles(issue):
        src = source_text(art.source)
        holding = [ln for ln in lines if src in ln]
        assert holding, f"{src} split over lines or missing"
        for a, b in zip(lines, lines[1:]):
            for k in range(1, len(src)):
                assert not (a.endswith(src[:k]) and b.startswith(src[k:])), \
                    f"a line ends inside {src}: {a}"
    for page in lo_pdfs[which].pages:
        for ln in page.lines:
            if re.sub(r"\s+", "", ln.text) in document_own:
                assert abs(ln.x1 - right) < 3, f"own-line source not right-aligned: {ln.text}"
