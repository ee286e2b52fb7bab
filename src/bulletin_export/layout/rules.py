"""避头尾: the character classes of Chinese line breaking (FORMAT.md §3, GB/T 15834, clreq).

Pure data and tiny predicates; the line breaker decides what to do with them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Never at the start of a line: stops, pauses, closing marks, ellipsis/dash, 间隔号, and
#: their half-width cousins.
NO_START = frozenset(
    "。，、；：？！”’）〕】》〉」』〗〙〛｝］…—·．｡､"
    ".,;:?!)]}%％‰℃°"
)

#: Never at the end of a line: opening marks.
NO_END = frozenset("“‘（〔【《〈「『〖〘〚｛［([{")

#: Marks that may hang one character into the right margin (at most one per line).
HANGABLE = frozenset("。，、.,")

#: Marks that may be set in half a cell to make room (stops first, then closing, then opening).
_STOPS = "。，、；：？！"
_CLOSING = "”’）〕】》〉」』"
_OPENING = "“‘（〔【《〈「『"
COMPRESSIBLE = frozenset(_STOPS + _CLOSING + _OPENING)
#: Opening marks: in half a cell their ink sits at the right (against what they open);
#: stops and closing marks sit at the left (clreq §3.1.6, the half-width forms).
OPENING = frozenset(_OPENING)
MAX_COMPRESSED = 2  # per line: at most one cell gained


def compress_rank(ch: str) -> int:
    """Which marks to compress first: 0 stops, 1 closing, 2 opening."""
    return 0 if ch in _STOPS else 1 if ch in _CLOSING else 2


#: Two-em marks that are never split across lines.
TWO_EM = ("——", "……")

#: Characters of East-Asian width "A" that CJK fonts draw full-width in Chinese text.
_WIDE_AMBIGUOUS = frozenset("“”‘’…—·")

#: Digit runs with their unit characters stay on one line: 2012年, 4月18日, 85%.
UNBREAKABLE = re.compile(r"[0-9０-９]+(?:[年月日号时点分秒][0-9０-９]+)*[年月日号时点分秒]?")


@lru_cache(maxsize=65536)
def is_wide(ch: str) -> bool:
    """True for characters that take one full cell of the grid (ideographs, CJK punctuation)."""
    if ch in _WIDE_AMBIGUOUS:
        return True
    return unicodedata.east_asian_width(ch) in ("W", "F")


def no_start(text: str) -> bool:
    """True when a token must not begin a line."""
    return bool(text) and text[0] in NO_START


def no_end(text: str) -> bool:
    """True when a token must not end a line."""
    return bool(text) and text[-1] in NO_END
