"""The main story of one issue as WordprocessingML elements: masthead, note, columns, articles.

Built with lxml directly (no python-docx proxy objects): each printed element becomes a
``w:p`` of its role's named style holding its text in one run, with only the direct
formatting the layout needs (the masthead rule, a name set smaller, a source pushed to
the right). What the style sheet says about the look lives in the styles part
(``styles.py``), built once per style sheet (``template.py``). The end block is
``endtable.py``.
"""

from __future__ import annotations

import math
import re

from lxml import etree

from ...errors import RenderError
from ...model import Span
from ...printed import Element, one_line_size
from . import ooxml as x
from .styles import CHAR_STYLES, ROLE_STYLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T, _TAB = (
    W + t for t in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t", "tab"))
_VAL = W + "val"
_BR = W + "br"
#: Characters XML 1.0 cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ROLE_OF_ID = {sid: role for role, (_, sid) in ROLE_STYLES.items()}


def check_text(text: str, span: Span | None) -> None:
    bad = _NOT_XML.search(text)
    if bad:
        raise RenderError(f"text holds control character U+{ord(bad.group()):04X}, which a DOCX "
                          "cannot store", line=span.line if span else None,
                          hint="remove it from the source")


def run(p: etree._Element, text: str, char_style: str | None = None) -> etree._Element:
    """Append a run holding ``text`` (a tab as w:tab, as python-docx writes it; a line feed
    as w:br, a line break inside the paragraph)."""
    r = etree.SubElement(p, _R)
    if char_style:
        etree.SubElement(etree.SubElement(r, _RPR), _RSTYLE, {_VAL: char_style})
    for k, piece in enumerate(re.split("([\t\n])", text)):
        if piece == "\t":
            etree.SubElement(r, _TAB)
            continue
        if piece == "\n":
            etree.SubElement(r, _BR)
            continue
        if piece:
            t = etree.SubElement(r, _T)
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(XML_SPACE, "preserve")
    return r


#: Roles set centred on lines of even length (``layout.breaker.balanced_lines``), as the PDF.
BALANCED_ROLES = ("title", "subtitle", "masthead_name")


def balanced(text: str, role: str, style, size: float | None = None) -> str:
    """``text`` with a line feed where the PDF breaks a centred title, subtitle or masthead
    name (on the grid: a wide character one cell, anything else half an em), so that Word
    and LibreOffice, which fill a line before breaking, set the same lines (a 41-character
    title: 14 + 14 + 13, not 20 + 20 + 1). Unchanged when it fits one line."""
    from ...layout.breaker import balanced_lines, cell_for
    from ...layout.rules import is_wide

    rs = style.roles[role]
    if rs.align != "center":  # the PDF balances centred lines only
        return text
    size = size or rs.size
    cell = style.char_pitch if abs(size - style.page.body_size) < 1e-6 else \
        cell_for(style.block_width, size)
    width = style.block_width - (rs.indent_left + rs.indent_right) * cell

    def measure(run: str) -> float:
        return sum(size if is_wide(ch) else size / 2 for ch in run)

    lines = [ln.text for ln in balanced_lines(text, width=width, size=size, measure=measure,
                                              cell=cell)]
    if len(lines) < 2 or "".join(lines).replace(" ", "") != text.replace(" ", ""):
        return text
    return "\n".join(ln.strip() for ln in lines)


def paragraph(role: str, text: str = "", span: Span | None = None) -> etree._Element:
    """A ``w:p`` of ``role``'s style holding ``text`` in one run (none when empty)."""
    check_text(text, span)
    p = etree.Element(_P)
    etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE, {_VAL: ROLE_STYLES[role][1]})
    if text:
        run(p, text)
    return p


def ppr(p: etree._Element) -> etree._Element:
    return p.find(_PPR)


def role_of(p: etree._Element) -> str | None:
    st = p.find(f"{_PPR}/{_PSTYLE}")
    return _ROLE_OF_ID.get(st.get(_VAL)) if st is not None else None


class Story:
    """The block elements of the body in order (``w:p`` and ``w:tbl``)."""

    def __init__(self) -> None:
        self.blocks: list[etree._Element] = []

    def add(self, role: str, text: str = "", span: Span | None = None) -> etree._Element:
        p = paragraph(role, text, span)
        self.blocks.append(p)
        return p

    def paragraphs(self) -> list[etree._Element]:
        return [b for b in self.blocks if b.tag == _P]


