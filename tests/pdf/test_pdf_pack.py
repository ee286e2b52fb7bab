"""The PDF's dictionaries live in one object stream behind a cross-reference stream
(pdf_pack.py); strict readers still read every page, the outline and the text."""

from __future__ import annotations

import re
import zlib

import pypdf

from bulletin_export.renderers.pdf_pack import pack


def test_objects_are_packed_behind_an_xref_stream(rendered):
    data = rendered.data
    assert data.startswith(b"%PDF-1.5\n")
    assert b"\nxref\n" not in data and b"trailer" not in data
    assert data.count(b"/Type /ObjStm") == 1 and data.count(b"/Type /XRef") == 1
    # what stays outside the object stream is streams only
    bodies = re.split(rb"\n\d+ 0 obj\n", data)[1:]
    assert data.endswith(b"%%EOF\n")
    bodies[-1] = bodies[-1][: bodies[-1].rindex(b"startxref")]
    assert all(b.rstrip().endswith(b"endstream\nendobj") for b in bodies)


def test_strict_reader_reads_the_packed_file(rendered):
    reader = pypdf.PdfReader(rendered.path, strict=True)
    assert len(reader.pages) == len(rendered.pages)
    assert reader.metadata.title
    text = "".join(p.extract_text() for p in reader.pages)
    assert rendered.issue.sections[0].articles[0].title in text
    assert reader.outline


def test_the_pass_keeps_streams_byte_for_byte(rendered):
    streams = re.findall(rb"stream\n(.*?)\nendstream", rendered.data, re.S)
    fonts = [s for s in streams if len(s) > 2000]
    assert fonts
    for s in fonts[:3]:
        zlib.decompress(s)  # whole Flate streams, not cut by the pass


def test_input_that_is_not_plain_reportlab_output_is_returned_unchanged():
    for odd in (b"", b"%PDF-1.4\nnot a pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"):
        assert pack(odd) == odd
