"""CFF faces as small TrueType subsets, converted one glyph at a time and cached per glyph.

Converting a CFF face through fontTools' subsetter costs ~0.5 s per new set of
characters (it decompiles the 65,000-entry cmap and the CFF table each time), which a
cold build of a new document, and every issue of a batch with new titles, would pay.
Instead each glyph's outline is converted once (cubic to quadratic, cu2qu, with
the same tolerance as convert.py) and its 'glyf' record kept on disk per face, in
``<cache>/cff-glyphs/<stem>-<index>-<hash>.bin``; a subset is then assembled from the
records like any TrueType subset (subset.py). Only glyphs never seen before load
fontTools (~0.15 s, then ~2 ms a glyph).
"""

from __future__ import annotations

import struct
import threading
from pathlib import Path
from typing import Iterable

from . import cache, subset
from .convert import MAX_ERR

_MAGIC = b"BXCFFG1\n"
_lock = threading.Lock()
_stores: dict[str, dict[int, bytes]] = {}

#: How many glyphs this process converted (tests read it).
converted = {"glyphs": 0}


def _store_path(path: str | Path, index: int, sha256: str) -> Path:
    return cache.cache_root() / "cff-glyphs" / f"{Path(path).stem}-{index}-{sha256[:20]}.bin"


def _decode(data: bytes) -> dict[int, bytes]:
    out: dict[int, bytes] = {}
    if not data.startswith(_MAGIC):
        return out
    at = len(_MAGIC)
    while at + 6 <= len(data):
        gid, n = struct.unpack_from(">HI", data, at)
        if at + 6 + n > len(data):
            break  # a truncated tail: keep what is whole
        out[gid] = data[at + 6 : at + 6 + n]
        at += 6 + n
    return out


def _encode(records: dict[int, bytes]) -> bytes:
    return _MAGIC + b"".join(struct.pack(">HI", g, len(r)) + r for g, r in sorted(records.items()))


def _convert(path: str, index: int, gids: list[int]) -> dict[int, bytes]:
    """'glyf' records of the given glyphs of a CFF face (fontTools, cu2qu).

    Opening a Noto CJK face costs ~50 MB of objects in reference cycles; they are
    collected right away, or a batch converting glyphs for every issue would grow by
    that much per issue until the garbage collector came by."""
    import gc

    try:
        return _convert_with_fonttools(path, index, gids)
    finally:
        gc.collect()


def _convert_with_fonttools(path: str, index: int, gids: list[int]) -> dict[int, bytes]:
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        order = font.getGlyphOrder()
        glyphs = font.getGlyphSet()
        table = newTable("glyf")
        out = {}
        for gid in gids:
            pen = TTGlyphPen(None)
            glyphs[order[gid]].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
            out[gid] = pen.glyph().compile(table, recalcBBoxes=True)
            converted["glyphs"] += 1
        return out
    finally:
        font.close()


def glyph_records(path: str | Path, index: int, sha256: str, gids: Iterable[int]) -> dict[int, bytes]:
    """TrueType 'glyf' records of glyphs of a CFF face, converting (and caching) the new ones."""
    key = f"{path}:{index}:{sha256}"
    target = _store_path(path, index, sha256)
    with _lock:
        store = _stores.get(key)
        if store is None:
            raw = cache._read(target)
            store = _stores[key] = _decode(raw) if raw else {}
        want = sorted({g for g in gids if g not in store})
        if want:
            # another process may have added glyphs meanwhile: merge before writing back
            raw = cache._read(target)
            if raw:
                store.update(_decode(raw))
            want = [g for g in want if g not in store]
        if want:
            store.update(_convert(str(path), index, want))
            cache._write(target, _encode(store))
        return {g: store[g] for g in gids}


class CffFace(subset.Face):
    """A CFF face seen as a TrueType one: converted glyph records, the face's advances, left
    side bearings from the converted outlines, a version 1.0 'maxp'."""

    OUTLINES = ("head", "hhea", "maxp")

    def __init__(self, path: str | Path, index: int, metrics: cache.FaceMetrics, gids: list[int]):
        super().__init__(path, index)
        self._records = glyph_records(path, index, metrics.sha256, [0, *gids])
        maxp = bytearray(32)
        points = contours = 0
        for rec in self._records.values():
            if len(rec) >= 12 and struct.unpack_from(">h", rec, 0)[0] > 0:
                n = struct.unpack_from(">h", rec, 0)[0]
                contours = max(contours, n)
                points = max(points, struct.unpack_from(">H", rec, 10 + 2 * (n - 1))[0] + 1)
        struct.pack_into(">IHHHHHH", maxp, 0, 0x00010000, len(self._records), points, contours, 0, 0, 1)
        self._data["maxp"] = bytes(maxp)

    def glyphs(self, gids: Iterable[int]) -> dict[int, bytes]:
        return {g: self._records.get(g, b"") for g in gids}

    def metric(self, gid: int) -> tuple[int, int]:
        """The face's advance; the left side bearing of the converted outline (its xMin)."""
        rec = self._records.get(gid, b"")
        lsb = struct.unpack_from(">h", rec, 2)[0] if len(rec) >= 10 else 0
        return super().metric(gid)[0], lsb


def truetype_subset(path: str | Path, index: int, codepoints: Iterable[int],
                    metrics: cache.FaceMetrics | None = None) -> Path:
    """A cached TrueType font holding the code points of the CFF face `index` of `path`."""
    return subset.truetype_subset(path, index, codepoints, metrics, opener=CffFace)
