"""The styles part: document defaults, a common base style and one named style per role.

python-docx's template carries ~170 Office styles whose fonts come from the theme
(``w:asciiTheme`` ...) and a Japanese East Asian default; all of that is removed,
so that every font a Word, WPS or LibreOffice user sees is an explicit family
from the style sheet.

Grid choice (see FORMAT.md §4 and the renderer's report): the section carries
Word's 28 x 22 grid (``linesAndChars``, negative ``w:charSpace``) so that Word and
WPS show 每行28字 每页22行 in Page Setup. LibreOffice 7.4 draws every character
of a snapping paragraph over two cells whenever ``w:charSpace`` is negative
(measured: 14 characters a line), so Normal, and with it every style, does not
snap to the grid (``w:snapToGrid w:val="0"``): paragraphs get their 28
characters from a character spacing just under the grid pitch (-0.30 pt for
15.79 pt cells of 16 pt text) and their 22 lines from exact line spacing of one
grid pitch, so that Word and LibreOffice lay out the same lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from ...stylesheet.model import HEADING_ROLES
from . import ooxml as x

#: Role -> (style name shown in Word's style list, styleId).
ROLE_STYLES: dict[str, tuple[str, str]] = {
    "masthead_name": ("简报报头", "BulletinMastheadName"),
    "issue_line": ("简报期号", "BulletinIssueLine"),
    "editor_line": ("简报编印单位", "BulletinEditorLine"),
    "classification": ("简报密级", "BulletinClassification"),
    "column_heading": ("简报栏目", "BulletinColumnHeading"),
    "title": ("简报标题", "BulletinTitle"),
    "subtitle": ("简报副标题", "BulletinSubtitle"),
    "editor_note": ("简报编者按", "BulletinEditorNote"),
    "body": ("简报正文", "BulletinBody"),
    "source": ("简报来源", "BulletinSource"),
    "end_block": ("简报版记", "BulletinEndBlock"),
    "copies": ("简报印数", "BulletinCopies"),
    "page_number": ("简报页码", "BulletinPageNumber"),
    # In-article headings (GB/T 9704 levels 一、 （一） 1. （1）), Word's names for the levels
    "heading_1": ("一级标题", "BulletinHeading1"),
    "heading_2": ("二级标题", "BulletinHeading2"),
    "heading_3": ("三级标题", "BulletinHeading3"),
    "heading_4": ("四级标题", "BulletinHeading4"),
}
BASE_STYLE = ("简报基础", "BulletinBase")
#: Role -> (name, styleId) of a character style linked to the role's paragraph style, for
#: an element printed inside another role's paragraph (共印X份 at a tab on the last 报/送/发
#: line): its run carries the role's fonts, size, colour and bold.
#: A role without a paragraph style of its own (a 简讯 item's run-in title, printed at the
#: start of a body paragraph) has a character style only.
CHAR_STYLES: dict[str, tuple[str, str]] = {"copies": ("简报印数 字符", "BulletinCopiesChar"),
                                          "runin_title": ("简讯标题", "BulletinRunInTitle")}
#: The style the Enter key gives after a paragraph of this role.
NEXT_ROLE = {"column_heading": "title", "title": "body", "subtitle": "body", "body": "body",
             "editor_note": "editor_note", "end_block": "end_block", "heading_1": "body",
             "heading_2": "body", "heading_3": "body", "heading_4": "body"}
#: Styles of the template that Word expects to find; every other one is dropped.
KEEP_STYLE_IDS = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
OUTLINE_LEVELS = {"column_heading": 0, "title": 1}
#: Roles whose space before/after goes around a run of their paragraphs, not between them
#: (the PDF spaces the editor's note as one block).
GROUPED_ROLES = ("editor_note",)
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


@dataclass(frozen=True)
class Grid:
    """The numbers of the page grid, in OOXML units."""

    line_pitch: int  # twips, w:linePitch (579)
    char_space: int  # w:charSpace, 1/4096 pt relative to the body size (about -849)
    char_spacing: int  # twentieths of a point added to every character (w:spacing, -6)


def grid_for(style) -> Grid:
    """Word's grid for ``chars_per_line`` x ``lines_per_page``, and the spacing that matches it.

    The character spacing is the grid pitch minus the body size rounded down to a
    twentieth of a point and one twentieth more (-0.21 pt -> -0.30 pt): LibreOffice
    at -0.25 pt still pushed line-end punctuation off the line (FORMAT.md §4).
    """
    page = style.page
    pitch = style.block_width / page.chars_per_line
    delta = pitch - page.body_size
    return Grid(
        line_pitch=x.twips(page.line_pitch),
        char_space=int(round(delta * 4096)),
        char_spacing=min(0, math.floor(delta * 20) - 1),
    )


def build_styles(document, style) -> None:
    """Rewrite the styles part of ``document`` for ``style`` (a StyleSheet)."""
    root = document.styles.element
    for st in list(root.findall(qn("w:style"))):
        if st.get(qn("w:styleId")) not in KEEP_STYLE_IDS:
            root.remove(st)
    body_font = style.fonts[style.roles["body"].font]
    grid = grid_for(style)
    _doc_defaults(root, style, body_font)
    _normal(document, style, body_font, grid)
    base = _base(document, style, grid)
    for role, (name, style_id) in ROLE_STYLES.items():
        _role_style(document, style, role, name, style_id, base)
    for role, (name, style_id) in CHAR_STYLES.items():
        _char_style(document, style, role, name, style_id)
    for role, nxt in NEXT_ROLE.items():
        document.styles[ROLE_STYLES[role][0]].next_paragraph_style = document.styles[ROLE_STYLES[nxt][0]]
    x.strip_theme_fonts(root)


def _doc_defaults(root, style, font) -> None:
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for c in list(rpr):
        rpr.remove(c)
    x.set_fonts(rpr, font.official, font.latin)
    x.child(rpr, "kern", x.RPR_ORDER, val=0)
    x.set_size(rpr, style.page.body_size)
    x.set_lang(rpr)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for c in list(ppr):
        ppr.remove(c)
    x.child(ppr, "kinsoku", x.PPR_ORDER)
    # No w:overflowPunct: absent, Word and LibreOffice both let a closing mark hang past
    # the line end (as the PDF does); LibreOffice 7.4 reads an explicit <w:overflowPunct/>
    # as "no hanging" and pushes a character down instead (measured).
    x.child(ppr, "spacing", x.PPR_ORDER, before=0, after=0)


def _normal(document, style, font, grid: Grid) -> None:
    """Normal: the body size (LibreOffice takes the grid's cell from it) and the grid emulation.

    Every style, and any paragraph a user types in Normal, then lays out 28 characters a
    line in Word and LibreOffice alike: no snapping to the character grid, a character
    spacing just under the grid pitch.
    """
    st = document.styles["Normal"].element
    x.child(st.get_or_add_pPr(), "snapToGrid", x.PPR_ORDER, val=0)
    rpr = st.get_or_add_rPr()
    x.set_fonts(rpr, font.official, font.latin)
    if grid.char_spacing:
        x.child(rpr, "spacing", x.RPR_ORDER, val=grid.char_spacing)
    x.set_size(rpr, style.page.body_size)
    x.set_lang(rpr)


def _base(document, style, grid: Grid):
    """简报基础: what every role shares (widow control, 避头尾, exact grid-pitch lines, black)."""
    base = document.styles.add_style(BASE_STYLE[0], WD_STYLE_TYPE.PARAGRAPH)
    base.element.set(qn("w:styleId"), BASE_STYLE[1])
    base.base_style = document.styles["Normal"]
    base.quick_style = False
    ppr = base.element.get_or_add_pPr()
    x.child(ppr, "widowControl", x.PPR_ORDER)  # two-line widows and orphans, as the PDF
    x.child(ppr, "kinsoku", x.PPR_ORDER)
    x.child(ppr, "autoSpaceDE", x.PPR_ORDER, val=0)
    x.child(ppr, "autoSpaceDN", x.PPR_ORDER, val=0)
    x.child(ppr, "spacing", x.PPR_ORDER, before=0, after=0, line=grid.line_pitch, lineRule="exact")
    rpr = base.element.get_or_add_rPr()
    x.child(rpr, "color", x.RPR_ORDER, val="000000")
    x.child(rpr, "kern", x.RPR_ORDER, val=0)
    return base


def _role_style(document, style, role: str, name: str, style_id: str, base) -> None:
    rs = style.roles[role]
    pitch = x.twips(style.page.line_pitch)
    st = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    st.element.set(qn("w:styleId"), style_id)
    st.base_style = base
    st.quick_style = True
    ppr = st.element.get_or_add_pPr()
    if role in ("masthead_name", "issue_line", "editor_line", "classification"):
        x.child(ppr, "keepNext", x.PPR_ORDER)
    if role in ("column_heading", "title", "subtitle", *HEADING_ROLES):
        x.child(ppr, "keepNext", x.PPR_ORDER)
        x.child(ppr, "keepLines", x.PPR_ORDER)
    x.child(ppr, "spacing", x.PPR_ORDER, before=int(round(rs.space_before * pitch)),
            after=int(round(rs.space_after * pitch)), line=int(round(rs.lines * pitch)),
            lineRule="exact")
    if role in GROUPED_ROLES:
        x.child(ppr, "contextualSpacing", x.PPR_ORDER)
    char = x.twips(rs.size)
    ind = {}
    if rs.indent_left:
        ind.update(leftChars=int(round(rs.indent_left * 100)), left=int(round(rs.indent_left * char)))
    if rs.indent_right:
        ind.update(rightChars=int(round(rs.indent_right * 100)), right=int(round(rs.indent_right * char)))
    if rs.first_indent:
        ind.update(firstLineChars=int(round(rs.first_indent * 100)),
                   firstLine=int(round(rs.first_indent * char)))
    if ind:
        x.child(ppr, "ind", x.PPR_ORDER, **ind)
    x.child(ppr, "jc", x.PPR_ORDER, val=JC[rs.align])
    if role in OUTLINE_LEVELS:  # Word's navigation pane shows what the PDF's outline shows
        x.child(ppr, "outlineLvl", x.PPR_ORDER, val=OUTLINE_LEVELS[role])
    _role_run(st.element.get_or_add_rPr(), style, role)


def _role_run(rpr, style, role: str) -> None:
    """The run properties of ``role``: its fonts, bold, colour and size."""
    rs = style.roles[role]
    font = style.fonts[rs.font]
    # Page numbers: half-width 宋体 digits and dashes (GB/T 9704), not the Latin face.
    x.set_fonts(rpr, font.official, font.official if role == "page_number" else font.latin)
    if rs.bold:
        x.child(rpr, "b", x.RPR_ORDER)
        x.child(rpr, "bCs", x.RPR_ORDER)
    x.child(rpr, "color", x.RPR_ORDER, val=x.hex_color(rs.color))
    x.set_size(rpr, rs.size)


def _char_style(document, style, role: str, name: str, style_id: str) -> None:
    """A character style with ``role``'s run properties, linked to its paragraph style."""
    st = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    st.element.set(qn("w:styleId"), style_id)
    st.quick_style = False
    if role in ROLE_STYLES:
        para = document.styles[ROLE_STYLES[role][0]].element
        x.child(para, "link", x.STYLE_ORDER, val=style_id)
        x.child(st.element, "link", x.STYLE_ORDER, val=ROLE_STYLES[role][1])
    else:
        st.quick_style = True  # offered in Word's style gallery, for typing 简讯 items
    _role_run(st.element.get_or_add_rPr(), style, role)
