"""The `formats` command: what this installation reads (readers) and writes (renderers),
plug-ins included, and why a plug-in or optional built-in is absent."""

from __future__ import annotations

import json
import warnings

import typer

from .._app import app


def registry() -> dict:
    """The readers and renderers that load, and the problems of those that do not."""
    from ... import readers, renderers
    from ...errors import UsageError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # reported below, once, in one line each
        found_readers = readers.all_readers()
        problems = dict(readers.problems())
    ins = [{"name": r.name, "suffixes": list(r.suffixes), "description": r.description,
            "proofread": bool(r.has_source_lines), "fixable": bool(r.fixable)} for r in found_readers]
    outs = []
    for name in renderers.available():
        try:
            r = renderers.get(name)
        except UsageError as exc:
            problems[name] = str(exc)
            continue
        outs.append({"name": r.name, "extension": r.extension, "description": r.description,
                     "uses_fonts": bool(getattr(r, "uses_fonts", False))})
    return {"readers": ins, "renderers": outs, "problems": problems}


@app.command()
def formats(
    as_json: bool = typer.Option(False, "--json", help="Print the same as JSON."),
) -> None:
    """List the input formats (readers: name, suffixes, description) and the output formats
    (renderers: name, extension, description) of this installation, plug-ins included.

    A folder given to build or check is searched for every suffix listed here; -f takes
    the output names. A plug-in that fails to load, or a built-in whose library is not
    installed, is listed at the end with the reason.
    """
    found = registry()
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    typer.echo("Input formats (build/check/parse read these; folders are searched for the suffixes):")
    w = max((len(r["name"]) for r in found["readers"]), default=0)
    ws = max((len(" ".join(r["suffixes"])) for r in found["readers"]), default=0)
    for r in found["readers"]:
        notes = ["proofread" if r["proofread"] else "no source lines"] + (["check --fix"] if r["fixable"] else [])
        typer.echo(f"  {r['name']:<{w}}  {' '.join(r['suffixes']):<{ws}}  {r['description']} ({', '.join(notes)})")
    typer.echo("Output formats (build -f NAME,...):")
    w = max((len(r["name"]) for r in found["renderers"]), default=0)
    we = max((len(r["extension"]) for r in found["renderers"]), default=0)
    for r in found["renderers"]:
        typer.echo(f"  {r['name']:<{w}}  {r['extension']:<{we}}  {r['description']}")
    if found["problems"]:
        typer.echo("Not available:")
        for name, why in sorted(found["problems"].items()):
            typer.echo(f"  {name}: {why}")
