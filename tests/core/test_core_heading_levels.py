"""In-article heading levels (issue 14) and the credits line, printed alike in PDF and DOCX.

The fixture has all four GB/T 9704 levels (一、 黑体, （一） 楷体, 1. and （1） 仿宋) between
body paragraphs, and a credits line (责任编辑：…　审核：…) in its end block. Each level is
checked in the PDF's fonts (pdfplumber: the face of a level's characters is the face of
text known to be in that font) and in the DOCX's paragraph styles (一级标题 … 四级标题 with
the level's East Asian font); the layout is compared with a golden text dump on a fixed
metric (write it with BX_UPDATE_GOLDENS=1 and read the diff; this test never writes it).
"""

from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

import docx
import pdfplumber
import pytest

from bulletin_export.layout import dump, layout_issue
from bulletin_export.parser import parse_file
from bulletin_export.printed import elements
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.docx import DocxRenderer
from bulletin_export.renderers.pdf import PdfRenderer

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "heading-levels.txt"
GOLDEN = HERE / "goldens" / "heading-levels.layout.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: level -> (DOCX style name, styleId, the font role GB/T 9704 gives it)
LEVELS = {1: ("一级标题", "BulletinHeading1", "heiti"), 2: ("二级标题", "BulletinHeading2", "kaiti"),
          3: ("三级标题", "BulletinHeading3", "fangsong"),
          4: ("四级标题", "BulletinHeading4", "fangsong")}


@pytest.fixture(scope="module")
def built():
    issue = parse_file(FIXTURE).issue
    ctx = RenderContext(source_date_epoch=1700000000)
    return issue, ctx, PdfRenderer().render(issue, ctx), DocxRenderer().render(issue, ctx)


def _headings(issue) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for p in issue.sections[0].articles[0].paragraphs:
        if p.kind == "heading":
            out.setdefault(p.level, []).append(p.text)
    return out


def test_the_fixture_has_every_level(built):
    issue = built[0]
    assert sorted(_headings(issue)) == [1, 2, 3, 4]
    assert issue.credits == "责任编辑：张明　审核：李华"


def test_printed_elements_give_each_level_its_role(built):
    issue, ctx, _, _ = built
    roles = {e.text: e.role for e in elements(issue, ctx.style)}
    for level, texts in _headings(issue).items():
        assert {roles[t] for t in texts} == {f"heading_{level}"}
    assert ctx.style.roles["heading_1"].font == "heiti"
    assert ctx.style.roles["heading_2"].font == "kaiti"
    assert ctx.style.roles["heading_3"].font == ctx.style.roles["heading_4"].font == "fangsong"
    assert roles[issue.credits] == "end_block"


def _pdf_fonts(pdf_bytes: bytes, text: str) -> set[str]:
    """The font names of the CJK characters of ``text`` wherever the PDF draws it."""
    out: set[str] = set()
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if not c["text"].isspace()]
            line = "".join(c["text"] for c in chars)
            at = line.find(text)
            while at >= 0:
                out |= {c["fontname"] for c in chars[at:at + len(text)]
                        if unicodedata.east_asian_width(c["text"]) == "W"}
                at = line.find(text, at + 1)
    return out


def test_pdf_draws_each_level_in_its_font(built):
    issue, _, pdf, _ = built
    heiti = _pdf_fonts(pdf, "【工作动态】")  # the column heading: 黑体
    kaiti = _pdf_fonts(pdf, "编者按：职工服务体系建设")  # the editor's note: 楷体
    fangsong = _pdf_fonts(pdf, "今年以来，市总工会围绕")  # body text: 仿宋's stand-in
    assert all(len(f) == 1 for f in (heiti, kaiti, fangsong))
    assert len(heiti | kaiti | fangsong) == 3
    levels = _headings(issue)
    expected = {1: heiti, 2: kaiti, 3: fangsong, 4: fangsong}
    for level, texts in levels.items():
        for text in texts:
            assert _pdf_fonts(pdf, text) == expected[level], (level, text)
    assert _pdf_fonts(pdf, issue.credits.split("\u3000")[0]) == fangsong  # the end block: 仿宋


def test_pdf_prints_the_credits_as_the_end_blocks_last_line(built):
    issue, _, pdf, _ = built
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        last = doc.pages[-1]
        words = last.extract_text_lines()
    texts = [w["text"].replace(" ", "") for w in words]
    at = next(k for k, t in enumerate(texts) if t.startswith("责任编辑"))
    assert texts[at].replace("\u3000", "") == issue.credits.replace("\u3000", "")
    assert texts[at - 1].startswith("发：") and texts[at + 1].startswith("—")  # then the page number


def test_docx_styles_each_level(built):
    issue, ctx, _, docx_bytes = built
    document = docx.Document(io.BytesIO(docx_bytes))
    by_text = {p.text: p for p in document.paragraphs}
    for level, texts in _headings(issue).items():
        name, style_id, font_role = LEVELS[level]
        for text in texts:
            p = by_text[text]
            assert (p.style.name, p.style.style_id) == (name, style_id)
            assert not p.runs[0]._r.rPr  # no direct formatting: the style says it all
        rpr = document.styles.element.get_by_id(style_id).find(f"{W}rPr")
        east_asia = rpr.find(f"{W}rFonts").get(f"{W}eastAsia")
        assert east_asia == ctx.style.fonts[font_role].official
        ppr = document.styles.element.get_by_id(style_id).find(f"{W}pPr")
        assert ppr.find(f"{W}keepNext") is not None  # never alone at the foot of a page
        assert ppr.find(f"{W}ind").get(f"{W}firstLineChars") == "200"
    assert {LEVELS[n][0] for n in (1, 2, 3, 4)} <= {s.name for s in document.styles}


def test_docx_prints_the_credits_as_the_end_blocks_last_row(built):
    issue, _, _, docx_bytes = built
    document = docx.Document(io.BytesIO(docx_bytes))
    (table,) = document.tables
    last = table.rows[-1].cells[0].paragraphs
    assert [p.text for p in last] == [issue.credits]
    assert last[0].style.name == "简报版记"


def _fixed_metric(text: str, role: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in text)


def test_layout_matches_golden(built):
    issue, ctx, _, _ = built
    text = dump(layout_issue(issue, ctx.style, _fixed_metric))
    if os.environ.get("BX_UPDATE_GOLDENS") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
        return
    assert GOLDEN.exists(), f"golden {GOLDEN} is missing: write it with BX_UPDATE_GOLDENS=1"
    assert text == GOLDEN.read_text(encoding="utf-8")
