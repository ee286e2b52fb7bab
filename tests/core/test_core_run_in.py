"""简讯 items (issue 14): a title run in at the start of its only paragraph is printed so.

The parser marks such an article ``run_in`` (``市总召开主席例会。4月6日，……``). Offices print
it as a run-in title: the title in bold with its 。, then the text, in one paragraph on the
body's lines, not as a centred title. Checked on the parser fixtures as a reader sees the
files: the printed elements, the display list, the PDF's lines and its stroked (bold)
glyphs, the DOCX's paragraphs and runs; a changed ``[roles.runin_title]`` reaches both;
the layout is compared with a golden dump on a fixed metric (BX_UPDATE_GOLDENS=1 writes it).
"""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

import docx
import pdfplumber
import pytest

from bulletin_export.layout import display_list, layout_issue
from bulletin_export.parser import parse_file
from bulletin_export.printed import elements
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.docx import DocxRenderer
from bulletin_export.renderers.pdf import PdfRenderer

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "parser" / "fixtures" / "brief-run-in.txt"
GOLDEN = Path(__file__).parent / "goldens" / "brief-run-in.layout.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLES = ["市总召开主席例会。", "昆山推进工资集体协商。", "太仓开展职工读书活动。"]
STYLE = """\
base = "bulletin"
description = "test: run-in titles in heiti"

[roles.runin_title]
font = "heiti"
"""


@pytest.fixture(scope="module")
def built():
    issue = parse_file(FIXTURE).issue
    assert all(a.run_in for s in issue.sections for a in s.articles)
    ctx = RenderContext(source_date_epoch=1700000000)
    return issue, ctx, PdfRenderer().render(issue, ctx), DocxRenderer().render(issue, ctx)


def test_elements_give_the_title_its_stop_and_the_run_in_role(built):
    issue, ctx, _, _ = built
    titles = [e for e in elements(issue, ctx.style) if e.kind == "article.title"]
    assert [(e.role, e.text, e.runs_in) for e in titles] == [
        ("runin_title", t, True) for t in TITLES]
    assert ctx.style.roles["runin_title"].bold


def test_display_list_sets_the_title_at_the_start_of_the_first_line(built):
    issue, ctx, _, _ = built
    dl = display_list(issue, ctx.style, ctx.fonts)
    runs = [r for p in dl.pages for r in p.runs]
    assert not [r for r in runs if r.role == "title"]
    pitch = ctx.style.char_pitch
    left = ctx.style.page.margin_left
    for a, title in enumerate(TITLES):
        head = [r for r in runs if r.element == f"article.{a}.title"]
        assert ["".join(r.text for r in head)] == [title] and head[0].bold
        assert head[0].x[0] == pytest.approx(left + 2 * pitch, abs=0.01)  # the body's indent
        body = [r for r in runs if r.element == f"article.{a}.paragraph.0"]
        first = [r for r in body if r.baseline == head[0].baseline]
        assert first and not any(r.bold for r in body)
        assert min(r.x[0] for r in first) > head[0].x[-1]  # the text follows on the line
    assert [(b.title, b.level) for b in dl.bookmarks[1:]] == [(t[:-1], 1) for t in TITLES]


def _stroked_glyphs(pdf_bytes: bytes) -> int:
    """How many glyphs the PDF shows in render mode 2 (its synthetic bold)."""
    import pypdf
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    n = 0
    for page in reader.pages:
        mode = [0]
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                mode.append(mode[-1])
            elif op == b"Q":
                mode.pop()
            elif op == b"Tr":
                mode[-1] = int(operands[0])
            elif op in (b"Tj", b"TJ") and mode[-1] == 2:
                strings = operands[0] if op == b"TJ" else [operands[0]]
                n += sum(len(bytes(s.original_bytes)) // 2 for s in strings
                         if hasattr(s, "original_bytes"))
    return n


def _pdf_lines(pdf_bytes: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [ln["text"].replace(" ", "") for p in pdf.pages
                for ln in p.extract_text_lines()]


def test_pdf_prints_each_title_bold_at_the_start_of_its_paragraph(built):
    _, _, pdf, _ = built
    lines = _pdf_lines(pdf)
    for title in TITLES:
        assert any(ln.startswith(title) and len(ln) > len(title) for ln in lines), title
        assert title.rstrip("。") not in lines  # no centred title line of its own
    assert _stroked_glyphs(pdf) == sum(len(t) for t in TITLES)


def _body_paragraphs(document):
    return [p for p in document.paragraphs if p.style.style_id == "BulletinBody"]


def test_docx_starts_each_paragraph_with_a_bold_title_run(built):
    _, _, _, data = built
    document = docx.Document(io.BytesIO(data))
    assert not [p for p in document.paragraphs if p.style.style_id == "BulletinTitle"]
    paras = _body_paragraphs(document)
    assert [p.runs[0].text for p in paras] == TITLES
    for p in paras:
        assert p.runs[0].style.style_id == "BulletinRunInTitle"
        assert p.runs[0].style.font.bold and not p.runs[1].style.font.bold
        assert len(p.text) > len(p.runs[0].text)


def test_a_changed_run_in_role_reaches_pdf_and_docx(tmp_path):
    style = tmp_path / "runin-heiti.toml"
    style.write_text(STYLE, encoding="utf-8")
    issue = parse_file(FIXTURE).issue
    ctx = RenderContext(style_name=str(style), source_date_epoch=1)
    heiti = ctx.fonts.face("heiti").family
    with pdfplumber.open(io.BytesIO(PdfRenderer().render(issue, ctx))) as pdf:
        chars = [c for p in pdf.pages for c in p.chars if not c["text"].isspace()]
    text = "".join(c["text"] for c in chars)
    fonts = {c["fontname"].partition("+")[2] or c["fontname"]
             for t in TITLES for c in chars[text.find(t):text.find(t) + len(t)]}
    body = {c["fontname"].partition("+")[2] or c["fontname"]
            for c in chars[text.find("今年以来"):text.find("今年以来") + 4]}
    assert len(fonts) == 1 and fonts != body
    assert fonts.pop().startswith(heiti.replace(" ", ""))
    document = docx.Document(io.BytesIO(DocxRenderer().render(issue, ctx)))
    rpr = document.styles.element.find(f"{W}style[@{W}styleId='BulletinRunInTitle']/{W}rPr")
    assert rpr.find(f"{W}rFonts").get(f"{W}eastAsia") == ctx.style.fonts["heiti"].official


def _fixed_metric(text: str, role: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in text)


def _dump(layout) -> str:
    """page, row, x, role, the line's text, and the parts of a line holding several."""
    out = []
    for page in layout.pages:
        out.append(f"== page {page.number}")
        for pl in page.lines:
            x = pl.x + pl.line.glyphs[0].x if pl.line.glyphs else pl.x
            parts = " | ".join(":".join(map(str, p)) for p in pl.parts)
            out.append(f"{pl.row:5.1f} {x:7.2f} {pl.role:<14} {pl.line.text}"
                       + (f"   [{parts}]" if parts else ""))
    return "\n".join(out) + "\n"


def test_layout_matches_golden(built):
    issue, ctx, _, _ = built
    text = _dump(layout_issue(issue, ctx.style, _fixed_metric))
    if os.environ.get("BX_UPDATE_GOLDENS") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
        return
    assert GOLDEN.exists(), f"golden {GOLDEN} is missing: write it with BX_UPDATE_GOLDENS=1"
    assert text == GOLDEN.read_text(encoding="utf-8")
