"""The one clock of a build: SOURCE_DATE_EPOCH, else the issue date, else a fixed epoch."""

from __future__ import annotations

import datetime as dt
import os

from .errors import UsageError
from .model import Issue

FALLBACK = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


# The latest build time a calendar date can carry: 9999-12-31T23:59:59Z.
MAX_EPOCH = 253402300799


def source_date_epoch(explicit: int | None = None) -> int | None:
    """The build clock in seconds since 1970 (UTC): ``explicit``, else SOURCE_DATE_EPOCH, else
    None. A value that is not a whole number from 0 to MAX_EPOCH is a UsageError (exit 2)."""
    if explicit is not None:
        if isinstance(explicit, bool) or not isinstance(explicit, int):
            raw = str(explicit).strip()
            if not (raw.isascii() and raw.isdigit()):
                raise UsageError(f"source_date_epoch must be a whole number of seconds, not {raw[:40]!r}")
            explicit = int(raw) if len(raw) <= 20 else MAX_EPOCH + 1
        return _check_range(int(explicit), str(explicit))
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not raw.isascii():
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw[:40]!r}")
    return _check_range(int(raw) if len(raw) <= 20 else MAX_EPOCH + 1, raw)


def _check_range(value: int, raw: str) -> int:
    if not 0 <= value <= MAX_EPOCH:
        shown = raw if len(raw) <= 24 else raw[:20] + "..."
        raise UsageError(f"SOURCE_DATE_EPOCH {shown} is out of range: "
                         f"give seconds from 0 to {MAX_EPOCH} (9999-12-31)")
    return value


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
