"""Proofreading checks over the source text and the model (codes BX2xx).

``run_checks(result)`` runs every enabled check on a ParseResult and returns the
diagnostics sorted by position; ``all_checks()`` is the table ``check --list`` prints;
``fixes.apply_fixes`` applies the mechanical fixes (diagnostics that carry ``fix``).
"""

from __future__ import annotations

from typing import Any, Iterable

from ..diagnostics import Diagnostic
from ..model import Issue
from . import brackets, dates, document, enumeration, repeats, typography  # noqa: F401  (register)
from .context import CheckContext
from .registry import Check, all_checks, resolve

__all__ = ["Check", "CheckContext", "all_checks", "resolve", "run_checks", "run_on_lines"]


def _sort_key(d: Diagnostic) -> tuple:
    s = d.span
    return (s.line if s else 0, s.col if s else 0, d.code, d.message)


def run_on_lines(lines: Iterable[str], issue: Issue | None = None, *, file: str | None = None,
                 disabled: Iterable[str] = (), previous: Issue | None = None) -> list[Diagnostic]:
    """Run the enabled checks on source lines (and the model, when given)."""
    off = resolve(disabled)
    ctx = CheckContext.build(list(lines), issue, previous, file)
    out: list[Diagnostic] = []
    for check in all_checks():
        if check.code in off or (check.needs_model and issue is None):
            continue
        out.extend(d.with_file(file) for d in check.func(ctx))
    return sorted(out, key=_sort_key)


def run_checks(result: Any, *, disabled: Iterable[str] = (),
               previous: Any | None = None) -> list[Diagnostic]:
    """Run the enabled checks on a ParseResult (``previous``: the previous issue's ParseResult)."""
    issue = getattr(result, "issue", None)
    file = getattr(result, "file", None) or (issue.source.name if issue is not None else None)
    prev_issue = getattr(previous, "issue", previous)
    return run_on_lines(result.lines, issue, file=file, disabled=disabled, previous=prev_issue)
