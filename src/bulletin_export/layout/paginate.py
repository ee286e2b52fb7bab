"""Units on pages of the grid: keep-with-next, widows/orphans, the end block at the bottom.

The result is a ``Layout``: pages of lines and rules at page coordinates (pt, origin
at the bottom-left corner of the page, y upwards, as in PDF), ready for any drawer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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
    element: str = ""  # the printed element id (blocks.Placed.element when it has one)
    parts: tuple[tuple, ...] = ()  # (element, characters[, role]) when a line holds several


@dataclass(frozen=True)
class PageRule:
    y: float
    x0: float
    x1: float
    thickness: float
    color: str
    element: str = ""  # "masthead.rule", "end.rule.0"...


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


def _kept_lines(size: int) -> int:
    """Lines of a paragraph that must share a page with its first line (widow/orphan
    control as in Word: a paragraph of up to 3 lines never splits, longer ones keep 2)."""
    return size if size <= 3 else 2


def _need(units: list[Unit], i: int) -> int:
    """Rows that must stay together from unit i: a keep-with-next chain and what it keeps with."""
    return _chain(units, i)[0]


def _chain(units: list[Unit], i: int) -> tuple[int, int]:
    """(rows to keep together from unit i, index of the unit that ends its chain)."""
    need = 0
    j = i
    while j < len(units):
        u = units[j]
        need += u.rows
        if u.kind == "space" or u.keep_with_next:
            j += 1
            continue
        if u.group is not None and u.index == 0 and j > i:
            need += _kept_lines(u.size) - 1  # a heading keeps with the lines its paragraph keeps
        break
    return need, j


def _split_row(u: Unit, row: int, rows: int) -> int | None:
    """Widow/orphan control for a paragraph line placed at ``row`` of ``rows``: the index of
    the line that must start the next page, or None when the rest of the paragraph fits.

    The page would break before line ``u.index + room``; a split leaves at least 2 lines on
    each side (so 2- and 3-line paragraphs move whole), else it moves up to where it does."""
    room = rows - row
    if u.size - u.index <= room:
        return None
    split = min(u.index + room, u.size - 2)
    return split if split >= 2 else 0  # below 2: the paragraph cannot split, it moves whole


def _end_pieces(end: Unit, rows: int) -> list[Unit]:
    """An end block taller than a page, cut into page-high pieces from its bottom (the last
    piece fills the last page, its last rule on the block's bottom edge); every piece is
    framed by the block's top and bottom rules, the rules inside it kept."""
    if end.rows <= rows:
        return [end]
    frame = end.rules[0] if end.rules else None
    bottoms = list(range(end.rows, 0, -rows))[::-1]
    tops = [0] + bottoms[:-1]
    pieces = []
    for top, bottom in zip(tops, bottoms):
        lines = tuple(replace(p, row=p.row - top) for p in end.lines if top <= p.row < bottom)
        inner = tuple(replace(r, y=r.y - top) for r in end.rules if top < r.y < bottom)
        edges = () if frame is None else (replace(frame, y=0.0),
                                          replace(frame, y=float(bottom - top)))
        pieces.append(replace(end, rows=bottom - top, lines=lines,
                              rules=edges[:1] + inner + edges[1:]))
    return pieces


def paginate(units: list[Unit], end: Unit | None, geometry: Geometry) -> Layout:
    """Place units on pages of ``geometry.rows`` rows; the end block goes on the last page's
    bottom (an end block taller than a page flows over pages, ending there).

    Keep-with-next is a preference: a chain that does not fit on an empty page together
    with what it keeps with (many headings in a row) would push units from page to page;
    it fills pages instead, only its last third of a page (a title and its first lines)
    still kept together."""
    R = geometry.rows
    pages: list[list[tuple[Unit, int]]] = [[]]
    row = 0
    i = 0
    fill_until = -1  # units before this index belong to a chain too long to keep
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
        need, chain_end = _chain(units, i)
        if need > R:
            fill_until = max(fill_until, chain_end)
        if i < fill_until and need > R // 3:
            need = u.rows  # give up keeping: the chain cannot be kept on any page
        if row > 0 and row + min(need, R) > R:
            pages.append([])
            row = 0
            continue
        if u.group is not None and row > 0 and _split_row(u, row, R) == u.index:
            pages.append([])  # widow/orphan control: this line starts the next page
            row = 0
            continue
        pages[-1].append((u, row))
        row += u.rows
        i += 1
    ends: list[tuple[int, Unit]] = []  # (page index, piece at the page's bottom)
    if end is not None:
        for k, piece in enumerate(_end_pieces(end, R)):
            if k or row + piece.rows > R:
                pages.append([])
            ends.append((len(pages) - 1, piece))
            row = R
    return _place(pages, ends, geometry)


def _place(pages: list[list[tuple[Unit, int]]], ends: list[tuple[int, Unit]], g: Geometry
           ) -> Layout:
    out: list[Page] = []
    for n, placed in enumerate(pages, start=1):
        page = Page(n)
        for u, row in placed:
            top = g.top - row * g.pitch
            _add(page, u, top, row, g)
            page.rows_used = row + u.rows
        out.append(page)
    for n, piece in ends:
        top = g.bottom + piece.rows * g.pitch
        _add(out[n], piece, top, g.rows - piece.rows, g)
    return Layout(g, out)


def _add(page: Page, u: Unit, top: float, row: float, g: Geometry) -> None:
    """Put a unit whose top edge is at ``top`` on the page."""
    for p in u.lines:
        box_top = top - p.row * g.pitch
        box = p.rows * g.pitch
        size = p.line.size
        baseline = box_top - (box - size) / 2 - EM_ASCENT * size
        page.lines.append(PageLine(p.role, p.line, g.left, baseline, row + p.row,
                                   getattr(p, "element", "") or p.role, getattr(p, "parts", ())))
    for k, r in enumerate(u.rules):
        page.rules.append(PageRule(top - r.y * g.pitch, g.left + r.x0, g.left + r.x1,
                                   r.thickness, r.color, getattr(r, "element", "") or
                                   _rule_element(u.kind, k)))
    if u.bookmark:
        page.bookmarks.append((u.bookmark[0], u.bookmark[1], top))


def _rule_element(kind: str, k: int) -> str:
    """The element id of a unit's k-th rule when blocks.py gives none."""
    if kind == "masthead":
        return "masthead.rule" if k == 0 else f"masthead.rule.{k}"
    return f"end.rule.{k}"


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
