"""Layout -> DisplayList: the last placement decisions, taken once for every drawer.

The line breaker and the paginator place tokens (a wide character, a two-em mark, a
Latin word) on the grid; here each token becomes glyphs: the face per character
(fonts.metrics.FaceChooser), the x of every glyph of a Latin run or a two-em mark,
half-width glyphs centred in a cell, a squeezed mark's ink centred in its half cell.
The page numbers are set here too, and every y is turned to top-down page coordinates.
"""

from __future__ import annotations

import unicodedata
from itertools import groupby
from operator import itemgetter
from typing import Iterator

from ..fonts.metrics import Metrics, for_fonts, uses_latin
from ..printed import page_number_text
from . import rules
from .display import Bookmark, DisplayList, DisplayPage, FaceRef, GlyphRun, Rule
from .paginate import EM_ASCENT, Layout, PageLine

#: Characters of a page number whose ink top is the number's reference (GB/T 9704 §7.5).
_DASHES = "—―－-"


def finish(issue, style, fonts) -> DisplayList:
    """The display list of an issue (layout.display_list)."""
    from . import layout_issue

    metrics, _ = for_fonts(fonts)
    return from_layout(layout_issue(issue, style, metrics), style, fonts)


def _glyphs(pl: PageLine, faces: "_Faces", roles: list[str] | None = None
            ) -> Iterator[tuple[str, float, str, float]]:
    """(face key, x, char, advance) for each character of a set line; ``roles`` the style
    role of each character when parts of the line have their own (a run-in title)."""
    role = pl.role
    size = pl.line.size
    glyph = faces.glyph
    at = 0
    for g in pl.line.glyphs:
        x = pl.x + g.x
        if roles is not None:
            role = roles[at] if at < len(roles) else pl.role
            at += len(g.text)
        if g.squeeze:
            key, em, face = glyph(role, g.text)
            box = face.bounds(g.text)
            if box:  # a mark compressed to half a cell
                yield key, x + _squeezed(g.text, box, g.width, size), g.text, em * size
                continue
        if g.wide:
            step = g.width / len(g.text)
            for k, ch in enumerate(g.text):
                key, em, _ = glyph(role, ch)
                if key is None:  # an invisible control the face has no glyph for
                    continue
                adv = em * size
                dx = (step - adv) / 2 if adv < 0.75 * size else 0.0  # a half-width glyph in a cell
                yield key, x + k * step + dx, ch, adv
        else:
            for ch in g.text:
                key, em, _ = glyph(role, ch)
                if key is None:  # not drawn; its room as the line breaker measured it
                    x += em * size
                    continue
                adv = em * size
                yield key, x, ch, adv
                x += adv


def _squeezed(ch: str, box, width: float, size: float) -> float:
    """Where the origin of a mark set in a half cell ``width`` wide goes, from the cell's left:
    its ink against the right edge for an opening mark, against the left edge for a stop
    or a closing mark (the half-width forms, clreq §3.1.6), centred when wider than the
    half cell. Glyph origins then keep reading order even where faces draw these marks
    off-centre (Noto CJK SC's 。 sits at the left of its em, its （ at the right; centring
    both put （'s origin before 。's in 。（, and text extraction read （。)."""
    ink = (box[2] - box[0]) * size
    if ink > width:
        return width / 2 - (box[0] + box[2]) / 2 * size
    if ch in rules.OPENING:
        return width - box[2] * size
    return -box[0] * size


