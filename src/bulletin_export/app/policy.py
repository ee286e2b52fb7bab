"""The ONE policy that combines what is wrong with an input (no other module does this):

- the reader's (parser's) diagnostics, each carrying the file name;
- the proofreading checks (BX2xx), only for readers with source lines and when
  ``options.checks``; in a build (``strict_checks`` False) their errors count as warnings,
  because proofreading never stops a build (``check`` is where they set the exit code);
- the characters no font can draw (BX401, errors), when ``fonts`` is given: computed once
  per input, here, where the source lines give exact columns.

All of them sorted by position (line, column, code); order among equals is kept.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from ..diagnostics import Diagnostic, Severity, locate

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Issue
    from ..parser import ParseResult
    from .records import BuildOptions

PARSER_PREFIXES = ("BX0", "BX1")  # decode and parser codes; their infos are guesses


def is_guess(diag: Diagnostic) -> bool:
    """An info from the reader (how it decoded, what it guessed): shown only on request."""
    return diag.severity is Severity.INFO and diag.code.startswith(PARSER_PREFIXES)


def diagnose(parsed: "ParseResult", options: "BuildOptions", fonts=None, *,
             reader=None, file: str | None = None,
             previous: "Issue | None" = None) -> list[Diagnostic]:
    """Every finding for one input, with the policy above applied."""
    diags = [d.with_file(d.file or file) for d in parsed.diagnostics]
    if options.checks and (reader is None or reader.has_source_lines):
        from ..checks import run_checks

        found = run_checks(parsed, disabled=set(options.disabled_checks), previous=previous, file=file)
        if not options.strict_checks:
            found = [replace(d, severity=Severity.WARNING) if d.severity is Severity.ERROR else d
                     for d in found]
        diags += found
    if fonts is not None:
        diags += [d.with_file(file) for d in fonts.coverage(parsed.issue, parsed.lines)
                  if d.severity is Severity.ERROR]
    return _by_position(locate(diags, parsed.places))  # ¶12 in a .docx (checks and glyphs too)


def _by_position(diags: Sequence[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.span.line if d.span else 0, d.span.col if d.span else 0, d.code))


def first_error(diags: Sequence[Diagnostic]) -> str | None:
    """The one-line error of an input that cannot be built: the first error's headline."""
    errors = [d for d in diags if d.severity is Severity.ERROR]
    if not errors:
        return None
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    return errors[0].headline() + more
