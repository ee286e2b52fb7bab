"""The one clock of a build: SOURCE_DATE_EPOCH, else the issue date, else a fixed epoch."""

from __future__ import annotations

import datetime as dt
import os

from .errors import UsageError
from .model import Issue

FALLBACK = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def source_date_epoch(explicit: int | None = None) -> int | None:
    if explicit is not None:
        return explicit
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}")
    return int(raw)


def build_time(issue: Issue | None = None, explicit: int | None = None) -> dt.datetime:
    """A timezone-aware UTC datetime; never the wall clock, so outputs are reproducible."""
    epoch = source_date_epoch(explicit)
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc)
    if issue is not None:
        date = (issue.masthead.date if issue.masthead else None) or issue.print_date
        if date is not None:
            return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)
    return FALLBACK
