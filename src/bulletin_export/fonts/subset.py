"""Small TrueType subsets of big faces, cut from the raw tables without fontTools.

reportlab parses a whole face before it embeds the few glyphs a document uses: for a
20 MB CJK collection that is ~0.2 s and ~40 MB per face and process. A document needs
a few hundred glyphs, so ``truetype_subset`` writes a TrueType font holding just
those: glyph outlines copied byte for byte (hinting instructions dropped, as PDF
viewers do not use them), composite glyphs with their components, a format 4 (and
12 when needed) cmap, advance widths and side bearings as in the face, and a name
table reduced to the names reportlab reads. The PostScript name gets a tag made from
the source file's hash, the face and the code points, so two subsets of a face never
share a name (reportlab treats faces with one PostScript name as one font) and the
same subset is named the same on every machine.

Code point to glyph id maps come from the metrics cache (cache.py), so nothing here
decompiles a cmap. Subsets are written to ``<cache>/subsets`` keyed by the source
file and the code points, atomically; the bytes depend on the source font and the
code points only.
"""

from __future__ import annotations

import hashlib
import os
import struct
from pathlib import Path
from typing import Iterable

from ..errors import FontError
from . import cache, convert

_ARG_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE = 0x0020
_XY_SCALE = 0x0040
_TWO_BY_TWO = 0x0080
_INSTRUCTIONS = 0x0100

#: How many subsets this process cut (tests read it).
cuts = {"subset": 0}


class Face:
    """The table directory of one face of a TrueType file (a .ttf or a face of a .ttc)."""

    OUTLINES = ("head", "hhea", "maxp", "hmtx", "loca", "glyf")  # tables this class reads

    def __init__(self, path: str | Path, index: int = 0):
        self.path = str(path)
        self.index = index
        with open(self.path, "rb") as fh:
            self._fh = fh
            head = fh.read(12)
            start = 0
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if not 0 <= index < count:
                    raise FontError(f"{path} has no face {index}")
                fh.seek(12 + 4 * index)
                start = struct.unpack(">I", fh.read(4))[0]
                fh.seek(start)
                head = fh.read(12)
            num = struct.unpack(">H", head[4:6])[0]
            fh.seek(start + 12)
            records = fh.read(16 * num)
            self.tables: dict[str, tuple[int, int]] = {}
            for i in range(num):
                tag, _, offset, length = struct.unpack_from(">4sIII", records, 16 * i)
                self.tables[tag.decode("latin-1")] = (offset, length)
            self._data: dict[str, bytes] = {}
            for tag in ("head", "hhea", "maxp", "OS/2", "post", "name", "hmtx", "loca"):
                if tag in self.tables:
                    self._data[tag] = self._read_table(tag)
            missing = [t for t in self.OUTLINES if t not in self.tables]
            if missing:
                raise FontError(f"{path} (face {index}) is not a TrueType-outline font "
                                f"(no {', '.join(missing)} table)")
            self.long_loca = struct.unpack_from(">h", self._data["head"], 50)[0] == 1
            self.num_glyphs = struct.unpack_from(">H", self._data["maxp"], 4)[0]
            self.num_hmetrics = struct.unpack_from(">H", self._data["hhea"], 34)[0] if "hmtx" in self._data else 0
            self.upem = struct.unpack_from(">H", self._data["head"], 18)[0] or 1000
            self._fh = None

    def _read_table(self, tag: str) -> bytes:
        offset, length = self.tables[tag]
        self._fh.seek(offset)
        return self._fh.read(length)

    def table(self, tag: str) -> bytes | None:
        return self._data.get(tag)

    def _loca(self, gid: int) -> tuple[int, int]:
        loca = self._data["loca"]
        if self.long_loca:
            return struct.unpack_from(">II", loca, 4 * gid)
        a, b = struct.unpack_from(">HH", loca, 2 * gid)
        return 2 * a, 2 * b

    def glyphs(self, gids: Iterable[int]) -> dict[int, bytes]:
        """The raw 'glyf' records of the given glyph ids (empty bytes for an empty glyph).
        Read from the file each time: subsets are cached on disk, and a long batch must
        not keep every glyph it ever used."""
        gids = list(gids)
        out = dict.fromkeys(gids, b"")
        base = self.tables["glyf"][0]
        with open(self.path, "rb") as fh:
            for gid in sorted({g for g in gids if 0 <= g < self.num_glyphs}):
                start, end = self._loca(gid)
                if end > start:
                    fh.seek(base + start)
                    out[gid] = fh.read(end - start)
        return out

    def metric(self, gid: int) -> tuple[int, int]:
        """(advance width, left side bearing) of a glyph, from 'hmtx'."""
        hmtx = self._data["hmtx"]
        if gid < self.num_hmetrics:
            return struct.unpack_from(">Hh", hmtx, 4 * gid)
        adv = struct.unpack_from(">H", hmtx, 4 * (self.num_hmetrics - 1))[0]
        lsb = struct.unpack_from(">h", hmtx, 4 * self.num_hmetrics + 2 * (gid - self.num_hmetrics))[0]
        return adv, lsb

    def bounds(self, gid: int) -> tuple[int, int, int, int] | None:
        """(xMin, yMin, xMax, yMax) of a glyph in font units from its 'glyf' header; None if empty."""
        return record_bounds(self.glyphs([gid])[gid])

    def postscript_name(self) -> str | None:
        for rec in _name_records(self._data.get("name", b"")):
            if rec[3] == 6 and rec[0] == 3 and rec[1] == 1 and rec[2] == 0x409:
                return rec[4].decode("utf-16-be", "replace")
        for rec in _name_records(self._data.get("name", b"")):
            if rec[3] == 6 and rec[0] == 1 and rec[1] == 0:
                return rec[4].decode("mac_roman", "replace")
        return None


