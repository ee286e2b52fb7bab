"""Lengths: numbers (pt), strings with a unit, and the Chinese type size names."""

from __future__ import annotations

import re
from typing import Any

#: Chinese type size names (字号) in points.
SIZE_NAMES: dict[str, float] = {
    "初号": 42.0, "小初": 36.0, "一号": 26.0, "小一": 24.0, "二号": 22.0, "小二": 18.0,
    "三号": 16.0, "小三": 15.0, "四号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5.0,
}
UNITS: dict[str, float] = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}
_LENGTH = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*([a-zA-Z]*)\s*$")

def parse_length(value: Any) -> float:
    """A length in pt from a number (pt), "12pt", "5.6mm", "1.2cm", "2in" or a size name (三号)."""
    if isinstance(value, bool):
        raise ValueError("a length, not true/false")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text in SIZE_NAMES:
            return SIZE_NAMES[text]
        m = _LENGTH.match(text)
        if m:
            unit = (m.group(2) or "pt").lower()
            if unit in UNITS:
                return round(float(m.group(1)) * UNITS[unit], 4)
            raise ValueError(f"unknown unit {m.group(2)!r} (use pt, mm, cm, in or a size name "
                             "such as 三号)")
    raise ValueError(f"{value!r} is not a length (use a number of pt, \"37mm\", \"1.2cm\", "
                     "\"2in\" or a size name such as 三号)")
