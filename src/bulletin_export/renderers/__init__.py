"""Renderers turn an Issue plus a style sheet into bytes; they are found by name.

A renderer is a class (instantiated without arguments) or an object with ``name``,
``extension`` (with the dot), ``description``, ``uses_fonts`` (True when it embeds fonts
and so needs every character to have one: the application layer then checks the glyph
coverage once per input and says so with ``ctx.glyphs_checked(issue)``) and
``render(issue, ctx) -> bytes``. Renderers never see source text; heavy libraries are
imported inside ``render`` or in the renderer's own module, which is imported only when
the renderer is used.

Built-in formats are registered in code (``BUILTINS``: adding one is one line; a built-in
whose module or library is missing is simply absent, the others keep working), so they
work from a source tree or a frozen bundle; plug-ins add formats through the entry-point
group ``bulletin_export.renderers`` and never replace a built-in of the same name.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import UsageError
from ..lazy import PluginGroup

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Issue

GROUP = "bulletin_export.renderers"


# name -> "module:attribute" of the built-in formats (the module is imported on first use)
BUILTINS: dict[str, str] = {
    "docx": "bulletin_export.renderers.docx:DocxRenderer",
    "pdf": "bulletin_export.renderers.pdf:PdfRenderer",
    "xml": "bulletin_export.renderers.xml:XmlRenderer",
    "ofd": "bulletin_export.renderers.ofd:OfdRenderer",
}


class Renderer(Protocol):
    name: str
    extension: str  # with the dot: ".pdf"
    description: str
    uses_fonts: bool  # embeds fonts: glyph coverage is checked before render (default False)

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

    def display_list(self, issue: "Issue"):
        """The issue's finished layout (layout.display_list) for this context's style and
        fonts, computed once per issue: the PDF and the OFD of one input draw the same list
        (the last issue's list is kept, so a batch worker holds one at a time)."""
        memo = self.__dict__.get("_display")
        if memo is not None and memo[0] is issue:
            return memo[1]
        from ..layout.display import display_list

        dl = display_list(issue, self.style, self.fonts)
        self.__dict__["_display"] = (issue, dl)
        return dl

    def build_time(self, issue: "Issue"):
        from ..timestamps import build_time

        return build_time(issue, self.source_date_epoch)


_plugins = PluginGroup(GROUP, BUILTINS)


def _entry_points() -> tuple:
    """The group's entry points, scanned once per sys.path (importlib.metadata only when
    some distribution declares the group)."""
    return _plugins.entry_points()


def _targets() -> dict[str, object]:
    """name -> "module:attr" (a built-in) or an entry point (a plug-in); built-ins win."""
    return _plugins.targets(_entry_points())


def _label(target: object) -> str:
    return target if isinstance(target, str) else target.value  # type: ignore[attr-defined]


def available() -> dict[str, str]:
    """Known format names mapped to their targets (without importing them); a built-in
    whose module is not installed is left out."""
    out = {}
    for name, target in sorted(_targets().items()):
        if isinstance(target, str) and not _module_exists(target.partition(":")[0]):
            continue
        out[name] = _label(target)
    return out


def _module_exists(module: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False


_cache: dict[str, Renderer] = {}


def get(name: str) -> Renderer:
    """The renderer for a format name; an unknown name is a UsageError listing the known ones."""
    key = name.strip().lower().lstrip(".")
    if key in _cache:
        return _cache[key]
    target: object | None = BUILTINS.get(key)  # a built-in needs no entry-point scan
    if target is None or not _module_exists(str(target).partition(":")[0]):
        known = available()
        if key not in known:
            raise UsageError(f"unknown format {name!r}; known formats: {', '.join(sorted(known)) or 'none'}")
        target = _targets()[key]
    try:
        if isinstance(target, str):
            import importlib

            module, _, attr = target.partition(":")
            obj = getattr(importlib.import_module(module), attr)
        else:
            obj = target.load()  # type: ignore[attr-defined]
        renderer = obj() if isinstance(obj, type) else obj
    except Exception as exc:  # a broken plug-in (or a built-in missing its library) is reported
        kind = "built-in" if isinstance(target, str) else "plug-in"
        raise UsageError(f"format {key!r}: {kind} {_label(target)} failed to load: {exc}") from exc
    _cache[key] = renderer
    return renderer


def uses_fonts(name: str) -> bool:
    """Whether the format embeds fonts (Renderer.uses_fonts; False when not declared)."""
    return bool(getattr(get(name), "uses_fonts", False))


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
