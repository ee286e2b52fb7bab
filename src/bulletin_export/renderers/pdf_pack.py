"""A post-pass over reportlab's output: objects into one object stream, a cross-reference stream.

reportlab writes every dictionary (pages, fonts, descriptors, outline items, the
catalog...) as a plain-text object and a 20-byte-per-object cross-reference table.
PDF 1.5 lets them live compressed in an object stream, indexed by a compressed
cross-reference stream (ISO 32000-1 §7.5.7-7.5.8). This pass keeps every stream
object (page contents, font files, ToUnicode maps) as it is, byte for byte, packs
the others into one /ObjStm and ends the file with a /XRef stream using the PNG Up
predictor. Object numbers do not change. Input that is not reportlab's plain layout
(an xref table, one trailer) is returned unchanged.
"""

from __future__ import annotations

import re
import zlib

_XREF = re.compile(rb"\nxref\n0 (\d+)\n")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_REF = re.compile(rb"/(Root|Info)\s+(\d+)\s+0\s+R")
_ID = re.compile(rb"/ID\s*\[\s*(<[0-9a-fA-F]*>)\s*(<[0-9a-fA-F]*>)\s*\]")
_OBJ = re.compile(rb"(\d+) 0 obj\r?\n")


def _objects(pdf: bytes) -> tuple[dict[int, bytes], bytes] | None:
    """{number: body} from the xref table's offsets, and the trailer dictionary's text."""
    m = list(_XREF.finditer(pdf))
    if len(m) != 1:
        return None
    count = int(m[0].group(1))
    table = pdf[m[0].end():]
    offsets = {}
    for n in range(1, count):
        entry = table[20 * n: 20 * n + 20]
        if len(entry) < 18 or entry[17:18] != b"n":
            return None
        offsets[n] = int(entry[:10])
    trailer = _TRAILER.search(pdf, m[0].end())
    if trailer is None:
        return None
    bodies = {}
    starts = sorted(offsets.values()) + [m[0].start() + 1]
    following = dict(zip(starts, starts[1:]))
    for n, at in offsets.items():
        head = _OBJ.match(pdf, at)
        if head is None or int(head.group(1)) != n:
            return None
        end = following[at]
        chunk = pdf[head.end():end].rstrip()
        if not chunk.endswith(b"endobj"):
            return None
        bodies[n] = chunk[: -len(b"endobj")].rstrip()
    return bodies, trailer.group(1)


def _png_up(rows: list[bytes]) -> bytes:
    """Rows with the PNG Up filter (type 2): each byte minus the one above it."""
    out = bytearray()
    prev = bytes(len(rows[0])) if rows else b""
    for row in rows:
        out.append(2)
        out += bytes((a - b) & 0xFF for a, b in zip(row, prev))
        prev = row
    return bytes(out)


def pack(pdf: bytes) -> bytes:
    """The same document with its non-stream objects in an object stream (see module)."""
    got = _objects(pdf)
    if got is None:
        return pdf
    bodies, trailer = got
    refs = dict((k.decode(), int(v)) for k, v in _REF.findall(trailer))
    ident = _ID.search(trailer)
    if "Root" not in refs:
        return pdf
    streams = {n: b for n, b in bodies.items() if b.endswith(b"endstream")}
    packed = [n for n in sorted(bodies) if n not in streams]
    size = max(bodies) + 1
    stm_no, xref_no = size, size + 1

    index, parts, at = [], [], 0
    for n in packed:
        index.append(b"%d %d" % (n, at))
        parts.append(bodies[n])
        at += len(bodies[n]) + 1
    head = b" ".join(index) + b"\n"
    data = zlib.compress(head + b"\n".join(parts) + b"\n", 9)

    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    where: dict[int, tuple[int, int, int]] = {0: (0, 0, 0)}
    for n in sorted(streams):
        where[n] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (n, streams[n])
    where[stm_no] = (1, len(out), 0)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n" \
        b"stream\n" % (stm_no, len(packed), len(head), len(data)) + data + b"\nendstream\nendobj\n"
    for k, n in enumerate(packed):
        where[n] = (2, stm_no, k)
    xref_at = len(out)
    where[xref_no] = (1, xref_at, 0)
    w2 = max(1, (max(v[1] for v in where.values()).bit_length() + 7) // 8)
    w3 = 1 if len(packed) < 256 else 2
    rows = []
    for n in range(xref_no + 1):
        kind, a, b = where.get(n, (0, 0, 0))
        rows.append(bytes([kind]) + a.to_bytes(w2, "big") + b.to_bytes(w3, "big"))
    xref = zlib.compress(_png_up(rows), 9)
    ids = b" /ID [%s %s]" % (ident.group(1), ident.group(2)) if ident else b""
    info = b" /Info %d 0 R" % refs["Info"] if "Info" in refs else b""
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 %d %d] /Root %d 0 R%s%s"
            b" /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >> /Length %d >>\n"
            b"stream\n" % (xref_no, xref_no + 1, w2, w3, refs["Root"], info, ids,
                           1 + w2 + w3, len(xref)))
    out += xref + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
