"""The `build` command: convert files and folders to DOCX, PDF, XML (or a plug-in's format)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from ...app.records import DEFAULT_FORMATS, DEFAULT_OUT_DIR, Report, Result
from ...errors import BulletinError
from .._app import app, fail
from ._common import parse_sets


@app.command()
def build(
    inputs: List[Path] = typer.Argument(..., metavar="INPUTS", help="Files or folders. Inputs: {INPUTS}. Folders are searched recursively for these suffixes.", show_default=False),
    fmt: List[str] = typer.Option(list(DEFAULT_FORMATS), "-f", "--format", help="Output formats, comma-separated or repeated: {FORMATS}."),
    out_dir: Path = typer.Option(DEFAULT_OUT_DIR, "-o", "--out-dir", help="Output folder; folder inputs keep their sub-folders under it."),
    style: Optional[str] = typer.Option(None, "--style", help="Style sheet name (see `styles`) or path to a .toml file."),
    sets: List[str] = typer.Option([], "--set", help="Override a header field: --set name=工会工作简报 (repeatable)."),
    jobs: int = typer.Option(0, "-j", "--jobs", min=0, help="Worker processes; 0 = one per CPU."),
    font_dirs: List[Path] = typer.Option([], "--font-dir", help="Extra folder to search for fonts first (repeatable)."),
    force: bool = typer.Option(False, "--force", help="Replace existing outputs even if bulletin_export did not make them."),
    fail_on_warning: bool = typer.Option(False, "--fail-on-warning", help="Exit 3 when any input has warnings."),
    checks: bool = typer.Option(True, "--checks/--no-checks", help="Run the proofreading checks and report their warnings."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print only errors and the summary."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Read text inputs in this encoding (big5, shift_jis, euc_kr, gb18030...) instead of detecting it."),
    executor: str = typer.Option("local", "--executor", help="local: this process or -j worker processes; dask: a Dask cluster (the \\[dask] extra; docs/scale.md)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="With --executor dask: the scheduler's address, tcp://HOST:8786 (default: a local cluster of -j processes)."),
) -> None:
    """Convert bulletins to DOCX, PDF, OFD and XML (or a plug-in's format).

    Outputs go to OUT_DIR/<stem>.<ext> (default ./out, formats docx,pdf). An existing
    output is replaced only when bulletin_export made it or with --force; an output that
    would overwrite an input is refused. A bad input is reported and the rest go on; an
    input gets all its outputs or none (also on Ctrl-C, SIGTERM or a write error). Folder
    entries that are not regular files (FIFOs, devices, dangling links) are listed as skipped.
    Exit codes: 0 success, 1 an input failed, 2 usage error, 3 warnings with --fail-on-warning,
    130 interrupted (Ctrl-C), 143 stopped by SIGTERM.
    """
    try:
        report = _run(inputs, fmt, out_dir, style, sets, jobs, font_dirs, force, checks, quiet,
                      fail_on_warning, encoding, executor, scheduler)
    except BulletinError as exc:
        raise fail(str(exc), exc.exit_code)
    _summary(report)
    raise typer.Exit(report.exit_code)


def _run(inputs, fmt, out_dir, style, sets, jobs, font_dirs, force, checks, quiet,
         fail_on_warning, encoding=None, executor="local", scheduler=None) -> Report:
    from ... import app
    from ...stylesheet import load_style

    load_style(style)  # a bad style sheet is one usage error, before any work starts
    options = app.BuildOptions(
        formats=app.validate_formats(fmt),
        out_dir=out_dir,
        style=style,
        font_dirs=tuple(font_dirs),
        overrides=tuple(parse_sets(sets).items()),
        force=force,
        jobs=jobs or app.default_jobs(),
        checks=checks,
        fail_on_warning=fail_on_warning,
        encoding=encoding,
        executor=executor,
        scheduler=scheduler,
    )
    progress = _Progress(quiet)
    try:
        return app.run(inputs, options, on_result=progress.update, on_plan=progress.start)
    finally:
        progress.close()


def messages(res: Result) -> list[str]:
    """The diagnostics worth showing for one input, formatted with their lines: errors and
    warnings, except the error already given as the input's one-line error."""
    from ...diagnostics import Severity, format_human

    first = next((d for d in res.diagnostics if d.severity is Severity.ERROR), None) if res.error else None
    shown = [d for d in res.diagnostics if d.severity is not Severity.INFO and d is not first]
    return [format_human(d, res.lines) for d in shown]


def _print_result(res: Result, quiet: bool) -> None:
    from ...app import display

    if not quiet:
        for msg in messages(res):
            typer.echo(msg, err=True)
    if res.error:
        typer.echo(f"bulletin-export: error: {res.error}", err=True)
    elif not quiet and not sys.stderr.isatty():
        outs = ", ".join(display(p) for p in res.written.values())
        typer.echo(f"ok: {res.name} -> {outs}", err=True)


class _Progress:
    """A rich progress bar on a terminal, plain lines otherwise. The run plans first and
    tells start() how many inputs there are, so the bar has its total from the start."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None
        self.total: int | None = None
        self.tty = sys.stderr.isatty()

    def start(self, total: "int | None") -> None:
        self.total = total
        if self.tty and self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress("[progress.description]{task.description}", BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("building", total=total)

    def update(self, res: Result) -> None:
        if not self.tty:
            _print_result(res, self.quiet)
            return
        if self.bar is None:
            self.start(self.total)
        self.bar.advance(self.task)
        lines = messages(res) if not self.quiet else []
        if res.error:
            lines.append(f"bulletin-export: error: {res.error}")
        if lines:
            self.bar.console.print(*lines, sep="\n", markup=False, highlight=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _summary(report: Report) -> None:
    failed = report.failed
    line = (f"{report.inputs} inputs, {report.outputs} outputs, {report.warnings} warnings, "
            f"{len(failed)} errors")
    if report.skipped:
        line += f", {len(report.skipped)} skipped"
    line += f" in {report.seconds:.2f} s"
    if report.interrupted:
        line = "interrupted: " + line
    typer.echo(line, err=True)
    for name, why in report.skipped:
        typer.echo(f"  skipped: {name}: {why}", err=True)
    for res in failed:
        typer.echo(f"  failed: {res.name}", err=True)
