"""The typer application every command module registers on, and the shared option helpers."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="bulletin-export",
    help="Typeset Chinese work bulletins (工作简报) from plain text into DOCX, PDF and XML.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, code: int) -> "typer.Exit":
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"bulletin-export: error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"bulletin-export {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Typeset Chinese work bulletins (工作简报) from plain text into DOCX, PDF and XML.

    Exit codes: 0 success, 1 content errors (bad input, missing glyphs), 2 usage errors,
    3 warnings under --fail-on-warning, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.
    """
