"""Diagnostics: findings with a stable code, a severity, a span and a hint.

The parser and the checks return them as values; only the CLI prints them,
either for people (file:line:col, the line and a caret) or as JSON.
"""

from __future__ import annotations

import enum
import json
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from .model import Span


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Diagnostic:
    code: str  # stable, e.g. "BX101"
    severity: Severity
    message: str
    span: Span | None = None
    hint: str | None = None
    file: str | None = None
    fix: str | None = None  # replacement text for the span, when a fix is mechanical
    # where in a document without lines (a .docx): "¶12" or "¶12 (table 2, row 3, cell 1)";
    # it replaces line:col in the location
    where: str | None = None

    def with_file(self, file: str | None) -> "Diagnostic":
        return replace(self, file=file)

    @property
    def location(self) -> str:
        loc = self.file or "<input>"
        if self.where:
            loc += f":{self.where}"
        elif self.span:
            loc += f":{self.span.line}:{self.span.col}"
        return loc

    def headline(self) -> str:
        """`file:line:col: severity[CODE]: message` on one line: a line break in the file
        name or the message (quoted source text) is shown escaped, as `\\u2028`."""
        return one_line(f"{self.location}: {self.severity.value}[{self.code}]: {self.message}")

    def to_dict(self) -> dict:
        out = {
            "file": self.file,
            "line": self.span.line if self.span else None,
            "column": self.span.col if self.span else None,
            "end_line": self.span.end_line if self.span else None,
            "end_column": self.span.end_col if self.span else None,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "fix": self.fix,
        }
        if self.where:
            out["where"] = self.where
        return out


def locate(diags: Iterable[Diagnostic], places: Sequence[str]) -> list[Diagnostic]:
    """Diagnostics of a document without lines (a .docx) located by their line's label in
    ``places`` (one per line: "¶12", "¶12 (table 2, row 3, cell 1)"); unchanged when
    ``places`` is empty or a diagnostic is located already."""
    if not places:
        return list(diags)
    return [replace(d, where=places[d.span.line - 1])
            if d.span and not d.where and 1 <= d.span.line <= len(places) else d for d in diags]


# every character str.splitlines breaks at: LF VT FF CR, FS GS RS, NEL, U+2028, U+2029
_BREAKS = {c: f"\\u{ord(c):04x}" for c in "\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"}
_BREAK_TABLE = str.maketrans(_BREAKS)
_SHOWN_TABLE = str.maketrans({c: "↵" for c in _BREAKS})


def one_line(text: str) -> str:
    """`text` with every line-break character written as its escape (`\\u2028`)."""
    return text.translate(_BREAK_TABLE)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


CONTEXT = 24  # characters shown on each side of a span in a long line


def _window(length: int, start: int, end: int) -> tuple[int, int, str, str]:
    """The slice of a long line to show around [start, end), with … where it is cut."""
    lo = max(0, start - CONTEXT)
    hi = min(length, max(end, start + 1) + CONTEXT)
    return lo, hi, "…" if lo > 0 else "", "…" if hi < length else ""


def format_human(diag: Diagnostic, lines: Sequence[str] | None = None) -> str:
    """The headline, then (when the source lines are given) the line and a caret, then the hint."""
    out = [diag.headline()]
    span = diag.span
    if lines is not None and span and 1 <= span.line <= len(lines):
        text = lines[span.line - 1].rstrip("\n")
        start = span.col - 1
        end = span.end_col - 1 if span.end_line == span.line and span.end_col > span.col else start + 1
        lo, hi, prefix, suffix = _window(len(text), start, end)
        shown = (prefix + text[lo:hi] + suffix).translate(_SHOWN_TABLE)  # one character per break
        number = diag.where.split()[0] if diag.where else span.line  # ¶12 in a .docx
        out.append(f"  {number:>4} | {shown}")
        pad = _display_width(prefix + text[lo:start])
        width = max(1, _display_width(text[start:min(end, hi)]))
        out.append("       | " + " " * pad + "^" + "~" * (width - 1))
    if diag.hint:
        out.append(f"       = hint: {one_line(diag.hint)}")
    return "\n".join(out)


def format_json(diags: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diags], ensure_ascii=False, indent=2)


def worst(diags: Iterable[Diagnostic]) -> Severity | None:
    best: Severity | None = None
    for d in diags:
        if best is None or d.severity.rank > best.rank:
            best = d.severity
    return best


def count(diags: Iterable[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diags if d.severity is severity)
