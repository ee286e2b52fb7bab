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
