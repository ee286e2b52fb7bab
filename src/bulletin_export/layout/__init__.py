"""The pure CJK layout engine: line breaking on the grid, pagination and the finished
display list (layout.display_list) that every fixed-layout drawer draws (no drawing library)."""

from __future__ import annotations

from .blocks import Metrics, Unit, build_units
from .breaker import Glyph, Line, balanced_lines, break_lines, cell_for
from .display import (Bookmark, DisplayList, DisplayPage, FaceRef, GlyphRun, Rule,
                      display_list)
from .paginate import Geometry, Layout, Page, PageLine, PageRule, dump, paginate


def layout_issue(issue, style, metrics: Metrics) -> Layout:
    """Set and paginate a whole issue."""
    units, end = build_units(issue, style, metrics)
    return paginate(units, end, Geometry.from_style(style))


__all__ = [
    "Bookmark", "DisplayList", "DisplayPage", "FaceRef", "Geometry", "GlyphRun", "Rule",
    "display_list", "Glyph", "Layout", "Line", "Metrics", "Page", "PageLine", "PageRule", "Unit",
    "balanced_lines", "break_lines", "build_units", "cell_for", "dump", "layout_issue",
    "paginate",
]
