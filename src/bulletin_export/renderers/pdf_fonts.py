"""Fonts for the PDF drawer: reportlab registration (metrics and the face per character
live in fonts/metrics.py, where the layout uses them).

Each document registers small TrueType subsets of its faces (fonts.ResolvedFont.truetype_for),
never a whole CJK face; the least recently used registrations are forgotten so a batch
does not accumulate them. reportlab embeds only the glyphs used, with ToUnicode maps.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from ..errors import FontError

_registered: dict[tuple[str, int], str] = {}  # in order of use, oldest first
_KEEP = 32  # fonts kept registered: a document uses a handful
_lock = threading.Lock()


def _utf16_hex(cp: int) -> str:
    if cp <= 0xFFFF:
        return "%04X" % cp
    cp -= 0x10000
    return "%04X%04X" % (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF))


def _to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap, with characters beyond the BMP as UTF-16 surrogate pairs
    (reportlab 5.1 writes them as 5 hex digits, so 𠮷 extracts as another character)."""
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname, "/Supplement 0", ">> def",
        "/CMapName /%s def" % fontname, "/CMapType 2 def", "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset),
    ]
    lines += ["<%02X> <%s>" % (i, _utf16_hex(v)) for i, v in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end",
              "end"]
    return "\n".join(lines)


def _patch_reportlab() -> None:
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def register(path: Path, index: int) -> str:
    """The reportlab font name for a TrueType file/face, registering it the first time.

    The files come from ResolvedFont.truetype_for: per-document subsets whose PostScript
    names carry a tag of their own (reportlab treats faces with one PostScript name as one
    font, so two subsets of a face must not share it)."""
    key = (str(path), index)
    with _lock:
        name = _registered.pop(key, None)
        if name is not None:
            _registered[key] = name  # most recently used last (see _evict)
        else:
            _evict()
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont, TTFError

            _patch_reportlab()

            digest = hashlib.sha1(f"{path}:{index}".encode()).hexdigest()[:10]
            name = f"BX-{Path(path).stem}-{index}-{digest}"  # the same in every process
            try:
                font = TTFont(name, str(path), subfontIndex=index)
            except TTFError as exc:
                raise FontError(f"cannot embed {path} (face {index}): {exc}") from exc
            pdfmetrics.registerFont(font)
            _registered[key] = name
    return name


def _evict() -> None:
    """Forget the least recently used fonts beyond _KEEP: every document registers its own
    subsets, so a long batch must not keep them all (the current document's are the newest)."""
    from reportlab.pdfbase import pdfmetrics

    while len(_registered) >= _KEEP:
        name = _registered.pop(next(iter(_registered)))
        font = pdfmetrics._fonts.pop(name, None)
        if font is not None and pdfmetrics._dynFaceNames.get(font.face.name) is font:
            del pdfmetrics._dynFaceNames[font.face.name]
