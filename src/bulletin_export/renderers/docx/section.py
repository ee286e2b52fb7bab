"""The main story: page setup, masthead, editor's note, columns and articles, footers.

Each paragraph gets the named style of its role and its text; what the style sheet
says about the look lives in the styles (``styles.py``), not on the paragraphs.
The end block is written by ``endblock.py``.
"""

from __future__ import annotations

import math
import re

from docx.oxml.ns import qn
from docx.shared import Pt

from ...errors import RenderError
from ...model import Span
from ...printed import Element, one_line_size, page_number_parts
from . import ooxml as x
from .styles import ROLE_STYLES, Grid


#: Characters XML 1.0 cannot hold (python-docx refuses them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def add(container, role: str, text: str, span: Span | None = None):
    """Append a paragraph of ``role``'s style holding ``text`` (one run, no direct formatting)."""
    bad = _NOT_XML.search(text)
    if bad:
        raise RenderError(f"text holds control character U+{ord(bad.group()):04X}, which a DOCX "
                          "cannot store", line=span.line if span else None,
                          hint="remove it from the source")
    return container.add_paragraph(text, style=ROLE_STYLES[role][0])


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


def write_masthead(document, items: "list[Element]", style) -> None:
    """版头: classification, red name, issue line, editing unit and date, the red rule
    (``items``: the masthead's printed elements)."""
    by = {e.id: e for e in items}
    paras = []
    for key in ("masthead.classification", "masthead.name", "masthead.issue"):
        e = by.get(key)
        if e:
            paras.append(add(document, e.role, e.text, e.span))
            if key == "masthead.name":
                fit_name(paras[-1], e.text, style)
    editor, date = by.get("masthead.editor"), by.get("masthead.date")
    if editor or date:
        role = (editor or date).role
        span = (editor or date).span
        paras.append(add(document, role, f"\t{editor.text if editor else ''}"
                                         f"\t{date.text if date else ''}", span))
    if paras and "masthead.name" in by:
        rule_under(paras[-1], style)


def name_size(name: str, style) -> float:
    """The masthead name's size: the role's, or smaller so that the name stays on one line
    (``printed.one_line_size``, as the PDF sets it), never below an article title's size."""
    rs = style.roles["masthead_name"]
    width = style.block_width - (rs.indent_left + rs.indent_right) * rs.size
    return one_line_size(name, rs.size, width, minimum=style.roles["title"].size)


def fit_name(paragraph, name: str, style) -> None:
    """A name too long for the role's size gets a smaller run (w:sz in half-points, rounded
    down so that Word's wider metrics still keep it on the line)."""
    size = name_size(name, style)
    if size < style.roles["masthead_name"].size:
        half = int(math.floor(size * 2))
        rpr = paragraph.runs[0]._r.get_or_add_rPr()
        x.child(rpr, "sz", x.RPR_ORDER, val=half)
        x.child(rpr, "szCs", x.RPR_ORDER, val=half)


def rule_under(paragraph, style) -> None:
    """The red rule across the block as the paragraph's bottom border (thick over thin if set)."""
    rules = style.rules
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = x.child(ppr, "pBdr", x.PPR_ORDER)
    color = x.hex_color(style.colors.get(rules.color, rules.color))  # a name or "#RRGGBB"
    pitch = style.page.line_pitch
    # As the PDF draws it: the rule a quarter line under the last masthead line, the
    # text going on a full line further down.
    gap = 0.25 * pitch
    width = rules.masthead
    bottom = x.set_border(pbdr, "bottom", width, color, space_pt=gap)
    if rules.masthead_second:
        # Thick over thin: w:sz is the thick line's width; Word and LibreOffice add the
        # thin line and a small gap (measured in LibreOffice: 2.85 pt, 0.75 gap, 0.75 pt).
        width = rules.masthead + rules.masthead_gap + rules.masthead_second
        x.set_attrs(bottom, val="thickThinSmallGap")
    x.child(ppr, "spacing", x.PPR_ORDER, after=max(0, x.twips(pitch - round(gap) - width)))


def editor_line_tabs(document, style) -> None:
    """The editing unit at the left tab, the date flush against the right tab (1 char in)."""
    rs = style.roles["editor_line"]
    st = document.styles[ROLE_STYLES["editor_line"][0]].element
    ppr = st.get_or_add_pPr()
    x.remove(ppr, "ind")
    left = x.twips(rs.indent_left * rs.size)
    right = x.twips(style.block_width - rs.indent_right * rs.size)
    x.set_tabs(ppr, [("left", left), ("right", right)])


