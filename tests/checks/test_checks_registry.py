"""The table of checks: stable codes, names for --disable, and docs/checks.md in step with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bulletin_export.checks import all_checks, resolve
from bulletin_export.errors import UsageError

DOC = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_codes_are_bx2xx_and_names_unique() -> None:
    checks = all_checks()
    assert all(re.fullmatch(r"BX2\d\d", c.code) for c in checks)
    assert len({c.name for c in checks}) == len(checks)


def test_every_check_has_its_section_in_the_docs() -> None:
    text = DOC.read_text(encoding="utf-8")
    for c in all_checks():
        assert f"### {c.code} {c.name} ({c.severity.value}" in text, c.code
        assert f"| {c.code} | {c.name} | {c.severity.value} |" in text, c.code


def test_resolve_takes_codes_names_and_comma_lists() -> None:
    assert resolve(["bx211", "stray-space,BX231", ""]) == {"BX211", "BX223", "BX231"}
    with pytest.raises(UsageError, match="unknown check 'nope'"):
        resolve(["nope"])
