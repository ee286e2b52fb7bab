"""LibreOffice draws our DOCX in the faces our PDF draws it in (fonts/fonts.conf).

The DOCX names the official families (仿宋_GB2312 …); fonts/fonts.conf sends each to a free
stand-in when the official font is absent. The stand-in must be the one the style sheet's
candidate chain gives the PDF, else the two files are compared in different faces: the body
came out in AR PL UMing in LibreOffice and in Noto Serif CJK SC in the PDF.
"""

from __future__ import annotations

import re
from collections import Counter

from docx_pdf_lines import read_pdf

from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.pdf import PdfRenderer


def _face(name: str) -> str:
    """A PDF font name without its subset prefix (ABCDEF+) and our subset suffix (-0F783CB8);
    a Noto CJK face without its region: the faces of the collection share one CFF font whose
    name LibreOffice writes (NotoSerifCJKjp-Regular-VKana for the SC face it draws with)."""
    name = re.sub(r"-[0-9A-F]{8}$", "", name.partition("+")[2] or name)
    return re.sub(r"CJK(sc|tc|jp|kr|hk)-(\w+?)(-VKana)?$", r"CJK-\2", name)


def _body_face(doc, size: float) -> str:
    faces = Counter(_face(ln.font) for page in doc.pages for ln in page.lines
                    if ln.size == size and len(ln.text) > 20)
    return faces.most_common(1)[0][0]


def test_libreoffice_sets_the_body_in_the_pdfs_face(lo_pdfs, seed_issue, style, tmp_path):
    ours = tmp_path / "seed.pdf"
    ours.write_bytes(PdfRenderer().render(seed_issue, RenderContext(source_date_epoch=1)))
    size = style.page.body_size
    assert _body_face(lo_pdfs["seed"], size) == _body_face(read_pdf(ours), size)
