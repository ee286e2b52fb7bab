"""Diagnostics print as file:line:col, with the line (a window of a long one) and a caret."""

from __future__ import annotations

import json

from bulletin_export.diagnostics import Diagnostic, Severity, format_human, format_json
from bulletin_export.model import Span


def test_headline_and_caret_on_a_short_line():
    d = Diagnostic("BX201", Severity.ERROR, "bad quote", Span(1, 3, 1, 4), hint="replace", file="a.txt")
    text = format_human(d, ["ab“cd"])
    lines = text.splitlines()
    assert lines[0] == "a.txt:1:3: error[BX201]: bad quote"
    assert lines[1].endswith("| ab“cd")
    assert lines[2] == "       |   ^"
    assert lines[3].endswith("hint: replace")


def test_long_line_is_cut_around_the_span():
    line = "甲" * 300 + "错字" + "乙" * 300
    d = Diagnostic("BX211", Severity.WARNING, "m", Span(1, 301, 1, 303), file="a.txt")
    shown, caret = format_human(d, [line]).splitlines()[1:3]
    assert shown.count("…") == 2 and "错字" in shown
    assert len(shown) < 80
    body = shown.split("| ", 1)[1]
    # the caret stands under the first character of the span (CJK characters are two columns)
    assert caret.index("^") - len("       | ") == 2 * body.index("错") - 1  # '…' is one column


def test_json_has_the_fields_scripts_rely_on():
    d = Diagnostic("BX101", Severity.INFO, "masthead", Span(2, 1, 2, 5), file="x.txt")
    [obj] = json.loads(format_json([d]))
    assert {k: obj[k] for k in ("file", "line", "column", "severity", "code", "message")} == {
        "file": "x.txt", "line": 2, "column": 1, "severity": "info", "code": "BX101", "message": "masthead"}
