"""Units on pages of the grid: keep-with-next, widows/orphans, the end block at the bottom.

The result is a ``Layout``: pages of lines and rules at page coordinates (pt, origin
at the bottom-left corner of the page, y upwards, as in PDF), ready for any drawer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Unit
from .breaker import Line

#: Where the baseline sits in an ideographic em box (0.88 of the size above its bottom).
EM_ASCENT = 0.88


@dataclass(frozen=True)
class Geometry:
    """The text block on the page and its grid."""

    page_width: float
    page_height: float
    left: float  # block's left edge
    top: float  # block's top edge (y up from the page bottom)
    width: float
    height: float
    pitch: float
    rows: int

    @property
    def bottom(self) -> float:
        return self.top - self.height

    @classmethod
    def from_style(cls, style) -> "Geometry":
        p = style.page
        return cls(p.width, p.height, p.margin_left, p.height - p.margin_top, style.block_width,
                   style.block_height, p.line_pitch, p.lines_per_page)


@dataclass(frozen=True)
class PageLine:
    role: str
    line: Line
    x: float  # page x of the block's left edge (add glyph.x)
    baseline: float
    row: float  # grid row (0 = top) where the line's box starts


@dataclass(frozen=True)
class PageRule:
    y: float
    x0: float
    x1: float
    thickness: float
    color: str


@dataclass
class Page:
    number: int
    lines: list[PageLine] = field(default_factory=list)
    rules: list[PageRule] = field(default_factory=list)
    bookmarks: list[tuple[str, int, float]] = field(default_factory=list)  # title, level, y
    rows_used: int = 0


@dataclass
class Layout:
    geometry: Geometry
    pages: list[Page]


def _need(units: list[Unit], i: int) -> int:
    """Rows that must stay together from unit i: a keep-with-next chain and what it keeps with."""
    need = 0
    j = i
    while j < len(units):
        u = units[j]
        need += u.rows
        if u.kind == "space" or u.keep_with_next:
            j += 1
            continue
        if u.group is not None and u.index == 0 and u.size >= 2 and j > i:
            need += 1  # a heading keeps with two lines of its paragraph
        break
    return need


def paginate(units: list[Unit], end: Unit | None, geometry: Geometry) -> Layout:
    """Place units on pages of ``geometry.rows`` rows; the end block goes on the last page's bottom."""
    R = geometry.rows
    pages: list[list[tuple[Unit, int]]] = [[]]
    row = 0
    i = 0
    while i < len(units):
        u = units[i]
        if u.kind == "space":
            if row == 0 or row + u.rows >= R:
                i += 1  # no space at the top or bottom of a page
                continue
            pages[-1].append((u, row))
            row += u.rows
            i += 1
            continue
        if row > 0 and row + min(_need(units, i), R) > R:
            pages.append([])
            row = 0
            continue
        if u.group is not None and row > 0:
            room = R - row
            orphan = u.index == 0 and u.size >= 2 and room == 1
            widow = u.index == u.size - 2 and u.index >= 2 and room == 1
            if orphan or widow:
                pages.append([])
                row = 0
                continue
        pages[-1].append((u, row))
        row += u.rows
        i += 1
    if end is not None and row + end.rows > R:
        pages.append([])
        row = 0
    return _place(pages, end, geometry)


def _place(pages: list[list[tuple[Unit, int]]], end: Unit | None, g: Geometry) -> Layout:
    out: list[Page] = []
    for n, placed in enumerate(pages, start=1):
        page = Page(n)
        for u, row in placed:
            top = g.top - row * g.pitch
            _add(page, u, top, row, g)
            page.rows_used = row + u.rows
        out.append(page)
    if end is not None:
        top = g.bottom + end.rows * g.pitch
        _add(out[-1], end, top, g.rows - end.rows, g)
    return Layout(g, out)


def _add(page: Page, u: Unit, top: float, row: float, g: Geometry) -> None:
    """Put a unit whose top edge is at ``top`` on the page."""
    for p in u.lines:
        box_top = top - p.row * g.pitch
        box = p.rows * g.pitch
        size = p.line.size
        baseline = box_top - (box - size) / 2 - EM_ASCENT * size
        page.lines.append(PageLine(p.role, p.line, g.left, baseline, row + p.row))
    for r in u.rules:
        page.rules.append(PageRule(top - r.y * g.pitch, g.left + r.x0, g.left + r.x1,
                                   r.thickness, r.color))
    if u.bookmark:
        page.bookmarks.append((u.bookmark[0], u.bookmark[1], top))


def dump(layout: Layout) -> str:
    """A readable text form of a layout (page, row, x, baseline, role, text) for goldens."""
    out = []
    for page in layout.pages:
        out.append(f"== page {page.number}")
        for pl in page.lines:
            x = pl.x + pl.line.glyphs[0].x if pl.line.glyphs else pl.x
            mark = " >" if pl.line.hang else ""
            out.append(f"{pl.row:5.1f} {x:7.2f} {pl.baseline:7.2f} {pl.role:<14} "
                       f"{pl.line.text}{mark}")
        for r in page.rules:
            out.append(f"rule {r.y:7.2f} {r.x0:7.2f}-{r.x1:7.2f} {r.thickness:.2f} {r.color}")
    return "\n".join(out) + "\n"
