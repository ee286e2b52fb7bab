"""Proofreading checks over the source text and the model (codes BX2xx).

``run_checks(result)`` runs every enabled check on a ParseResult and returns the
diagnostics sorted by position; ``all_checks()`` is the table ``check --list`` prints;
``fixes.apply_fixes`` applies the mechanical fixes (diagnostics that carry ``fix``).
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

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
                 disabled: Iterable[str] = (), previous: Issue | None = None,
                 parser_diagnostics: Iterable[Diagnostic] = (),
                 line_kinds: Sequence[str] | None = None) -> list[Diagnostic]:
    """Run the enabled checks on source lines (and the model, when given).

    ``parser_diagnostics`` lets a check step back where the parser already said the same
    thing (``Check.superseded_by``). ``line_kinds`` is the parser's kind of each line
    (ParseResult.line_kinds); without it the lines are parsed here to get it.
    """
    off = resolve(disabled)
    said = {(d.code, d.span.line) for d in parser_diagnostics if d.span}
    lines = [t.rstrip("\r\n") for t in lines]
    if line_kinds is None:
        from ..parser import parse_text

        line_kinds = parse_text("\n".join(lines)).line_kinds
    ctx = CheckContext.build(lines, issue, previous, file, line_kinds)
    out: list[Diagnostic] = []
    for check in all_checks():
        if check.code in off or (check.needs_model and issue is None):
            continue
        for d in check.func(ctx):
            line = d.span.line if d.span else None
            if any((code, line) in said for code in check.superseded_by):
                continue
            out.append(d.with_file(file))
    return sorted(out, key=_sort_key)


def run_checks(result: Any, *, disabled: Iterable[str] = (), previous: Any | None = None,
               file: str | None = None) -> list[Diagnostic]:
    """Run the enabled checks on a ParseResult.

    ``previous`` is the previous issue (a ParseResult or an Issue) for BX253; ``file``
    names the input in the diagnostics (default: the issue's source name).
    """
    issue = getattr(result, "issue", None)
    if file is None and issue is not None:
        file = issue.source.name
    prev_issue = getattr(previous, "issue", previous)
    kinds = getattr(result, "line_kinds", ())
    return run_on_lines(result.lines, issue, file=file, disabled=disabled, previous=prev_issue,
                        parser_diagnostics=getattr(result, "diagnostics", ()),
                        line_kinds=kinds if kinds or not result.lines else None)
