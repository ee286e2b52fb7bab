"""What the styles part says about a paragraph or a run: the effective look through basedOn.

Only what tells bulletin parts apart is resolved: alignment, outline level and numbering
of paragraph styles; bold, size, colour and hidden text of paragraph and character
styles and of the document defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def on(el: etree._Element | None) -> bool | None:
    """A toggle property (w:b, w:vanish): None when absent, else whether it is switched on."""
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class RunLook:
    bold: bool | None = None
    size: float | None = None  # pt
    color: str | None = None  # "RRGGBB" upper case, None for auto
    hidden: bool | None = None

    def over(self, base: "RunLook") -> "RunLook":
        """This look with what it leaves open taken from ``base``."""
        return RunLook(*(mine if mine is not None else theirs
                         for mine, theirs in zip(self._tuple(), base._tuple())))

    def _tuple(self):
        return (self.bold, self.size, self.color, self.hidden)


def run_look(rpr: etree._Element | None) -> RunLook:
    if rpr is None:
        return RunLook()
    size = rpr.find(w("sz"))
    color = rpr.find(w("color"))
    half = size.get(w("val")) if size is not None else None
    val = color.get(w("val")) if color is not None else None
    return RunLook(bold=on(rpr.find(w("b"))),
                   size=int(half) / 2 if half and half.isdigit() else None,
                   color=None if not val or val.lower() == "auto" else val.upper(),
                   hidden=on(rpr.find(w("vanish"))))


@dataclass(frozen=True)
class StyleInfo:
    style_id: str
    name: str  # as in styles.xml ("heading 1", "标题 1", "简报标题")
    kind: str  # paragraph / character / table
    based_on: str | None
    align: str | None
    outline: int | None  # 0-based outline level (Heading 1 = 0)
    num: tuple[str, int] | None  # (numId, ilvl) the style numbers its paragraphs with
    run: RunLook
    border_bottom: bool


_HEADING = re.compile(r"^(?:heading|标题|标题\s*样式)\s*([1-9])$", re.I)


class Styles:
    """styles.xml, resolved on demand."""

    def __init__(self, root: etree._Element | None):
        self.by_id: dict[str, StyleInfo] = {}
        self.defaults = RunLook(bold=False, size=10.5, color=None, hidden=False)
        self.default_para: str | None = None
        self.default_align: str | None = None
        if root is None:
            return
        rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults = run_look(rpr).over(self.defaults)
        for st in root.iter(w("style")):
            sid = st.get(w("styleId"), "")
            name_el = st.find(w("name"))
            based = st.find(w("basedOn"))
            ppr = st.find(w("pPr"))
            self.by_id[sid] = StyleInfo(
                style_id=sid, name=name_el.get(w("val"), sid) if name_el is not None else sid,
                kind=st.get(w("type"), "paragraph"),
                based_on=based.get(w("val")) if based is not None else None,
                align=_align(ppr), outline=_outline(ppr), num=num_pr(ppr),
                run=run_look(st.find(w("rPr"))), border_bottom=_border_bottom(ppr))
            if st.get(w("default")) in ("1", "true") and st.get(w("type")) == "paragraph":
                self.default_para = sid

    def chain(self, sid: str | None) -> list[StyleInfo]:
        """The style and those it is based on, nearest first (cycles cut)."""
        out: list[StyleInfo] = []
        seen: set[str] = set()
        sid = sid if sid in self.by_id else self.default_para
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            out.append(self.by_id[sid])
            sid = self.by_id[sid].based_on
        return out

    def para_style(self, sid: str | None) -> StyleInfo | None:
        chain = self.chain(sid)
        return chain[0] if chain else None

    def first(self, sid: str | None, attr: str):
        for st in self.chain(sid):
            value = getattr(st, attr)
            if value is not None and value is not False:
                return value
        return None

    def run_base(self, para_sid: str | None, char_sid: str | None) -> RunLook:
        """The run look a run inherits: its character style over the paragraph style over the defaults."""
        look = RunLook()
        for st in self.chain(char_sid) if char_sid else []:
            look = look.over(st.run)
        for st in self.chain(para_sid):
            look = look.over(st.run)
        return look.over(self.defaults)

    def heading_level(self, sid: str | None) -> int | None:
        """1-based heading level of a paragraph style: its name (Heading 1, 标题 1) or outline level."""
        chain = self.chain(sid)
        for st in chain:
            m = _HEADING.match(st.name.strip())
            if m:
                return int(m.group(1))
        outline = self.first(sid, "outline")
        return outline + 1 if outline is not None and outline < 9 else None

    def name_of(self, sid: str | None) -> str:
        st = self.para_style(sid)
        return st.name if st else ""


def _align(ppr: etree._Element | None) -> str | None:
    if ppr is None:
        return None
    jc = ppr.find(w("jc"))
    if jc is None:
        return None
    val = jc.get(w("val"), "")
    return {"start": "left", "end": "right", "distribute": "both"}.get(val, val)


def _outline(ppr: etree._Element | None) -> int | None:
    el = ppr.find(w("outlineLvl")) if ppr is not None else None
    val = el.get(w("val")) if el is not None else None
    return int(val) if val and val.isdigit() else None


def num_pr(ppr: etree._Element | None) -> tuple[str, int] | None:
    """(numId, ilvl) of a w:numPr; numId "0" switches numbering off."""
    el = ppr.find(w("numPr")) if ppr is not None else None
    if el is None:
        return None
    num = el.find(w("numId"))
    lvl = el.find(w("ilvl"))
    num_id = num.get(w("val")) if num is not None else None
    ilvl = lvl.get(w("val")) if lvl is not None else "0"
    if num_id is None:
        return None
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def _border_bottom(ppr: etree._Element | None) -> bool:
    el = ppr.find(f"{w('pBdr')}/{w('bottom')}") if ppr is not None else None
    return el is not None and el.get(w("val"), "nil") not in ("nil", "none")


def align_of(ppr: etree._Element | None) -> str | None:
    return _align(ppr)


def border_bottom(ppr: etree._Element | None) -> bool:
    return _border_bottom(ppr)


def outline_of(ppr: etree._Element | None) -> int | None:
    return _outline(ppr)
