"""BX211: a word or character repeated by accident (服务职工职工在基层).

Rules, in order, for a run of Chinese text where ``X`` is immediately followed by ``X``:

1. X of 2-8 characters (ABAB, ABCABC, a phrase pasted twice) is reported, unless a phrase of the
   allow-list covers it (研究研究, 雪白雪白), it is a numeral series (一个一个) or an
   A-not-A question running on (是不是不想来).
2. X of one character is legitimate reduplication (常常, 人人, 王芳芳) unless it is
   a function word (的的, 了了, 在在, 是是), and even then an allow-listed phrase
   (现在在, 为了了解, 的的确确) keeps it silent.
3. The AA and BB of AABB (扎扎实实, 高高兴兴) are rule 2's business; they are never
   function words except in allow-listed phrases (的的确确, 是是非非).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Span
from .context import CheckContext, is_cjk
from .registry import get, register
from .wordlists import ALLOWED_PHRASES, FUNCTION_CHARS, NEGATION_SECOND, SERIES_FIRST

MAX_WORD = 8  # ABAB up to phrases pasted twice (各级工会组织各级工会组织)


@lru_cache(maxsize=4096)
def _phrases_with(doubled: str) -> tuple[str, ...]:
    """The allowed phrases that contain ``doubled`` (only they can cover it)."""
    return tuple(p for p in ALLOWED_PHRASES if doubled in p)


def _covered(text: str, start: int, end: int) -> bool:
    """True when an allowed phrase occurs in ``text`` overlapping all of [start, end)."""
    for phrase in _phrases_with(text[start:end]):
        n = len(phrase)
        lo = max(0, end - n)
        hi = min(start, len(text) - n)
        for s in range(lo, hi + 1):
            if text.startswith(phrase, s):
                return True
    return False


# A position where a word of 1-MAX_WORD characters starts a doubling must have its
# character again 1-MAX_WORD places on: the regex finds those few positions at C speed,
# and only they are looked at (the scan was ~8 Python slices per character).
_AGAIN = re.compile(r"(?=(.)(?:.{0,%d})\1)" % (MAX_WORD - 1), re.DOTALL)


def find_repeats(text: str) -> Iterator[tuple[int, str]]:
    """(0-based index of the second copy, repeated word) for each accidental repeat."""
    i = 0
    for m in _AGAIN.finditer(text):
        if m.start() < i:
            continue
        i = m.start()
        hit = None
        for n in range(1, MAX_WORD + 1):
            word = text[i:i + n]
            if len(word) < n:
                break
            if text[i + n:i + 2 * n] != word:
                continue
            if not all(is_cjk(c) for c in word):
                break
            if _covered(text, i, i + 2 * n):
                continue
            if n == 1 and word not in FUNCTION_CHARS:
                continue
            if n > 1 and (word[0] in SERIES_FIRST or len(set(word)) == 1):
                continue
            if n == 2 and word[1] in NEGATION_SECOND:
                continue
            hit = (i + n, word)
            break
        if hit:
            yield hit
            i = hit[0] + len(hit[1])


@register("BX211", "repeated-word", Severity.WARNING,
          "a word or function character written twice by accident (职工职工, 的的)")
def check_repeats(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX211")
    for no, text in ctx.text_lines():
        for at, word in find_repeats(text):
            yield me.diag(
                f"“{word}” is written twice",
                Span.of_line(no, at + 1, len(word)),
                hint=f"delete the second “{word}” if the repeat is a slip",
            )
