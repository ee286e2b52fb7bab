"""Fixtures of the web page's tests: the app under Starlette's TestClient, the seed text.

The whole folder needs the `[web]` extra (starlette, uvicorn, jinja2, python-multipart,
pypdfium2); without it the folder is skipped with that reason (scripts/bootstrap.sh installs it).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

for _mod in ("starlette", "uvicorn", "jinja2", "multipart", "pypdfium2", "httpx"):
    pytest.importorskip(_mod, reason=f"the web extra is not installed ({_mod}): pip install -e '.[web]'")

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
MASTHEAD = ROOT / "samples" / "union-work-bulletin-masthead.txt"
BASE = "http://127.0.0.1:8000"
ORIGIN = {"origin": BASE}


def make_client(tmp_path: Path, **config):
    from starlette.testclient import TestClient

    from bulletin_export.web import WebConfig, create_app

    config.setdefault("data_dir", tmp_path / "data")
    base = config.pop("base_url", BASE)
    app = create_app(WebConfig(**config))
    return TestClient(app, base_url=base, raise_server_exceptions=False), app.app.state.bx


@pytest.fixture
def client(tmp_path):
    return make_client(tmp_path)[0]


@pytest.fixture
def client_state(tmp_path):
    return make_client(tmp_path)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def masthead_text() -> str:
    return MASTHEAD.read_text(encoding="utf-8")
