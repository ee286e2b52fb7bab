"""Which East Asian encoding a non-UTF-8 text is in when GB18030 reads it only as mojibake.

GB18030 decodes almost any byte string, so "it decodes" says nothing. Chinese text in
GB2312/GBK/GB18030 has three plain traits this module tests on a sample of the bytes
(first 64 KiB, cut at a line end; a few milliseconds at most):

- its characters are GB2312 ones (a GBK-only or private-use character is rare);
- its hanzi spread over GB2312's level-1 and level-2 rows (about 40 % in rows 0xC9-0xF7:
  是 在 中 有 这 我 ...).

Shift-JIS Japanese read as GB18030 gives GBK-only characters, no GB2312 at all, and
decodes strictly as CP932 with many kana. Big5 puts its most common characters (的 0xAABA)
in rows GB18030 maps to the private-use area. EUC-KR Hangul sits exactly in GB2312's rows
0xB0-0xC8, so it reads as GB2312 hanzi, but none from the later rows, and strictly as
CP949 it is almost all Hangul. Each verdict needs both: the GB18030 reading implausible
and the other reading plausible, so GB text (every sample and fixture) is never refused.
"""

from __future__ import annotations

import re

SAMPLE = 65536
_PAIR = re.compile(rb"[\xa1-\xfe][\xa1-\xfe]")


def _sample(data: bytes) -> bytes:
    if len(data) <= SAMPLE:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE)
    return data[: cut + 1] if cut > 0 else data[:SAMPLE]


def _share(text: str, lo: int, hi: int) -> float:
    """The share of the non-ASCII characters of `text` in U+lo..U+hi."""
    wide = [c for c in text if ord(c) >= 0x80]
    if not wide:
        return 0.0
    return sum(1 for c in wide if lo <= ord(c) <= hi) / len(wide)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def guess(data: bytes) -> tuple[str, str] | None:
    """(codec, label) when `data` (not UTF-8) is plainly Shift-JIS, Big5 or EUC-KR and not
    plausible GB18030; None otherwise (the caller then reads GB18030 as before)."""
    sample = _sample(data)
    gb = sample.decode("gb18030", "replace")
    wide = sum(1 for c in gb if ord(c) >= 0x80)
    if wide < 8:
        return None
    pua = sum(1 for c in gb if 0xE000 <= ord(c) <= 0xF8FF)
    as_2312 = gb.encode("gb2312", "replace")
    not_2312 = as_2312.count(b"?") - gb.count("?")
    hanzi = [p[0] for p in _PAIR.findall(as_2312) if p[0] >= 0xB0]
    late = sum(1 for lead in hanzi if lead >= 0xC9)
    implausible = pua > 0.02 * wide or not_2312 > 0.3 * wide

    if implausible:
        ja = _strict(sample, "cp932")
        if ja is not None and _share(ja, 0x3040, 0x30FF) >= 0.15:
            return "shift_jis", "Shift-JIS (Japanese)"
        tw = _strict(sample, "cp950")
        if tw is not None and _share(tw, 0x4E00, 0x9FFF) >= 0.6:
            return "big5", "Big5 (traditional Chinese)"
    if len(hanzi) >= 10 and late < 0.05 * len(hanzi):
        ko = _strict(sample, "cp949")
        if ko is not None and _share(ko, 0xAC00, 0xD7A3) >= 0.5:
            return "euc_kr", "EUC-KR (Korean)"
    return None
