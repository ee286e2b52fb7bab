"""On-disk caches that let a cold process skip fontTools.

Decompiling the cmap of a big CJK face takes ~0.3 s and ~30 MB; scanning the name
tables of every installed font takes ~60 ms plus fontTools' import. Both results are
small and only change when the font file changes, so they are kept in the user cache
folder (next to the CFF conversions, see convert.py), keyed by the file's real path,
size, mtime and inode:

- ``metrics/<stem>-<index>-<key>.bin``: a face's code points, glyph ids and advance
  widths (little-endian arrays), a membership bitmap of the code points, units per
  em, hhea ascent and descent, and the SHA-256 of the font file (used to name
  subsets, see subset.py);
- ``faces/<stem>-<key>.json``: the faces of a file and the names each answers to.

A cache file that cannot be read, is truncated or was written by another version is
ignored and rewritten; a cache folder that cannot be written only costs speed. Files
are written atomically, so parallel workers may share the folder.
"""

from __future__ import annotations

import array
from bisect import bisect_left
import hashlib
import json
import os
import struct
import sys
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .convert import cache_dir

VERSION = 2
FACES_VERSION = 3  # 3: a file sfnt.py refuses is cached with the reason ("skipped")
_MAGIC = b"BXMETRIC"
_HEAD = struct.Struct("<8sIIIdd32s")  # magic, version, units per em, count, ascent, descent, sha256

#: How often this process read a font with fontTools for want of a cache entry (tests read it).
misses = {"metrics": 0, "faces": 0}


def cache_root() -> Path:
    """The bulletin-export cache folder (the parent of the conversions' `fonts` folder)."""
    return cache_dir().parent


def file_key(path: str | Path) -> str:
    """A short key that changes whenever the file at `path` changes (or moves)."""
    st = os.stat(path)
    raw = f"{os.path.realpath(path)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\0v{VERSION}"
    return hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()[:20]


@dataclass(frozen=True)
class FaceMetrics:
    """What layout, coverage and subsetting need of a face, without fontTools."""

    codepoints: array.array  # sorted code points ('I')
    glyph_ids: array.array  # glyph id of each code point ('H')
    advances: array.array  # advance width of each code point in font units ('H')
    upem: int
    ascent: float  # in em
    descent: float  # in em, negative below the baseline
    sha256: str  # of the whole font file
    bitmap: bytes = b""  # bit cp of byte cp // 8 is set when the face has cp (kept on disk too)

    @cached_property
    def cmap(self) -> frozenset[int]:
        return frozenset(self.codepoints)

    def has(self, cp: int) -> bool:
        """Whether the face has `cp` (a bit test: no 30,000-entry set to build in a cold process)."""
        i = cp >> 3
        return i < len(self.bitmap) and bool(self.bitmap[i] >> (cp & 7) & 1)

    def _at(self, cp: int) -> int:
        """The position of `cp` in the sorted arrays; -1 when the face lacks it. (A binary
        search: building dicts of 30,000 entries per face would cost a cold process ~30 ms.)"""
        i = bisect_left(self.codepoints, cp)
        return i if i < len(self.codepoints) and self.codepoints[i] == cp else -1

    def advance(self, cp: int) -> int:
        """The advance width of `cp` in font units; KeyError when the face lacks it."""
        i = self._at(cp)
        if i < 0:
            raise KeyError(cp)
        return self.advances[i]

    def gid(self, cp: int) -> int | None:
        """The glyph id of `cp`; None when the face lacks it."""
        i = self._at(cp)
        return self.glyph_ids[i] if i >= 0 else None


def _to_le(arr: array.array) -> bytes:
    if sys.byteorder == "big":
        arr = array.array(arr.typecode, arr)
        arr.byteswap()
    return arr.tobytes()


def _from_le(typecode: str, data: bytes) -> array.array:
    arr = array.array(typecode)
    arr.frombytes(data)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


def bitmap(codepoints: array.array) -> bytes:
    """The membership bitmap of sorted code points."""
    out = bytearray((codepoints[-1] >> 3) + 1 if codepoints else 0)
    for cp in codepoints:
        out[cp >> 3] |= 1 << (cp & 7)
    return bytes(out)


def encode_metrics(m: FaceMetrics) -> bytes:
    head = _HEAD.pack(_MAGIC, VERSION, m.upem, len(m.codepoints), m.ascent, m.descent,
                      bytes.fromhex(m.sha256))
    return (head + _to_le(m.codepoints) + _to_le(m.glyph_ids) + _to_le(m.advances)
            + (m.bitmap or bitmap(m.codepoints)))


