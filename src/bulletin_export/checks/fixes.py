"""`check --fix`: apply the mechanical fixes (diagnostics carrying ``fix``) to the source text.

Only single-line spans are applied; when two fixes overlap the earlier one wins and the
other is left for the next run. Line endings (LF, CRLF, CR) are kept as they were, and
``encode_like`` writes the text back in the encoding it was read in.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Iterable

from ..diagnostics import Diagnostic

_EOL = re.compile(r"(\r\n|\r|\n)")


@dataclass(frozen=True)
class Change:
    """One applied fix: where (1-based, in the original text), what was there, what is now."""

    line: int
    col: int
    old: str
    new: str
    code: str

    def describe(self) -> str:
        """`47:29 ' ' → '' [BX223]` (repr makes spaces and deletions visible)."""
        return f"{self.line}:{self.col} {self.old!r} → {self.new!r} [{self.code}]"


def _fixable(d: Diagnostic) -> bool:
    s = d.span
    return d.fix is not None and s is not None and s.end_line == s.line and s.end_col > s.col


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, list[Change]]:
    """The text with every applicable fix made, and the changes in source order."""
    parts = _EOL.split(text)  # content, eol, content, eol, ..., content
    by_line: dict[int, list[Diagnostic]] = {}
    for d in diagnostics:
        if _fixable(d):
            by_line.setdefault(d.span.line, []).append(d)
    changes: list[Change] = []
    for no in sorted(by_line):
        idx = 2 * (no - 1)
        if idx >= len(parts):
            continue
        line = parts[idx]
        chosen: list[Change] = []
        end = 0
        for d in sorted(by_line[no], key=lambda d: (d.span.col, d.span.end_col)):
            a, b = d.span.col - 1, d.span.end_col - 1
            if a < end or b > len(line):
                continue  # overlaps a fix already taken, or the span is stale
            chosen.append(Change(no, d.span.col, line[a:b], d.fix, d.code))
            end = b
        for ch in reversed(chosen):
            a = ch.col - 1
            line = line[:a] + ch.new + line[a + len(ch.old):]
        parts[idx] = line
        changes.extend(chosen)
    return "".join(parts), changes


# decode.detect labels -> (codec, BOM to write first)
_CODECS = {
    "UTF-8": ("utf-8", b""),
    "UTF-8 (BOM)": ("utf-8", codecs.BOM_UTF8),
    "UTF-16 LE": ("utf-16-le", b""),
    "UTF-16 BE": ("utf-16-be", b""),
    "UTF-16 LE (BOM)": ("utf-16-le", codecs.BOM_UTF16_LE),
    "UTF-16 BE (BOM)": ("utf-16-be", codecs.BOM_UTF16_BE),
    "UTF-32 LE (BOM)": ("utf-32-le", codecs.BOM_UTF32_LE),
    "UTF-32 BE (BOM)": ("utf-32-be", codecs.BOM_UTF32_BE),
    "GB18030": ("gb18030", b""),
}


def encode_like(text: str, encoding: str | None) -> tuple[bytes, str]:
    """``text`` in the encoding the input was read as (a decode.detect label), and that label.

    Unknown labels, or text the encoding cannot carry, fall back to UTF-8.
    """
    codec, bom = _CODECS.get(encoding or "", ("utf-8", b""))
    label = encoding if encoding in _CODECS else "UTF-8"
    try:
        return bom + text.encode(codec), label
    except UnicodeEncodeError:
        return text.encode("utf-8"), "UTF-8"
