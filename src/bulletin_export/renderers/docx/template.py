"""The parts of a DOCX that depend only on the style sheet, built once per style and process.

python-docx builds them, as before, from its template cleaned of theme fonts and foreign
styles (``package.prune_template``): the styles part (``styles.py``), the font table, the
settings, the section with Word's grid, and the odd/even footers (``section.py``). The
package is saved once; every part but the main story and the core properties is kept as
bytes, and an issue's package is those bytes plus its own ``word/document.xml`` and
``docProps/core.xml``, zipped once (``package.zip_parts``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
APP = "docProps/app.xml"


@dataclass(frozen=True)
class Template:
    """Bytes only (no shared element trees), so that threads may use one template at once."""

    parts: tuple[tuple[str, bytes], ...]  # every part in package order (document/core: the template's)

    def new_document(self) -> tuple[etree._Element, etree._Element]:
        """A fresh w:document (an empty body) and its w:sectPr, for one issue."""
        root = etree.fromstring(dict(self.parts)[DOCUMENT])
        return root, root[0][-1]

    def new_core(self) -> etree._Element:
        """A fresh cp:coreProperties (python-docx's element class, for CoreProperties)."""
        from docx.oxml.parser import parse_xml

        return parse_xml(dict(self.parts)[CORE])


@lru_cache(maxsize=8)
def template_for(style) -> Template:
    """The constant parts of ``style`` (a StyleSheet; cached per style in the process)."""
    import docx

    from . import section as body
    from .package import app_properties, prune_template, write_font_table
    from .styles import build_styles, grid_for

    doc = docx.Document()
    for p in list(doc.paragraphs):  # the template's body is empty but for the sectPr
        p._p.getparent().remove(p._p)
    prune_template(doc)
    write_font_table(doc, style)
    build_styles(doc, style)
    body.editor_line_tabs(doc, style)
    body.setup_section(doc, style, grid_for(style))
    body.write_footers(doc, style)
    raw = io.BytesIO()
    doc.save(raw)
    src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    return Template(tuple((name, app_properties(src.read(name)) if name == APP else src.read(name))
                          for name in src.namelist()))