def write_content(document, items: "list[Element]", style) -> None:
    """编者按, then each column heading, and each article's title, subtitle, paragraphs and
    source, in the order and roles of ``items`` (the printed elements between masthead and
    end block)."""
    articles: dict[str, list[Element]] = {}
    order: list[object] = []
    for e in items:
        if e.part == "article":
            key = e.id.split(".")[1]
            if key not in articles:
                articles[key] = []
                order.append(articles[key])
            articles[key].append(e)
        else:
            order.append(e)
    for item in order:
        if isinstance(item, Element):
            add(document, item.role, item.text, item.span)
        else:
            _article(document, item, style)
    no_space_at_top(document)


def _article(document, items: "list[Element]", style) -> None:
    title = subtitle = None
    for n, e in enumerate(items):
        nxt = items[n + 1] if n + 1 < len(items) else None
        if e.kind == "article.title":
            title = add(document, e.role, e.text, e.span)
        elif e.kind == "article.subtitle":
            subtitle = add(document, e.role, e.text, e.span)
        elif e.kind == "article.paragraph":
            if nxt is not None and nxt.joins and source_fits(e.text, nxt.text, style):
                add(document, e.role, e.text + nxt.text, e.span)
                break  # the source ended this, the last, paragraph
            add(document, e.role, e.text, e.span)
        elif e.joins:  # never split: a right-aligned body line of its own, as in the PDF
            source_line(add(document, e.role, e.text, e.span))
        else:
            add(document, e.role, e.text, e.span)
    if title is not None and subtitle is not None:
        space_after_pair(title, subtitle, style)


def source_fits(text: str, source: str, style) -> bool:
    """Whether ``source`` ends the last line of the body paragraph ``text`` without a line
    of its own, decided as the PDF does (``layout/blocks.py``) on the 28-cell grid: a wide
    character one cell, anything else half a cell, the body role's indents; but without
    the PDF's hanging ） and half-cell punctuation, which Word and LibreOffice lack.

    Appended when it does not fit, Word and LibreOffice would break it inside its
    parentheses; the caller then gives it a line of its own (:func:`source_line`)."""
    from ...layout.breaker import break_lines
    from ...layout.rules import is_wide

    rs = style.roles["body"]
    cell = style.block_width / style.page.chars_per_line
    width = style.block_width - (rs.indent_left + rs.indent_right) * cell

    def measure(run: str) -> float:
        return sum(cell if is_wide(ch) else cell / 2 for ch in run)

    def lines(t: str):
        return break_lines(t, width=width, size=rs.size, measure=measure, cell=cell,
                           first_indent=rs.first_indent * cell, align=rs.align)

    alone, joined = lines(text), lines(text + source)
    last = joined[-1]
    if len(joined) != len(alone) or not last.text.endswith(source):
        return False
    # The PDF may hang the closing ） into the margin or set two marks of a line in half a
    # cell; Word and LibreOffice do neither (they would break inside the source), so such a
    # last line does not hold it, and after such a line elsewhere a cell is kept to spare.
    if last.hang or any(g.squeeze for g in last.glyphs):
        return False
    squeezed = any(g.squeeze for ln in joined for g in ln.glyphs)
    return not squeezed or last.extent + cell <= last.left + last.width + 1e-6


def source_line(paragraph) -> None:
    """A source that does not end its paragraph: in the body's face (what the PDF draws
    and ``printed.printed_texts`` checks the fonts for), right-aligned, no indent."""
    ppr = paragraph._p.get_or_add_pPr()
    x.child(ppr, "ind", x.PPR_ORDER, firstLineChars=0, firstLine=0)
    x.child(ppr, "jc", x.PPR_ORDER, val="right")


def space_after_pair(title, subtitle, style) -> None:
    """Title and subtitle stay one block: the title's space after goes below the subtitle."""
    pitch = x.twips(style.page.line_pitch)
    after = max(style.roles["title"].space_after, style.roles["subtitle"].space_after)
    x.child(title._p.get_or_add_pPr(), "spacing", x.PPR_ORDER, after=0)
    x.child(subtitle._p.get_or_add_pPr(), "spacing", x.PPR_ORDER, after=int(round(after * pitch)))


def no_space_at_top(document) -> None:
    """No space before the first paragraph of the document, as at the top of any other page.

    Word and LibreOffice drop a paragraph's space before at the top of a page it flows
    onto, but keep it at the top of the document; the PDF drops it everywhere.
    """
    paras = document.paragraphs
    if paras and paras[0].style.paragraph_format.space_before:
        x.child(paras[0]._p.get_or_add_pPr(), "spacing", x.PPR_ORDER, before=0)
