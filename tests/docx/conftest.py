"""DOCX fixtures: the samples rendered once, and converted once by LibreOffice.

LibreOffice runs once per test session for all documents (one ``soffice`` process,
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
from docx_helpers import LONG_NAME, LONG_RECIPIENTS, PRINT_LINE, render
from docx_pdf_lines import PdfDoc, read_pdf

from bulletin_export.model import Issue
from bulletin_export.stylesheet import load_style

ROOT = Path(__file__).resolve().parents[2]
FONTS_CONF = ROOT / "fonts" / "fonts.conf"


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


@pytest.fixture(scope="session")
def print_line_issue(masthead_path) -> Issue:
    """The masthead sample (发：… （共印120份）) with a print line as its last line."""
    from bulletin_export.parser import parse_text

    text = masthead_path.read_text(encoding="utf-8").rstrip("\n") + f"\n{PRINT_LINE}\n"
    return parse_text(text).issue


@pytest.fixture(scope="session")
def print_line_docx(print_line_issue) -> bytes:
    return render(print_line_issue)


@pytest.fixture(scope="session")
def long_end_issue() -> Issue:
    """One short article and an end block of 75 recipients and 共印120份: longer than a page."""
    from bulletin_export.parser import parse_text

    text = ("市总召开主席例会\n4月6日，市总工会召开例会。（市总办公室）\n"
            f"本期印发：{'、'.join(LONG_RECIPIENTS)}\n（共印120份）\n")
    return parse_text(text).issue


@pytest.fixture(scope="session")
def long_end_docx(long_end_issue) -> bytes:
    return render(long_end_issue)


@pytest.fixture(scope="session")
def long_name_issue() -> Issue:
    from bulletin_export.parser import parse_text

    text = (f"{LONG_NAME}\n第8期\n盛泽镇党政办编　　2024年7月1日\n\n镇召开营商环境工作会议\n"
            "6月28日，镇召开营商环境工作会议，部署了下一阶段重点任务。（党政办）\n")
    return parse_text(text).issue


@pytest.fixture(scope="session")
def long_name_docx(long_name_issue) -> bytes:
    return render(long_name_issue)


@pytest.fixture(scope="session")
def headings_issue() -> Issue:
    """tests/core's fixture with the four in-article heading levels and a credits line."""
    return _parse(ROOT / "tests" / "core" / "fixtures" / "heading-levels.txt")


@pytest.fixture(scope="session")
def headings_docx(headings_issue) -> bytes:
    return render(headings_issue)


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
def lo_pdfs(soffice, seed_docx, masthead_docx, print_line_docx, long_end_docx, long_name_docx,
            headings_docx, tmp_path_factory) -> dict[str, PdfDoc]:
    """Both samples' DOCX (and the masthead sample with a print line, an issue with an end
    block longer than a page, one with a 20-character name, one with the four heading
    levels) converted to PDF by LibreOffice in one run, read back with pdfplumber."""
    work = tmp_path_factory.mktemp("docx-lo")
    files = {"seed": seed_docx, "masthead": masthead_docx, "print_line": print_line_docx,
             "long_end": long_end_docx, "long_name": long_name_docx, "headings": headings_docx}
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
