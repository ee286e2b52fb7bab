"""The seed and its variants (encodings, line ends, indentation, no blank lines) give the same findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_export.checks import run_checks
from bulletin_export.parser import parse_bytes

# code -> text that starts at the reported column
EXPECTED = [("BX211", "职工在基层"), ("BX231", "五要深入"), ("BX201", "“活动"), ("BX223", " “职工之家")]


def _variants(text: str) -> dict[str, bytes]:
    lines = text.split("\n")
    return {
        "utf8": text.encode(),
        "gb18030-crlf": text.replace("\n", "\r\n").encode("gb18030"),
        "utf16-bom": text.encode("utf-16"),
        "indented": "\n".join("\u3000\u3000" + t if t.strip() else t for t in lines).encode(),
        "no-blank-lines": "\n".join(t for t in lines if t.strip()).encode(),
    }


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", ["utf8", "gb18030-crlf", "utf16-bom", "indented", "no-blank-lines"])
def test_seed_variants_report_the_same_defects(seed_text: str, variant: str) -> None:
    res = parse_bytes(_variants(seed_text)[variant], file="seed.txt")
    diags = run_checks(res)
    assert [d.code for d in diags] == [code for code, _ in EXPECTED], [d.headline() for d in diags]
    for d, (_, snippet) in zip(diags, EXPECTED):
        line = res.lines[d.span.line - 1]
        assert line[d.span.col - 1:].startswith(snippet), d.headline()


def test_seed_lines_are_the_ones_the_issue_names(seed_path: Path) -> None:
    res = parse_bytes(seed_path.read_bytes(), file="seed.txt")
    assert [d.span.line for d in run_checks(res)] == [6, 10, 33, 47]
