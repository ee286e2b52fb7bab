"""CFF (PostScript-outline) fonts to TrueType outlines that reportlab can embed, and the
user cache folder the font caches share.

reportlab refuses CFF outlines, and all Noto CJK fonts are CFF. Converting a whole
Noto CJK face (65,000 glyphs) takes over a minute, so only the characters a document
needs are converted. Rendering uses cffglyphs.py (one glyph at a time, cached per
glyph); ``truetype_subset`` here is the straightforward route through fontTools'
subsetter and cu2qu, kept as the reference those per-glyph conversions are tested
against (same outlines), cached by (file hash, face index, code points).

Cache folder: ``$XDG_CACHE_HOME/bulletin-export/fonts`` (default
``~/.cache/bulletin-export/fonts``; ``%LOCALAPPDATA%\\bulletin-export\\cache\\fonts``
on Windows). Files are written atomically, so parallel workers may share it.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterable

MAX_ERR = 1.0  # font units; cu2qu approximation error (1/1000 em for a 1000-unit font)

#: How many conversions this process has run (tests read it).
conversions = {"subset": 0}

_hash_cache: dict[tuple[str, int, int], str] = {}
_lock = threading.Lock()


def cache_dir() -> Path:
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "bulletin-export" / "cache" / "fonts"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    if sys.platform == "darwin" and not os.environ.get("XDG_CACHE_HOME"):
        base = str(Path.home() / "Library" / "Caches")
    return Path(base) / "bulletin-export" / "fonts"


def file_hash(path: Path) -> str:
    """SHA-256 of a file, remembered per process by (path, size, mtime)."""
    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _lock:
        hit = _hash_cache.get(key)
    if hit is None:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        hit = h.hexdigest()
        with _lock:
            _hash_cache[key] = hit
    return hit


def _fallback_dir() -> Path:
    """Where conversions go when the cache folder cannot be written."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"bulletin-export-fonts-{uid}"


def _cached(name: str) -> Path | None:
    for folder in (cache_dir(), _fallback_dir()):
        if (folder / name).is_file():
            return folder / name
    return None


def truetype_subset(path: Path, index: int, codepoints: Iterable[int], digest: str | None = None) -> Path:
    """A cached TrueType-outline font holding the given code points of face `index` of `path`.
    `digest`: the SHA-256 of the file when known (the metrics cache keeps it), else computed."""
    cps = sorted(set(codepoints))
    key = hashlib.sha256(f"{digest or file_hash(path)}:{index}:{','.join(map(str, cps))}".encode())
    name = f"{path.stem}-{index}-{key.hexdigest()[:20]}.ttf"
    hit = _cached(name)
    if hit is not None:
        return hit
    font = _load(path, index)
    _subset(font, cps)
    _to_quadratic(font)
    conversions["subset"] += 1
    return _save(font, name)


def _load(path: Path, index: int):
    from fontTools.ttLib import TTFont

    # keep head.modified from the source: the same font gives the same bytes on any machine
    return TTFont(str(path), fontNumber=index, recalcTimestamp=False)


def _subset(font, codepoints: list[int]) -> None:
    from fontTools import subset

    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.layout_features = ["vert", "vrt2"]  # reportlab uses no layout; keep the file small
    opts.hinting = False
    opts.glyph_names = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)


def _to_quadratic(font) -> None:
    """Replace CFF outlines by TrueType 'glyf' outlines (fontTools' otf2ttf recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    if "CFF " not in font:
        if "glyf" in font:
            return
        raise ValueError("only CFF outlines can be converted")
    order = font.getGlyphOrder()
    glyphset = font.getGlyphSet()
    quad = {}
    for name in order:
        tt_pen = TTGlyphPen(glyphset)
        glyphset[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        quad[name] = tt_pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quad
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in quad.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions"):
        setattr(maxp, attr, 0)
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", []) or []) for g in quad.values()), default=0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID fonts have none worth keeping
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def _save(font, name: str) -> Path:
    """Write into the cache atomically; when it cannot be written, into the temp folder."""
    try:
        return _write(font, cache_dir() / name)
    except OSError:
        return _write(font, _fallback_dir() / name)


def _write(font, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            font.save(fh, reorderTables=True)
        os.replace(tmp, target)
        return target
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
