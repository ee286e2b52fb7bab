"""The `parse` command: show what the parser read from a bulletin, as an outline or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ...errors import BulletinError
from .._app import app, fail
from ._common import parse_sets


@app.command()
def parse(
    file: Path = typer.Argument(..., metavar="FILE", help="One input: {INPUTS}.",
                                show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print the canonical JSON of the issue model."),
    sets: Optional[List[str]] = typer.Option(None, "--set", metavar="KEY=VALUE",
                                             help="Set a masthead field, e.g. --set name=工会工作简报 "
                                                  "--set issue=第十二期; repeatable. Keys: see docs/source-format.md."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Also show info diagnostics (the parser's guesses)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Read a text input in this encoding (big5, shift_jis, euc_kr, gb18030...) instead of detecting it."),
) -> None:
    """Parse a bulletin and print an outline of what was read.

    The outline lists the masthead, the 编者按, the columns, each article with its paragraph count and source, and the end block; --json prints the canonical JSON instead (see docs/source-format.md).

    Diagnostics go to stderr: warnings always, info (the parser's guesses) with --verbose. Exit 1 when the input cannot be read, 2 on bad options.
    """
    from ... import api
    from ...diagnostics import Severity, format_human
    from ...model import to_dict

    try:
        res = api.parse(file, overrides=parse_sets(sets or []), file=str(file), encoding=encoding)
    except BulletinError as exc:
        raise fail(str(exc), exc.exit_code)
    for diag in res.diagnostics:
        if verbose or diag.severity is not Severity.INFO:
            typer.echo(format_human(diag, res.lines), err=True)
    if as_json:
        typer.echo(json.dumps(to_dict(res.issue), ensure_ascii=False, indent=2))
    else:
        typer.echo(outline(res.issue))


def outline(issue) -> str:
    """A readable outline of an Issue."""
    out: list[str] = []
    m = issue.masthead
    if m is None:
        out.append("masthead: (none)")
    else:
        out.append(f"masthead: {m.name or '(no name)'} {m.issue_label or ''}".rstrip())
        for label, value in (("classification", m.classification), ("editor", m.editor),
                             ("date", m.date.isoformat() if m.date else None)):
            if value:
                out.append(f"  {label}: {value}")
    if issue.editor_note:
        paras = issue.editor_note.text.split("\n")
        out.append(f"编者按: {len(paras)} paragraph(s), {sum(map(len, paras))} characters")
    number = 0
    for section in issue.sections:
        out.append(f"【{section.heading}】" if section.heading else "(no column)")
        for art in section.articles:
            number += 1
            source = f"; source: {art.source}" if art.source else "; no source"
            out.append(f"  {number}. {art.title or '(untitled)'}  ({len(art.paragraphs)} paragraph(s){source})")
            if art.subtitle:
                out.append(f"     subtitle: {art.subtitle}")
    for entry in issue.distribution:
        out.append(f"{entry.label}：{entry.recipients}")
    if issue.copies is not None:
        out.append(f"共印{issue.copies}份")
    if issue.print_unit:
        out.append(f"印发机关: {issue.print_unit}")
    if issue.print_date:
        out.append(f"印发日期: {issue.print_date.isoformat()}")
    return "\n".join(out)
