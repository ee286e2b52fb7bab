"""DOCX fixtures: the samples rendered once, and converted once by LibreOffice.

LibreOffice runs once per test session for both samples (one ``soffice`` process,
a private profile, ``FONTCONFIG_FILE`` = fonts/fonts.conf so that the official
family names reach the free stand-ins). Tests needing it skip with a reason
where ``soffice`` is not installed.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx_pdf_lines import PdfDoc, read_pdf

from bulletin_export.model import Issue
from bulletin_export.renderers import RenderContext
from bulletin_export.stylesheet import load_style

ROOT = Path(__file__).resolve().parents[2]
FONTS_CONF = ROOT / "fonts" / "fonts.conf"
EPOCH = 1335571200  # 2012-04-28T00:00:00Z


def _parse(path: Path) -> Issue:
    from bulletin_export.parser import parse_file

    return parse_file(path).issue


@pytest.fixture(scope="session")
def style():
    return load_style(None)


@pytest.fixture(scope="session")
def seed_issue(seed_path) -> Issue:
    return _parse(seed_path)


@pytest.fixture(scope="session")
def masthead_issue(masthead_path) -> Issue:
    return _parse(masthead_path)


def render(issue: Issue, style_name: str | None = None, epoch: int | None = EPOCH) -> bytes:
    from bulletin_export.renderers.docx import DocxRenderer

    return DocxRenderer().render(issue, RenderContext(style_name=style_name, source_date_epoch=epoch))


@pytest.fixture(scope="session")
def seed_docx(seed_issue) -> bytes:
    return render(seed_issue)


@pytest.fixture(scope="session")
def masthead_docx(masthead_issue) -> bytes:
    return render(masthead_issue)


@pytest.fixture(scope="session")
def open_docx():
    """bytes -> python-docx Document."""
    import docx

    return lambda data: docx.Document(io.BytesIO(data))


@pytest.fixture(scope="session")
def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
    return exe


@pytest.fixture(scope="session")
def lo_pdfs(soffice, seed_docx, masthead_docx, tmp_path_factory) -> dict[str, PdfDoc]:
    """Both samples' DOCX converted to PDF by LibreOffice in one run, read back with pdfplumber."""
    work = tmp_path_factory.mktemp("docx-lo")
    files = {"seed": seed_docx, "masthead": masthead_docx}
    for name, data in files.items():
        (work / f"{name}.docx").write_bytes(data)
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    cmd = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
           "--convert-to", "pdf", "--outdir", str(work), *(str(work / f"{n}.docx") for n in files)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
    out = {}
    for name in files:
        pdf = work / f"{name}.pdf"
        assert pdf.exists(), f"soffice did not convert {name}.docx: {proc.stdout} {proc.stderr}"
        out[name] = read_pdf(pdf)
    return out
