"""DOCX renderer: an editable official-format document for Word, WPS and LibreOffice.

The document is built on python-docx's template, cleaned of theme fonts and
foreign styles, with one named style per role of the style sheet (``styles.py``),
the masthead, articles and footers (``document.py``), the end block anchored to
the bottom of the last page, or flowing over pages when taller than one
(``endblock.py``), and reproducible package bytes
(``package.py``). Raw XML goes through ``ooxml.py`` in schema order.
"""

from __future__ import annotations

import io
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
    import docx

    from ...printed import elements
    from . import document as body
    from .endblock import write_end_block
    from .package import prune_template, reproducible_zip, set_core_properties, write_font_table
    from .styles import ROLE_STYLES, build_styles, grid_for

    doc = docx.Document()
    for p in list(doc.paragraphs):  # the template's body is empty but for the sectPr
        p._p.getparent().remove(p._p)
    prune_template(doc)
    write_font_table(doc, style)
    build_styles(doc, style)
    body.editor_line_tabs(doc, style)
    body.setup_section(doc, style, grid_for(style))
    seq = elements(issue, style)  # what prints, in which role: decided once (printed/)
    body.write_masthead(doc, [e for e in seq if e.part == "masthead"], style)
    body.write_content(doc, [e for e in seq if e.part in ("note", "section", "article")], style)
    if not write_end_block(doc, [e for e in seq if e.part == "end"], style) and not doc.paragraphs:
        doc.add_paragraph(style=doc.styles[ROLE_STYLES["body"][0]])  # Word wants one paragraph
    body.write_footers(doc, style)
    set_core_properties(doc, issue, when)
    raw = io.BytesIO()
    doc.save(raw)
    return reproducible_zip(raw.getvalue())
