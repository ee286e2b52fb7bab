"""Word drafts for the web tests, made with python-docx the way a secretary writes them:
a centred bold title, body paragraphs, the unit right-aligned in parentheses."""

from __future__ import annotations

import io


def draft(title: str, paragraphs: list[str], source: str | None) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = docx.Document()
    p = doc.add_paragraph()
    run = p.add_run(title)
    run.bold = True
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in paragraphs:
        doc.add_paragraph(text)
    if source:
        p = doc.add_paragraph(f"（{source}）")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