class _Faces:
    """FaceRefs in order of first use, one per face (path, index) of the document, and
    what each (style role, character) is drawn with."""

    def __init__(self, style, choose, metrics: Metrics):
        self.style = style
        self.refs: dict[tuple[str, int], FaceRef] = {}
        self._choose = choose
        self._metrics = metrics
        self._glyph: dict[tuple[str, str], tuple[str, float, object]] = {}

    def glyph(self, role: str, ch: str) -> tuple[str, float, object]:
        """(face key, advance in em, ResolvedFont) of ``ch`` in a style role; the key is None
        for an invisible control character the face has no glyph for (it is not drawn)."""
        hit = self._glyph.get((role, ch))
        if hit is None:
            face = self._choose(role, ch)
            em = self._metrics.em(ch, self.style.roles[role].font, uses_latin(role))
            if (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")) and ord(ch) not in face.cmap:
                # a space, format or control character (U+2001, U+2028, U+200E, U+202E, a tag)
                # that needs no ink (fonts.coverage) and the face cannot draw: not a glyph
                hit = self._glyph[(role, ch)] = (None, em, face)
            else:
                hit = self._glyph[(role, ch)] = (self.key(face, role), em, face)
        return hit

    def key(self, face, role: str) -> str:
        k = (str(face.path), face.index)
        ref = self.refs.get(k)
        if ref is None:
            font = self.style.roles[role].font
            spec = self.style.fonts.get(font)
            ref = self.refs[k] = FaceRef(f"F{len(self.refs) + 1}", str(face.path), face.index,
                                         face.family, font, getattr(spec, "official", None))
        return ref.key


def _elements(element: str, parts: tuple[tuple[str, int], ...]) -> Iterator[str]:
    """The element of each character of a line: ``parts`` (element, characters) in reading
    order when the line holds several (a paragraph's end and its source), else ``element``."""
    for name, count, *_ in parts:
        for _ in range(count):
            yield name
    while True:
        yield parts[-1][0] if parts else element


def _runs(items, *, role: str, size: float, color: str, baseline: float,
          element: str, bold: bool, line: int, parts: tuple[tuple, ...] = (),
          looks: dict | None = None) -> list[GlyphRun]:
    """Consecutive glyphs of one face and one printed element become one run; ``looks``
    (element -> role, colour, bold) for an element in another role than the line's."""
    if not parts:  # one element: group by face alone (itertools does the loop)
        out = []
        for key, group in groupby(items, key=itemgetter(0)):
            _, xs, chars, advs = zip(*group)
            out.append(GlyphRun(key, size, color, "".join(chars), xs, advs, baseline, role,
                                element, bold, line))
        return out
    out: list[GlyphRun] = []
    cur = None
    text: list[str] = []
    xs: list[float] = []
    advs: list[float] = []

    def flush():
        if text:
            r, c, b = (looks or {}).get(cur[1], (role, color, bold))
            out.append(GlyphRun(cur[0], size, c, "".join(text), tuple(xs), tuple(advs),
                                baseline, r, cur[1], b, line))

    for (face, x, ch, adv), name in zip(items, _elements(element, parts)):
        key = (face, name)
        if key != cur:
            flush()
            cur, text, xs, advs = key, [], [], []
        text.append(ch)
        xs.append(x)
        advs.append(adv)
    flush()
    return out


def _page_number(n: int, layout: Layout, style, faces: _Faces
                 ) -> tuple[list[tuple[str, float, str, float]], float]:
    """GB/T 9704 §7.5: the top of the 一字线 around the number is ``below_block`` under the
    text block (the dash's ink, not its em box; the digits follow on the same baseline).
    Returns the glyphs and the baseline (y up, as the Layout)."""
    g = layout.geometry
    pn = style.page_number
    role = "page_number"
    size = style.roles[role].size
    text = page_number_text(style, n)
    glyphs = [faces.glyph(role, ch) for ch in text]
    advs = [em * size for _, em, _ in glyphs]
    width = sum(advs)
    side = pn.odd if n % 2 else pn.even
    indent = pn.indent_chars * size
    if side == "right":
        x = g.left + g.width - indent - width
    elif side == "left":
        x = g.left + indent
    else:
        x = g.left + (g.width - width) / 2
    marks = [k for k, ch in enumerate(text) if ch in _DASHES]
    box = glyphs[marks[0]][2].bounds(text[marks[0]]) if marks else None
    y = g.bottom - pn.below_block - (box[3] if box else EM_ASCENT) * size
    items = []
    for ch, adv, (key, _, _) in zip(text, advs, glyphs):
        if key is not None:
            items.append((key, x, ch, adv))
        x += adv
    return items, y


def from_layout(layout: Layout, style, fonts) -> DisplayList:
    """Turn a paginated Layout into a DisplayList (top-down page coordinates)."""
    metrics, choose = for_fonts(fonts)
    faces = _Faces(style, choose, metrics)
    g = layout.geometry
    h = g.page_height
    pn = style.page_number
    pages: list[DisplayPage] = []
    marks: list[Bookmark] = []
    for page in layout.pages:
        runs: list[GlyphRun] = []
        for n, pl in enumerate(page.lines):
            rs = style.roles[pl.role]
            own = [p for p in pl.parts if len(p) > 2]  # parts in a role of their own
            roles = [r for p in pl.parts for r in [p[2] if len(p) > 2 else pl.role] * p[1]] \
                if own else None
            looks = {p[0]: (p[2], style.roles[p[2]].color, bool(style.roles[p[2]].bold))
                     for p in own}
            runs += _runs(_glyphs(pl, faces, roles), role=pl.role, size=pl.line.size,
                          color=rs.color, baseline=h - pl.baseline,
                          element=pl.element or pl.role, bold=bool(getattr(rs, "bold", False)),
                          line=n, parts=pl.parts, looks=looks)
        if page.number > 1 or pn.first_page:
            items, y = _page_number(page.number, layout, style, faces)
            rs = style.roles["page_number"]
            runs += _runs(items, role="page_number", size=rs.size, color=rs.color,
                          baseline=h - y, element="page_number",
                          bold=bool(getattr(rs, "bold", False)), line=len(page.lines))
        rules = tuple(Rule(r.x0, r.x1, h - r.y, r.thickness, r.color, r.element)
                      for r in page.rules)
        pages.append(DisplayPage(page.number, g.page_width, h, tuple(runs), rules))
        marks += [Bookmark(title, level, page.number, h - y) for title, level, y in page.bookmarks]
    refs = {ref.key: ref for ref in faces.refs.values()}
    return DisplayList(tuple(pages), refs, tuple(marks))
