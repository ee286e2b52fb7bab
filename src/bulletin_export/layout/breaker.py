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
Tokens and the breaks allowed between them come from tokens.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from . import rules
from .runs import break_points, too_loose
from .tokens import EPS, Measure, Token, _clusters, _new, _tokens
from .tokens import tokenize  # noqa: F401  (re-exported: breaker.tokenize as before)


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
