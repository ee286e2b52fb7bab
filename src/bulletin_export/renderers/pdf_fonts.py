"""The display list's faces as PDF fonts: one Type0 font per face, written through reportlab's
document objects.

Each face is a Type0 font with the Identity-H encoding over one CIDFontType2 whose CIDs
are the glyph ids of the document's TrueType subset of the face (fonts/embed.py): a
compact W array (the usual advance as DW, runs of others), one ToUnicode CMap (characters
beyond the BMP as UTF-16 surrogate pairs) and the subset as FontFile2, its Flate bytes
cached on disk beside the subset. reportlab's TTFont is not used: it would parse the
subset again and split it into 256-glyph pieces, each with its own font file and widths.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..fonts.embed import Embedding
    from ..layout.display import DisplayList


@dataclass(frozen=True)
class PdfFont:
    resource: str  # the name in the pages' /Font resources, e.g. "F1"
    codes: dict[str, str]  # character -> its 4 hex digits (the glyph id) in a string
    embedding: "Embedding"
    bold: bool = False  # the face is bold itself (no synthetic bold on it)


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def widths_array(widths: dict[int, float]) -> tuple[float, bytes]:
    """(DW, W) for the used glyph ids: the most common advance as the default, the others
    as runs ``first [w w ...]`` of consecutive ids."""
    if not widths:
        return 1000, b"[]"
    dw = Counter(widths.values()).most_common(1)[0][0]
    parts: list[str] = []
    run: list[str] = []
    last = None
    for gid in sorted(widths):
        w = widths[gid]
        if w == dw:
            continue
        if last is not None and gid == last + 1:
            run.append(_num(w))
        else:
            if run:
                parts.append(f"[{' '.join(run)}]")
            parts.append(str(gid))
            run = [_num(w)]
        last = gid
    if run:
        parts.append(f"[{' '.join(run)}]")
    return dw, f"[{' '.join(parts)}]".encode("ascii")


def _utf16_hex(cp: int) -> str:
    if cp <= 0xFFFF:
        return "%04X" % cp
    cp -= 0x10000
    return "%04X%04X" % (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF))


def to_unicode(gids: dict[str, int]) -> str:
    """A ToUnicode CMap from 2-byte CIDs to characters: bfrange for runs of consecutive glyph
    ids and code points (inside one 256-block of CIDs), bfchar for the rest."""
    pairs = sorted((g, ord(c)) for c, g in gids.items())
    ranges: list[list[int]] = []  # [first cid, last cid, first code point]
    for g, cp in pairs:
        r = ranges[-1] if ranges else None
        if r and g == r[1] + 1 and cp == r[2] + g - r[0] and g >> 8 == r[0] >> 8 \
                and cp <= 0xFFFF and cp >> 8 == r[2] >> 8:
            r[1] = g
        elif r and g == r[1]:
            continue  # two characters of one glyph: the first one extracts
        else:
            ranges.append([g, g, cp])
    singles = [r for r in ranges if r[0] == r[1]]
    spans = [r for r in ranges if r[0] != r[1]]
    out = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
           "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
           "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange"]
    for k in range(0, len(singles), 100):
        chunk = singles[k:k + 100]
        out.append(f"{len(chunk)} beginbfchar")
        out += [f"<{g:04X}> <{_utf16_hex(cp)}>" for g, _, cp in chunk]
        out.append("endbfchar")
    for k in range(0, len(spans), 100):
        chunk = spans[k:k + 100]
        out.append(f"{len(chunk)} beginbfrange")
        out += [f"<{a:04X}> <{b:04X}> <{_utf16_hex(cp)}>" for a, b, cp in chunk]
        out.append("endbfrange")
    out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(out)


def add_fonts(canvas, dl: "DisplayList", fonts) -> dict[str, PdfFont]:
    """Add one Type0 font per face of ``dl`` to the canvas's document and to the /Font
    resources its pages share; FaceRef.key -> PdfFont."""
    from reportlab.pdfbase.pdfdoc import (BasicFonts, PDFArray, PDFDictionary, PDFName,
                                          PDFStream, PDFString, PDFZCompress)

    from ..fonts.embed import embedding
    from ..fonts.metrics import resolved

    doc = canvas._doc
    shared = doc.idToObject[BasicFonts].dict
    out: dict[str, PdfFont] = {}
    for key, ref in dl.faces.items():
        face = resolved(fonts, ref.path, ref.index)
        e = embedding(face, dl.chars(key))
        base = PDFName(f"{e.tag()}+{e.ps_name}")
        pdf = e.extra.get("pdf")
        if pdf is None:  # derived once per embedding (a repeated character set reuses it)
            pdf = e.extra["pdf"] = (widths_array({g: e.widths[g] for g in e.gids.values()}),
                                    to_unicode(e.gids),
                                    {c: f"{g:04X}" for c, g in e.gids.items()})
        (dw, w), cmap_text, codes = pdf
        font_file = PDFStream(PDFDictionary({"Length1": e.length,
                                             "Filter": PDFName("FlateDecode")}),
                              e.compressed(), filters=None)
        descriptor = PDFDictionary({
            "Type": PDFName("FontDescriptor"), "FontName": base, "Flags": 4,
            "FontBBox": PDFArray(list(e.bbox)), "ItalicAngle": 0, "Ascent": e.ascent,
            "Descent": e.descent, "CapHeight": e.cap_height, "StemV": 80,
            "FontFile2": doc.Reference(font_file),
        })
        cid_font = PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("CIDFontType2"), "BaseFont": base,
            "CIDSystemInfo": PDFDictionary({"Registry": PDFString("Adobe"),
                                            "Ordering": PDFString("Identity"),
                                            "Supplement": 0}),
            "FontDescriptor": doc.Reference(descriptor), "DW": dw, "W": w,
            "CIDToGIDMap": PDFName("Identity"),
        })
        cmap = PDFStream(content=cmap_text, filters=[PDFZCompress])
        type0 = PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("Type0"), "BaseFont": base,
            "Encoding": PDFName("Identity-H"), "DescendantFonts": PDFArray([doc.Reference(cid_font)]),
            "ToUnicode": doc.Reference(cmap),
        })
        shared[key] = doc.Reference(type0)
        out[key] = PdfFont(key, codes, e, "bold" in face.style.lower())
    return out


class _Placeholder:
    """A dynamic font reportlab's canvas may name as its initial font: it writes no font into
    the page preamble for a dynamic font (and so never an unembedded Helvetica)."""

    _dynamicFont = 1
    fontName = "BX-display-list"

    class face:  # noqa: N801 - the attribute reportlab reads
        builtIn = 0
        name = "BX-display-list"


def initial_font_name() -> str:
    """The reportlab font name to give Canvas(initialFontName=...)."""
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics._fonts.setdefault(_Placeholder.fontName, _Placeholder())
    return _Placeholder.fontName
