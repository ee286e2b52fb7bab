"""Draw a DisplayList with reportlab: text runs with character spacing, rules, bookmarks.

Every set line is one text object in reading order; glyphs of one face on an even step
are one string with a character spacing (Tc), so extracted text gives the words back.
The display list has every glyph's x already (layout/finish.py): nothing is placed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..layout.display import DisplayList, GlyphRun

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


def _items(rs: list[GlyphRun]):
    """(face key, x, char, advance) for each glyph of a line's runs."""
    for r in rs:
        for x, ch, adv in zip(r.x, r.text, r.advances):
            yield r.face, x, ch, adv


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


#: The outline stroke of a synthetic bold, in em (as the OFD renderer draws it).
BOLD_STROKE = 0.02


def draw_runs(canvas, rs: list[Run], y: float, size: float, color, fonts, bold: bool = False
              ) -> None:
    """One text object for a line, written straight into the page's content stream (the
    operators a text object writes, without reportlab's per-call cost). Each run starts at
    an explicit origin (readers differ on Tc after the last glyph of a Tj); its glyphs are
    2-byte glyph ids (Identity-H, see pdf_fonts). Tf and Tc are set at the start of every
    line: text state outlives BT/ET.

    ``bold`` (the style role is bold): glyphs of a face that is not bold itself are filled
    and stroked in their colour (render mode 2, BOLD_STROKE em wide), inside q/Q so that the
    stroke state reportlab keeps for the rules stays true."""
    rgb = f"{_num(color.red)} {_num(color.green)} {_num(color.blue)}"
    code = ["BT", f"{rgb} rg"]
    if bold:
        code = ["q", f"{rgb} RG {_num(BOLD_STROKE * size)} w"] + code
    pt = _num(size)
    current = tc = None
    mode = 0
    for r in rs:
        font = fonts[r.font]
        if r.font != current:
            code.append(f"/{font.resource} {pt} Tf")
            current = r.font
        if r.tc != tc:
            code.append(f"{_num(r.tc, 5)} Tc")
            tc = r.tc
        want = 2 if bold and not font.bold else 0
        if want != mode:
            code.append(f"{want} Tr")
            mode = want
        hexes = font.codes
        code.append(f"1 0 0 1 {_num(r.x)} {_num(y)} Tm <{''.join(hexes[c] for c in r.text)}> Tj")
    code.append("ET")
    if bold:
        code.append("Q")
    canvas._code.append(" ".join(code))


def _color(hexcolor: str):
    from reportlab.lib.colors import HexColor

    return HexColor(hexcolor)


def draw_pages(canvas, dl: DisplayList, fonts) -> None:
    """Draw every page of ``dl`` on ``canvas`` (one showPage per page): the lines, the rules,
    the page number, then the page's bookmarks. ``fonts``: FaceRef.key -> pdf_fonts.PdfFont."""
    bookmark_no = 0
    for page in dl.pages:
        h = page.height
        lines = [list(g) for _, g in groupby(page.runs, key=lambda r: r.line)]
        numbers = [ln for ln in lines if ln[0].element == "page_number"]
        for ln in lines:
            if ln[0].element != "page_number":
                _line(canvas, ln, fonts, h)
        for rule in page.rules:
            canvas.setStrokeColor(_color(rule.color))
            canvas.setLineWidth(rule.thickness)
            canvas.line(rule.x0, h - rule.y, rule.x1, h - rule.y)
        for ln in numbers:
            _line(canvas, ln, fonts, h)
        for b in dl.bookmarks:
            if b.page == page.number:
                key = f"bx{bookmark_no}"
                bookmark_no += 1
                canvas.bookmarkPage(key, fit="XYZ", left=0, top=min(h, h - b.y + 30))
                canvas.addOutlineEntry(b.title, key, level=b.level, closed=False)
        canvas.showPage()


def _line(canvas, rs: list[GlyphRun], fonts, h: float) -> None:
    """A line's runs, one text object per stretch of one colour and boldness (a line may
    hold a bold run-in title before plain text)."""
    for _, group in groupby(rs, key=lambda r: (r.color, r.bold)):
        group = list(group)
        first = group[0]
        draw_runs(canvas, runs(_items(group)), h - first.baseline, first.size,
                  _color(first.color), fonts, bold=first.bold)
