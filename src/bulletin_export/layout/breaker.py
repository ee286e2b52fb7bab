"""The line breaker: text on a fixed character grid with the 避头尾 rules.

Wide characters (ideographs, CJK punctuation) take one cell each; the cell is the
block width divided by the characters per line (15.79 pt for 28 at 16 pt). Latin
words and digit runs are kept whole at their measured width, unless a run is wider
than a line (a URL, a long number): then it is set character by character and may
break after / ? & = - . _ , (anywhere inside a long stretch without them). When the next unit
does not fit, one 。，、 may hang into the right margin; otherwise the unit moves to
the next line and the line is spread to both edges, unless that would leave a justified
line loose (runs.too_loose): then a run that fits a line breaks at one of
runs.break_points so that the line fills. Pure: a width callable in, positioned lines out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, NamedTuple, Sequence

from . import rules
from .runs import URL_BREAKS, break_points, too_loose

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


class Glyph(NamedTuple):
    """A token placed on a line; ``x`` is measured from the left edge of the text block."""

    text: str
    x: float
    width: float
    wide: bool
    squeeze: bool = False  # a mark set in half a cell: the drawer centres its ink there


@dataclass(frozen=True)
class Line:
    """One set line: its glyphs, the room it had and how it ends."""

    glyphs: tuple[Glyph, ...]
    left: float  # left edge of the room (indent), from the block's left edge
    width: float  # the room: block width minus indents
    size: float
    cell: float
    hang: bool = False  # the last glyph hangs into the right margin
    last: bool = False  # the last line of its paragraph
    justified: bool = False

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def spacing(self) -> float:
        """Character spacing (PDF Tc) that makes one full-width glyph advance one cell."""
        return self.cell - self.size

    @property
    def right(self) -> float:
        """Where the line's last non-hanging glyph ends."""
        body = self.glyphs[:-1] if self.hang else self.glyphs
        if not body:
            return self.left
        g = body[-1]
        return g.x + g.width

    @property
    def extent(self) -> float:
        """Where the line ends, hanging mark included."""
        if not self.glyphs:
            return self.left
        g = self.glyphs[-1]
        return g.x + g.width


def cell_for(width: float, size: float) -> float:
    """The grid cell for a size: the width shared by the whole number of characters closest to it."""
    n = max(1, round(width / size))
    return width / n


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


def _strip(toks: list[Token]) -> list[Token]:
    while toks and toks[0].space:
        toks = toks[1:]
    while toks and toks[-1].space:
        toks = toks[:-1]
    return toks


def break_lines(
    text: str,
    *,
    width: float,
    size: float,
    measure: Measure,
    cell: float | None = None,
    first_indent: float = 0.0,
    rest_indent: float = 0.0,
    align: str = "justify",
    hang: bool = True,
) -> list[Line]:
    """Set ``text`` in lines of ``width`` pt.

    ``first_indent``/``rest_indent`` are pt from the left edge for the first and later
    lines; ``align`` is justify (flush both edges, last line left), left, center or right.
    """
    cell = cell if cell is not None else cell_for(width, size)
    room = width - max(first_indent, rest_indent)
    tokens, offsets = _tokens(text, measure, cell, room)
    clusters = _clusters(text, tokens, room, offsets)
    rows: list[tuple[list[Token], bool, float]] = []
    i = 0
    while i < len(clusters):
        left = first_indent if not rows else rest_indent
        room = width - left
        toks: list[Token] = []
        used = 0.0
        hung = False
        while i < len(clusters):
            c = clusters[i]
            if not toks:
                c = _strip(c) or c
                if all(t.space for t in c):
                    i += 1
                    continue
            w = c[0].width if len(c) == 1 else sum(t.width for t in c)
            trail = sum(t.width for t in c if t.space) if c[-1].space else 0.0
            if used + w - trail <= room + EPS:
                toks += c
                used += w
                i += 1
                continue
            last = c[-1]
            if (
                hang
                and last.text in rules.HANGABLE
                and not last.split
                and last.width <= cell + EPS
                and used + w - last.width <= room + EPS
            ):
                toks += c
                used += w
                hung = True
                i += 1
            elif (
                toks
                and len(c) > 1  # a break inside c is forbidden, and its head would fit
                and used + c[0].width <= room + EPS
                and (squeezed := _compress(toks + c, used + w - room, cell))
            ):
                toks = squeezed  # compress punctuation before pushing (FORMAT.md §3)
                used = sum(t.width for t in toks)
                i += 1
            elif (
                align == "justify"
                and toks
                and _loose_if_pushed(toks, room, cell)
                and (parts := _split_run(c, room - used, measure))
            ):
                toks += parts[0]  # break the run rather than leave the line loose
                clusters[i] = parts[1]
            elif not toks:  # a unit longer than the line: split it where it must
                k = 0
                acc = 0.0
                while k < len(c) and (k == 0 or acc + c[k].width <= room + EPS):
                    acc += c[k].width
                    k += 1
                toks += c[:k]
                clusters[i] = c[k:]
                if not clusters[i]:
                    i += 1
            break
        toks = _strip(toks)
        rows.append((toks, hung, left))
    lines = []
    for n, (toks, hung, left) in enumerate(rows):
        last = n == len(rows) - 1
        lines.append(_place(toks, hung, left, width - left, size, cell, last, align))
    return lines


