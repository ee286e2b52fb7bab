"""Coverage: does some font draw every printed character of an issue?

Each printed text is paired with the style role that prints it; every character
is looked up along that role's chain of faces. A character no face has is an
error (BX401) at its first occurrence; a character drawn with a fallback face is
reported as info (BX402), one finding per role and fallback face.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Iterator, Sequence

from ..diagnostics import Diagnostic, Severity
from ..model import Span

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Issue
    from .resolve import FontSet, ResolvedFont

MISSING = "BX401"
FALLBACK = "BX402"


def printed_texts(issue: "Issue", style) -> Iterator[tuple[str, str, Span | None]]:
    """(style role, text, span of the source it came from) for everything the renderers print."""
    m = issue.masthead
    if m:
        if m.classification:
            yield "classification", m.classification, m.span
        if m.name:
            yield "masthead_name", m.name, m.span
        if m.issue_label:
            yield "issue_line", m.issue_label, m.span
        if m.editor:
            yield "editor_line", m.editor + "编印", m.span
        if m.date:
            yield "editor_line", f"{m.date.year}年{m.date.month}月{m.date.day}日", None
    if issue.editor_note:
        yield "editor_note", "编者按：", None
        yield "editor_note", issue.editor_note.text, issue.editor_note.span
    for sec in issue.sections:
        if sec.heading:
            yield "column_heading", sec.heading, sec.span
        for art in sec.articles:
            if art.title:
                yield "title", art.title, art.span
            if art.subtitle:
                yield "subtitle", art.subtitle, art.span
            for p in art.paragraphs:
                yield "body", p.text, p.span
            if art.source:
                role = "source" if style.source_placement == "own_line" else "body"
                yield role, "（" + art.source + "）", art.span
    for d in issue.distribution:
        yield "end_block", d.label + "：" + d.recipients, d.span
    if issue.copies is not None:
        yield "copies", f"共印{issue.copies}份", None
    if issue.print_unit:  # the print line: 印发机关 at the left, the date + 印发 at the right
        yield "end_block", issue.print_unit, None
    if issue.print_date:
        dt = issue.print_date
        yield "end_block", f"{dt.year}年{dt.month}月{dt.day}日印发", None
    yield "page_number", style.page_number.format.replace("{n}", "0123456789"), None


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
            start = line.find(text)
            if start < 0 and len(text) > 1:  # a printed text may differ at its ends
                start = line.find(text[1:-1])
                start = start - 1 if start > 0 else start
            if start >= 0:
                return [Span.of_line(no, start + 1 + i, 1) for i in range(len(text))]
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


def _loc(span: Span | None) -> str:
    return f"{span.line}:{span.col}" if span else "?"


def coverage(fs: "FontSet", issue: "Issue", lines: Sequence[str] | None = None
             ) -> list[Diagnostic]:
    missing: dict[str, list[Span | None]] = {}
    missing_roles: dict[str, str] = {}
    fallbacks: dict[tuple[str, "ResolvedFont"], dict[str, Span | None]] = {}
    file = issue.source.name if issue.source else None
    for role, text, span in printed_texts(issue, fs.style):
        if role not in fs.style.roles:
            continue
        positions = None
        primary = fs.chain(role)[0] if fs.chain(role) else None
        for i, ch in enumerate(text):
            if not _drawn(ch) or (primary is not None and primary.has(ch)):
                continue
            if positions is None:
                positions = _positions(text, span, lines)
            face = fs.face_for_char(role, ch)
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
