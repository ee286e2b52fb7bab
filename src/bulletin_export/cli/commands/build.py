"""The `build` command: convert files and folders to DOCX, PDF, XML (or a plug-in's format)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ... import api
from ...batch import DEFAULT_FORMATS, DEFAULT_OUT_DIR, BatchReport, JobResult, default_jobs
from ...errors import EXIT_CONTENT, EXIT_OK, EXIT_WARNINGS, BulletinError
from .._app import app, fail
from ._common import parse_sets


@app.command()
def build(
    inputs: List[Path] = typer.Argument(..., help="Source files (.txt, .xml) or folders (searched recursively).", show_default=False),
    fmt: List[str] = typer.Option(list(DEFAULT_FORMATS), "-f", "--format", help="Output formats, comma-separated or repeated: docx, pdf, xml, or a plug-in's."),
    out_dir: Path = typer.Option(DEFAULT_OUT_DIR, "-o", "--out-dir", help="Output folder; folder inputs keep their sub-folders under it."),
    style: Optional[str] = typer.Option(None, "--style", help="Style sheet name (see `styles`) or path to a .toml file."),
    sets: List[str] = typer.Option([], "--set", help="Override a header field: --set name=工会工作简报 (repeatable)."),
    jobs: int = typer.Option(0, "-j", "--jobs", min=0, help="Worker processes; 0 = one per CPU."),
    font_dirs: List[Path] = typer.Option([], "--font-dir", help="Extra folder to search for fonts first (repeatable)."),
    force: bool = typer.Option(False, "--force", help="Replace existing outputs even if bulletin_export did not make them."),
    fail_on_warning: bool = typer.Option(False, "--fail-on-warning", help="Exit 3 when any input has warnings."),
    checks: bool = typer.Option(True, "--checks/--no-checks", help="Run the proofreading checks and report their warnings."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print only errors and the summary."),
) -> None:
    """Convert bulletins to DOCX, PDF and XML.

    Outputs go to OUT_DIR/<stem>.<ext> (default ./out, formats docx,pdf). An existing
    output is replaced only when bulletin_export made it or with --force; an output that
    would overwrite an input is refused. A bad input is reported and the rest go on.
    Exit codes: 0 success, 1 an input failed, 2 usage error, 3 warnings with --fail-on-warning.
    """
    try:
        report = _run(inputs, fmt, out_dir, style, sets, jobs, font_dirs, force, checks, quiet)
    except BulletinError as exc:
        raise fail(str(exc), exc.exit_code)
    _summary(report)
    if report.interrupted:
        raise typer.Exit(130)
    if report.failed:
        raise typer.Exit(EXIT_CONTENT)
    if fail_on_warning and report.warnings:
        raise typer.Exit(EXIT_WARNINGS)
    raise typer.Exit(EXIT_OK)


def _run(inputs, fmt, out_dir, style, sets, jobs, font_dirs, force, checks, quiet) -> BatchReport:
    from ...batch import BuildOptions, plan, run, validate_formats
    from ...stylesheet import load_style

    load_style(style)  # a bad style sheet is one usage error, before any work starts
    options = BuildOptions(
        formats=validate_formats(fmt),
        out_dir=out_dir,
        style=style,
        font_dirs=tuple(font_dirs),
        overrides=tuple(parse_sets(sets).items()),
        force=force,
        jobs=jobs or default_jobs(),
        checks=checks,
    )
    job_list, failed = plan(inputs, options)
    for res in failed:
        _print_result(res, quiet)
    with _Progress(len(job_list), quiet) as progress:
        report = run(job_list, options, inputs=inputs, on_result=progress.update)
    report.results[:0] = failed
    return report


def _print_result(res: JobResult, quiet: bool) -> None:
    if not quiet:
        for msg in res.messages:
            typer.echo(msg, err=True)
    if res.error:
        typer.echo(f"bulletin-export: error: {res.error}", err=True)
    elif not quiet and not sys.stderr.isatty():
        outs = ", ".join(str(p) for p in res.written)
        typer.echo(f"ok: {res.src} -> {outs}", err=True)


class _Progress:
    """A rich progress bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, quiet: bool):
        self.total, self.quiet = total, quiet
        self.bar = None

    def __enter__(self) -> "_Progress":
        if sys.stderr.isatty() and self.total > 1:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress("[progress.description]{task.description}", BarColumn(),
                                MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("building", total=self.total)
        return self

    def update(self, res: JobResult) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)
            if res.error or (res.messages and not self.quiet):
                self.bar.console.print(*(res.messages if not self.quiet else []),
                                       *([f"bulletin-export: error: {res.error}"] if res.error else []),
                                       sep="\n", markup=False, highlight=False)
        else:
            _print_result(res, self.quiet)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _summary(report: BatchReport) -> None:
    failed = report.failed
    line = (f"{report.inputs} inputs, {report.outputs} outputs, {report.warnings} warnings, "
            f"{len(failed)} errors in {report.seconds:.2f} s")
    if report.interrupted:
        line = "interrupted: " + line
    typer.echo(line, err=True)
    for res in failed:
        typer.echo(f"  failed: {res.src}", err=True)
