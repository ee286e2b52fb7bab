"""Chinese and Arabic numerals, issue numbers and dates as they appear in bulletins."""

from __future__ import annotations

import datetime as _dt
import re

_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

#: A number written any way a bulletin writes it (for building regular expressions).
NUM = r"[0-9０-９〇零○一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+"
_YEAR = r"[0-9０-９〇零○Ｏ一二三四五六七八九]{4}"
_MD = r"[0-9０-９一二三四五六七八九十]{1,3}"
#: A date: 2012年4月28日, 二〇一二年四月二十八日, 2012-04-28, 2012/4/28, 2012.4.28.
DATE = (rf"(?:{_YEAR}\s*年\s*{_MD}\s*月\s*{_MD}\s*日"
        r"|[0-9]{4}\s*[-/.．]\s*[0-9]{1,2}\s*[-/.．]\s*[0-9]{1,2})")
_DATE_CN = re.compile(rf"^({_YEAR})\s*年\s*({_MD})\s*月\s*({_MD})\s*日$")
_DATE_ISO = re.compile(r"^([0-9]{4})\s*[-/.．]\s*([0-9]{1,2})\s*[-/.．]\s*([0-9]{1,2})$")


def parse_number(text: str) -> int | None:
    """'12', '１２', '十二', '一百五十六', '一五六' -> int; None when it is not a number."""
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS and ch != "万" for ch in text):
        return None
    if not any(ch in _UNITS or ch == "万" for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))  # 一五六, 二〇一二
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch == "万":
            section += digit or 0
            total += (section or 1) * 10000
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + section + (digit or 0)


class BadDate(ValueError):
    """A date that reads like one but is not on the calendar (2012年2月30日)."""


def parse_date(text: str) -> _dt.date | None:
    """A date in any of the DATE forms; None when the text is no date; BadDate when impossible."""
    text = text.strip().translate(_FULLWIDTH)
    m = _DATE_CN.match(text) or _DATE_ISO.match(text)
    if not m:
        return None
    parts = [parse_number(g) for g in m.groups()]
    if None in parts:
        return None
    year, month, day = parts  # type: ignore[misc]
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise BadDate(f"{text} is not a calendar date") from None
