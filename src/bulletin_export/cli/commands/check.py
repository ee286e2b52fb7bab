"""The `check` command: the parser's diagnostics plus the proofreading checks (BX2xx)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ...errors import EXIT_CONTENT, EXIT_OK, EXIT_WARNINGS, BulletinError, UsageError
from .._app import app, fail


class OutputFormat(str, Enum):
    human = "human"
    json = "json"


@dataclass
class _Outcome:
    diagnostics: list = field(default_factory=list)
    bad_inputs: int = 0


@app.command()
def check(
    files: List[Path] = typer.Argument(None, metavar="FILES", help="Files or folders to proofread: {INPUTS}. The checks run on inputs with source lines (text, Word drafts); XML has none.", show_default=False),
    fmt: OutputFormat = typer.Option(OutputFormat.human, "--format", help="human (file:line:col, the line and a caret) or json (one array of all diagnostics)."),
    disable: List[str] = typer.Option([], "--disable", help="Switch a check off by code or name (BX211, repeated-word); repeatable, comma lists allowed."),
    previous: Optional[Path] = typer.Option(None, "--previous", help="The previous issue: check that this issue's number follows it."),
    fix: bool = typer.Option(False, "--fix", help="Write a corrected copy <stem>.fixed<suffix> with the mechanical fixes, and list each change."),
    in_place: bool = typer.Option(False, "--in-place", help="With --fix: replace the input itself."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="With --fix and one input: where to write the corrected copy."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Also show the parser's info diagnostics (its guesses)."),
    fail_on_warning: bool = typer.Option(False, "--fail-on-warning", help="Exit 3 when there are warnings but no errors."),
    list_checks: bool = typer.Option(False, "--list", help="List the checks (code, severity, name) and exit."),
    glyphs: bool = typer.Option(True, "--glyphs/--no-glyphs", help="Also report characters no font can draw (BX401), as the PDF build would."),
    style: Optional[str] = typer.Option(None, "--style", help="With --glyphs: the style sheet whose fonts to check against."),
    font_dirs: List[Path] = typer.Option([], "--font-dir", help="With --glyphs: extra folder to search for fonts first (repeatable)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Read text inputs in this encoding (big5, shift_jis, euc_kr, gb18030...) instead of detecting it."),
) -> None:
    """Proofread bulletins before printing (see docs/checks.md).

    Reports quotes and brackets, repeated words, half-width punctuation,
    stray spaces, enumerations, dates, sources and issue numbers, after
    the parser's own diagnostics.

    --fix writes a corrected copy (never the input unless --in-place) in
    the input's own encoding and line endings, and lists each change.

    Exit codes: 0 no errors, 1 an error or an unreadable input,
    2 usage error, 3 warnings with --fail-on-warning.
    """
    from ...checks import all_checks, resolve

    try:
        if list_checks:
            for c in all_checks():
                typer.echo(f"{c.code}  {c.severity.value:<7}  {c.name:<24} {c.summary}")
            raise typer.Exit(EXIT_OK)
        if not files:
            raise UsageError("give at least one FILE (or --list)")
        if (in_place or output is not None) and not fix:
            raise UsageError("--in-place and -o go with --fix")
        if in_place and output is not None:
            raise UsageError("--in-place and -o exclude each other")
        if output is not None and len(files) > 1:
            raise UsageError("-o takes one input; without it each copy goes beside its input")
        options = _options(resolve(disable), previous, glyphs, style, font_dirs, encoding)
    except BulletinError as exc:
        raise fail(str(exc), exc.exit_code)

    outcome = _Outcome()
    report = _run(files, options, lambda res: _show_one(res, outcome, fmt, fix, in_place, output, verbose,
                                                                encoding))
    if fmt is OutputFormat.json:
        from ...diagnostics import format_json

        typer.echo(format_json(outcome.diagnostics))
    for name, why in report.skipped:  # FIFOs, devices, dangling links found in a folder
        typer.echo(f"skipped: {name}: {why}", err=True)
    if report.interrupted:
        raise typer.Exit(report.exit_code)
    raise typer.Exit(_exit_code(outcome, fail_on_warning))


def _run(files: List[Path], options, on_result):
    from ... import app

    try:
        return app.run(files, options, on_result=on_result)
    except BulletinError as exc:
        raise fail(str(exc), exc.exit_code)


def _options(disabled: set[str], previous: Optional[Path], glyphs: bool, style: Optional[str],
             font_dirs: List[Path], encoding: Optional[str] = None):
    """One BuildOptions for a check: no output formats, proofreading errors stay errors."""
    from ... import app

    for folder in font_dirs:
        if not folder.is_dir():
            raise UsageError(f"--font-dir {folder}: no such folder")
    if previous is not None:
        app.read_source(previous)  # an unreadable --previous is one error before any work
    options = app.BuildOptions(formats=(), out_dir=None, style=style, font_dirs=tuple(font_dirs),
                               disabled_checks=tuple(disabled), strict_checks=True, glyphs=glyphs,
                               previous=previous, encoding=encoding)
    if glyphs:
        app.context(options).fonts  # noqa: B018 - a role without any font fails once, here
    return options


def _show_one(res, outcome: _Outcome, fmt: OutputFormat, fix: bool, in_place: bool,
              output: Optional[Path], verbose: bool, encoding: Optional[str] = None) -> None:
    """Print (human) or collect (json) one input's diagnostics, and fix it."""
    from ... import readers
    from ...app import is_guess
    from ...diagnostics import format_human

    if res.error is not None:
        typer.echo(f"bulletin-export: error: {res.error}", err=True)
        outcome.bad_inputs += 1
        return
    # the parser's guesses (info) only with --verbose; the checks' infos always
    diags = [d for d in res.diagnostics if verbose or not is_guess(d)]
    outcome.diagnostics.extend(diags)
    if fmt is OutputFormat.human:
        for d in diags:
            typer.echo(format_human(d, res.lines))
        typer.echo(_summary(res.name, diags))
    if fix:
        if res.reader and not readers.get(res.reader).fixable:
            typer.echo(f"{res.name}: --fix: a {res.reader} input cannot be fixed in place; nothing written",
                       err=True)
            return
        try:
            _write_fixed(res.src, res.diagnostics, in_place, output, to_stderr=fmt is OutputFormat.json,
                         encoding=encoding)
        except BulletinError as exc:
            typer.echo(f"bulletin-export: error: {exc}", err=True)
            outcome.bad_inputs += 1


def _summary(name: str, diags: list) -> str:
    from ...diagnostics import Severity, count

    parts = [f"{count(diags, s)} {s.value}{'s' if count(diags, s) != 1 and s is not Severity.INFO else ''}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    return f"{name}: " + ", ".join(parts)


def _write_fixed(path: Path, diags: list, in_place: bool, output: Optional[Path], *,
                 to_stderr: bool, encoding: Optional[str] = None) -> None:
    from ...checks.fixes import fix_file

    done = fix_file(path, diags, in_place=in_place, output=output, encoding=encoding)
    if done.target is None:
        typer.echo(f"{path}: {done.note}", err=to_stderr)
        return
    typer.echo(f"{path}: {len(done.changes)} change(s) written to {done.target} ({done.encoding})",
               err=to_stderr)
    for ch in done.changes:
        typer.echo(f"  {ch.describe()}", err=to_stderr)


def _exit_code(outcome: _Outcome, fail_on_warning: bool) -> int:
    from ...diagnostics import Severity, worst

    top = worst(outcome.diagnostics)
    if outcome.bad_inputs or top is Severity.ERROR:
        return EXIT_CONTENT
    if fail_on_warning and top is Severity.WARNING:
        return EXIT_WARNINGS
    return EXIT_OK