def decode_metrics(data: bytes) -> FaceMetrics | None:
    """The metrics in a cache file's bytes; None when they are not a complete, current entry."""
    if len(data) < _HEAD.size:
        return None
    magic, version, upem, n, ascent, descent, digest = _HEAD.unpack_from(data)
    if magic != _MAGIC or version != VERSION or len(data) < _HEAD.size + 8 * n:
        return None
    at = _HEAD.size
    cps = _from_le("I", data[at : at + 4 * n])
    gids = _from_le("H", data[at + 4 * n : at + 6 * n])
    adv = _from_le("H", data[at + 6 * n : at + 8 * n])
    if cps.itemsize != 4 or gids.itemsize != 2:  # pragma: no cover - exotic platforms
        return None
    bits = data[at + 8 * n :]
    if len(bits) != ((cps[-1] >> 3) + 1 if n else 0):
        return None
    return FaceMetrics(cps, gids, adv, upem, ascent, descent, digest.hex(), bits)


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_metrics(path: str, index: int) -> FaceMetrics:
    """A face's metrics with fontTools (the slow path the cache saves)."""
    from fontTools.ttLib import TTFont

    misses["metrics"] += 1
    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        best = font.getBestCmap() or {}
        hmtx = font["hmtx"].metrics
        gid_of = font.getReverseGlyphMap()
        upem = font["head"].unitsPerEm or 1000
        hhea = font["hhea"]
        cps = array.array("I")
        gids = array.array("H")
        adv = array.array("H")
        for cp in sorted(best):
            name = best[cp]
            if name in hmtx and name in gid_of:
                cps.append(cp)
                gids.append(gid_of[name])
                adv.append(hmtx[name][0])
        return FaceMetrics(cps, gids, adv, upem, hhea.ascent / upem, hhea.descent / upem,
                           _sha256(path), bitmap(cps))
    finally:
        font.close()


def metrics(path: str, index: int) -> FaceMetrics:
    """A face's metrics from the disk cache, reading the font (and filling the cache) on a miss."""
    try:
        name = f"{Path(path).stem}-{index}-{file_key(path)}.bin"
    except OSError:
        return read_metrics(path, index)
    hit = _read(cache_root() / "metrics" / name)
    got = decode_metrics(hit) if hit is not None else None
    if got is None:
        import gc

        try:
            got = read_metrics(path, index)
        except Exception as exc:  # fontTools on a table damaged inside (sfnt.py checks the rest)
            from ..errors import FontError

            text = " ".join(str(exc).split())[:120]
            raise FontError(f"cannot read font file {path} (face {index}): {type(exc).__name__}: "
                            f"{text}", hint="remove or replace that file") from None
        gc.collect()  # fontTools' tables are reference cycles: free them before the next face
        _write(cache_root() / "metrics" / name, encode_metrics(got))
    return got


def faces(path: Path, read) -> list:
    """`read(path)` (a list of names.FaceInfo) through the disk cache."""
    return faces_checked(path, lambda p: (read(p), None))[0]


def faces_checked(path: Path, read) -> tuple[list, str | None]:
    """`read(path)` (the names.FaceInfo list of a file and why it was skipped, or None)
    through the disk cache; a skipped file is remembered with its reason."""
    from .names import FaceInfo

    try:
        target = cache_root() / "faces" / f"{path.stem}-{file_key(path)}.json"
    except OSError:
        return read(path)
    hit = _read(target)
    if hit is not None:
        try:
            doc = json.loads(hit)
            if doc.get("version") == FACES_VERSION:
                return [FaceInfo(path=path, index=f["index"], family=f["family"], style=f["style"],
                                 names=frozenset(f["names"]), face_names=frozenset(f["face_names"]),
                                 weight=f["weight"], italic=f["italic"], is_cff=f["is_cff"],
                                 cjk=f["cjk"]) for f in doc["faces"]], doc.get("skipped")
        except (ValueError, KeyError, TypeError):
            pass
    misses["faces"] += 1
    got, reason = read(path)
    doc = {"version": FACES_VERSION, "path": str(path), "skipped": reason, "faces": [
        {"index": f.index, "family": f.family, "style": f.style, "names": sorted(f.names),
         "face_names": sorted(f.face_names), "weight": f.weight, "italic": f.italic,
         "is_cff": f.is_cff, "cjk": f.cjk} for f in got]}
    _write(target, json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return got, reason


def _read(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except OSError:
        return None


def _write(target: Path, data: bytes) -> None:
    """Write atomically; a cache that cannot be written is skipped (it only costs speed)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
