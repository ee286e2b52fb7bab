"""Style sheets: TOML files saying how a bulletin looks, with inheritance and units.

    from bulletin_export.stylesheet import load_style, list_styles, StyleSheet
    style = load_style(None)        # the default "bulletin"; or a name, or a path to a .toml

A style sheet is found by name in the per-user folder
(``$XDG_CONFIG_HOME/bulletin-export/styles``) or the shipped ``styles/``, or read from
a path. ``base = "name"`` (or a relative path) inherits another sheet: tables are
merged key by key, the child winning; lists are replaced. Lengths are numbers (pt) or
strings with a unit (``"16pt"``, ``"37mm"``, ``"1.2cm"``, ``"2in"``) or a Chinese size
name (``"三号"``). Every error (StyleError) names the file, the line and the key.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StyleError
from .build import Builder
from .files import DEFAULT_STYLE, builtin_dir, list_styles, load_chain, locate, style_dirs
from .model import (ALIGNS, ROLE_KEYS, FontRole, FrozenMap, PageNumberStyle, PageStyle, RoleStyle,
                    Rules, StyleSheet)
from .units import SIZE_NAMES, UNITS, parse_length

__all__ = ["ALIGNS", "DEFAULT_STYLE", "ROLE_KEYS", "SIZE_NAMES", "UNITS", "FontRole", "FrozenMap",
           "PageNumberStyle", "PageStyle", "RoleStyle", "Rules", "StyleSheet", "builtin_dir",
           "list_styles", "load_style", "parse_length", "style_dirs"]


def load_style(ref: str | os.PathLike | None = None) -> StyleSheet:
    """The style sheet named `ref` (None = "bulletin"), or read from a path to a .toml file."""
    ref = DEFAULT_STYLE if ref is None else ref
    path = locate(ref, Path.cwd())
    if path is None:
        known = ", ".join(n for n, _, _ in list_styles()) or "none"
        raise StyleError(f"style {str(ref)!r} not found", hint=f"known styles: {known}")
    data, origins = load_chain(path, ())
    name = path.stem
    return Builder(data, origins, path).build(name)
