"""Where a Latin/digit run that fits a line may still break, to keep the line before it full.

A run shorter than a line is normally kept whole and moved to the next line. When that
would leave the line before it loose (see ``too_loose``), the breaker splits the run at
one of these points instead. Pure string functions: no tokens, no drawing.
"""

from __future__ import annotations

#: After these a run may break (URLs, paths, e-mail, numbers with separators); the same
#: set as for runs wider than a line.
URL_BREAKS = frozenset("/?&=-._,#")

#: A run without any of those marks (a plain word) breaks, unhyphenated, only when it has
#: more than this many characters: a short word split in two reads worse than a loose line.
PLAIN_MIN = 8

#: Characters kept together at each side of a break inside a run (no "e" + "-mail").
EDGE = 2


def break_points(run: str) -> list[int]:
    """Offsets p where ``run`` may break into run[:p] + run[p:], in increasing order.

    After the last of a series of URL marks (``https://`` never splits inside ``//``) if the
    run has any; otherwise anywhere in a plain word longer than PLAIN_MIN characters. Never
    between two digits (a telephone or serial number stays whole, as rules.UNBREAKABLE
    keeps digit runs) and never with fewer than EDGE characters on either side.
    """
    n = len(run)
    if any(ch in URL_BREAKS for ch in run):
        points = [q + 1 for q in range(n - 1) if run[q] in URL_BREAKS and run[q + 1] not in URL_BREAKS]
    elif n > PLAIN_MIN:
        points = list(range(EDGE, n - EDGE + 1))
    else:
        points = []
    return [p for p in points
            if EDGE <= p <= n - EDGE and not (run[p - 1].isdigit() and run[p].isdigit())]


def too_loose(slack: float, gaps: int, room: float, cell: float) -> bool:
    """Would a justified line ``slack`` pt short of ``room``, with ``gaps`` gaps, look loose?

    Yes when more than a quarter of the line is empty (7 cells of 28: the spread is then
    visible as a gapped line, and ordinary pushes of a character or two, of a 4-digit number
    or a short word never reach it), or when the spread would put more than half a cell
    between two characters (a line with few glyphs, such as one of Latin words).
    """
    if slack <= 0:
        return False
    return slack > room / 4 or (gaps > 0 and slack / gaps > cell / 2)
