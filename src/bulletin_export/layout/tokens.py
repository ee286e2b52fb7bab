"""Text to tokens for the line breaker, and where a line may break between them.

A token is an unsplittable piece: one wide character, a ——/…… pair, a Latin/digit run
(one token per character when the run is wider than a line) or a run of spaces. Breaks
between tokens follow the 避头尾 classes of rules.py, keep digit runs with their units
whole (rules.UNBREAKABLE) and break inside over-long runs after URL marks (runs.py).
"""

from __future__ import annotations

import math
from typing import Callable, NamedTuple, Sequence

from . import rules
from .runs import URL_BREAKS

Measure = Callable[[str], float]  # text -> width in pt at the size being set
EPS = 1e-6
_new = tuple.__new__  # Token/Glyph without their Python-level __new__ (thousands a page)


class Token(NamedTuple):
    """An unsplittable piece of text: one wide char, a ——/…… pair, a Latin/digit run or a space.
    (Tuples, not frozen dataclasses: a page makes thousands, and this halves their cost.)"""

    text: str
    width: float
    wide: bool
    space: bool = False
    squeeze: bool = False  # compressed to half a cell
    split: bool = False  # one character of a run wider than a line (see _tokens)



def tokenize(text: str, measure: Measure, cell: float) -> list[Token]:
    """Split text into tokens: wide chars, two-em marks, Latin/digit runs, spaces."""
    return _tokens(text, measure, cell, math.inf)[0]


def _tokens(text: str, measure: Measure, cell: float, room: float
            ) -> tuple[list[Token], list[int]]:
    """The tokens of ``text`` and the character offset where each starts; a Latin/digit run
    wider than ``room`` becomes one token per character (marked ``split``)."""
    out: list[Token] = []
    offs: list[int] = []
    add, at = out.append, offs.append
    i, n = 0, len(text)
    wide = rules.is_wide
    two_em = rules.TWO_EM
    limit = room + EPS
    while i < n:
        ch = text[i]
        at(i)
        if ch in "—…" and text[i : i + 2] in two_em:
            add(Token(text[i : i + 2], 2 * cell, True))
            i += 2
        elif ch in " \t":
            add(Token(" ", measure(" "), False, space=True))
            i += 1
            while i < n and text[i] in " \t":
                i += 1
        elif wide(ch):
            add(_new(Token, (ch, cell, True, False, False, False)))
            i += 1
        else:
            j = i + 1
            while j < n and not wide(text[j]) and text[j] not in " \t":
                j += 1
            run = text[i:j]
            w = measure(run)
            if w <= limit or j - i < 2:
                add(Token(run, w, False))
            else:  # wider than a line: character by character (see _split_breaks)
                offs.pop()
                for k in range(i, j):
                    at(k)
                    add(Token(text[k], measure(text[k]), False, split=True))
            i = j
    return out, offs


def _split_breaks(tokens: Sequence[Token], offsets: list[int], room: float) -> set[int]:
    """Token indexes k (break allowed before token k) inside split runs: after a URL mark,
    and anywhere in a stretch without one wider than a sixth of the line."""
    allowed: set[int] = set()
    k = 0
    n = len(tokens)
    while k < n:
        if not tokens[k].split:
            k += 1
            continue
        j = k
        while j < n and tokens[j].split and (j == k or offsets[j] == offsets[j - 1] + 1):
            j += 1
        # tokens k..j-1 are one run; segments end after a URL mark
        seg_start, width = k, 0.0
        for m in range(k, j):
            width += tokens[m].width
            last = m == j - 1
            if tokens[m].text in URL_BREAKS or last:
                if width > room / 6:
                    allowed.update(range(seg_start + 1, m + 1))
                if not last:
                    allowed.add(m + 1)
                seg_start, width = m + 1, 0.0
        k = j
    return allowed


def _offsets(text: str, tokens: Sequence[Token]) -> list[int]:
    """The character offset of each token in ``text`` (runs of spaces collapse to one token)."""
    offsets, pos = [], 0
    for t in tokens:
        while t.space and pos < len(text) and text[pos] not in " \t":
            pos += 1
        offsets.append(pos)
        if t.space:
            while pos < len(text) and text[pos] in " \t":
                pos += 1
        else:
            pos += len(t.text)
    return offsets


def _breaks(text: str, tokens: Sequence[Token], room: float = math.inf,
            offsets: list[int] | None = None) -> list[bool]:
    """allowed[k]: may a line break between tokens k and k+1?"""
    glued: set[int] = set()  # character offsets inside an unbreakable run (break before them forbidden)
    for m in rules.UNBREAKABLE.finditer(text):
        glued.update(range(m.start() + 1, m.end()))
    if offsets is None:
        offsets = _offsets(text, tokens)
    inside = _split_breaks(tokens, offsets, room)
    allowed = []
    no_start, no_end = rules.NO_START, rules.NO_END  # (rules.no_start/no_end, inlined)
    for k in range(len(tokens) - 1):
        a, b = tokens[k], tokens[k + 1]
        if a.space or b.space:
            ok = True
        elif b.text[0] in no_start or a.text[-1] in no_end:
            ok = False
        elif a.split and b.split and offsets[k + 1] == offsets[k] + 1:  # inside a long run
            ok = k + 1 in inside
        else:
            ok = offsets[k + 1] not in glued
        allowed.append(ok)
    return allowed


def _clusters(text: str, tokens: list[Token], room: float = math.inf,
              offsets: list[int] | None = None) -> list[list[Token]]:
    if not tokens:
        return []
    allowed = _breaks(text, tokens, room, offsets)
    cuts = [k + 1 for k, ok in enumerate(allowed) if ok]
    return [tokens[a:b] for a, b in zip([0] + cuts, cuts + [len(tokens)])]
