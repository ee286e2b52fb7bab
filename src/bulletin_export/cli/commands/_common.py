"""Argument helpers shared by several commands."""

from __future__ import annotations

from typing import Iterable

from ...errors import UsageError


def parse_sets(items: Iterable[str]) -> dict[str, str]:
    """`--set key=value` items to a dict; a missing `=` is a usage error."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set expects key=value, got {item!r}")
        out[key.strip()] = value.strip()
    return out
