"""What the PDF renderer does with issues it cannot draw as they are."""

from __future__ import annotations

import io

import pypdf
import pytest

from bulletin_export.errors import FontError
from bulletin_export.model import Article, Issue, Paragraph, Section, Span
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.pdf import PdfRenderer

NO_GLYPH = "\U000F0041"  # plane-15 private use: no installed font draws it


def test_missing_glyph_is_an_error_with_line_and_column():
    para = Paragraph("正文里有一个" + NO_GLYPH + "字。", span=Span(7, 1, 7, 10))
    issue = Issue(sections=(Section(None, (Article("标题", paragraphs=(para,)),)),))
    with pytest.raises(FontError) as info:
        PdfRenderer().render(issue, RenderContext(source_date_epoch=0))
    message = str(info.value)
    assert "7:" in message and "U+F0041" in message.upper()


def test_minimal_issue_renders_one_page():
    issue = Issue(sections=(Section(None, (Article(None, paragraphs=(Paragraph("只有一句话。"),)),)),))
    data = PdfRenderer().render(issue, RenderContext(source_date_epoch=0))
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert data.startswith(b"%PDF-") and len(reader.pages) == 1
    assert reader.pages[0].extract_text().split() == ["只有一句话。", "—", "1", "—"]


def test_a_character_the_body_face_lacks_is_drawn_with_a_fallback_face(tmp_path):
    import pdfplumber

    ctx = RenderContext(source_date_epoch=0)
    body = ctx.fonts.face(ctx.style.roles["body"].font)
    # an ideograph the body face lacks and a later face of its chain has (from their cmaps)
    ch = next((chr(cp) for f in ctx.fonts.chain("fangsong")[1:] for cp in sorted(f.cmap - body.cmap)
               if 0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x2FFFF), None)
    if ch is None:
        pytest.skip("no installed font pair where the body face lacks a character another has")
    text = "姓" + ch + "的职工。"
    issue = Issue(sections=(Section(None, (Article(None, paragraphs=(Paragraph(text),)),)),))
    path = tmp_path / "fallback.pdf"
    path.write_bytes(PdfRenderer().render(issue, ctx))
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
        assert "".join(c["text"] for c in chars).startswith(text)
        fonts = {c["text"]: c["fontname"].split("+")[-1] for c in chars}
    assert fonts[ch] != fonts["姓"]
