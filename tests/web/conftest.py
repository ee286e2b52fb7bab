"""Fixtures of the web page's tests: the app under Starlette's TestClient, the samples' text.

The whole folder needs the `[web]` extra (starlette, uvicorn, jinja2, python-multipart,
pypdfium2) and httpx; without them it is skipped with that reason (scripts/bootstrap.sh
installs them).
"""

from __future__ import annotations

import warnings

import pytest

for _mod in ("starlette", "uvicorn", "jinja2", "multipart", "pypdfium2", "httpx"):
    pytest.importorskip(_mod, reason=f"the web extra is not installed ({_mod}): pip install -e '.[web]'")

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)

from web_support import MASTHEAD, SEED, make_client  # noqa: E402


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
