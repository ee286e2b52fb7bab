"""Chinese numerals as used in enumerations and dates (一 … 九十九, 二〇一二)."""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}


def small_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; None for anything else."""
    if not text:
        return None
    if "十" not in text:
        return DIGITS[text] if len(text) == 1 and text in DIGITS else None
    tens_s, _, ones_s = text.partition("十")
    if len(tens_s) > 1 or len(ones_s) > 1 or "十" in ones_s:
        return None
    tens = 1 if not tens_s else DIGITS.get(tens_s)
    ones = 0 if not ones_s else DIGITS.get(ones_s)
    if tens is None or ones is None or tens == 0:
        return None
    return tens * 10 + ones


def digit_string(text: str) -> int | None:
    """二〇一二 → 2012 (digit by digit); None when a character is not a digit."""
    if not text or any(c not in DIGITS for c in text):
        return None
    return int("".join(str(DIGITS[c]) for c in text))


def number(text: str) -> int | None:
    """An Arabic or Chinese number as written in a date or list (4, ０４, 四, 十二)."""
    if text.isdigit():
        return int(text)
    return small_number(text)