def write_masthead(story: Story, items: "list[Element]", style) -> None:
    """版头: classification, red name, issue line, editing unit and date, the red rule
    (``items``: the masthead's printed elements)."""
    by = {e.id: e for e in items}
    paras = []
    for key in ("masthead.classification", "masthead.name", "masthead.issue"):
        e = by.get(key)
        if e and key == "masthead.name":
            check_text(e.text, e.span)
            paras.append(story.add(e.role, balanced(e.text, e.role, style,
                                                    name_size(e.text, style)), e.span))
            fit_name(paras[-1], e.text, style)
        elif e:
            paras.append(story.add(e.role, e.text, e.span))
    editor, date = by.get("masthead.editor"), by.get("masthead.date")
    if editor and date and not editor_line_fits(editor.text, date.text, editor.role, style):
        # as the PDF: too long to share a line, the unit at the left and the date at the right
        # of a line of its own (at a tab they would run together: 办公室编2024年7月1日)
        paras.append(story.add(editor.role, f"\t{editor.text}", editor.span))
        paras.append(story.add(date.role, f"\t\t{date.text}", editor.span))
    elif editor or date:
        first = editor or date
        paras.append(story.add(first.role, f"\t{editor.text if editor else ''}"
                                            f"\t{date.text if date else ''}", first.span))
    if paras and "masthead.name" in by:
        rule_under(paras[-1], style)


def editor_line_fits(editor: str, date: str, role: str, style) -> bool:
    """Whether the editing unit and the date share one line with a cell between them, inside
    the role's indents, as ``layout/blocks.py`` decides (a wide character one grid cell,
    anything else half an em: Times New Roman's digits, a little wider than half a cell)."""
    from ...layout.breaker import cell_for
    from ...layout.rules import is_wide

    rs = style.roles[role]
    cell = style.char_pitch if abs(rs.size - style.page.body_size) < 1e-6 else \
        cell_for(style.block_width, rs.size)
    room = style.block_width - (rs.indent_left + rs.indent_right) * cell
    width = sum(cell if is_wide(ch) else rs.size / 2 for ch in editor + date)
    return width + cell <= room + 1e-6


def name_size(name: str, style) -> float:
    """The masthead name's size: the role's, or smaller so that the name stays on one line
    (``printed.one_line_size``, as the PDF sets it), never below an article title's size.
    Latin capitals count at Times New Roman's width (the PDF measures them in the face):
    counted as half an em, XX大学附属医院院务简报 was set too large and wrapped its 报."""
    rs = style.roles["masthead_name"]
    width = style.block_width - (rs.indent_left + rs.indent_right) * rs.size
    floor = style.roles["title"].size
    size = one_line_size(name, rs.size, width, minimum=floor)
    caps = sum(_CAP_EM.get(c, 0.75) - 0.5 for c in name if "A" <= c <= "Z")
    ems = one_line_ems(name) + caps
    if caps and ems * size > width:
        size = max(floor, width / ems)
    return size


#: Times New Roman's widest capitals, in em (the others are taken as 0.75).
_CAP_EM = {"M": 0.89, "W": 0.95}


def one_line_ems(text: str) -> float:
    """The width of ``text`` in em as ``printed.one_line_size`` counts it."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def fit_name(p: etree._Element, name: str, style) -> None:
    """A name too long for the role's size gets a smaller run (w:sz in half-points, rounded
    down so that Word's wider metrics still keep it on the line)."""
    size = name_size(name, style)
    if size < style.roles["masthead_name"].size:
        half = int(math.floor(size * 2))
        r = p.find(_R)
        rpr = r.find(_RPR)
        if rpr is None:
            rpr = etree.Element(_RPR)
            r.insert(0, rpr)
        x.child(rpr, "sz", x.RPR_ORDER, val=half)
        x.child(rpr, "szCs", x.RPR_ORDER, val=half)


def rule_under(p: etree._Element, style) -> None:
    """The red rule across the block as the paragraph's bottom border (thick over thin if set)."""
    rules = style.rules
    pr = ppr(p)
    pbdr = x.child(pr, "pBdr", x.PPR_ORDER)
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
    x.child(pr, "spacing", x.PPR_ORDER, after=max(0, x.twips(pitch - round(gap) - width)))


def write_content(story: Story, items: "list[Element]", style) -> None:
    """编者按, then each column heading, and each article's title, subtitle, body blocks and
    source, in the order and roles of ``items`` (the printed elements between masthead and
    end block)."""
    article: list[Element] = []
    current = None
    for e in items:
        if e.part == "article":
            a = e.id.split(".")[1]
            if a != current and article:
                _article(story, article, style)
                article = []
            current = a
            article.append(e)
        else:
            if article:
                _article(story, article, style)
                article, current = [], None
            story.add(e.role, e.text, e.span)
    if article:
        _article(story, article, style)
    no_space_at_top(story, style)


