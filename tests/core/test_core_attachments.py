"""Attachment lines (附件：…) after an article's source: the source stays where it was written,
at the end of the text, and the attachment lines follow; it was printed at the end of the
last attachment line (附件：二季度安全隐患整改清单（安全环保部）), as if it were the list's.
Checked in the printed elements, the PDF's lines and the DOCX's paragraphs."""

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

FIXTURES = Path(__file__).resolve().parents[1] / "parser" / "fixtures"
CASES = {"attachment-after-source": ["附件：二季度安全隐患整改清单"],
         "attachment-after-source-line": ["附件1：二季度安全隐患整改清单", "附件2：整改责任分工表"]}
TEXT_END = "检查中发现的隐患。（安全环保部）"


@pytest.fixture(scope="module", params=sorted(CASES))
def built(request):
    issue = parse_file(FIXTURES / f"{request.param}.txt").issue
    ctx = RenderContext(source_date_epoch=1)
    return (CASES[request.param], issue, ctx, PdfRenderer().render(issue, ctx),
            DocxRenderer().render(issue, ctx))


def test_the_source_element_comes_before_the_attachment_lines(built):
    attachments, issue, ctx, _, _ = built
    kinds = [(e.kind, e.text) for e in elements(issue, ctx.style) if e.part == "article"]
    order = [k for k, _ in kinds]
    assert order.index("article.source") < order.index("article.paragraph", 2)
    assert [t for k, t in kinds if k == "article.paragraph"][1:] == attachments


def test_pdf_prints_the_source_after_the_text_and_the_attachments_bare(built):
    attachments, _, _, pdf, _ = built
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        lines = [ln["text"].replace(" ", "") for ln in doc.pages[0].extract_text_lines()]
    assert TEXT_END in lines
    for a in attachments:
        assert a in lines


def test_docx_prints_the_source_after_the_text_and_the_attachments_bare(built):
    attachments, _, _, _, data = built
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert any(t.endswith(TEXT_END) for t in texts)
    for a in attachments:
        assert a in texts
