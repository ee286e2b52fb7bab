"""A source after a picture caption is printed on a line of its own, never run onto the caption.

`（图为竞赛现场）` then `（市总宣教部）`: the parser keeps the caption as the article's last
block and the source as its source; appended to the caption the two would read as one
caption, （图为竞赛现场）（市总宣教部）. Checked in the printed elements, the PDF's lines and
the DOCX's paragraphs (fixture tests/parser/fixtures/caption-before-source-line.txt).
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pdfplumber
import pytest

from bulletin_export.parser import parse_file
from bulletin_export.printed import elements
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.docx import DocxRenderer
from bulletin_export.renderers.pdf import PdfRenderer

FIXTURE = Path(__file__).resolve().parents[1] / "parser" / "fixtures" / "caption-before-source-line.txt"
PAIRS = [("（图为竞赛现场）", "（市总宣教部）"), ("图为协商签约现场", "（昆山市总工会）")]


@pytest.fixture(scope="module")
def built():
    issue = parse_file(FIXTURE).issue
    assert [a.paragraphs[-1].kind for a in issue.sections[0].articles] == ["caption", "caption"]
    ctx = RenderContext(source_date_epoch=1)
    return issue, ctx, PdfRenderer().render(issue, ctx), DocxRenderer().render(issue, ctx)


def test_the_source_after_a_caption_is_an_element_of_its_own_line(built):
    issue, ctx, _, _ = built
    sources = [e for e in elements(issue, ctx.style) if e.kind == "article.source"]
    assert [(e.text, e.role, e.joins) for e in sources] == [
        (src, "source", False) for _, src in PAIRS]


def test_pdf_prints_caption_and_source_on_separate_lines(built):
    _, ctx, pdf, _ = built
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        lines = [(ln["text"].replace(" ", ""), ln["x1"]) for ln in page.extract_text_lines()]
    texts = [t for t, _ in lines]
    right = ctx.style.page.width - ctx.style.page.margin_right
    for caption, source in PAIRS:
        assert caption in texts and source in texts, texts
        x1 = dict(lines)[source]
        assert x1 == pytest.approx(right, abs=2.0)  # right-aligned on its own line


def test_docx_prints_the_source_in_a_paragraph_of_its_own(built):
    document = docx.Document(io.BytesIO(built[3]))
    texts = [p.text for p in document.paragraphs]
    for caption, source in PAIRS:
        assert caption in texts and source in texts, texts