def _article(story: Story, items: "list[Element]", style) -> None:
    title = subtitle = head = None
    joined = False
    for n, e in enumerate(items):
        nxt = items[n + 1] if n + 1 < len(items) else None
        if joined:  # the source, printed at the end of the paragraph before it
            joined = False
            continue
        if e.kind == "article.title" and e.runs_in:
            head = e  # 简讯: a run at the start of the first paragraph
        elif e.kind == "article.title":
            check_text(e.text, e.span)
            title = story.add(e.role, balanced(e.text, e.role, style), e.span)
        elif e.kind == "article.subtitle":
            check_text(e.text, e.span)
            subtitle = story.add(e.role, balanced(e.text, e.role, style), e.span)
        elif e.kind == "article.paragraph":
            lead = head.text if head else ""
            if nxt is not None and nxt.joins and source_fits(lead + e.text, nxt.text, style):
                run_in(story.add(e.role, e.text + nxt.text, e.span), head)
                joined = True  # the source ends this paragraph (attachment lines may follow)
            else:
                run_in(story.add(e.role, e.text, e.span), head)
            head = None
        elif e.joins:  # never split: a right-aligned body line of its own, as in the PDF
            source_line(story.add(e.role, e.text, e.span))
        else:
            story.add(e.role, e.text, e.span)
    if title is not None and subtitle is not None:
        space_after_pair(title, subtitle, style)


def run_in(p: etree._Element, head: "Element | None") -> None:
    """A 简讯 item's title (``head``, with its 。) as the paragraph's first run, in the
    character style of its role (bold): what Word users type and the Word reader reads
    back as a run-in title."""
    if head is None:
        return
    check_text(head.text, head.span)
    r = run(p, head.text, CHAR_STYLES[head.role][1])
    p.remove(r)
    p.insert(1, r)  # after w:pPr, before the text's run


def source_fits(text: str, source: str, style) -> bool:
    """Whether ``source`` ends the last line of the body paragraph ``text`` without a line
    of its own, decided as the PDF does (``layout/blocks.py``) on the 28-cell grid: a wide
    character one cell, anything else half a cell, the body role's indents; but without
    the PDF's hanging ） and half-cell punctuation, which Word and LibreOffice lack.

    One run of the line breaker, on the text with its source: the source fits when the
    last line ends with it and holds some of the text too (else it took a line of its
    own). Checked against breaking the text alone as well on 12,000 random paragraphs with
    Latin runs, URLs, numbers and marks: the same answer every time.

    Appended when it does not fit, Word and LibreOffice would break it inside its
    parentheses; the caller then gives it a line of its own (:func:`source_line`)."""
    from ...layout.breaker import break_lines
    from ...layout.rules import is_wide

    rs = style.roles["body"]
    cell = style.block_width / style.page.chars_per_line
    width = style.block_width - (rs.indent_left + rs.indent_right) * cell

    def measure(run: str) -> float:
        return sum(cell if is_wide(ch) else cell / 2 for ch in run)

    joined = break_lines(text + source, width=width, size=rs.size, measure=measure, cell=cell,
                         first_indent=rs.first_indent * cell, align=rs.align)
    last = joined[-1]
    if not last.text.endswith(source) or len(last.text) == len(source):
        return False
    # The PDF may hang the closing ） into the margin or set two marks of a line in half a
    # cell; Word and LibreOffice do neither (they would break inside the source), so such a
    # last line does not hold it, and after such a line elsewhere a cell is kept to spare.
    if last.hang or any(g.squeeze for g in last.glyphs):
        return False
    squeezed = any(g.squeeze for ln in joined for g in ln.glyphs)
    return not squeezed or last.extent + cell <= last.left + last.width + 1e-6


def source_line(p: etree._Element) -> None:
    """A source that does not end its paragraph: in the body's face (what the PDF draws
    and ``printed.printed_texts`` checks the fonts for), right-aligned, no indent."""
    pr = ppr(p)
    x.child(pr, "ind", x.PPR_ORDER, firstLineChars=0, firstLine=0)
    x.child(pr, "jc", x.PPR_ORDER, val="right")


def space_after_pair(title: etree._Element, subtitle: etree._Element, style) -> None:
    """Title and subtitle stay one block: the title's space after goes below the subtitle."""
    pitch = x.twips(style.page.line_pitch)
    after = max(style.roles["title"].space_after, style.roles["subtitle"].space_after)
    x.child(ppr(title), "spacing", x.PPR_ORDER, after=0)
    x.child(ppr(subtitle), "spacing", x.PPR_ORDER, after=int(round(after * pitch)))


def no_space_at_top(story: Story, style) -> None:
    """No space before the first paragraph of the document, as at the top of any other page.

    Word and LibreOffice drop a paragraph's space before at the top of a page it flows
    onto, but keep it at the top of the document; the PDF drops it everywhere.
    """
    paras = story.paragraphs()
    if not paras:
        return
    role = role_of(paras[0])
    pitch = x.twips(style.page.line_pitch)
    if role and int(round(style.roles[role].space_before * pitch)):  # the style's w:before
        x.child(ppr(paras[0]), "spacing", x.PPR_ORDER, before=0)


def copies_run(p: etree._Element, copies: Element) -> None:
    """共印X份 at a tab, in a run of its own in the copies role's character style."""
    run(p, "\t" + copies.text, CHAR_STYLES[copies.role][1])
