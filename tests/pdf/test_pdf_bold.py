"""A bold style role is drawn bold in the PDF: glyphs of a face that is not bold itself get a
synthetic bold (filled and stroked, 0.02 em, the OFD renderer's stroke); other lines stay
plain, and the rules keep their own widths."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from bulletin_export.layout import display_list
from bulletin_export.parser import parse_file
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.pdf import PdfRenderer
from bulletin_export.renderers.pdf_draw import BOLD_STROKE

STYLE = 'base = "bulletin"\n[roles.copies]\nfont = "heiti"\nbold = true\n'


@pytest.fixture(scope="module")
def bold_copies(tmp_path_factory, masthead_path):
    style = tmp_path_factory.mktemp("bold") / "bold-copies.toml"
    style.write_text(STYLE, encoding="utf-8")
    ctx = RenderContext(style_name=str(style), source_date_epoch=0)
    issue = parse_file(masthead_path).issue
    return ctx, issue, PdfRenderer().render(issue, ctx)


def _contents(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [p.get_contents().get_data().decode("latin-1") for p in reader.pages]


def test_bold_role_is_stroked_and_nothing_else(bold_copies):
    ctx, issue, data = bold_copies
    dl = display_list(issue, ctx.style, ctx.fonts)
    bold = [r for p in dl.pages for r in p.runs if r.bold]
    assert bold and {r.element for r in bold} == {"end.copies"}
    assert not ctx.fonts.face("heiti").style.lower().count("bold")  # WenQuanYi: no bold face
    pages = _contents(data)
    objects = [t for page in pages for t in re.findall(r"(?:q [^q]*?)?BT .*? ET(?: Q)?", page)]
    stroked = [t for t in objects if " 2 Tr " in t]
    assert len(stroked) == 1  # the one line holding 共印120份
    size = ctx.style.roles["copies"].size
    w = f"{BOLD_STROKE * size:.4f}".rstrip("0").rstrip(".")
    assert stroked[0].startswith(f"q 0 0 0 RG {w} w BT") and stroked[0].endswith("ET Q")
    assert all(" Tr " not in t for t in objects if t is not stroked[0])


def test_text_of_a_bold_line_still_extracts(bold_copies):
    _, _, data = bold_copies
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "共印120份" in text.replace(" ", "")
