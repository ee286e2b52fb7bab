"""What a fixed-layout writer needs to embed one face of a document as a single font.

``embedding(face, chars)`` gives the document's TrueType subset of the face (subset.py,
cached on disk per face and characters) with what a PDF Type0/CIDFontType2 font or an
OFD font needs of it: the glyph id of every character in the subset, the advance of
every glyph, the font box, ascent and descent, the subset's PostScript name, and the
subset compressed with Flate — computed once per subset and kept on disk beside it
(``<subset>.z``), so a batch does not recompress the same font bytes for every issue.
Embeddings are also kept per process (the last few), keyed by face and characters, so a
repeated character set costs a dictionary lookup; ``extra`` lets a writer keep what it
derives from an embedding (a PDF's W array and ToUnicode map) with it.
"""

from __future__ import annotations

import struct
import threading
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from . import cache, subset


@dataclass(frozen=True)
class Embedding:
    path: Path  # the TrueType subset
    ps_name: str  # its PostScript name (carries the subset's own tag)
    gids: dict[str, int]  # character -> glyph id in the subset
    widths: tuple[int, ...]  # advance of every glyph id, in 1/1000 em
    bbox: tuple[int, int, int, int]  # font box in 1/1000 em
    ascent: int  # 1/1000 em
    descent: int  # 1/1000 em (negative)
    cap_height: int  # 1/1000 em
    length: int  # bytes of the uncompressed font file
    flate: bytes = field(default=b"", repr=False)  # the font file compressed with Flate
    extra: dict = field(default_factory=dict, repr=False, compare=False)  # a writer's cache

    def compressed(self) -> bytes:
        """The font file compressed with Flate (cached on disk beside the subset)."""
        return self.flate or _compressed(self.path)

    def tag(self) -> str:
        """Six capital letters naming this subset (PDF 9.6.4: TAG+FontName)."""
        digits = self.ps_name.rsplit("-", 1)[-1]
        letters = "".join(chr(ord("A") + int(c, 16)) for c in digits if c in "0123456789ABCDEF")
        return (letters + "AAAAAA")[:6]


_lock = threading.Lock()
_kept: dict[tuple[str, int, str], Embedding] = {}
_KEEP = 16


def embedding(face, chars: Iterable[str]) -> Embedding:
    """The Embedding of ``face`` (a fonts.ResolvedFont) for a document's characters (those
    the face lacks are left out)."""
    chars = sorted(set(chars))
    key = (str(face.path), face.index, "".join(chars))
    with _lock:
        hit = _kept.get(key)
    if hit is not None:
        return hit
    path, _ = face.truetype_for(chars)
    m = cache.metrics(str(face.path), face.index)
    gid_of = subset.glyph_ids([(ord(c), m.gid(ord(c))) for c in chars if m.gid(ord(c)) is not None])
    gids = {c: gid_of[m.gid(ord(c))] for c in chars if m.gid(ord(c)) is not None}
    got = replace(_read(Path(path), gids), flate=_compressed(Path(path)))
    with _lock:
        if len(_kept) >= _KEEP:
            _kept.pop(next(iter(_kept)))
        _kept[key] = got
    return got


def _read(path: Path, gids: dict[str, int]) -> Embedding:
    f = subset.Face(path, 0)
    upem = f.upem

    def em(v: float) -> int:
        return int(round(v * 1000 / upem))

    head = f.table("head")
    x0, y0, x1, y1 = struct.unpack_from(">hhhh", head, 36)
    hhea = f.table("hhea")
    ascent, descent = struct.unpack_from(">hh", hhea, 4)
    os2 = f.table("OS/2")
    cap = ascent
    if os2 is not None and len(os2) >= 90 and struct.unpack_from(">H", os2, 0)[0] >= 2:
        cap = struct.unpack_from(">h", os2, 88)[0] or ascent
    widths = tuple(em(f.metric(g)[0]) for g in range(f.num_glyphs))
    return Embedding(path, f.postscript_name() or path.stem, gids, widths,
                     (em(x0), em(y0), em(x1), em(y1)), em(ascent), em(descent), em(cap),
                     path.stat().st_size)


def _compressed(path: Path) -> bytes:
    """Flate of the subset file: from ``<subset>.z`` when it still decompresses to the file's
    bytes, else compressed now (level 9) and written there."""
    raw = path.read_bytes()
    data = cache._read(path.with_suffix(".z"))
    try:
        ok = data is not None and zlib.decompress(data) == raw
    except zlib.error:
        ok = False
    if not ok:
        data = zlib.compress(raw, 9)
        cache._write(path.with_suffix(".z"), data)
    return data
