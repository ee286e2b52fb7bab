"""The `schema` command: print the XSD of the XML issue format, or check XML files against it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import typer

from ...errors import EXIT_CONTENT, EXIT_USAGE
from .._app import app, fail


@app.command()
def schema(
    path: bool = typer.Option(False, "--path", help="Print where the XSD file is instead of its text."),
    check: List[Path] = typer.Option([], "--check", help="Validate an XML file against the XSD (repeatable); exit 1 when one is invalid.", show_default=False),
) -> None:
    """Print the XSD of the XML format (namespace urn:bulletin-export:issue:1).

    With --check FILE, validate files instead: one line per problem (file:line: message),
    and exit 1 when any file is invalid. See docs/xml.md.
    """
    from ... import xmlio

    if check:
        raise typer.Exit(_check(check))
    if path:
        typer.echo(str(xmlio.schema_path()))
        return
    sys.stdout.buffer.write(xmlio.schema_bytes())
    sys.stdout.buffer.flush()


def _check(files: List[Path]) -> int:
    from ... import xmlio

    bad = 0
    for file in files:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise fail(f"{file}: cannot read: {exc.strerror or exc}", EXIT_USAGE)
        problems = xmlio.validate(data)
        for msg in problems:
            where = f"{file}:{msg[5:]}" if msg.startswith("line ") else f"{file}: {msg}"
            typer.echo(where, err=True)
        if problems:
            bad += 1
        else:
            typer.echo(f"{file}: valid")
    return EXIT_CONTENT if bad else 0
