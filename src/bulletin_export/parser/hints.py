"""Per-line hints from a reader that knows more than the text's shape (a Word draft).

A hint says what a line IS, and wins over what its shape suggests; a line without a hint
is read by its shape exactly as in a text file. The vocabulary (`HINTS`):

    masthead         a line of the 版头 (a line no masthead rule reads becomes the name)
    title            an article's title (centred, bold, larger, or styled 标题 1)
    subtitle         the line after a title that is its subtitle
    heading          a column heading (styled as a heading, no 【】 needed); 【】 and a
                     number (一、) are taken off as for text
    heading_level:N  an in-article heading of level N = 1..4 (一、 （一） 1. （1）)
    caption          a picture or table caption (图为……, 表1 ……)
    source           the article's source (right-aligned); （）, 供稿：, 来源： are taken off
    note             a line of the editor's note (编者按)
    end              a line of the end block (版记): an entry, 共印X份, the print line, credits
    paragraph        running text, whatever its shape
    run_in:N         a 简讯 item: its first N characters (the bold run) are the article's
                     title (a closing 。 or ： taken off), the rest its paragraph

A hint that cannot apply where it stands (a source before any paragraph) is read by shape,
with a warning BX160 naming the hint.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from ..diagnostics import Diagnostic, Severity

HINTS = ("masthead", "title", "subtitle", "heading", "caption", "source", "note", "end", "paragraph")
_LEVEL = re.compile(r"^heading_level:([1-4])$")
_RUN_IN = re.compile(r"^run_in:([1-9][0-9]{0,3})$")


def run_in_length(hint: str | None) -> int | None:
    """N for `run_in:N`, else None."""
    m = _RUN_IN.match(hint or "")
    return int(m.group(1)) if m else None


def heading_level(hint: str | None) -> int | None:
    """N for `heading_level:N`, else None."""
    m = _LEVEL.match(hint or "")
    return int(m.group(1)) if m else None


def check_hint(hint: str | None) -> str | None:
    """The hint itself when it is one of the vocabulary (or None); ValueError otherwise:
    an unknown hint is a reader's mistake, not the author's."""
    if hint is None or hint in HINTS or heading_level(hint) is not None or run_in_length(hint) is not None:
        return hint
    raise ValueError(f"unknown parser hint {hint!r}; known: {', '.join(HINTS)}, heading_level:1..4, run_in:N")


def hints_by_number(hints: Sequence[str | None] | Mapping[int, str | None] | None,
                    count: int) -> dict[int, str]:
    """Hints by 1-based line (paragraph) number, from a sequence (one per line, None = by
    shape) or a mapping of 0-based indexes."""
    if not hints:
        return {}
    items = hints.items() if isinstance(hints, Mapping) else enumerate(hints)
    out: dict[int, str] = {}
    for k, hint in items:
        if not 0 <= k < count:
            raise ValueError(f"parser hint for line index {k}, but there are {count} lines")
        if check_hint(hint) is not None:
            out[k + 1] = hint  # type: ignore[assignment]
    return out


def hint_ignored(hint: str, why: str, span) -> Diagnostic:
    return Diagnostic("BX160", Severity.WARNING, f"hint {hint!r} ignored: {why}; read by its shape", span,
                      hint="the reader marked this paragraph; check its style in the draft")
