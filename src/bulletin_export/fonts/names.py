"""Name tables: which faces a font file holds and every name each face answers to.

Only the 'name', 'OS/2' and the outline-format tag are read (fontTools lazy
loading), so scanning every system font takes tens of milliseconds. Results are
cached in memory per process, keyed by (path, size, mtime), and on disk (cache.py).

A file is checked with bounds first (sfnt.py): a truncated or hostile font file, or one
fontTools cannot read, is skipped with a warning naming it (logger ``bulletin_export.fonts``,
once per file and process; `skipped()` lists them), never an error of the build.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
NAME_IDS = (1, 4, 6, 16, 21)  # family, full name, PostScript name, typographic / WWS family
_STYLE_IDS = (2, 17)
log = logging.getLogger("bulletin_export.fonts")


def normalize(name: str) -> str:
    """The form names are compared in: case-folded, without spaces."""
    return "".join(name.split()).casefold()


@dataclass(frozen=True)
class FaceInfo:
    """One face of a font file and the names it answers to."""

    path: Path
    index: int  # face index inside a .ttc/.otc; 0 for a single font
    family: str  # a display family name (English when there is one)
    style: str  # subfamily, e.g. "Regular", "Bold"
    names: frozenset[str]  # every family / full / PostScript name, all languages, normalized
    face_names: frozenset[str]  # the full and PostScript names only (they name this very face)
    weight: int  # OS/2 usWeightClass (400 when absent)
    italic: bool
    is_cff: bool  # PostScript (CFF/CFF2) outlines: reportlab cannot embed these as they are
    cjk: bool = True  # OS/2 says it covers CJK ideographs or a Chinese code page (True if unsure)

    def matches(self, name: str) -> bool:
        return normalize(name) in self.names


def face_count(path: Path) -> int:
    """How many faces a font file holds (1 unless it is a collection); sfnt.BadFont when
    the file is not a font whose directories fit in it."""
    from .sfnt import check

    return len(check(path))


def _decoded(record) -> str | None:
    try:
        text = record.toUnicode()
    except (UnicodeDecodeError, LookupError):
        return None
    text = text.replace("\x00", "").strip()
    return text or None


def read_faces(path: Path) -> list[FaceInfo]:
    """Every face of a font file; an unreadable file gives an empty list (see `read_checked`)."""
    return read_checked(path)[0]


def read_checked(path: Path) -> tuple[list[FaceInfo], str | None]:
    """(the faces of a font file, why some or all of it was skipped or None)."""
    from .sfnt import BadFont

    faces: list[FaceInfo] = []
    try:
        count = face_count(path)
    except BadFont as exc:
        return faces, str(exc)
    except OSError as exc:
        return faces, f"cannot read: {exc.strerror or exc}"
    from fontTools.ttLib import TTFont

    problems = []
    for index in range(count):
        try:
            font = TTFont(str(path), fontNumber=index, lazy=True)
        except Exception as exc:  # fontTools on damaged data: any error, never the build's
            problems.append(f"face {index}: {_why(exc)}")
            continue
        try:
            faces.append(_face_info(font, path, index))
        except Exception as exc:  # a damaged table must not stop the scan of other fonts
            problems.append(f"face {index}: {_why(exc)}")
            continue
        finally:
            font.close()
    if problems:
        return faces, "unreadable " + "; ".join(problems[:3]) + ("; ..." if len(problems) > 3 else "")
    return faces, None


def _why(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


_skipped: dict[str, str] = {}


def skipped() -> dict[str, str]:
    """The font files this process skipped (path -> reason), in the order met."""
    with _lock:
        return dict(_skipped)


def note_skipped(path: Path, reason: str | None) -> None:
    """Warn once per process about a font file (or some of its faces) skipped."""
    if not reason:
        return
    with _lock:
        if _skipped.get(str(path)) == reason:
            return
        _skipped[str(path)] = reason
    log.warning("bulletin-export: warning: skipped font file %s: %s", path, reason)


def _face_info(font, path: Path, index: int) -> FaceInfo:
    names: set[str] = set()
    face_names: set[str] = set()
    family_en = family_any = style = None
    if "name" in font:
        for rec in font["name"].names:
            if rec.nameID not in NAME_IDS and rec.nameID not in _STYLE_IDS:
                continue
            text = _decoded(rec)
            if text is None:
                continue
            if rec.nameID in _STYLE_IDS:
                if style is None or rec.langID in (0, 0x409):
                    style = text
                continue
            names.add(normalize(text))
            if rec.nameID in (4, 6):
                face_names.add(normalize(text))
            if rec.nameID in (1, 16):
                family_any = family_any or text
                english = rec.langID == 0x409 if rec.platformID == 3 else rec.langID == 0
                if english and (family_en is None or rec.nameID == 16):
                    family_en = text
    weight, italic, cjk = 400, False, True
    if "OS/2" in font:
        os2 = font["OS/2"]
        weight = int(getattr(os2, "usWeightClass", 400) or 400)
        italic = bool(getattr(os2, "fsSelection", 0) & 1)
        ranges = getattr(os2, "ulUnicodeRange2", 0)
        pages = getattr(os2, "ulCodePageRange1", None)
        if ranges or pages:
            # bit 59 (CJK Unified Ideographs); code pages 936 GBK (bit 18), 950 Big5 (bit 20)
            cjk = bool(ranges & (1 << 27)) or bool((pages or 0) & ((1 << 18) | (1 << 20)))
    return FaceInfo(
        path=path,
        index=index,
        family=family_en or family_any or path.stem,
        style=style or "Regular",
        names=frozenset(names),
        face_names=frozenset(face_names),
        weight=weight,
        italic=italic,
        is_cff="CFF " in font or "CFF2" in font,
        cjk=cjk,
    )


_cache: dict[tuple[str, int, int], list[FaceInfo]] = {}
_lock = threading.Lock()


def scan_file(path: Path) -> list[FaceInfo]:
    """read_faces, cached per process by (path, size, mtime) and on disk (cache.py)."""
    try:
        st = os.stat(path)
    except OSError:
        return []
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _lock:
        hit = _cache.get(key)
    if hit is None:
        from . import cache

        hit, reason = cache.faces_checked(path, read_checked)
        note_skipped(path, reason)
        with _lock:
            _cache[key] = hit
    return hit


def font_files(folder: Path) -> list[Path]:
    """The font files under a folder, recursively, in a stable (sorted) order."""
    out: list[Path] = []
    if not folder.is_dir():
        return out
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(FONT_SUFFIXES):
                out.append(Path(root) / name)
    return out
