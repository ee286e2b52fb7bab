"""The package around the document: template clean-up, core properties, reproducible zip bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ...model import Issue
from ...printed import metadata

#: Parts of python-docx's template that describe another document or another Office.
DROP_RELTYPES = (
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: GB2312 character set and generic family, so Word and WPS substitute a Chinese face
#: (not MS Mincho) for an official family a machine lacks.
CJK_CHARSET = "86"


def prune_template(document) -> None:
    """Drop the thumbnail, custom XML and stylesWithEffects parts of the template."""
    package = document.part.package
    for rels in (package.rels, document.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype in DROP_RELTYPES:
                del rels[r_id]
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    for rsids in settings.findall(qn("w:rsids")):
        settings.remove(rsids)


def write_font_table(document, style) -> None:
    """A font table naming the families the styles use, replacing the template's (MS Mincho ...).

    An official family ``X_GB2312`` whose plain name ``X`` is also a candidate gets it
    as ``w:altName``: Windows ships 仿宋 and 楷体 but not 仿宋_GB2312 or 楷体_GB2312.
    """
    from lxml import etree

    root = etree.Element(f"{{{W_NS}}}fonts", nsmap={"w": W_NS})
    latin = sorted({f.latin for f in style.fonts.values()} | {"Times New Roman"})
    for name in latin:
        font = etree.SubElement(root, f"{{{W_NS}}}font", {f"{{{W_NS}}}name": name})
        for tag, val in (("charset", "00"), ("family", "roman"), ("pitch", "variable")):
            etree.SubElement(font, f"{{{W_NS}}}{tag}", {f"{{{W_NS}}}val": val})
    for role in sorted(style.fonts):
        f = style.fonts[role]
        if f.official in latin or root.find(f"w:font[@w:name='{f.official}']", {"w": W_NS}) is not None:
            continue
        font = etree.SubElement(root, f"{{{W_NS}}}font", {f"{{{W_NS}}}name": f.official})
        plain = f.official.removesuffix("_GB2312")
        if plain != f.official and plain in f.candidates:
            etree.SubElement(font, f"{{{W_NS}}}altName", {f"{{{W_NS}}}val": plain})
        family = "modern" if role in ("heiti",) else "roman"
        for tag, val in (("charset", CJK_CHARSET), ("family", family), ("pitch", "variable")):
            etree.SubElement(font, f"{{{W_NS}}}{tag}", {f"{{{W_NS}}}val": val})
    part = document.part.part_related_by(RT.FONT_TABLE)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_core_properties(document, issue: Issue, when: dt.datetime) -> None:
    """Title, author (the editing unit), subject, keywords (see printed.metadata, which keeps
    each within a core property's 255 characters); both dates at the build time."""
    fill_core_properties(document.core_properties, issue, when)


def core_xml(element, issue: Issue, when: dt.datetime) -> bytes:
    """docProps/core.xml of ``issue``: the template's ``element`` (a fresh copy) filled in."""
    from docx.opc.coreprops import CoreProperties
    from lxml import etree

    fill_core_properties(CoreProperties(element), issue, when)
    return etree.tostring(element, encoding="UTF-8", standalone=True)


def fill_core_properties(cp, issue: Issue, when: dt.datetime) -> None:
    meta = metadata(issue)
    cp.title = meta.title
    cp.author = meta.author
    cp.last_modified_by = meta.author
    cp.subject = meta.subject
    cp.keywords = meta.keywords
    cp.comments = ""
    cp.category = "简报"
    cp.content_status = ""
    cp.identifier = ""
    cp.language = meta.language
    cp.version = ""
    naive = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    cp.created = naive
    cp.modified = naive
    cp.revision = 1


def app_properties(xml: bytes) -> bytes:
    """The extended properties without the template's application claims."""
    text = xml.decode("utf-8")
    text = text.replace("<Application>Microsoft Macintosh Word</Application>",
                        "<Application>bulletin_export</Application>")
    return text.encode("utf-8")


def reproducible_zip(data: bytes) -> bytes:
    """The same package with fixed entry times, a fixed entry order and fixed compression."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return zip_parts({name: (app_properties(src.read(name)) if name == "docProps/app.xml"
                             else src.read(name)) for name in src.namelist()})


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """A package of ``parts`` (name -> bytes) with fixed entry times, a fixed entry order
    ([Content_Types].xml, _rels/.rels, then by name) and fixed compression."""
    names = list(parts)
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in parts]
    order = first + sorted(n for n in names if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()
