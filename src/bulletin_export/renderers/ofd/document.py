"""OFD.xml (DocBody with DocInfo), Document.xml (CommonData, pages, outline, tags) and the
resource parts, every element in the schema's order (GB/T 33190-2016, ofd-schema/)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Sequence

from .parts import A4, mm, num, nums, root, serialize, sub

if TYPE_CHECKING:  # pragma: no cover
    from ...layout.display import Bookmark
    from ...printed import Metadata
    from .fonts import EmbeddedFont

CREATOR = "bulletin_export"


def ofd_xml(doc_id: str, meta: "Metadata", when: dt.datetime, version: str, doc_root: str) -> bytes:
    from ...printed import KEYWORD_SEPARATOR

    el = root("OFD", {"Version": "1.0", "DocType": "OFD"})
    body = sub(el, "DocBody")
    info = sub(body, "DocInfo")
    sub(info, "DocID", text=doc_id)
    for tag, value in (("Title", meta.title), ("Author", meta.author), ("Subject", meta.subject)):
        if value:
            sub(info, tag, text=value)
    sub(info, "CreationDate", text=when.date().isoformat())
    words = [w.strip() for w in meta.keywords.split(KEYWORD_SEPARATOR.strip()) if w.strip()]
    if words:
        kw = sub(info, "Keywords")
        for w in words:
            sub(kw, "Keyword", text=w)
    sub(info, "Creator", text=CREATOR)
    sub(info, "CreatorVersion", text=version)
    sub(body, "DocRoot", text=doc_root)
    return serialize(el)


def _outline(parent, bookmark: "Bookmark", page_ids: Sequence[int]):
    elem = sub(parent, "OutlineElem", {"Title": bookmark.title})
    action = sub(sub(elem, "Actions"), "Action", {"Event": "CLICK"})
    sub(sub(action, "Goto"), "Dest", {"Type": "XYZ", "PageID": page_ids[bookmark.page - 1],
                                     "Left": "0", "Top": num(max(0.0, mm(bookmark.y)))})
    return elem


def document_xml(max_id: int, cs_id: int, pages: Sequence[tuple[int, str]],
                 bookmarks: Sequence["Bookmark"], custom_tags: str | None) -> bytes:
    """``pages``: (page ID, BaseLoc) in order. Bookmarks of level 0 hold the deeper ones
    that follow them (a column and its articles), as the PDF's outline does."""
    el = root("Document")
    common = sub(el, "CommonData")
    sub(common, "MaxUnitID", text=str(max_id))
    sub(sub(common, "PageArea"), "PhysicalBox", text=nums(0, 0, *A4))
    sub(common, "PublicRes", text="PublicRes.xml")
    sub(common, "DocumentRes", text="DocumentRes.xml")
    sub(common, "DefaultCS", text=str(cs_id))
    pages_el = sub(el, "Pages")
    for pid, loc in pages:
        sub(pages_el, "Page", {"ID": pid, "BaseLoc": loc})
    if bookmarks:
        outlines = sub(el, "Outlines")
        page_ids = [pid for pid, _ in pages]
        parent = None
        for b in bookmarks:
            if b.level <= 0 or parent is None:
                elem = _outline(outlines, b, page_ids)
                parent = elem if b.level <= 0 else None
            else:
                _outline(parent, b, page_ids)
    if custom_tags:
        sub(el, "CustomTags", text=custom_tags)
    return serialize(el)


def public_res_xml(cs_id: int, fonts: Sequence["EmbeddedFont"]) -> bytes:
    """The colour space (RGB, 8 bits: every colour of the document) and the embedded fonts."""
    el = root("Res", {"BaseLoc": "Res"})
    sub(sub(el, "ColorSpaces"), "ColorSpace", {"ID": cs_id, "Type": "RGB", "BitsPerComponent": "8"})
    if fonts:
        group = sub(el, "Fonts")
        for f in fonts:
            attrs = {"ID": f.id, "FontName": f.family, "FamilyName": f.family}
            if f.bold:
                attrs["Bold"] = "true"
            if f.serif:
                attrs["Serif"] = "true"
            sub(sub(group, "Font", attrs), "FontFile", text=f.file)
    return serialize(el)


def document_res_xml() -> bytes:
    """Draw parameters and images would go here; every object carries its own colours and
    line width (readers differ on inheriting them), and a bulletin has no images."""
    return serialize(root("Res", {"BaseLoc": "Res"}))
