"""The `fonts` command: which font file draws each font role, and an issue's coverage."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ...errors import EXIT_CONTENT, BulletinError
from .._app import app, fail


@app.command()
def fonts(
    file: Optional[Path] = typer.Argument(None, metavar="FILE", help="An input: check that every character has a font. Inputs: {INPUTS}.", show_default=False),
    style: Optional[str] = typer.Option(None, "--style", help="Style sheet name (see `styles`) or path to a .toml file."),
    font_dirs: List[Path] = typer.Option([], "--font-dir", help="Extra folder to search for fonts first (repeatable)."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Also list the fallback faces of each role."),
) -> None:
    """Show the font chosen for each role: file, face, where it was found, what was tried.

    Fonts are searched in: --font-dir folders, the project's fonts/ folder, the per-user
    folder, fontconfig, the system font folders (see fonts/README.md). With FILE, report
    characters drawn by a fallback font, and exit 1 when some character has no font.
    """
    from ... import api
    from ...fonts import locations, resolve_fonts
    from ...stylesheet import load_style

    try:
        sheet = load_style(style)
        fs = resolve_fonts(sheet, font_dirs, strict=False)
        parsed = api.parse(file) if file is not None else None
    except BulletinError as exc:
        raise fail(str(exc), exc.exit_code)
    typer.echo(f"style: {sheet.name} ({sheet.path})")
    typer.echo("searched: " + ", ".join(loc.label for loc in locations(_dirs(font_dirs))))
    for role in fs.roles:
        spec = sheet.fonts[role]
        typer.echo(f"\n{role}: {spec.official} (DOCX; Latin {spec.latin})")
        chain = fs.chains[role]
        if not chain:
            typer.echo("  NO FONT FOUND; tried:")
            for t in fs.tried[role]:
                typer.echo(f"    {t}")
            continue
        face = chain[0]
        typer.echo(f"  file:  {face.path}")
        typer.echo(f"  face:  {face.index} ({face.family} {face.style})"
                   + ("  [CFF outlines: converted to TrueType for PDF]" if face.is_cff else ""))
        typer.echo(f"  found: {face.origin}, as {face.matched!r}")
        if face.tried:
            typer.echo("  tried before it: " + "; ".join(face.tried))
        latin = fs.latin_face(role)
        if latin is not None:
            typer.echo(f"  latin: {latin.path} [face {latin.index}] ({latin.family} {latin.style})")
        if verbose and len(chain) > 1:
            typer.echo("  fallbacks: " + "; ".join(f"{f.family} {f.style} ({f.path})" for f in chain[1:]))
    missing_role = bool(fs.missing_roles)
    if parsed is not None:
        missing_role |= _coverage(fs, file, parsed)
    if missing_role:
        raise typer.Exit(EXIT_CONTENT)


def _dirs(font_dirs: List[Path]) -> tuple[Path, ...]:
    return tuple(Path(d).expanduser().resolve() for d in font_dirs)


def _coverage(fs, file: Path, res) -> bool:
    """Print the coverage verdict for one parsed file; True when characters are missing."""
    from ...diagnostics import Severity, format_human
    from ...fonts import MISSING

    diags = [d.with_file(str(file)) for d in fs.coverage(res.issue, getattr(res, "lines", None))]
    typer.echo("")
    for d in diags:
        typer.echo(format_human(d, getattr(res, "lines", None)))
    missing = [d for d in diags if d.code == MISSING and d.severity is Severity.ERROR]
    fallback = len(diags) - len(missing)
    if missing:
        typer.echo(f"{file}: coverage: {len(missing)} character(s) have no font")
    else:
        note = f"; {fallback} fallback(s) used" if fallback else ""
        typer.echo(f"{file}: coverage: every character has a font{note}")
    return bool(missing)
