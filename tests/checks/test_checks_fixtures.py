"""Fixture-driven tests: tests/checks/fixtures/<CODE>.txt, one case per line (see BX201.txt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from bulletin_export.checks import all_checks, run_on_lines
from bulletin_export.model import Issue, Masthead

FIXTURES = Path(__file__).parent / "fixtures"
ESCAPES = {"{sp}": " ", "{ideo}": "\u3000", "{tab}": "\t", "{nbsp}": "\u00a0", "{nl}": "\n"}


@dataclass(frozen=True)
class Case:
    code: str
    lineno: int  # in the fixture file
    text: str
    expected: tuple[tuple[int, int, str | None], ...]  # (line, col, fix)
    issue_date: dt.date | None

    def __str__(self) -> str:
        return f"{self.code}.txt:{self.lineno}"


def _expected(spec: str) -> tuple[tuple[int, int, str | None], ...]:
    out = []
    for item in spec.split(","):
        pos, eq, fix = item.partition("=")
        line, _, col = pos.rpartition(":")
        out.append((int(line or 1), int(col), fix if eq else None))
    return tuple(out)


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(FIXTURES.glob("BX*.txt")):
        code = path.stem
        issue_date = None
        for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            if raw.startswith("@issue-date "):
                issue_date = dt.date.fromisoformat(raw.split()[1])
                continue
            head, sep, text = raw.partition(" | ")
            assert sep, f"{path.name}:{no}: no ' | ' separator"
            for esc, ch in ESCAPES.items():
                text = text.replace(esc, ch)
            kind, _, spec = head.partition(" ")
            assert kind in ("hit", "miss"), f"{path.name}:{no}: {kind!r}"
            expected = _expected(spec.strip()) if kind == "hit" else ()
            cases.append(Case(code, no, text, expected, issue_date))
    return cases


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_fixture_case(case: Case) -> None:
    issue = Issue(masthead=Masthead(date=case.issue_date)) if case.issue_date else None
    others = [c.code for c in all_checks() if c.code != case.code]
    diags = run_on_lines(case.text.split("\n"), issue, disabled=others)
    got = [(d.span.line, d.span.col) for d in diags]
    assert got == [(line, col) for line, col, _ in case.expected], [d.headline() for d in diags]
    for d, (_, _, fix) in zip(diags, case.expected):
        if fix is not None:
            assert d.fix == fix, d.headline()


def test_every_check_has_hits_and_misses() -> None:
    text_checks = {c.code for c in all_checks() if not c.needs_model} | {"BX242"}
    kinds = {(c.code, bool(c.expected)) for c in CASES}
    for code in text_checks:
        assert (code, True) in kinds and (code, False) in kinds, code
