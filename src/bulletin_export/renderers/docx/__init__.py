"""DOCX renderer: an editable official-format document for Word, WPS and LibreOffice.

The parts that depend only on the style sheet are built once per style and process
(``template.py``) on python-docx's template, cleaned of theme fonts and foreign styles:
one named style per role of the style sheet (``styles.py``), the section with Word's
grid and the footers (``section.py``), the font table (``package.py``). Per issue, the
main story is built with lxml from the printed elements (``story.py``: masthead, note,
columns, articles), with the end block anchored to the bottom of the last page, or
flowing over pages when taller than one (``endtable.py``); the package is zipped once
with reproducible bytes (``package.py``). Raw XML goes through ``ooxml.py`` in schema
order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ...model import Issue
    from .. import RenderContext

__all__ = ["DocxRenderer", "render_docx"]


class DocxRenderer:
    """``-f docx``: Word/WPS/LibreOffice document with real styles."""

    name = "docx"
    extension = ".docx"
    description = "Editable DOCX in official format (Word, WPS, LibreOffice), with named styles"

    def render(self, issue: "Issue", ctx: "RenderContext") -> bytes:
        return render_docx(issue, ctx.style, ctx.build_time(issue))


def render_docx(issue: "Issue", style, when) -> bytes:
    """The DOCX bytes of ``issue`` in ``style`` (a StyleSheet), stamped with ``when``."""
    from lxml import etree

    from ...printed import elements
    from .endtable import write_end_block
    from .package import core_xml, zip_parts
    from .story import Story, paragraph, write_content, write_masthead
    from .template import CORE, DOCUMENT, template_for

    tpl = template_for(style)  # styles, settings, font table, footers: once per style sheet
    seq = elements(issue, style)  # what prints, in which role: decided once (printed/)
    story = Story()
    write_masthead(story, [e for e in seq if e.part == "masthead"], style)
    write_content(story, [e for e in seq if e.part in ("note", "section", "article")], style)
    if not write_end_block(story, [e for e in seq if e.part == "end"], style) and \
            not story.paragraphs():
        story.blocks.append(paragraph("body"))  # Word wants one paragraph
    root, sect_pr = tpl.new_document()
    for block in story.blocks:
        sect_pr.addprevious(block)
    parts = dict(tpl.parts)
    parts[DOCUMENT] = etree.tostring(root, encoding="UTF-8", standalone=True)
    parts[CORE] = core_xml(tpl.new_core(), issue, when)
    return zip_parts(parts)
