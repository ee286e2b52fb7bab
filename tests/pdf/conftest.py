"""Render the seed and the masthead sample to PDF once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from bulletin_export.model import Issue
from bulletin_export.parser import parse_file
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.pdf import PdfRenderer

EPOCH = 1335571200  # 2012-04-28 00:00 UTC


@dataclass
class Rendered:
    name: str
    issue: Issue
    data: bytes
    path: Path
    style: object
    pages: list  # pdfplumber pages (kept open for the session)


def _render(src: Path) -> tuple[Issue, bytes, RenderContext]:
    issue = parse_file(src).issue
    ctx = RenderContext(source_date_epoch=EPOCH)
    return issue, PdfRenderer().render(issue, ctx), ctx


@pytest.fixture(scope="session")
def pdf_out(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pdf")


def _rendered(name: str, src: Path, out_dir: Path):
    issue, data, ctx = _render(src)
    path = out_dir / f"{name}.pdf"
    path.write_bytes(data)
    doc = pdfplumber.open(path)
    return Rendered(name, issue, data, path, ctx.style, list(doc.pages)), doc


@pytest.fixture(scope="session")
def seed_pdf(seed_path, pdf_out):
    r, doc = _rendered("seed", seed_path, pdf_out)
    yield r
    doc.close()


@pytest.fixture(scope="session")
def masthead_pdf(masthead_path, pdf_out):
    r, doc = _rendered("masthead", masthead_path, pdf_out)
    yield r
    doc.close()


@pytest.fixture(scope="session", params=["seed", "masthead"])
def rendered(request):
    return request.getfixturevalue(f"{request.param}_pdf")


@pytest.fixture(scope="session")
def epoch() -> int:
    """The SOURCE_DATE_EPOCH the session's PDFs were built with."""
    return EPOCH


INPUTS = Path(__file__).parent / "inputs"


@pytest.fixture(scope="session")
def qa_pdf(pdf_out):
    """The QA reproductions (long unbreakable runs, a keep chain longer than a page, an end
    block longer than a page) rendered once: name -> Rendered."""
    out, docs = {}, []
    for src in sorted(INPUTS.glob("*.txt")):
        r, doc = _rendered(src.stem, src, pdf_out)
        out[src.stem] = r
        docs.append(doc)
    yield out
    for doc in docs:
        doc.close()
