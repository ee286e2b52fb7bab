"""Renderers turn an Issue plus a style sheet into bytes; they are found by name
through the entry-point group ``bulletin_export.renderers``.

A renderer is a class (instantiated without arguments) with ``name``,
``extension``, ``description`` and ``render(issue, ctx) -> bytes``. Renderers
never see source text; heavy libraries are imported inside ``render`` or in the
renderer's own module, which is imported only when the renderer is used.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Issue

GROUP = "bulletin_export.renderers"


class Renderer(Protocol):
    name: str
    extension: str  # with the dot: ".pdf"
    description: str

    def render(self, issue: "Issue", ctx: "RenderContext") -> bytes: ...


@dataclass
class RenderContext:
    """What a renderer may use besides the issue: the style sheet, where fonts are, the build time."""

    style_name: str | None = None  # a style name or a path to a .toml; None = default
    font_dirs: tuple[Path, ...] = ()
    source_date_epoch: int | None = None  # None = read SOURCE_DATE_EPOCH from the environment
    # The issue whose glyph coverage the application layer has already checked (app.diagnose):
    # a renderer that embeds fonts skips its own check for it (see glyphs_checked).
    checked: "Issue | None" = field(default=None, repr=False, compare=False)

    def glyphs_checked(self, issue: "Issue") -> bool:
        """True when every character of ``issue`` is known to have a font (checked once per
        input by the application layer), so the renderer need not check again."""
        return self.checked is issue

    @cached_property
    def style(self):
        from ..stylesheet import load_style

        return load_style(self.style_name)

    @cached_property
    def fonts(self):
        from ..fonts import resolve_fonts

        return resolve_fonts(self.style, font_dirs=self.font_dirs)

    def build_time(self, issue: "Issue"):
        from ..timestamps import build_time

        return build_time(issue, self.source_date_epoch)


_scanned: tuple[str, ...] | None = None
_eps: tuple = ()


def _entry_points():
    """The group's entry points, scanned once per sys.path (a scan reads every installed
    package's metadata, a few ms each time)."""
    global _scanned, _eps
    import sys

    if _scanned != tuple(sys.path):
        _eps = tuple(metadata.entry_points(group=GROUP))
        _scanned = tuple(sys.path)
    return _eps


def available() -> dict[str, str]:
    """Known format names mapped to their entry-point targets (without importing them)."""
    return {ep.name: ep.value for ep in sorted(_entry_points(), key=lambda e: e.name)}


_cache: dict[str, Renderer] = {}


def get(name: str) -> Renderer:
    """The renderer for a format name; an unknown name is a UsageError listing the known ones."""
    key = name.strip().lower().lstrip(".")
    if key in _cache:
        return _cache[key]
    eps = {ep.name: ep for ep in _entry_points()}
    if key not in eps:
        known = ", ".join(sorted(eps)) or "none"
        raise UsageError(f"unknown format {name!r}; known formats: {known}")
    try:
        obj = eps[key].load()
        renderer = obj() if isinstance(obj, type) else obj
    except Exception as exc:  # a broken plug-in is reported, not a crash
        raise UsageError(f"format {key!r}: plug-in {eps[key].value} failed to load: {exc}") from exc
    _cache[key] = renderer
    return renderer


def formats() -> list[str]:
    """Names of the renderers that load; broken plug-ins are skipped with a warning."""
    names = []
    for name in available():
        try:
            get(name)
        except UsageError as exc:
            warnings.warn(str(exc), RuntimeWarning, stacklevel=2)
            continue
        names.append(name)
    return names
