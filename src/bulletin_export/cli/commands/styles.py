"""The `styles` command: list the style sheets found, or show one."""

from __future__ import annotations

from typing import Optional

import typer

from ...errors import BulletinError
from .._app import app, fail


@app.command()
def styles(
    show: Optional[str] = typer.Argument(None, help="A style name or .toml path: print its resolved settings.", show_default=False),
    paths: bool = typer.Option(False, "--paths", help="Also print where each style sheet is."),
) -> None:
    """List the style sheets (built-in and your own), one line each with its description.

    Your own styles go in ~/.config/bulletin-export/styles/NAME.toml (or pass --style
    path/to/file.toml to build); start one with `base = "bulletin"`.
    """
    from ...stylesheet import list_styles, load_style, style_dirs

    try:
        if show is not None:
            _show(load_style(show))
            return
        found = list_styles()
    except BulletinError as exc:
        raise fail(str(exc), exc.exit_code)
    width = max((len(n) for n, _, _ in found), default=0)
    for name, desc, path in found:
        line = f"{name:<{width}}  {desc}"
        typer.echo(line + (f"  [{path}]" if paths else ""))
    if not found:
        typer.echo("no style sheets found in: " + ", ".join(map(str, style_dirs())))


def _show(style) -> None:
    p = style.page
    typer.echo(f"{style.name}: {style.description}")
    typer.echo(f"  file: {style.path}")
    typer.echo(f"  page: {p.width:.2f} x {p.height:.2f} pt; margins top {p.margin_top:.2f} "
               f"bottom {p.margin_bottom:.2f} left {p.margin_left:.2f} right {p.margin_right:.2f} pt")
    typer.echo(f"  grid: {p.chars_per_line} x {p.lines_per_page}, line pitch {p.line_pitch} pt, "
               f"char pitch {style.char_pitch:.2f} pt, body {p.body_size:g} pt")
    for name, r in style.roles.items():
        extras = [f"{k} {getattr(r, k):g}" for k in ("first_indent", "indent_left", "indent_right",
                                                   "space_before", "space_after")
                  if getattr(r, k)]
        if r.lines != 1:
            extras.append(f"lines {r.lines:g}")
        typer.echo(f"  {name:<15} {style.fonts[r.font].official} ({r.font}) {r.size:g} pt "
                   f"{r.align}{' bold' if r.bold else ''} {r.color}"
                   + (f"; {', '.join(extras)}" if extras else ""))
