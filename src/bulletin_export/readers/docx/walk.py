"""The main story of a .docx as blocks in document order: paragraphs and tables, with what
Word shows of each paragraph (style, alignment, bold, size, colour, numbering label).

What a reader sees is kept: text of runs, insertions of tracked changes, the results of
fields (not their codes), hyperlinks, smart tags, custom XML and content controls, text
boxes (Word writes a text box twice, as mc:Choice and as the VML mc:Fallback: the Choice
is read). Left out: deleted text (w:del, w:moveFrom), hidden text (w:vanish), page-number
fields, comments and footnote marks, WordArt (watermarks), and everything outside the
main document part (headers, footers, comments, footnotes are other parts: never read).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .numbering import Numbering
from .styles import RunLook, Styles, align_of, border_bottom, num_pr, outline_of, run_look, w

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
V = "urn:schemas-microsoft-com:vml"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"

#: Fields whose result is not body text (a page number typed into the body by a field; a
#: table of contents, whose entries repeat the titles with their page numbers).
PAGE_FIELDS = ("PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "TOC")
#: Word's prompts in an empty content control: never body text, also where the copy (a .doc
#: or .rtf saved by LibreOffice) has lost the w:showingPlcHdr mark.
PLACEHOLDERS = frozenset(("单击或点击此处输入文字。", "单击此处输入文字。", "单击或点击此处输入日期。",
                          "单击此处输入日期。", "Click or tap here to enter text.", "Click here to enter text.",
                          "Click or tap to enter a date.", "Click here to enter a date."))
#: Containers whose content is read as if they were not there.
_TRANSPARENT = {w("ins"), w("moveTo"), w("hyperlink"), w("smartTag"), w("customXml"), w("dir"),
                w("bdo")}
_SKIPPED = {w("del"), w("moveFrom"), w("pPr"), w("commentRangeStart"), w("commentRangeEnd"),
            w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"), w("permStart"), w("permEnd")}


@dataclass
class Para:
    """One paragraph as Word shows it (before soft breaks are resolved)."""

    text: str
    style_id: str | None = None
    style_name: str = ""
    heading: int | None = None  # 1-based heading level of its style or outline level
    align: str | None = None  # left / center / right / both
    bold: bool = False  # every visible character bold
    bold_lead: int = 0  # characters of `text` (label included) before the first non-bold one
    size: float | None = None  # pt, the largest size of its visible characters
    color: str | None = None  # RRGGBB of most of its characters; None = automatic
    border_bottom: bool = False
    label: str = ""  # the numbering label that starts `text`
    where: str = "body"  # body / table / textbox
    place: str | None = None  # "table 2, row 3, cell 1"
    has_image: bool = False
    has_rule: bool = False  # a drawn horizontal line (the masthead's red rule as a shape)


@dataclass
class Table:
    index: int  # 1-based, in document order (nested tables counted too)
    rows: list[list[list["Block"]]] = field(default_factory=list)  # row -> cell -> blocks
    borderless: bool = True


Block = "Para | Table"


class _Fields:
    """The state of complex fields (w:fldChar begin/separate/end), which may span runs and
    paragraphs: text is visible only in the result part of every open field."""

    def __init__(self):
        self.stack: list[list] = []  # [instr, in_result]

    def visible(self) -> bool:
        return all(f[1] and not _is_page_field(f[0]) for f in self.stack)

    def char(self, el: etree._Element) -> None:
        kind = el.get(w("fldCharType"))
        if kind == "begin":
            self.stack.append(["", False])
        elif kind == "separate" and self.stack:
            self.stack[-1][1] = True
        elif kind == "end" and self.stack:
            self.stack.pop()

    def instr(self, text: str) -> None:
        if self.stack and not self.stack[-1][1]:
            self.stack[-1][0] += text


def _is_page_field(instr: str) -> bool:
    words = instr.split()
    return bool(words) and words[0].upper() in PAGE_FIELDS


class Walker:
    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.fields = _Fields()
        self.tables = 0
        self.alt_chunks = 0  # w:altChunk: imported HTML/RTF content, not read (a warning says so)

    # -- blocks ---------------------------------------------------------------------------
    def blocks(self, container: etree._Element, where: str = "body", place: str | None = None,
               out: list | None = None) -> list:
        out = [] if out is None else out
        for el in container:
            tag = el.tag
            if tag == w("p"):
                boxes: list = []
                para = self.paragraph(el, where, place, boxes)
                out.extend(boxes)  # a text box anchored here comes before its anchor's text
                out.append(para)
            elif tag == w("tbl"):
                out.append(self.table(el, place))
            elif tag == w("sdt"):
                content = _sdt_content(el)
                if content is not None:
                    self.blocks(content, where, place, out)
            elif tag in _TRANSPARENT:
                self.blocks(el, where, place, out)
            elif tag == f"{{{MC}}}AlternateContent":
                self.blocks(_choice(el), where, place, out)
            elif tag == w("altChunk"):
                self.alt_chunks += 1
        return out

    def table(self, tbl: etree._Element, outer: str | None) -> Table:
        self.tables += 1
        table = Table(self.tables, borderless=_borderless(tbl))
        for r, tr in enumerate(_children(tbl, w("tr")), start=1):
            row = []
            for c, tc in enumerate(_children(tr, w("tc")), start=1):
                merge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
                if merge is not None and merge.get(w("val"), "continue") == "continue":
                    row.append([])  # the lower part of a vertically merged cell: no text of its own
                    continue
                place = f"table {table.index}, row {r}, cell {c}"
                row.append(self.blocks(tc, "table", place))
            table.rows.append(row)
        return table

    # -- a paragraph -------------------------------------------------------------------------
    def paragraph(self, p: etree._Element, where: str, place: str | None, boxes: list) -> Para:
        ppr = p.find(w("pPr"))
        sid_el = ppr.find(w("pStyle")) if ppr is not None else None
        sid = sid_el.get(w("val")) if sid_el is not None else None
        st = self.styles
        para = Para("", style_id=sid, style_name=st.name_of(sid), heading=st.heading_level(sid),
                    align=align_of(ppr) or st.first(sid, "align"),
                    border_bottom=border_bottom(ppr) or bool(st.first(sid, "border_bottom")),
                    where=where, place=place)
        outline = outline_of(ppr)
        if outline is not None and outline < 9:
            para.heading = outline + 1
        numbering = num_pr(ppr) or st.first(sid, "num")
        para_look = run_look(ppr.find(w("rPr")) if ppr is not None else None)
        segments: list[tuple[str, RunLook]] = []
        if numbering and numbering[0] != "0":
            para.label = self.numbering.label(*numbering)
            if para.label:
                base = st.run_base(sid, None)
                segments.append((para.label, para_look.over(base)))
        self.inline(p, sid, segments, boxes, place, para)
        _summarise(para, segments)
        if para.text.strip() in PLACEHOLDERS:
            para.text = ""  # a content control's prompt kept as text (a .doc or .rtf copy)
        return para

    def inline(self, el: etree._Element, sid: str | None, segments: list, boxes: list,
               place: str | None, para: Para) -> None:
        for child in el:
            tag = child.tag
            if tag == w("r"):
                self.run(child, sid, segments, boxes, place, para)
            elif tag in _SKIPPED:
                continue
            elif tag == w("sdt"):
                content = _sdt_content(child)
                if content is not None:
                    self.inline(content, sid, segments, boxes, place, para)
            elif tag == w("fldSimple"):
                if not _is_page_field(child.get(w("instr"), "")):
                    self.inline(child, sid, segments, boxes, place, para)
            elif tag in _TRANSPARENT:
                self.inline(child, sid, segments, boxes, place, para)
            elif tag == f"{{{MC}}}AlternateContent":
                self.inline(_choice(child), sid, segments, boxes, place, para)
            elif tag in (f"{{{M}}}oMathPara", f"{{{M}}}oMath"):
                text = "".join(t.text or "" for t in child.iter(f"{{{M}}}t"))
                if text and self.fields.visible():
                    segments.append((text, self.styles.run_base(sid, None)))

    def run(self, r: etree._Element, sid: str | None, segments: list, boxes: list,
            place: str | None, para: Para) -> None:
        rpr = r.find(w("rPr"))
        cs = rpr.find(w("rStyle")) if rpr is not None else None
        look = run_look(rpr).over(self.styles.run_base(sid, cs.get(w("val")) if cs is not None else None))
        hidden = bool(look.hidden) or (rpr is not None and rpr.find(w("webHidden")) is not None)
        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                self.fields.char(child)
                continue
            if tag == w("instrText"):
                self.fields.instr(child.text or "")
                continue
            if tag == w("ruby"):  # phonetic guide: the base text is the text, not its reading
                base = child.find(w("rubyBase"))
                if base is not None:
                    self.inline(base, sid, segments, boxes, place, para)
                continue
            if tag in (w("drawing"), w("pict")) or tag == f"{{{MC}}}AlternateContent":
                self.shapes(child, boxes, place, para)
                continue
            if hidden or not self.fields.visible():
                continue
            text = None
            if tag == w("t"):
                text = child.text or ""
                font = _font(rpr)
                if font.lower().startswith(_SYMBOL_FONTS) and any("\ue000" <= c <= "\uf8ff" for c in text):
                    text = "".join(_symbol(font, c) for c in text)
            elif tag == w("tab") or tag == w("ptab"):
                text = "\t"
            elif tag in (w("br"), w("cr")):
                text = "\n"
            elif tag == w("noBreakHyphen"):
                text = "-"
            elif tag == w("sym"):
                code = child.get(w("char"), "")
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    ch = ""
                text = _symbol(child.get(w("font"), ""), ch)
            if text:
                segments.append((text, look))

    def shapes(self, el: etree._Element, boxes: list, place: str | None, para: Para) -> None:
        """Text boxes inside a drawing (read once: the mc:Choice), images noted; WordArt
        (v:textpath: watermarks, decorative titles) is left out."""
        if el.tag == f"{{{MC}}}AlternateContent":
            for child in _choice(el):
                self.shapes(child, boxes, place, para)
            return
        if el.find(f".//{{{V}}}textpath") is not None or el.find(f".//{{{A}}}prstTxWarp") is not None:
            return  # WordArt (VML text path, or DrawingML warped text as LibreOffice writes it)
        if _is_rule(el):
            para.has_rule = True
            return
        found = False
        for content in el.iter(w("txbxContent")):
            if any(a.tag == w("txbxContent") for a in content.iterancestors()):
                continue  # a text box inside a text box: read with the outer one
            found = True
            self.blocks(content, "textbox", place, boxes)
        if not found and el.tag == w("drawing") or el.find(f".//{{{V}}}imagedata") is not None:
            para.has_image = True


#: Symbols of Wingdings that bulletins use (秘密★1年, ● and ■ bullets), by their code there.
_SYMBOL_FONTS = ("wingdings", "webdings", "symbol")
_WINGDINGS = {0x6C: "●", 0x6E: "■", 0x75: "◆", 0xA1: "○", 0xAB: "★", 0xA8: "◻", 0x9F: "•"}


def _symbol(font: str, ch: str) -> str:
    """The visible character of a w:sym (or of a private-use character in a w:t): a symbol
    font's code (F0xx) is that font's glyph, known only for a few Wingdings symbols; other
    private-use characters of a symbol font are left out. (Private-use characters in a
    text font are kept: rare characters of names are typed so, with a font that has them.)"""
    if not ch:
        return ""
    code = ord(ch)
    if 0xE000 <= code <= 0xF8FF:
        if font.lower().startswith("wingdings") and 0xF000 <= code <= 0xF0FF:
            return _WINGDINGS.get(code - 0xF000, "")
        return ""
    return ch


_O = "urn:schemas-microsoft-com:office:office"
_LINE_SHAPES = ("line", "straightConnector1")


def _is_rule(el: etree._Element) -> bool:
    """A drawn line without text: VML v:line or a horizontal-rule v:rect (o:hr), a DrawingML
    shape of a line geometry."""
    if el.find(f".//{w('txbxContent')}") is not None:
        return False
    if el.find(f".//{{{V}}}line") is not None:
        return True
    if any(r.get(f"{{{_O}}}hr") in ("t", "true") for r in el.iter(f"{{{V}}}rect")):
        return True
    return any(g.get("prst") in _LINE_SHAPES for g in el.iter(f"{{{A}}}prstGeom"))


def _font(rpr: etree._Element | None) -> str:
    """The run's own (ASCII) font name, where a symbol font is named (LibreOffice writes a
    Wingdings symbol as its private-use character in a w:t of a Wingdings run)."""
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    if fonts is None:
        return ""
    return fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or fonts.get(w("eastAsia")) or ""


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Children with ``tag``, also those wrapped in content controls or custom XML."""
    out = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                out.extend(_children(inner, tag))
    return out


