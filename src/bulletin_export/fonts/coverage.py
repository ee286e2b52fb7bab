"""Coverage: does some font draw every printed character of an issue?

Each printed text is paired with the style role that prints it; every character
is looked up along that role's chain of faces. A character no face has is an
error (BX401) at its first occurrence; a character drawn with a fallback face is
reported as info (BX402), one finding per role and fallback face.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Sequence

from ..diagnostics import Diagnostic, Severity
from ..model import Span
from ..printed import printed_texts

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Issue
    from .resolve import FontSet, ResolvedFont

MISSING = "BX401"
FALLBACK = "BX402"
__all__ = ["FALLBACK", "MISSING", "coverage", "printed_texts"]  # printed_texts: see ..printed


def _drawn(ch: str) -> bool:
    """Whether a character needs a glyph (spaces and controls are layout, not ink)."""
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")


def _positions(text: str, span: Span | None, lines: Sequence[str] | None
               ) -> list[Span | None]:
    """The source position of each character of `text` (best effort)."""
    if span is None:
        return [None] * len(text)
    if lines:
        for no in range(span.line, min(span.end_line, len(lines)) + 1):
            line = lines[no - 1]
            start = _find(line, text)
            if start is not None:
                return [Span.of_line(no, max(1, start + 1 + i), 1) for i in range(len(text))]
        # not on one line: find each character in order from the span's start
        out: list[Span | None] = []
        no, col = span.line, span.col - 1
        for ch in text:
            found = None
            while no <= min(span.end_line, len(lines)):
                at = lines[no - 1].find(ch, col)
                if at >= 0:
                    found = Span.of_line(no, at + 1, 1)
                    col = at + 1
                    break
                no, col = no + 1, 0
            out.append(found or Span.of_line(span.line, span.col, 1))
            if found is None:
                no, col = span.line, span.col - 1
        return out
    if span.line == span.end_line:
        return [Span.of_line(span.line, span.col + i, 1) for i in range(len(text))]
    return [Span.of_line(span.line, span.col, 1)] * len(text)


def _find(line: str, text: str) -> int | None:
    """Where ``text`` starts on ``line`` (0-based, maybe negative), allowing for what printing
    adds: up to 4 characters before the source's text (编者按：, 【, （) and 1 after (编, 】, ）)."""
    for k in range(min(5, len(text))):
        for j in (0, 1):
            core = text[k:len(text) - j]
            if len(core) < min(2, len(text)):
                continue
            at = line.find(core)
            if at >= 0:
                return at - k
    return None


def _loc(span: Span | None) -> str:
    return f"{span.line}:{span.col}" if span else "?"


class _Known:
    """Per font set and style role, the characters already known to need nothing (drawn by
    the role's first face, or not drawn at all) and the face each other one falls back to:
    a worker's issues share most of their characters, so each is looked up once."""

    def __init__(self, fs: "FontSet"):
        self.fs = fs
        self.plain: dict[str, set[str]] = {}
        self.fallback: dict[str, dict[str, "ResolvedFont | None"]] = {}

    def odd(self, role: str, text: str) -> dict[str, "ResolvedFont | None"]:
        """The characters of ``text`` the role's first face lacks, with their fallback face
        (None: no face has it)."""
        plain = self.plain.setdefault(role, set())
        new = set(text) - plain
        if not new:
            return {}
        falls = self.fallback.setdefault(role, {})
        chain = self.fs.chain(role)
        primary = chain[0] if chain else None
        out = {}
        for ch in new:
            if ch in falls:
                out[ch] = falls[ch]
            elif not _drawn(ch) or (primary is not None and primary.has(ch)):
                plain.add(ch)
            else:
                out[ch] = falls[ch] = self.fs.face_for_char(role, ch)
        return out


_known: dict[int, _Known] = {}


def _known_for(fs: "FontSet") -> _Known:
    hit = _known.get(id(fs))
    if hit is None or hit.fs is not fs:
        if len(_known) >= 8:
            _known.clear()
        hit = _known[id(fs)] = _Known(fs)
    return hit


def coverage(fs: "FontSet", issue: "Issue", lines: Sequence[str] | None = None
             ) -> list[Diagnostic]:
    missing: dict[str, list[Span | None]] = {}
    missing_roles: dict[str, str] = {}
    fallbacks: dict[tuple[str, "ResolvedFont"], dict[str, Span | None]] = {}
    file = issue.source.name if issue.source else None
    known = _known_for(fs)
    for role, text, span in printed_texts(issue, fs.style):
        if role not in fs.style.roles:
            continue
        odd = known.odd(role, text)
        if not odd:
            continue
        positions = None
        for i, ch in enumerate(text):
            if ch not in odd:
                continue
            if positions is None:
                positions = _positions(text, span, lines)
            face = odd[ch]
            if face is None:
                missing.setdefault(ch, []).append(positions[i])
                missing_roles.setdefault(ch, role)
            else:
                fallbacks.setdefault((role, face), {}).setdefault(ch, positions[i])
    out: list[Diagnostic] = []
    for ch, where in missing.items():
        role = missing_roles[ch]
        tried = ", ".join(f"{f.family} {f.style}" for f in fs.chain(role)) or "no fonts found"
        more = [w for w in where[1:] if w]
        hint = "install a font that has it (fonts/ folder or --font-dir)"
        if more:
            hint = (f"also at {', '.join(_loc(w) for w in more[:5])}"
                    f"{' ...' if len(more) > 5 else ''}; " + hint)
        name = unicodedata.name(ch, "") or {"Co": "private use", "Cs": "surrogate"}.get(
            unicodedata.category(ch), "unassigned")
        out.append(Diagnostic(MISSING, Severity.ERROR,
                              f"no font has {ch!r} (U+{ord(ch):04X} {name}) for {role}; "
                              f"tried {tried}", span=where[0], hint=hint, file=file))
    for (role, face), chars in fallbacks.items():
        primary = fs.chain(role)[0]
        first = next((s for s in chars.values() if s), None)
        shown = "".join(list(chars)[:20]) + ("..." if len(chars) > 20 else "")
        out.append(Diagnostic(FALLBACK, Severity.INFO,
                              f"{role}: {len(chars)} character(s) not in {primary.family} "
                              f"drawn with {face.family}: {shown}", span=first, file=file))
    out.sort(key=lambda d: (d.span is None, d.span.line if d.span else 0,
                            d.span.col if d.span else 0, d.code))
    return out
