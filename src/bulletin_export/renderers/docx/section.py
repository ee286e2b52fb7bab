"""What every page of the document shares: page setup, Word's grid, the footers with the
page number, and the editor line's tab stops (its style).

Built once per style sheet on python-docx's document (``template.py``); the main story
of an issue is ``story.py``.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Pt

from ...printed import page_number_parts
from . import ooxml as x
from .styles import ROLE_STYLES, Grid


def setup_section(document, style, grid: Grid) -> None:
    """A4 page, the style's margins, Word's 28 x 22 grid, odd/even and title-page footers."""
    page = style.page
    sec = document.sections[0]
    sec.page_width, sec.page_height = Pt(page.width), Pt(page.height)
    sec.top_margin, sec.bottom_margin = Pt(page.margin_top), Pt(page.margin_bottom)
    sec.left_margin, sec.right_margin = Pt(page.margin_left), Pt(page.margin_right)
    sec.gutter = 0
    sec.header_distance = Pt(min(page.margin_top / 2, 42.55))
    # GB/T 9704 §7.5: the top of the 一字线 is `below_block` under the block. The dash sits
    # DASH_DROP em below the top of its line, so the line starts that much higher.
    drop = DASH_DROP * style.roles["page_number"].size
    sec.footer_distance = Pt(max(0.0, page.margin_bottom - style.page_number.below_block
                                 + drop - footer_line(style)))
    sect_pr = sec._sectPr
    for attr in [a for a in sect_pr.attrib if a.rpartition("}")[2].startswith("rsid")]:
        del sect_pr.attrib[attr]
    x.remove(sect_pr, "cols")
    x.child(sect_pr, "cols", x.SECTPR_ORDER, space=425)
    x.child(sect_pr, "docGrid", x.SECTPR_ORDER, type="linesAndChars",
            linePitch=grid.line_pitch, charSpace=grid.char_space)
    document.settings.odd_and_even_pages_header_footer = True
    sec.different_first_page_header_footer = not style.page_number.first_page


DASH_DROP = 0.45  # em from the top of a Song face's em box to the top of its 一字线 (SimSun, UMing)


def footer_line(style) -> float:
    """Height (pt) of the page-number line: the number's size plus a little for the glyphs."""
    return round(style.roles["page_number"].size * 1.2, 1)


def write_footers(document, style) -> None:
    """Odd pages right and even pages left, each one character in, "— PAGE —" in 宋体."""
    sec = document.sections[0]
    pn = style.page_number
    size = style.roles["page_number"].size
    targets = [(sec.footer, pn.odd), (sec.even_page_footer, pn.even)]
    if not pn.first_page:
        _clear(sec.first_page_footer)
        p = sec.first_page_footer.paragraphs[0]
        p.style = document.styles[ROLE_STYLES["page_number"][0]]
    for footer, side in targets:
        footer.is_linked_to_previous = False
        _clear(footer)
        p = footer.paragraphs[0]
        p.style = document.styles[ROLE_STYLES["page_number"][0]]
        ppr = p._p.get_or_add_pPr()
        x.child(ppr, "spacing", x.PPR_ORDER, line=x.twips(footer_line(style)), lineRule="exact")
        indent = {"leftChars": 0, "rightChars": 0, "left": 0, "right": 0}
        key = "left" if side == "left" else "right"
        if side in ("left", "right"):
            indent[key] = x.twips(pn.indent_chars * size)
            indent[key + "Chars"] = int(round(pn.indent_chars * 100))
        x.child(ppr, "ind", x.PPR_ORDER, **indent)
        x.child(ppr, "jc", x.PPR_ORDER, val={"left": "left", "right": "right"}.get(side, "center"))
        before, after = page_number_parts(style)
        if before:
            p.add_run(before)
        x.add_field(p, "PAGE", "1")
        if after:
            p.add_run(after)


def _clear(footer) -> None:
    """Leave one empty paragraph in a header or footer."""
    paras = footer.paragraphs
    for extra in paras[1:]:
        extra._p.getparent().remove(extra._p)
    first = paras[0]._p
    for c in list(first):
        if c.tag != qn("w:pPr"):
            first.remove(c)


def editor_line_tabs(document, style) -> None:
    """The editing unit at the left tab, the date flush against the right tab (1 char in)."""
    rs = style.roles["editor_line"]
    st = document.styles[ROLE_STYLES["editor_line"][0]].element
    ppr = st.get_or_add_pPr()
    x.remove(ppr, "ind")
    left = x.twips(rs.indent_left * rs.size)
    right = x.twips(style.block_width - rs.indent_right * rs.size)
    x.set_tabs(ppr, [("left", left), ("right", right)])