def record_bounds(data: bytes) -> tuple[int, int, int, int] | None:
    """(xMin, yMin, xMax, yMax) from a 'glyf' record's header; None for an empty glyph."""
    return struct.unpack_from(">hhhh", data, 2) if len(data) >= 10 else None


def _name_records(data: bytes):
    """(platform, encoding, language, name id, raw string) of each record of a 'name' table."""
    if len(data) < 6:
        return
    _, count, strings = struct.unpack_from(">HHH", data, 0)
    for i in range(count):
        if 6 + 12 * (i + 1) > len(data):
            return
        plat, enc, lang, nid, length, offset = struct.unpack_from(">6H", data, 6 + 12 * i)
        yield plat, enc, lang, nid, data[strings + offset : strings + offset + length]


# ---------------------------------------------------------------- glyph records

def _components(data: bytes) -> tuple[list[tuple[int, int, int]], int]:
    """(offset, flags, glyph index) of each component of a composite glyph record, and the
    offset where the components end (the instructions, if any, follow)."""
    out = []
    at = 10
    while True:
        flags, gid = struct.unpack_from(">HH", data, at)
        out.append((at, flags, gid))
        at += 4 + (4 if flags & _ARG_WORDS else 2)
        if flags & _HAVE_SCALE:
            at += 2
        elif flags & _XY_SCALE:
            at += 4
        elif flags & _TWO_BY_TWO:
            at += 8
        if not flags & _MORE:
            return out, at


def _strip_hinting(data: bytes, new_ids: dict[int, int]) -> bytes:
    """A glyph record without instructions; a composite's components renumbered."""
    if len(data) < 10:
        return b""
    contours = struct.unpack_from(">h", data, 0)[0]
    if contours >= 0:
        at = 10 + 2 * contours
        n = struct.unpack_from(">H", data, at)[0]
        if n == 0:
            return data
        return data[:at] + b"\0\0" + data[at + 2 + n :]
    comps, end = _components(data)
    out = bytearray(data[:end])
    for at, flags, gid in comps:
        struct.pack_into(">HH", out, at, flags & ~_INSTRUCTIONS, new_ids[gid])
    return bytes(out)


# ---------------------------------------------------------------- tables

