"""One page's Content.xml from a DisplayPage: a TextObject per glyph run, a PathObject per rule.

Units are millimetres, origin top-left, y down, as in the display list (which is in pt).
A TextObject's Boundary holds all the ink its glyphs can make (the face's ascender and
descender from 'head', each glyph's ink box and advance), because viewers clip to it;
TextCode X/Y are the first glyph's origin and the baseline relative to the Boundary, and
DeltaX lists the n-1 steps between the glyphs exactly where the display list puts them
(grid spacing, squeezed and hanging marks, Latin runs). Positions are rounded to
0.001 mm first and the steps taken between rounded positions, so no rounding error
accumulates along a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .parts import A4, PT_TO_MM, mm, num, nums, root, serialize, sub

if TYPE_CHECKING:  # pragma: no cover
    from ...layout.display import DisplayPage, GlyphRun, Rule
    from .fonts import EmbeddedFont

PAD = 0.25  # pt of air around the ink in a Boundary (antialiasing of the edge pixels)
BOLD_STROKE = 0.02  # em: the outline stroke of a synthetic bold


def rgb(color: str) -> str:
    """'#C00000' -> '192 0 0' (an OFD RGB colour, 0-255 per channel)."""
    c = color.lstrip("#")
    return " ".join(str(int(c[i : i + 2], 16)) for i in (0, 2, 4))


def _clamp_box(x0: float, y0: float, x1: float, y1: float, w: float, h: float):
    return max(0.0, x0), max(0.0, y0), min(w, x1), min(h, y1)


def text_object(layer, run: "GlyphRun", font: "EmbeddedFont", ids, page_w: float,
                page_h: float) -> int | None:
    """Append the TextObject of one run; its ID, or None for a run of spaces only."""
    glyphs = list(zip(run.text, run.x, run.advances))
    while glyphs and glyphs[0][0].isspace():  # readers strip leading and trailing spaces
        glyphs.pop(0)
    while glyphs and glyphs[-1][0].isspace():
        glyphs.pop()
    if not glyphs:
        return None
    size = run.size
    stroke = BOLD_STROKE * size if run.bold and not font.bold else 0.0  # synthetic bold
    lefts, rights = [], []
    for ch, x, adv in glyphs:
        lo, hi = font.ink_x(ch, size)
        lefts.append(x + lo)
        rights.append(x + max(hi, adv))
    top = run.baseline - font.ascent * size
    bottom = run.baseline - font.descent * size
    pad = PAD + stroke / 2
    box = _clamp_box(min(lefts) - pad, top - pad, max(rights) + pad, bottom + pad, page_w, page_h)
    bx, by = mm(box[0]), mm(box[1])
    bw, bh = mm(box[2]) - bx, mm(box[3]) - by
    oid = ids.next()
    attrs = {"ID": oid, "Boundary": nums(bx, by, bw, bh), "Font": font.id, "Size": num(size * PT_TO_MM, 4)}
    if stroke:
        attrs.update({"LineWidth": num(stroke * PT_TO_MM, 4), "Stroke": "true"})
    if run.bold or font.bold:  # viewers drawing with a system font by name use the weight
        attrs["Weight"] = "700"
    obj = sub(layer, "TextObject", attrs)
    sub(obj, "FillColor", {"Value": rgb(run.color)})
    if stroke:
        sub(obj, "StrokeColor", {"Value": rgb(run.color)})
    xs = [mm(x) for _, x, _ in glyphs]
    code = {"X": num(xs[0] - bx), "Y": num(mm(run.baseline) - by)}
    if len(xs) > 1:
        code["DeltaX"] = " ".join(num(b - a) for a, b in zip(xs, xs[1:]))
    sub(obj, "TextCode", code, "".join(ch for ch, _, _ in glyphs))
    return oid


def path_object(layer, rule: "Rule", oid: int) -> None:
    """A horizontal rule: stroked, not filled, its colour and width on the object itself
    (readers differ on inheriting them), a Boundary as tall as the line is wide."""
    x0, x1 = sorted((rule.x0, rule.x1))
    t = max(rule.thickness, 0.01)
    bx, by = mm(x0), mm(rule.y - t / 2)
    bw, bh = mm(x1) - bx, max(mm(rule.y + t / 2) - by, 0.001)
    obj = sub(layer, "PathObject", {"ID": oid, "Boundary": nums(bx, by, bw, bh),
                                    "LineWidth": num(bh), "Stroke": "true", "Fill": "false"})
    color = {"Value": rgb(rule.color)}
    sub(obj, "StrokeColor", color)
    sub(obj, "FillColor", color)  # easyofd strokes with the fill colour
    sub(obj, "AbbreviatedData", text=f"M 0 {num(bh / 2)} L {num(bw)} {num(bh / 2)}")


def content_xml(page: "DisplayPage", fonts: dict[str, "EmbeddedFont"], ids) -> tuple[bytes, dict[str, list[int]]]:
    """(Content.xml bytes, printed element id -> the IDs of the objects that draw it)."""
    el = root("Page")
    size = (mm(page.width), mm(page.height))
    if abs(size[0] - A4[0]) > 0.05 or abs(size[1] - A4[1]) > 0.05:  # else the document's box
        sub(sub(el, "Area"), "PhysicalBox", text=nums(0, 0, *size))
    content = sub(el, "Content")
    layer = sub(content, "Layer", {"ID": ids.next(), "Type": "Body"})
    objects: dict[str, list[int]] = {}
    for run in page.runs:
        oid = text_object(layer, run, fonts[run.face], ids, page.width, page.height)
        if oid is not None:
            objects.setdefault(run.element, []).append(oid)
    for rule in page.rules:
        oid = ids.next()
        path_object(layer, rule, oid)
        objects.setdefault(rule.element, []).append(oid)
    return serialize(el), objects
