"""BX231: enumerations that break their own series (一是 … 四是 … 五要; 第一 … 第四; （一）（二）（四）)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Span
from .context import CheckContext
from .numerals import small_number
from .registry import get, register

_NUM = "[一二三四五六七八九十]{1,3}"
# family name -> pattern with groups (numeral, suffix); the suffix is the form of the series
FAMILIES = {
    "是/要": re.compile(rf"(?:^|(?<=[。；：，！？\s“”]))({_NUM})(是|要)"),
    "第": re.compile(rf"(?:^|(?<=[。；：，！？\s“”]))第({_NUM})()(?=[，、：,:])"),
    "（）": re.compile(rf"[（(]({_NUM})()[）)]"),
}
# headings at the start of a line (一、 and 1. / 1、 / 1．): the parser may take each for a
# title, so these series are followed through the whole document, not one article
HEADINGS = {
    "、": re.compile(rf"^[\s\u3000]*({_NUM})()、"),
    "1.": re.compile(r"^[\s\u3000]*(\d{1,2})()[.．、](?!\d)"),
}


@dataclass
class _Series:
    last: int
    form: str
    label: str  # how the last marker was written


def _label(family: str, numeral: str, suffix: str) -> str:
    if family == "第":
        return f"第{numeral}"
    if family == "（）":
        return f"（{numeral}）"
    if family == "、":
        return f"{numeral}、"
    if family == "1.":
        return f"{numeral}."
    return numeral + suffix


def _markers(ctx: CheckContext, group: list[int],
             families: dict[str, re.Pattern]) -> Iterator[tuple[str, int, int, str, str]]:
    """(family, line, 0-based index of the marker, numeral, suffix) in reading order."""
    found = []
    for no in group:
        text = ctx.lines[no - 1]
        for family, rx in families.items():
            for m in rx.finditer(text):
                at = m.start(1) - (1 if family in ("第", "（）") else 0)
                found.append((no, at, family, m.group(1), m.group(2)))
    for no, at, family, numeral, suffix in sorted(found):
        yield family, no, at, numeral, suffix


def _numeral_of(n: int) -> str:
    digits = "一二三四五六七八九"
    if n < 10:
        return digits[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens - 1]) + "十" + (digits[ones - 1] if ones else "")


@register("BX231", "enumeration-series", Severity.INFO,
          "an enumeration that skips, goes back or changes form (一是…五要; 第一…第四; （一）（二）（四）; 一、二、四、)")
def check_enumeration(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX231")
    everything = [no for no, _ in ctx.text_lines()]
    groups = [(g, FAMILIES) for g in ctx.paragraph_groups()] + [(everything, HEADINGS)]
    for group, families in groups:
        series: dict[str, _Series] = {}
        for family, no, at, numeral, suffix in _markers(ctx, group, families):
            n = int(numeral) if numeral.isdigit() else small_number(numeral)
            if n is None:
                continue
            label = _label(family, numeral, suffix)
            span = Span.of_line(no, at + 1, len(label))
            cur = series.get(family)
            if n == 1 or cur is None:
                series[family] = _Series(n, suffix, label)
                continue
            nxt = str(cur.last + 1) if family == "1." else _numeral_of(cur.last + 1)
            expected = _label(family, nxt, cur.form)
            if n == cur.last + 1 and suffix != cur.form:
                begun = _label(family, "1" if family == "1." else "一", cur.form)
                seen = f"{begun}…{cur.label}" if cur.last > 1 else begun
                yield me.diag(f"{label} breaks the series {seen}", span, hint=f"write {expected}")
            elif n > cur.last + 1:
                yield me.diag(f"{label} follows {cur.label}: the series skips {expected}", span,
                              hint=f"renumber from {expected} or add the missing item")
            elif n <= cur.last:
                yield me.diag(f"{label} follows {cur.label}: the series goes back", span,
                              hint=f"write {expected}")
            series[family] = _Series(n, cur.form, label)
