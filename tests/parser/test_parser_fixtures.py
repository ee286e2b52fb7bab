"""Fixture-driven parser tests: fixtures/<name>.txt (any encoding) against <name>.json.

The JSON holds the canonical model (`model.to_dict`) and the diagnostics as
`line:col severity[CODE]`. Regenerate after a deliberate change with
`BX_UPDATE_GOLDENS=1 pytest tests/parser`, then read the diff; never edit the JSON by hand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bulletin_export.model import to_dict
from bulletin_export.parser import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))
UPDATE = os.environ.get("BX_UPDATE_GOLDENS") == "1"


def observed(name: str) -> dict:
    res = parse_bytes((FIXTURES / f"{name}.txt").read_bytes(), file=f"{name}.txt")
    diags = [f"{d.span.line}:{d.span.col} " if d.span else "" for d in res.diagnostics]
    return {
        "issue": to_dict(res.issue),
        "diagnostics": [f"{where}{d.severity.value}[{d.code}] {d.message}"
                        for where, d in zip(diags, res.diagnostics)],
    }


@pytest.mark.parametrize("name", CASES)
def test_fixture(name: str) -> None:
    got = observed(name)
    golden = FIXTURES / f"{name}.json"
    if UPDATE:
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden for {name}; run with BX_UPDATE_GOLDENS=1 and review it"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_every_golden_has_an_input() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == CASES
