"""The seed's layout as a text dump, on a fixed fake metric (independent of installed fonts).

Regenerate with BX_UPDATE_GOLDENS=1 after an intended layout change, and read the diff; a
missing golden is a failure (the test never writes the golden it compares with).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from bulletin_export.layout import dump, layout_issue
from bulletin_export.parser import parse_file
from bulletin_export.stylesheet import load_style

GOLDENS = Path(__file__).parent / "goldens"


def fixed_metric(text: str, role: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in text)


@pytest.mark.parametrize("sample", ["seed_path", "masthead_path"])
def test_layout_dump_matches_golden(sample, request):
    path = request.getfixturevalue(sample)
    issue = parse_file(path).issue
    text = dump(layout_issue(issue, load_style(None), fixed_metric))
    golden = GOLDENS / (Path(path).stem + ".txt")
    if os.environ.get("BX_UPDATE_GOLDENS") == "1":
        golden.write_text(text, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"golden {golden} is missing: write it with BX_UPDATE_GOLDENS=1 and review it")
    assert text == golden.read_text(encoding="utf-8")
