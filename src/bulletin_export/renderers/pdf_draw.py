"""Draw a Layout with reportlab: text runs with character spacing, rules, page numbers.

Every line is one text object in reading order; runs of glyphs on an even step are
one string with a character spacing (Tc), so extracted text gives the words back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..layout import Layout, PageLine
from ..layout.paginate import EM_ASCENT
from ..printed import page_number_text

EPS = 1e-3


@dataclass
class Run:
    font: str
    x: float
    text: str
    tc: float
    last_x: float
    last_adv: float
    advances: list[float]


def _items(pl: PageLine, role: str, face_name: Callable[[str, str], str],
           advance: Callable[[str, str, float], float], ink=None):
    """(font, x, char, advance) for each character of a set line."""
    size = pl.line.size
    for g in pl.line.glyphs:
        x = pl.x + g.x
        box = ink(role, g.text) if g.squeeze and ink else None
        if box:  # a mark compressed to half a cell: centre its ink in the half cell
            yield face_name(role, g.text), x + g.width / 2 - (box[0] + box[2]) / 2 * size, \
                g.text, advance(g.text, role, size)
        elif g.wide:
            step = g.width / len(g.text)
            for k, ch in enumerate(g.text):
                adv = advance(ch, role, size)
                dx = (step - adv) / 2 if adv < 0.75 * size else 0.0  # a half-width glyph in a cell
                yield face_name(role, ch), x + k * step + dx, ch, adv
        else:
            for ch in g.text:
                adv = advance(ch, role, size)
                yield face_name(role, ch), x, ch, adv
                x += adv


def runs(items) -> list[Run]:
    """Merge characters into runs of one font on an even step."""
    out: list[Run] = []
    for font, x, ch, adv in items:
        r = out[-1] if out else None
        if r is not None and r.font == font:
            gap = x - r.last_x - r.last_adv
            if len(r.text) == 1 and gap > -adv:
                r.tc = gap
            if abs(gap - r.tc) < EPS:
                r.text += ch
                r.last_x, r.last_adv = x, adv
                r.advances.append(adv)
                continue
        out.append(Run(font, x, ch, 0.0, x, adv, [adv]))
    return out


def _num(v: float, places: int = 4) -> str:
    """A PDF number: fixed point (never an exponent), without trailing zeros."""
    text = f"{v:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def draw_runs(canvas, rs: list[Run], y: float, size: float, color) -> None:
    """One text object for a line, written straight into the page's content stream: the
    operators reportlab's text object writes, without its per-call cost (number formatting
    in pure Python was a third of the drawing time).

    A run is split where reportlab switches to another 256-glyph subset of its font, and
    each piece starts at an explicit origin (readers differ on Tc after the last glyph of
    a Tj). Tf and Tc are set at the start of every line: text state outlives BT/ET."""
    from reportlab.pdfbase.pdfmetrics import getFont

    doc = canvas._doc
    code = ["BT", f"{_num(color.red)} {_num(color.green)} {_num(color.blue)} rg"]
    pt = _num(size)
    current = tc = None
    for r in rs:
        font = getFont(r.font)
        if r.tc != tc:
            code.append(f"{_num(r.tc, 5)} Tc")
            tc = r.tc
        x, k = r.x, 0
        for subset, codes in font.splitString(r.text, doc):
            if (r.font, subset) != current:
                code.append(f"{font.getSubsetInternalName(subset, doc)} {pt} Tf")
                current = (r.font, subset)
            code.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm ({canvas._escape(codes)}) Tj")
            n = len(codes)
            x += sum(r.advances[k : k + n]) + n * r.tc
            k += n
    code.append("ET")
    canvas._code.append(" ".join(code))


def draw_layout(canvas, layout: Layout, style, face_name, advance, ink=None,
                page_number_role="page_number"):
    """Draw every page of ``layout`` on ``canvas`` (one showPage per page)."""
    from reportlab.lib.colors import HexColor

    g = layout.geometry
    pn = style.page_number
    bookmark_no = 0
    for page in layout.pages:
        for pl in page.lines:
            rs = style.roles[pl.role]
            draw_runs(canvas, runs(_items(pl, pl.role, face_name, advance, ink)), pl.baseline,
                      pl.line.size, HexColor(rs.color))
        for rule in page.rules:
            canvas.setStrokeColor(HexColor(rule.color))
            canvas.setLineWidth(rule.thickness)
            canvas.line(rule.x0, rule.y, rule.x1, rule.y)
        if page.number > 1 or pn.first_page:
            _page_number(canvas, page.number, g, style, face_name, advance, page_number_role, ink)
        for title, level, y in page.bookmarks:
            key = f"bx{bookmark_no}"
            bookmark_no += 1
            canvas.bookmarkPage(key, fit="XYZ", left=0, top=min(g.page_height, y + 30))
            canvas.addOutlineEntry(title, key, level=level, closed=False)
        canvas.showPage()


def _page_number(canvas, n, g, style, face_name, advance, role, ink=None) -> None:
    """GB/T 9704 §7.5: the top of the 一字线 around the number is ``below_block`` under the
    text block (the dash's ink, not its em box; the digits follow on the same baseline)."""
    from reportlab.lib.colors import HexColor

    pn = style.page_number
    rs = style.roles[role]
    size = rs.size
    text = page_number_text(style, n)
    width = sum(advance(ch, role, size) for ch in text)
    side = pn.odd if n % 2 else pn.even
    indent = pn.indent_chars * size
    if side == "right":
        x = g.left + g.width - indent - width
    elif side == "left":
        x = g.left + indent
    else:
        x = g.left + (g.width - width) / 2
    marks = [ch for ch in text if ch in "—―－-"]
    box = ink(role, marks[0]) if marks and ink else None
    y = g.bottom - pn.below_block - (box[3] if box else EM_ASCENT) * size
    items = []
    for ch in text:
        adv = advance(ch, role, size)
        items.append((face_name(role, ch), x, ch, adv))
        x += adv
    draw_runs(canvas, runs(items), y, size, HexColor(rs.color))
