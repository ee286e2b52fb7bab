"""A style change of what prints reaches PDF and DOCX alike (issue 12), asserted on both files.

With ``[roles.copies] font="heiti" bold=true`` and the end block in 楷体, the PDF draws
共印X份 in the face of the 黑体 column headings, stroked (its synthetic bold), and the
报/送/发 lines in the face of the 楷体 subtitles; the DOCX gives 共印X份 the copies role's 黑体 bold (in its own
paragraph, or in its own run at a tab on the last distribution line) and the distribution
lines 楷体. Nothing is relabelled: each file is read back as a reader would.
"""

from __future__ import annotations

import io

import docx
import pdfplumber
import pytest

from bulletin_export.parser import parse_file, parse_text
from bulletin_export.printed import heading_text
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.docx import DocxRenderer
from bulletin_export.renderers.pdf import PdfRenderer

STYLE = """\
base = "bulletin"
description = "test: copies in bold heiti, the end block in kaiti"

[roles.copies]
font = "heiti"
bold = true

[roles.end_block]
font = "kaiti"
"""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def style_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("style") / "copies-heiti.toml"
    path.write_text(STYLE, encoding="utf-8")
    return path


#: The seed's 本期印发 line made longer, so that 共印80份 gets a line of its own.
LONG_END = "市各有关部门、各直属单位工会、各基层工会和企业工会（共印80份）"


@pytest.fixture(scope="module", params=["at a tab", "own line"])
def built(request, style_path, seed_path, masthead_path):
    """(issue, PDF bytes, DOCX bytes, context, placement): the masthead sample prints
    共印X份 at a tab on its last distribution line; the seed, its last line made longer,
    on a line of its own."""
    if request.param == "at a tab":
        issue = parse_file(masthead_path).issue
    else:
        text = seed_path.read_text(encoding="utf-8").rstrip("\n")
        issue = parse_text(text.replace("市各有关部门", LONG_END)).issue
        assert issue.copies == 80
    ctx = RenderContext(style_name=str(style_path), source_date_epoch=1700000000)
    return (issue, PdfRenderer().render(issue, ctx), DocxRenderer().render(issue, ctx), ctx,
            request.param)


def _pdf_fonts(pdf_bytes: bytes, text: str) -> set[str]:
    """The font names of the CJK characters (not digits: they are set in the Latin face) of
    every occurrence of ``text`` in the PDF."""
    out: set[str] = set()
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if not c["text"].isspace()]
            line = "".join(c["text"] for c in chars)
            start = line.find(text)
            while start >= 0:
                out |= {c["fontname"] for c in chars[start:start + len(text)]
                        if ord(c["text"]) >= 0x2E80}
                start = line.find(text, start + 1)
    return out


def test_pdf_prints_copies_and_end_block_in_their_changed_faces(built):
    issue, pdf, _, ctx, _ = built
    copies = f"共印{issue.copies}份"
    heading = next(heading_text(s.heading) for s in issue.sections if s.heading)
    heiti = _pdf_fonts(pdf, heading)  # a column heading: 黑体
    body = _pdf_fonts(pdf, issue.sections[0].articles[0].paragraphs[0].text[:20])  # 仿宋
    assert len(heiti) == len(body) == 1 and heiti != body
    assert _pdf_fonts(pdf, copies) == heiti
    entry = issue.distribution[-1]
    kaiti = _pdf_fonts(pdf, entry.label + "：" + entry.recipients[:4])
    assert len(kaiti) == 1 and kaiti != heiti and kaiti != body
    subtitle = next(a.subtitle for s in issue.sections for a in s.articles if a.subtitle)
    assert ctx.style.roles["subtitle"].font == "kaiti"
    assert _pdf_fonts(pdf, subtitle) == kaiti  # the face of the 楷体 subtitles


def _runs(document):
    """(text, style id of the run or its paragraph, rPr of the run's effective style)."""
    paragraphs = list(document.paragraphs)
    paragraphs += [p for t in document.tables for c in t._cells for p in c.paragraphs]
    for p in paragraphs:
        for r in p.runs:
            rstyle = r._r.rPr.rStyle.val if r._r.rPr is not None and r._r.rPr.rStyle is not None \
                else None
            yield r.text, rstyle, p.style.style_id


def _style_rpr(document, style_id: str):
    st = document.styles.element.get_by_id(style_id)
    return st.find(f"{W}rPr")


def test_docx_prints_copies_in_its_own_run_or_paragraph_in_the_changed_look(built):
    issue, _, docx_bytes, ctx, where = built
    document = docx.Document(io.BytesIO(docx_bytes))
    copies = f"共印{issue.copies}份"
    holders = [(rs, ps) for text, rs, ps in _runs(document) if copies in text]
    assert len(holders) == 1
    rstyle, pstyle = holders[0]
    (text,) = [t for t, rs, ps in _runs(document) if copies in t]
    assert text.strip() == copies  # never after a tab inside the end-block run
    rpr = _style_rpr(document, rstyle or pstyle)
    fonts = rpr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == ctx.style.fonts["heiti"].official == "黑体"
    assert rpr.find(f"{W}b") is not None
    if where == "at a tab":  # a run of its own in the copies role's character style
        assert (rstyle, pstyle) == ("BulletinCopiesChar", "BulletinEndBlock")
        assert text == "\t" + copies
    else:  # a paragraph of its own in the copies role's style
        assert (rstyle, pstyle) == (None, "BulletinCopies")


def test_docx_prints_the_distribution_in_the_changed_face(built):
    issue, _, docx_bytes, ctx, where = built
    document = docx.Document(io.BytesIO(docx_bytes))
    entry = issue.distribution[-1]
    styles = {ps for text, rs, ps in _runs(document) if entry.recipients[:6] in text}
    assert styles == {"BulletinEndBlock"}
    fonts = _style_rpr(document, "BulletinEndBlock").find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == ctx.style.fonts["kaiti"].official == "楷体_GB2312"
    copies_rpr = _style_rpr(document, "BulletinCopies")
    assert copies_rpr.find(f"{W}rFonts").get(f"{W}eastAsia") == "黑体"


def _stroked_fonts(pdf_bytes: bytes) -> set[str]:
    """The fonts (BaseFont, as pdfplumber names them) of text shown in render mode 2 (fill
    and stroke: the PDF drawer's synthetic bold)."""
    import pypdf
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    out: set[str] = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        mode, font = [0], None
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                mode.append(mode[-1])
            elif op == b"Q":
                mode.pop()
            elif op == b"Tr":
                mode[-1] = int(operands[0])
            elif op == b"Tf":
                font = str(fonts[operands[0]].get_object()["/BaseFont"]).lstrip("/")
            elif op in (b"Tj", b"TJ", b"'", b'"') and mode[-1] == 2:
                out.add(font)
    return out


def test_pdf_draws_the_bold_copies_role_bold(built, masthead_path):
    """bold=true reaches the PDF: the only bold role (copies) is stroked, in its 黑体 face;
    with the default style nothing is."""
    issue, pdf, _, _, _ = built
    copies = f"共印{issue.copies}份"
    drawn: set[str] = set()  # every face of 共印X份, the digits' Latin face too
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if not c["text"].isspace()]
            at = "".join(c["text"] for c in chars).find(copies)
            if at >= 0:
                drawn |= {c["fontname"] for c in chars[at:at + len(copies)]}
    assert _pdf_fonts(pdf, copies) <= _stroked_fonts(pdf) == drawn
    plain = parse_file(masthead_path).issue
    assert _stroked_fonts(PdfRenderer().render(plain, RenderContext(source_date_epoch=1))) == set()