def _cmap(pairs: list[tuple[int, int]]) -> bytes:
    """A 'cmap' with a format 4 subtable (3,1) for the BMP and format 12 (3,10) when needed."""
    bmp = [(c, g) for c, g in pairs if c <= 0xFFFF]
    segments: list[list[int]] = []  # [start, end, delta]
    for c, g in bmp:
        if segments and c == segments[-1][1] + 1 and g - c == segments[-1][2]:
            segments[-1][1] = c
        else:
            segments.append([c, c, g - c])
    segments.append([0xFFFF, 0xFFFF, 1])
    n = len(segments)
    search = 1
    while search * 2 <= n:
        search *= 2
    body = struct.pack(">HHHH", 2 * n, 2 * search, search.bit_length() - 1, 2 * n - 2 * search)
    body += b"".join(struct.pack(">H", e) for _, e, _ in segments) + b"\0\0"
    body += b"".join(struct.pack(">H", s) for s, _, _ in segments)
    body += b"".join(struct.pack(">H", d & 0xFFFF) for _, _, d in segments)
    body += b"\0\0" * n
    subtables = []
    if 6 + len(body) <= 0xFFFF:  # else (some 8,000 scattered characters) format 12 alone
        subtables.append((3, 1, struct.pack(">HHH", 4, 6 + len(body), 0) + body))
    if not subtables or any(c > 0xFFFF for c, _ in pairs):
        groups: list[list[int]] = []  # [start, end, start glyph]
        for c, g in pairs:
            if groups and c == groups[-1][1] + 1 and g == groups[-1][2] + c - groups[-1][0]:
                groups[-1][1] = c
            else:
                groups.append([c, c, g])
        fmt12 = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
        fmt12 += b"".join(struct.pack(">III", *grp) for grp in groups)
        subtables.append((3, 10, fmt12))
    out = struct.pack(">HH", 0, len(subtables))
    offset = 4 + 8 * len(subtables)
    for plat, enc, data in subtables:
        out += struct.pack(">HHI", plat, enc, offset)
        offset += len(data)
    return out + b"".join(d for _, _, d in subtables)


def _name(face: Face, ps_name: str) -> bytes:
    """A 'name' table with the Windows English family, style, full and unique names of the face
    and the tagged PostScript name (the license and other long texts are left out)."""
    keep: dict[int, bytes] = {}
    for plat, enc, lang, nid, raw in _name_records(face.table("name") or b""):
        if plat == 3 and enc == 1 and lang == 0x409 and nid in (0, 1, 2, 4) and nid not in keep:
            keep[nid] = raw
    keep.setdefault(1, ps_name.encode("utf-16-be"))
    keep.setdefault(2, "Regular".encode("utf-16-be"))
    keep[3] = ps_name.encode("utf-16-be")
    keep.setdefault(4, keep[1])
    keep[6] = ps_name.encode("utf-16-be")
    ids = sorted(keep)
    records, strings = b"", b""
    for nid in ids:
        records += struct.pack(">6H", 3, 1, 0x409, nid, len(keep[nid]), len(strings))
        strings += keep[nid]
    return struct.pack(">HHH", 0, len(ids), 6 + 12 * len(ids)) + records + strings


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _sfnt(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    n = len(tags)
    search = 1
    while search * 2 <= n:
        search *= 2
    out = struct.pack(">IHHHH", 0x00010000, n, 16 * search, search.bit_length() - 1, 16 * (n - search))
    offset = 12 + 16 * n
    body = b""
    for tag in tags:
        data = tables[tag]
        out += struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(out + body)
    head_at = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index("head")])
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def glyph_ids(pairs: list[tuple[int, int]]) -> dict[int, int]:
    """Glyph id in the subset of each glyph id of the face, for (code point, glyph id) pairs
    sorted by code point: .notdef first, then in order of first use (composites' components,
    which no character names, come after)."""
    new_ids = {0: 0}
    for _, gid in sorted(pairs):
        if gid not in new_ids:
            new_ids[gid] = len(new_ids)
    return new_ids


def build(face: Face, pairs: list[tuple[int, int]], ps_name: str) -> bytes:
    """The bytes of a TrueType font holding the (code point, glyph id) pairs of `face`."""
    new_ids = glyph_ids(pairs)
    order = list(new_ids)
    records = face.glyphs(order)
    k = 0
    while k < len(order):  # components of composites, transitively
        data = records[order[k]]
        if len(data) >= 10 and struct.unpack_from(">h", data, 0)[0] < 0:
            for _, _, comp in _components(data)[0]:
                if comp not in new_ids:
                    new_ids[comp] = len(order)
                    order.append(comp)
                    records.update(face.glyphs([comp]))
        k += 1
    glyf, loca = b"", []
    for gid in order:
        loca.append(len(glyf))
        rec = _strip_hinting(records[gid], new_ids)
        glyf += rec + b"\0" * (-len(rec) % 4)
    loca.append(len(glyf))
    hmtx = b"".join(struct.pack(">Hh", *face.metric(gid)) for gid in order)
    head = bytearray(face.table("head"))
    struct.pack_into(">I", head, 8, 0)
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    hhea = bytearray(face.table("hhea"))
    struct.pack_into(">H", hhea, 34, len(order))
    maxp = bytearray(face.table("maxp"))
    struct.pack_into(">H", maxp, 4, len(order))
    if len(maxp) >= 32:
        struct.pack_into(">H", maxp, 26, 0)  # maxSizeOfInstructions: none are left
    post = bytearray((face.table("post") or bytes(32))[:32].ljust(32, b"\0"))
    struct.pack_into(">I", post, 0, 0x00030000)  # no glyph names
    tables = {
        "head": bytes(head), "hhea": bytes(hhea), "maxp": bytes(maxp), "post": bytes(post),
        "hmtx": hmtx, "loca": struct.pack(f">{len(loca)}I", *loca), "glyf": glyf,
        "cmap": _cmap([(c, new_ids[g]) for c, g in pairs]), "name": _name(face, ps_name),
    }
    if face.table("OS/2") is not None:
        tables["OS/2"] = face.table("OS/2")
    return _sfnt(tables)


