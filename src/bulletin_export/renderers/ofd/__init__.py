"""OFD (GB/T 33190-2016), the fixed-layout format of Chinese e-government document systems
and archives: the same pages as the PDF, drawn from the same display list
(``layout.display_list``), so both have the same lines at the same places.

    OFD.xml                       DocBody: DocInfo (DocID from the content), DocRoot
    Doc_0/Document.xml            CommonData (MaxUnitID, PageArea, PublicRes, DocumentRes,
                                  DefaultCS), Pages, Outlines, CustomTags
    Doc_0/PublicRes.xml           the RGB colour space and the fonts (BaseLoc Res)
    Doc_0/DocumentRes.xml         (empty: no images, no shared draw parameters)
    Doc_0/Pages/Page_N/Content.xml  one TextObject per glyph run, one PathObject per rule
    Doc_0/Res/font_N.ttf          one TrueType subset per face
    Doc_0/CustomTags.xml, Doc_0/Tags/Bulletin.xml   semantic tags (tags.py)

lxml and zipfile only; this package never imports the PDF renderer. docs/ofd.md tells
what is written, the tag namespace and how files were checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ...layout.display import DisplayList
    from ...model import Issue
    from ...printed import Metadata
    from .. import RenderContext

DOC = "Doc_0"


def write_ofd(dl: "DisplayList", meta: "Metadata", when: dt.datetime, fonts) -> bytes:
    """The bytes of an OFD package drawing ``dl`` (``fonts``: the FontSet the faces come from)."""
    from ... import __version__
    from . import document, package, tags
    from .fonts import embed
    from .page import content_xml
    from .parts import Ids

    ids = Ids()
    cs_id = ids.next()
    embedded = embed(dl, fonts, ids)
    page_ids = [ids.next() for _ in dl.pages]
    parts: list[tuple[str, bytes]] = []
    objects = []
    for n, (page, pid) in enumerate(zip(dl.pages, page_ids)):
        data, by_element = content_xml(page, embedded, ids)
        parts.append((f"{DOC}/Pages/Page_{n}/Content.xml", data))
        objects.append((pid, by_element))
    has_tags = any(objects_of for _, objects_of in objects)
    if has_tags:
        parts.append((f"{DOC}/CustomTags.xml", tags.custom_tags_xml()))
        parts.append((f"{DOC}/{tags.TAG_FILE}", tags.tag_file_xml(objects)))
    pages = [(pid, f"Pages/Page_{n}/Content.xml") for n, pid in enumerate(page_ids)]
    fonts_in_order = list(embedded.values())
    head = [
        (f"{DOC}/Document.xml", document.document_xml(ids.largest, cs_id, pages, dl.bookmarks,
                                                     "CustomTags.xml" if has_tags else None)),
        (f"{DOC}/PublicRes.xml", document.public_res_xml(cs_id, fonts_in_order)),
        (f"{DOC}/DocumentRes.xml", document.document_res_xml()),
    ]
    res = [(f"{DOC}/Res/{f.file}", f.data) for f in fonts_in_order]
    body = head + parts + res
    digest = hashlib.md5(usedforsecurity=False)
    for name, data in body:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    ofd = document.ofd_xml(digest.hexdigest(), meta, when, __version__, f"{DOC}/Document.xml")
    return package.zip_bytes([("OFD.xml", ofd), *body])


class OfdRenderer:
    name = "ofd"
    extension = ".ofd"
    description = "OFD (GB/T 33190-2016) for document systems and archives: the PDF's pages, embedded font subsets, semantic tags"
    uses_fonts = True  # the batch checks glyph coverage before rendering

    def render(self, issue: "Issue", ctx: "RenderContext") -> bytes:
        from ...printed import metadata

        checked = getattr(ctx, "glyphs_checked", None)  # the application layer checked already
        if not (checked and checked(issue)):
            check_coverage(issue, ctx.fonts)
        dl = ctx.display_list(issue)  # shared with the PDF of the same input
        return write_ofd(dl, metadata(issue), ctx.build_time(issue), ctx.fonts)


def check_coverage(issue: "Issue", fonts) -> None:
    """FontError naming the first characters no font can draw (with line:col), as the PDF does."""
    from ...errors import FontError

    errors = [d for d in fonts.coverage(issue) if getattr(d.severity, "value", d.severity) == "error"]
    if not errors:
        return
    where = "; ".join((f"{d.span.line}:{d.span.col}: " if d.span else "") + d.message for d in errors[:8])
    more = f" (and {len(errors) - 8} more)" if len(errors) > 8 else ""
    raise FontError(f"cannot draw without a missing glyph: {where}{more}", file=issue.source.name,
                    line=errors[0].span.line if errors[0].span else None,
                    hint="install a font that has them or pass --font-dir")


__all__ = ["OfdRenderer", "write_ofd"]
