"""Raw WordprocessingML writing for what python-docx has no API for.

Every child is put in its schema position (ECMA-376 Part 1, §17): the ``*_ORDER``
tuples list the children of ``w:pPr``, ``w:rPr``, ``w:sectPr``, ``w:tblPr`` and
``w:tcPr`` in sequence, and :func:`child` inserts a new child before the first
sibling that must follow it (python-docx's ``insert_element_before``), so the
result is valid whatever order the callers set properties in.
"""

from __future__ import annotations

from typing import Iterable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
)
TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark",
)
TRPR_ORDER = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
    "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden",
)
BORDER_ORDER = ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "between", "bar")
STYLE_ORDER = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
)

#: Attributes that make a run take its font from the theme (python-docx's template has them).
THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))


def twips(pt: float) -> int:
    """Points to twentieths of a point (twips), rounded."""
    return int(round(pt * 20))


def half_points(pt: float) -> int:
    """Points to half-points (w:sz)."""
    return int(round(pt * 2))


def eighths(pt: float) -> int:
    """Points to eighths of a point (border w:sz), clamped to the schema's 2..96."""
    return max(2, min(96, int(round(pt * 8))))


def hex_color(color: str) -> str:
    """'#ff0000' -> 'FF0000' (w:color and w:val of borders)."""
    return color.lstrip("#").upper()


def child(parent: etree._Element, tag: str, order: tuple[str, ...], **attrs: object) -> etree._Element:
    """The child ``w:<tag>`` of ``parent`` (created in schema position if missing), attributes set.

    ``order`` is the parent's child sequence; attribute names are given without the
    ``w:`` prefix; a value of None removes that attribute.
    """
    elm = parent.find(qn(f"w:{tag}"))
    if elm is None:
        elm = OxmlElement(f"w:{tag}")
        insert_in_order(parent, elm, order[order.index(tag) + 1:])
    set_attrs(elm, **attrs)
    return elm


def insert_in_order(parent: etree._Element, elm: etree._Element, later: tuple[str, ...]) -> None:
    """Insert ``elm`` before the first child of ``parent`` named in ``later``, else at the end.

    The same rule as python-docx's ``BaseOxmlElement.insert_element_before``, usable on
    elements python-docx has no class for (``w:pBdr``, ``w:tblBorders`` ...).
    """
    names = {qn(f"w:{t}") for t in later}
    for sibling in parent:
        if sibling.tag in names:
            sibling.addprevious(elm)
            return
    parent.append(elm)


def set_attrs(elm: etree._Element, **attrs: object) -> None:
    for name, value in attrs.items():
        key = qn(f"w:{name}")
        if value is None:
            elm.attrib.pop(key, None)
        else:
            elm.set(key, _str(value))


def _str(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def remove(parent: etree._Element, *tags: str) -> None:
    """Drop every child ``w:<tag>`` of ``parent``."""
    for tag in tags:
        for elm in parent.findall(qn(f"w:{tag}")):
            parent.remove(elm)


def strip_theme_fonts(root: etree._Element) -> int:
    """Remove every theme-font attribute below ``root``; returns how many were removed."""
    n = 0
    for elm in root.iter(qn("w:rFonts"), qn("w:lang")):
        for key in THEME_ATTRS:
            if key in elm.attrib:
                del elm.attrib[key]
                n += 1
    return n


def set_fonts(rpr: etree._Element, east_asia: str, latin: str) -> None:
    """Explicit fonts: East Asian family for CJK text, the Latin family for the rest."""
    rfonts = child(rpr, "rFonts", RPR_ORDER, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)
    for key in THEME_ATTRS:
        rfonts.attrib.pop(key, None)


def set_size(rpr: etree._Element, pt: float) -> None:
    child(rpr, "sz", RPR_ORDER, val=half_points(pt))
    child(rpr, "szCs", RPR_ORDER, val=half_points(pt))


def set_lang(rpr: etree._Element) -> None:
    child(rpr, "lang", RPR_ORDER, val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def set_border(parent: etree._Element, side: str, width_pt: float, color: str = "000000",
               space_pt: float = 0) -> etree._Element:
    """A single-line border ``side`` in a w:pBdr, w:tblBorders or w:tcBorders element."""
    return child(parent, side, BORDER_ORDER, val="single", sz=eighths(width_pt),
                 space=int(round(space_pt)), color=color)


def set_tabs(ppr: etree._Element, stops: Iterable[tuple[str, int]]) -> None:
    """Replace the paragraph's tab stops by ``(alignment, position in twips)`` pairs."""
    tabs = child(ppr, "tabs", PPR_ORDER)
    for old in list(tabs):
        tabs.remove(old)
    for align, pos in sorted(stops, key=lambda s: s[1]):
        tab = OxmlElement("w:tab")
        set_attrs(tab, val=align, pos=pos)
        tabs.append(tab)  # w:tabs holds only w:tab children: appending keeps order


def add_field(paragraph, instruction: str, cached: str) -> None:
    """Append a complex field (begin, instruction, separate, cached result, end) as runs."""
    def run_with(elm: etree._Element) -> None:
        r = paragraph.add_run()._r
        r.append(elm)

    begin = OxmlElement("w:fldChar")
    set_attrs(begin, fldCharType="begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    set_attrs(sep, fldCharType="separate")
    run_with(sep)
    paragraph.add_run(cached)
    end = OxmlElement("w:fldChar")
    set_attrs(end, fldCharType="end")
    run_with(end)