def _loose_if_pushed(toks: list[Token], room: float, cell: float) -> bool:
    """Would this line, ended here and justified, be loose (runs.too_loose)?"""
    body = _strip(toks)
    return too_loose(room - sum(t.width for t in body), len(body) - 1, room, cell)


def _split_run(c: list[Token], avail: float, measure: Measure) -> tuple[list[Token], list[Token]] | None:
    """Split cluster ``c`` inside one of its Latin/digit runs so that the head is as wide as
    fits in ``avail`` pt: (head, tail), or None when no break point fits."""
    best: tuple[float, int, int] | None = None  # (head width, token index, offset in run)
    before = 0.0
    for j, t in enumerate(c):
        if not (t.wide or t.space or t.split):
            for p in break_points(t.text):
                w = before + measure(t.text[:p])
                if w > avail + EPS:
                    break
                if rules.no_end(t.text[:p]) or rules.no_start(t.text[p:]):
                    continue
                if best is None or w > best[0]:
                    best = (w, j, p)
        before += t.width
    if best is None:
        return None
    _, j, p = best
    run = c[j].text
    head, tail = run[:p], run[p:]
    return (c[:j] + [Token(head, measure(head), False)],
            [Token(tail, measure(tail), False)] + c[j + 1:])


def _compress(toks: list[Token], need: float, cell: float) -> list[Token] | None:
    """Make room of ``need`` pt by setting at most two marks in half a cell, or None.

    The first and last tokens of a line are never compressed, so its edges stay where
    the grid puts them."""
    n = math.ceil(need / (cell / 2) - EPS)
    if n <= 0 or n > rules.MAX_COMPRESSED:
        return None
    cands = [k for k, t in enumerate(toks[:-1]) if k and t.wide and not t.squeeze
             and len(t.text) == 1 and t.text in rules.COMPRESSIBLE]
    if len(cands) < n:
        return None
    cands.sort(key=lambda k: (rules.compress_rank(toks[k].text), -k))
    out = list(toks)
    for k in cands[:n]:
        out[k] = Token(out[k].text, cell / 2, True, squeeze=True)
    return out


def _place(toks, hung, left, room, size, cell, last, align) -> Line:
    nb = len(toks) - 1 if hung else len(toks)
    used = sum([t[1] for t in toks[:nb]])
    extra = 0.0
    offset = 0.0
    justified = False
    if align == "justify" and not last and nb > 1:
        extra = (room - used) / (nb - 1)
        justified = True
    elif align == "center":
        offset = (room - used) / 2
    elif align == "right":
        offset = room - used
    x = left + offset
    glyphs = []
    add = glyphs.append
    spread = nb - 1
    for k, t in enumerate(toks):  # t: (text, width, wide, space, squeeze, split)
        add(_new(Glyph, (t[0], x, t[1], t[2], t[4])))
        x += t[1] + (extra if k < spread else 0.0)
    return Line(tuple(glyphs), left, room, size, cell, hang=hung, last=last, justified=justified)


def balanced_lines(
    text: str, *, width: float, size: float, measure: Measure, cell: float | None = None,
    align: str = "center",
) -> list[Line]:
    """Lines for a title: as few as fit, then made as even as the grid allows."""
    cell = cell if cell is not None else cell_for(width, size)
    lines = break_lines(text, width=width, size=size, measure=measure, cell=cell, align="left",
                        hang=False)
    if len(lines) <= 1:
        return break_lines(text, width=width, size=size, measure=measure, cell=cell, align=align,
                           hang=False)
    k = len(lines)
    total = sum(g.width for ln in lines for g in ln.glyphs)
    cells = math.ceil(total / cell / k - EPS)
    while cells * cell < width - EPS:
        trial = break_lines(text, width=cells * cell, size=size, measure=measure, cell=cell,
                            align="left", hang=False)
        if len(trial) == k:
            break
        cells += 1
    narrow = min(cells * cell, width)
    shift = (width - narrow) / 2
    out = break_lines(text, width=narrow, size=size, measure=measure, cell=cell, align=align,
                      hang=False)
    return [_shift(ln, shift, width) for ln in out]


def _shift(line: Line, dx: float, width: float) -> Line:
    glyphs = tuple(Glyph(g.text, g.x + dx, g.width, g.wide, g.squeeze) for g in line.glyphs)
    return Line(glyphs, 0.0, width, line.size, line.cell, line.hang, line.last, line.justified)
