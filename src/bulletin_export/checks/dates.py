"""BX241/BX242: dates that cannot exist (2月30日, 13月) and dates later than the issue date."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Span
from .context import CheckContext
from .numerals import digit_string, number
from .registry import get, register

_Y = r"(?:(\d{4}|[〇零○一二三四五六七八九]{4})年)?"
_ARABIC = re.compile(r"(?<![\d.])" + _Y.replace("(?:(", "(?:(?<!\\d)(") + r"(\d{1,2})月(?:(\d{1,2})日)?")
_CHINESE = re.compile(r"(?<![〇零○一二三四五六七八九十])" + _Y
                      + r"([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
# words before a date that make a later date expected (a plan, a deadline, the end of a range)
_FUTURE_BEFORE = re.compile(r"(将|拟|计划|预计|预定|定于|届时|至|到|截至|截止|－|-|—|~|～|明年|下月)[^。；，]{0,4}$")
_LAST_YEAR = re.compile(r"(去年|上年|前年|上一年)[^。；，]{0,2}$")
_FUTURE_AFTER = re.compile(r"^(前|之前|以前|起|开始|为止|截止)")


def _halfwidth_digits(text: str) -> str:
    return text.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})


def find_dates(text: str) -> Iterator[tuple[int, int, int | None, int, int | None]]:
    """(start, end, year, month, day) of each written date; numbers as written, not validated."""
    norm = _halfwidth_digits(text)
    for rx in (_ARABIC, _CHINESE):
        for m in rx.finditer(norm):
            y, mo, d = m.group(1), m.group(2), m.group(3)
            year = (int(y) if y.isdigit() else digit_string(y)) if y else None
            month = number(mo)
            day = number(d) if d else None
            if month is None or (d and day is None):
                continue
            yield m.start(), m.end(), year, month, day


def impossible(year: int | None, month: int, day: int | None) -> str | None:
    """Why the date cannot exist, or None."""
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day is None:
        return None
    last = calendar.monthrange(year if year else 2000, month)[1]
    if not 1 <= day <= last:
        return f"{month}月 has {last} days" + ("" if year or month != 2 else " at most")
    return None


@register("BX241", "impossible-date", Severity.ERROR, "a date that cannot exist (2月30日, 13月, 4月31日)",
          superseded_by=("BX104",))
def check_impossible(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX241")
    for no, text in ctx.text_lines():
        for s, e, year, month, day in find_dates(text):
            why = impossible(year, month, day)
            if why:
                yield me.diag(f"“{text[s:e]}” cannot exist: {why}", Span.of_line(no, s + 1, e - s),
                              hint="check the date against the source document")


def issue_date(ctx: CheckContext) -> dt.date | None:
    """The later of the masthead date and the print date, when either is known."""
    if ctx.issue is None:
        return None
    known = [d for d in (ctx.issue.masthead.date if ctx.issue.masthead else None,
                         ctx.issue.print_date) if d]
    return max(known) if known else None


@register("BX242", "date-after-issue", Severity.WARNING,
          "a past event dated later than the issue date (masthead or print date)", needs_model=True)
def check_after_issue(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX242")
    limit = issue_date(ctx)
    if limit is None:
        return
    for no, text in ctx.text_lines():
        for s, e, year, month, day in find_dates(text):
            if impossible(year, month, day) or day is None:
                continue
            if year is None and _LAST_YEAR.search(text[:s]):
                continue
            if _FUTURE_BEFORE.search(text[:s]) or _FUTURE_AFTER.match(text[e:]):
                continue
            when = dt.date(year or limit.year, month, day)
            if when > limit:
                yield me.diag(f"“{text[s:e]}” is later than the issue date {limit.isoformat()}",
                              Span.of_line(no, s + 1, e - s),
                              hint="a typo in the date, or say it is planned (将于…)")
