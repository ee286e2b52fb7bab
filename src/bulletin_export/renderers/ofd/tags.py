"""Semantic tags (CustomTags): where the bulletin's name, issue number, editing unit, date,
column headings, article titles and end block are drawn, as ObjectRefs to their objects.

Document.xml names ``CustomTags.xml``, which lists one tag file in our namespace
(TAGS_NS, documented in docs/ofd.md). A document system finds the title of article 3
as ``/bx:Bulletin/bx:Article[@Index='3']/bx:Title/ofd:ObjectRef`` (page ID and object ID)
without guessing from the text.
"""

from __future__ import annotations

import re
from typing import Sequence

from lxml import etree

from .parts import NS, PREFIX, root, serialize, sub

TAGS_NS = "urn:bulletin-export:ofd-tags:1"
TAGS_PREFIX = "bx"
TAG_FILE = "Tags/Bulletin.xml"  # relative to Doc_0/

#: printed element id -> tag element (masthead and end block)
FIXED = {"masthead.name": "Name", "masthead.issue": "IssueNumber", "masthead.editor": "EditingUnit",
         "masthead.date": "Date"}
_INDEXED = re.compile(r"^(article|section)\.(\d+)\.(title|heading)$")


def _q(name: str) -> str:
    return f"{{{TAGS_NS}}}{name}"


def _refs(parent, refs: Sequence[tuple[int, int]]) -> None:
    for page_id, oid in refs:
        etree.SubElement(parent, f"{{{NS}}}ObjectRef", {"PageRef": str(page_id)}).text = str(oid)


def tag_file_xml(objects: Sequence[tuple[int, dict[str, list[int]]]]) -> bytes:
    """``objects``: per page, (page ID, printed element id -> object IDs)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for page_id, by_element in objects:
        for element, ids in by_element.items():
            found.setdefault(element, []).extend((page_id, i) for i in ids)
    el = etree.Element(_q("Bulletin"), nsmap={TAGS_PREFIX: TAGS_NS, PREFIX: NS})
    for element, name in FIXED.items():
        if element in found:
            _refs(etree.SubElement(el, _q(name)), found[element])
    indexed: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for element, refs in found.items():
        m = _INDEXED.match(element)
        if m and (m.group(1), m.group(3)) in (("article", "title"), ("section", "heading")):
            indexed[(m.group(1), int(m.group(2)))] = refs
    order = sorted(indexed, key=lambda k: min(indexed[k]))  # reading order: first object drawn
    for kind, index in order:
        holder = etree.SubElement(el, _q("Article" if kind == "article" else "Column"), {"Index": str(index)})
        _refs(etree.SubElement(holder, _q("Title" if kind == "article" else "Heading")), indexed[(kind, index)])
    end = [r for element, refs in found.items() if element.startswith("end.") for r in refs]
    if end:
        _refs(etree.SubElement(el, _q("EndBlock")), sorted(end))
    return serialize(el)


def custom_tags_xml() -> bytes:
    el = root("CustomTags")
    tag = sub(el, "CustomTag", {"NameSpace": TAGS_NS})
    sub(tag, "FileLoc", text=TAG_FILE)
    return serialize(el)
