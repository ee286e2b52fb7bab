"""The sfnt container of a font file read with bounds, before fontTools touches it.

fontTools trusts the counts in a file: a truncated collection makes it ask ``struct`` for
a 16 GB buffer, a collection that claims a billion faces keeps a scan busy for minutes. So
every font file is first checked here, from its first bytes and its table directories
alone (a few hundred bytes read, no table parsed):

- the file is at least a header long and starts with a known tag (TrueType, ``OTTO``,
  ``true``, ``ttcf``);
- a collection holds 1 to `MAX_FACES` faces whose offset table fits in the file;
- each face has 1 to `MAX_TABLES` tables, its directory fits in the file, every table
  lies inside the file, and the tables a face is drawn with are there (cmap, head,
  hhea, hmtx, maxp and glyf+loca or CFF/CFF2);
- the cmap's subtables lie inside it, and hmtx holds the advance widths hhea counts.

Damage deeper inside a table (a cmap segment array of garbage) is what fontTools reports
when the face's metrics are first read: cache.metrics turns that into a one-line FontError
naming the file.

`check(path)` returns the face offsets or raises `BadFont` with a short reason.
"""

from __future__ import annotations

import struct
from pathlib import Path

MAX_FACES = 256  # the largest real collections (Sarasa, Source Han) hold a few dozen
MAX_TABLES = 512  # real faces carry 10-40 tables
_SFNT_TAGS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_NEEDED = (b"cmap", b"head", b"hhea", b"hmtx", b"maxp")


class BadFont(ValueError):
    """A font file that must not be handed to fontTools; str() is the reason."""


def check(path: str | Path) -> tuple[int, ...]:
    """The offsets of the faces of a font file (one for a single font), all in bounds;
    BadFont (or OSError when it cannot be read) otherwise."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(0)
        head = fh.read(12)
        if len(head) < 12:
            raise BadFont(f"truncated: {size} bytes, not even a font header")
        if head[:4] == b"ttcf":
            count = struct.unpack(">I", head[8:12])[0]
            if not 0 < count <= MAX_FACES:
                raise BadFont(f"absurd face count {count} in a font collection "
                              f"(at most {MAX_FACES} are read)")
            table = fh.read(4 * count)
            if len(table) < 4 * count:
                raise BadFont(f"truncated: the collection lists {count} faces but the file "
                              f"ends at byte {size}")
            offsets = struct.unpack(f">{count}I", table)
        elif head[:4] in _SFNT_TAGS:
            offsets = (0,)
        else:
            raise BadFont(f"not a TrueType/OpenType font (starts with {head[:4]!r})")
        for n, offset in enumerate(offsets):
            _check_face(fh, offset, size, n if head[:4] == b"ttcf" else None)
    return tuple(offsets)


def _check_face(fh, offset: int, size: int, n: int | None) -> None:
    where = f"face {n}: " if n is not None else ""
    if offset + 12 > size:
        raise BadFont(f"truncated: {where}the face starts at byte {offset} of {size}")
    fh.seek(offset)
    head = fh.read(12)
    if head[:4] not in _SFNT_TAGS:
        raise BadFont(f"{where}not a TrueType/OpenType face at byte {offset}")
    tables = struct.unpack(">H", head[4:6])[0]
    if not 0 < tables <= MAX_TABLES:
        raise BadFont(f"{where}absurd table count {tables}")
    directory = fh.read(16 * tables)
    if len(directory) < 16 * tables:
        raise BadFont(f"truncated: {where}the table directory ends past the file's end ({size} bytes)")
    tags: dict[bytes, tuple[int, int]] = {}
    for i in range(tables):
        tag, _checksum, start, length = struct.unpack_from(">4sIII", directory, 16 * i)
        if start + length > size:
            name = tag.decode("latin-1").strip()
            raise BadFont(f"truncated: {where}table '{name}' ({length} bytes at {start}) lies "
                          f"past the file's end ({size} bytes)")
        tags[tag] = (start, length)
    missing = [t.decode().strip() for t in _NEEDED if t not in tags]
    if not (b"glyf" in tags and b"loca" in tags) and b"CFF " not in tags and b"CFF2" not in tags:
        missing.append("glyf/CFF")
    if missing:
        raise BadFont(f"{where}no {', '.join(missing)} table")
    _check_cmap(fh, *tags[b"cmap"], where)
    _check_metrics(fh, tags[b"hhea"], tags[b"hmtx"], where)


def _read_at(fh, start: int, length: int) -> bytes:
    fh.seek(start)
    return fh.read(length)


def _check_cmap(fh, start: int, length: int, where: str) -> None:
    """The cmap's subtable records point inside it, and each subtable's length fits."""
    if length < 4:
        raise BadFont(f"{where}cmap table of {length} bytes")
    count = struct.unpack(">H", _read_at(fh, start + 2, 2))[0]
    if 4 + 8 * count > length:
        raise BadFont(f"{where}cmap lists {count} subtables, more than its {length} bytes hold")
    records = _read_at(fh, start + 4, 8 * count)
    for i in range(count):
        offset = struct.unpack_from(">I", records, 8 * i + 4)[0]
        if offset + 4 > length:
            raise BadFont(f"{where}cmap subtable {i} at offset {offset} lies outside the table")
        head = _read_at(fh, start + offset, 8)
        fmt = struct.unpack(">H", head[:2])[0]
        if fmt in (8, 10, 12, 13):
            sub = struct.unpack(">I", head[4:8])[0]
        elif fmt == 14:
            sub = struct.unpack(">I", head[2:6])[0]
        else:
            sub = struct.unpack(">H", head[2:4])[0]
        if offset + sub > length:
            raise BadFont(f"{where}cmap subtable {i} (format {fmt}, {sub} bytes) ends past its table")


def _check_metrics(fh, hhea: tuple[int, int], hmtx: tuple[int, int], where: str) -> None:
    if hhea[1] < 36:
        raise BadFont(f"{where}hhea table of {hhea[1]} bytes")
    metrics = struct.unpack(">H", _read_at(fh, hhea[0] + 34, 2))[0]
    if 4 * metrics > hmtx[1]:
        raise BadFont(f"{where}hhea counts {metrics} advance widths, more than hmtx's "
                      f"{hmtx[1]} bytes hold")
