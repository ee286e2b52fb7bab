"""The finished layout: pages of positioned glyph runs, rules and bookmarks (CONTRACTS §3).

All coordinates are in pt with the origin at the TOP-LEFT corner of the page and y
growing DOWN (a PDF drawer flips y itself). Every decision of placement is taken here
or in the layout engine and ``fonts.metrics``: the face that draws each character
(with fallback, the Latin face for ASCII), the x of every glyph (Latin runs, two-em
marks, half-width glyphs centred in their cell, squeezed marks' ink centred in their
half cell, hanging punctuation), the page numbers and where they sit, the bookmarks.
A drawer (renderers/pdf.py, renderers/ofd/) only draws a ``DisplayList``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FaceRef:
    """One font face used by the document."""

    key: str  # stable id within the document: "F1", "F2"... in order of first use
    path: str  # the font file (fonts.ResolvedFont.path)
    index: int  # the face index in a collection (0 for a single font)
    family: str  # the TRUE family name of the face inside (AR PL UMing CN, ...)
    role_font: str  # the style's font role that first used it ("fangsong", "latin-serif"...)
    official: str | None = None  # the official font it stands in for, for metadata only


@dataclass(frozen=True)
class GlyphRun:
    """Glyphs of one face, size and colour on one baseline, in reading order."""

    face: str  # FaceRef.key
    size: float  # pt
    color: str  # "#RRGGBB"
    text: str  # characters in reading order
    x: tuple[float, ...]  # page x of every glyph's origin (len == len(text))
    advances: tuple[float, ...]  # every glyph's advance at `size` (len == len(text))
    baseline: float  # page y of the baseline, from the top
    role: str  # style role ("body", "title", "masthead_name", "page_number", ...)
    element: str  # printed element id ("masthead.name", "article.7.paragraph.0", "page_number")
    bold: bool = False  # synthetic bold wanted (the style role is bold)
    line: int = 0  # the set line of the page it belongs to (runs of one line share it)


@dataclass(frozen=True)
class Rule:
    """A horizontal rule from x0 to x1 at page y (top-down) of its centre line."""

    x0: float
    x1: float
    y: float
    thickness: float
    color: str
    element: str  # "masthead.rule", "masthead.rule.1", "end.rule.0", ...


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: a column heading (level 0) or an article title."""

    title: str
    level: int
    page: int  # page number (1-based)
    y: float  # page y (top-down) of the top of the unit it points at


@dataclass(frozen=True)
class DisplayPage:
    number: int
    width: float
    height: float
    runs: tuple[GlyphRun, ...]
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class DisplayList:
    pages: tuple[DisplayPage, ...]
    faces: dict[str, FaceRef]
    bookmarks: tuple[Bookmark, ...]

    def chars(self, face_key: str) -> str:
        """Every character drawn in that face, sorted, each once (for subsets)."""
        seen = set()
        for page in self.pages:
            for run in page.runs:
                if run.face == face_key:
                    seen.update(run.text)
        return "".join(sorted(seen))


def display_list(issue, style, fonts) -> DisplayList:
    """The finished layout of an issue: the one entry point (see module docstring).

    The layout makes a few Python objects per character; with CPython's default collector
    thresholds their collections cost more the bigger the heap, which made a 1 MB issue
    take 1.5x its linear time (docs/reliability.md). The first generation's threshold is
    raised while it runs (and put back after): linear, and the same display list."""
    import gc

    from .finish import finish

    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 50000), *old[1:])
    try:
        return finish(issue, style, fonts)
    finally:
        gc.set_threshold(*old)
