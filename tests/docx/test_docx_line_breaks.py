"""Centred titles, subtitles and masthead names break where the PDF breaks them (a name
with Latin capitals is set small enough to stay on one line, as in the PDF), and an
editing unit too long to share its line with the date gets a line of its own, as in the PDF.

Word and LibreOffice fill a line before breaking: a 41-character title came out 20 + 20 + 1
(a lone 考 on its last line) where the PDF sets 14 + 14 + 13, and a long editing unit ran
into the date (…办公室编2024年7月1日) where the PDF puts the date on the next line. Checked
in the DOCX (line breaks, paragraphs) and in what LibreOffice makes of it, beside our PDF.
"""

from __future__ import annotations

import io
import os
import subprocess
from itertools import groupby
from pathlib import Path

import docx
import pytest
from docx_pdf_lines import read_pdf

from bulletin_export.layout import display_list
from bulletin_export.parser import parse_file
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.docx import DocxRenderer

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "parser" / "fixtures"
WRAPPED = ["title-long-cases", "masthead-long-name", "masthead-long-name-suffix"]
#: A name with Latin capitals (XX大学附属医院院务简报), one line in the PDF.
NAMES = WRAPPED + ["masthead-two-line-name"]
CENTRED = ("title", "subtitle", "masthead_name")


@pytest.fixture(scope="module")
def built():
    ctx = RenderContext(source_date_epoch=1)
    out = {}
    for name in NAMES:
        issue = parse_file(FIXTURES / f"{name}.txt").issue
        out[name] = (issue, DocxRenderer().render(issue, ctx))
    return ctx, out


def _pdf_lines(issue, ctx, roles) -> list[list[str]]:
    """The display list's lines of each element in ``roles``, element by element."""
    dl = display_list(issue, ctx.style, ctx.fonts)
    runs = [r for p in dl.pages for r in p.runs if r.role in roles]
    out = []
    for _, group in groupby(runs, key=lambda r: r.element):
        lines = [("".join(r.text for r in g)).strip()
                 for _, g in groupby(group, key=lambda r: r.baseline)]
        out.append(lines)
    return out


@pytest.mark.parametrize("name", WRAPPED)
def test_docx_breaks_centred_lines_where_the_pdf_does(built, name):
    ctx, out = built
    issue, data = out[name]
    document = docx.Document(io.BytesIO(data))
    ids = {"BulletinTitle", "BulletinSubtitle", "BulletinMastheadName"}
    got = [p.text.split("\n") for p in document.paragraphs if p.style.style_id in ids]
    want = _pdf_lines(issue, ctx, CENTRED)
    assert got == want
    assert any(len(lines) > 1 for lines in want)  # the fixture has wrapped ones


def test_a_long_editing_unit_and_the_date_get_a_line_each(built):
    _, out = built
    document = docx.Document(io.BytesIO(out["masthead-long-name"][1]))
    lines = [p.text for p in document.paragraphs if p.style.style_id == "BulletinEditorLine"]
    assert lines == ["\t中共苏州市委全面深化改革委员会办公室编", "\t\t2024年7月1日"]
    short = docx.Document(io.BytesIO(out["masthead-long-name-suffix"][1]))
    assert [p.text for p in short.paragraphs if p.style.style_id == "BulletinEditorLine"] == [
        "\t盛泽镇党政办编\t2024年7月1日"]


def test_libreoffice_sets_the_same_centred_and_masthead_lines(built, soffice, tmp_path):
    ctx, out = built
    for name in NAMES:
        (tmp_path / f"{name}.docx").write_bytes(out[name][1])
    env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "fonts" / "fonts.conf"))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"{n}.docx") for n in NAMES)],
                   env=env, capture_output=True, timeout=180)
    for name in NAMES:
        issue = out[name][0]
        lo = [ln.text.replace(" ", "") for page in read_pdf(tmp_path / f"{name}.pdf").pages
              for ln in page.lines]
        want = [line for lines in _pdf_lines(issue, ctx, CENTRED) for line in lines]
        dl = display_list(issue, ctx.style, ctx.fonts)  # the editor line, line by line
        editor = [r for r in dl.pages[0].runs if r.role == "editor_line"]
        want += ["".join(r.text for r in g) for _, g in groupby(editor, key=lambda r: r.baseline)]
        for line in want:
            assert line.replace(" ", "") in lo, (name, line, lo)