def _sdt_content(sdt: etree._Element) -> etree._Element | None:
    """The content of a content control, or None when it shows only its placeholder
    (单击或点击此处输入文字。: a template's prompt, not text) or is a table of contents
    (its entries repeat the titles)."""
    props = sdt.find(w("sdtPr"))
    if props is not None:
        if props.find(w("showingPlcHdr")) is not None:
            return None
        gallery = props.find(f"{w('docPartObj')}/{w('docPartGallery')}")
        if gallery is not None and "contents" in (gallery.get(w("val")) or "").lower():
            return None
    return sdt.find(w("sdtContent"))


def _choice(alt: etree._Element) -> etree._Element:
    """The content of mc:AlternateContent to read: its first mc:Choice, else mc:Fallback."""
    choice = alt.find(f"{{{MC}}}Choice")
    if choice is None:
        choice = alt.find(f"{{{MC}}}Fallback")
    return choice if choice is not None else etree.Element("none")


def _borderless(tbl: etree._Element) -> bool:
    borders = tbl.find(f"{w('tblPr')}/{w('tblBorders')}")
    style = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
    cells = [b for b in tbl.iter(w("tcBorders")) for b in b]  # LibreOffice draws them per cell
    if any(b.get(w("val"), "nil") not in ("nil", "none") for b in cells):
        return False
    if borders is None:
        # no borders of its own: python-docx's and Word's "Table Grid" style draw them
        return style is None or "grid" not in (style.get(w("val")) or "").lower()
    return all(b.get(w("val"), "nil") in ("nil", "none") for b in borders)


def _summarise(para: Para, segments: list[tuple[str, RunLook]]) -> None:
    """Text and the look of most of it; how much of its start is bold (a run-in title)."""
    para.text = "".join(t for t, _ in segments)
    visible = [(t, look) for t, look in segments if t.strip()]
    if not visible:
        return
    para.bold = all(look.bold for _, look in visible)
    lead = 0
    for text, look in segments:
        if look.bold or not text.strip():
            lead += len(text)
            continue
        stripped = len(text) - len(text.lstrip())
        lead += stripped
        break
    para.bold_lead = lead
    sizes = [look.size for _, look in visible if look.size]
    para.size = max(sizes) if sizes else None
    weights: dict[str | None, int] = {}
    for text, look in visible:
        weights[look.color] = weights.get(look.color, 0) + len(text.strip())
    para.color = max(weights, key=lambda k: weights[k])
