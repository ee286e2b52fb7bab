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
    if encoding and encoding.endswith(" (as asked)"):  # read with --encoding: written back in it
        codec = label = encoding[: -len(" (as asked)")]
    try:
        return bom + text.encode(codec), label
    except UnicodeEncodeError:
        return text.encode("utf-8"), "UTF-8"


@dataclass(frozen=True)
class FixOutcome:
    """What `fix_file` did: the file written (None when nothing was), the changes, the encoding."""

    target: "Path | None"
    changes: tuple[Change, ...]
    encoding: str | None
    note: str | None = None  # why nothing was written


def fixed_path(path: "Path") -> "Path":
    """Where `--fix` writes by default: seed.txt -> seed.fixed.txt, beside the input."""
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


def fix_file(path: "Path", diagnostics: Iterable[Diagnostic], *, in_place: bool = False,
             output: "Path | None" = None, encoding: str | None = None) -> FixOutcome:
    """Write a corrected copy of ``path`` (beside it, at ``output``, or over it with
    ``in_place``) in the input's own encoding and line endings, atomically. ``encoding``
    is the codec the input was read in (--encoding), None = detected.

    Raises UsageError when the copy would overwrite the input without ``in_place``, and
    InputError (one line naming the file) when reading or writing fails.
    """
    import os
    from pathlib import Path

    from ..decode import detect
    from ..errors import InputError, UsageError
    from ..outputs import write_atomic

    path = Path(path)
    if path.suffix.lower() == ".xml":
        return FixOutcome(None, (), None, "--fix works on source text, not XML; nothing written")
    try:
        decoded = detect(path.read_bytes(), file=str(path), encoding=encoding)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    text, changes = apply_fixes(decoded.text, diagnostics)
    if not changes:
        return FixOutcome(None, (), decoded.encoding, "nothing to fix mechanically; no copy written")
    target = path if in_place else Path(output) if output else fixed_path(path)
    if not in_place and target.exists() and os.path.samefile(target, path):
        raise UsageError("refusing to write the corrected copy over the input (use --in-place)",
                         file=str(path))
    data, encoding = encode_like(text, decoded.encoding)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise InputError(f"cannot write the corrected copy: {exc.strerror or exc}",
                         file=str(target)) from None
    return FixOutcome(target, tuple(changes), encoding)
