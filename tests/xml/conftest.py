"""Fixtures for the XML tests: hand-built edge cases, and the parsed samples and parser fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from xml_issues import HAND_BUILT, ROOT

from bulletin_export.model import Issue


@pytest.fixture(params=sorted(HAND_BUILT), ids=str)
def hand_built(request) -> Issue:
    return HAND_BUILT[request.param]


def text_sources() -> list[Path]:
    """Every sample and every parser fixture (.txt), found at collection time."""
    return sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "parser" / "fixtures").glob("*.txt"))


def pytest_generate_tests(metafunc):
    if "text_source" in metafunc.fixturenames:
        paths = text_sources()
        metafunc.parametrize("text_source", paths, ids=[str(p.relative_to(ROOT)) for p in paths])


@pytest.fixture(scope="session")
def parse_file():
    """Path -> (Issue, diagnostics) through the real parser. A sample or fixture the parser
    refuses fails the test (it is a regression, never a skip)."""
    from bulletin_export.parser import parse_bytes

    def parse(path: Path):
        res = parse_bytes(path.read_bytes(), file=path.name)
        return res.issue, list(res.diagnostics)

    return parse