# ---------------------------------------------------------------- the cached entry point

_faces: dict[tuple[str, int, str], Face] = {}


def face(path: str | Path, index: int) -> Face:
    """The parsed table directory of a face, kept per process while the file is unchanged."""
    key = (str(path), index, cache.file_key(path))
    hit = _faces.get(key)
    if hit is None:
        if len(_faces) >= 16:
            _faces.clear()
        hit = _faces[key] = Face(path, index)
    return hit


def _safe(name: str) -> str:
    return "".join(c for c in name if 33 <= ord(c) < 127 and c not in "[](){}<>/%") or "Font"


def truetype_subset(path: str | Path, index: int, codepoints: Iterable[int],
                    metrics: "cache.FaceMetrics | None" = None, opener=None) -> Path:
    """A cached TrueType font holding the code points of face `index` of `path` that it has.
    `opener(path, index, metrics, gids)` gives the Face to cut from (default: the TrueType
    face itself; cffglyphs.py passes one that converts CFF outlines)."""
    metrics = metrics or cache.metrics(str(path), index)
    pairs = sorted((cp, metrics.gid(cp)) for cp in set(codepoints))
    pairs = [(cp, g) for cp, g in pairs if g is not None]
    cps = [cp for cp, _ in pairs]
    digest = hashlib.sha1(f"{metrics.sha256}:{index}:{','.join(map(str, cps))}".encode()).hexdigest()
    target = cache.cache_root() / "subsets" / f"{Path(path).stem}-{index}-{digest[:20]}.ttf"
    fallback = convert._fallback_dir() / "subsets" / target.name  # when the cache is read-only
    for done in (target, fallback):
        if done.is_file():
            _touch(done)  # most recently used: the last to be pruned
            return done
    f = opener(path, index, metrics, [g for _, g in pairs]) if opener else face(path, index)
    base = _safe(f.postscript_name() or Path(path).stem)[:40]
    data = build(f, pairs, f"{base}-{digest[:8].upper()}")
    cuts["subset"] += 1
    cache._write(target, data)
    if target.is_file():
        prune(target.parent)
        return target
    cache._write(fallback, data)
    if not fallback.is_file():
        raise FontError(f"cannot write a font subset to {target.parent} or {fallback.parent}")
    return fallback


#: Subsets kept on disk: one per face and character set, so an archive of thousands of
#: issues would otherwise leave thousands of files. The least recently used go first.
MAX_SUBSETS = 400


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def prune(folder: Path, keep: int = MAX_SUBSETS) -> int:
    """Delete the least recently used subsets beyond ``keep``; returns how many."""
    try:
        entries = [(e.stat().st_mtime, e.path) for e in os.scandir(folder)
                   if e.name.endswith(".ttf") and e.is_file()]
    except OSError:
        return 0
    if len(entries) <= keep:
        return 0
    entries.sort()
    removed = 0
    for _, name in entries[: len(entries) - keep]:
        try:
            os.unlink(name)
            removed += 1
        except OSError:
            pass
        try:  # its compressed copy (embed.py)
            os.unlink(name[:-4] + ".z")
        except OSError:
            pass
    return removed


def glyph_bounds(path: str | Path, index: int, gid: int) -> tuple[int, int, int, int] | None:
    """A TrueType glyph's bounding box in font units, read from its record; None if empty."""
    return face(path, index).bounds(gid)


__all__ = ["Face", "build", "cuts", "face", "glyph_bounds", "glyph_ids", "truetype_subset"]
