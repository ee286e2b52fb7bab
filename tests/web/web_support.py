"""What the web tests share (a module of its own name: `from conftest import` would pick
another folder's conftest when folders run together)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
MASTHEAD = ROOT / "samples" / "union-work-bulletin-masthead.txt"
BASE = "http://127.0.0.1:8000"
ORIGIN = {"origin": BASE}


def make_client(tmp_path: Path, **config):
    """(TestClient, server State) for an app with ``config`` (WebConfig fields)."""
    from starlette.testclient import TestClient

    from bulletin_export.web import WebConfig, create_app

    config.setdefault("data_dir", tmp_path / "data")
    base = config.pop("base_url", BASE)
    app = create_app(WebConfig(**config))
    return TestClient(app, base_url=base, raise_server_exceptions=False), app.app.state.bx


def docx_text(data: bytes) -> str:
    """Every w:t of the DOCX body (paragraphs and the end block's table) joined."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
