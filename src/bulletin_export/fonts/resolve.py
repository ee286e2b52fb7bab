"""Choosing a font file for each font role, with per-character fallback.

For each role of the style sheet the candidates are tried in order; a candidate is
found when some face in the search locations (see discovery.py) answers to that
name, the earliest location winning. The role's chain of faces is every candidate
found, in order, followed by the other roles' chains: a character the first face
lacks is drawn with the first face in the chain that has it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..errors import FontError, UsageError
from . import cache
from .cache import FaceMetrics
from .discovery import locations
from .names import FaceInfo, normalize, scan_file

if TYPE_CHECKING:  # pragma: no cover
    from ..diagnostics import Diagnostic
    from ..model import Issue
    from ..stylesheet import StyleSheet


@lru_cache(maxsize=64)
def _metrics(path: str, index: int) -> FaceMetrics:
    """cmap, glyph ids and advances of a face: from the disk cache (see cache.py)."""
    return cache.metrics(path, index)


_bounds: dict[tuple[str, int, str], tuple[float, float, float, float] | None] = {}


def _read_bounds(face: "ResolvedFont", ch: str) -> tuple[float, float, float, float] | None:
    m = _metrics(str(face.path), face.index)
    gid = m.gid(ord(ch))
    if gid is None:
        return None
    if face.is_cff:  # the box of the converted outline (cached per glyph, see cffglyphs.py)
        from . import cffglyphs, subset

        rec = cffglyphs.glyph_records(face.path, face.index, m.sha256, [gid])[gid]
        box = subset.record_bounds(rec)
    else:
        from . import subset

        box = subset.glyph_bounds(face.path, face.index, gid)
    return None if box is None else tuple(v / m.upem for v in box)


@dataclass(frozen=True)
class ResolvedFont:
    """A face chosen for a role: where it is, how it was found, and its metrics."""

    path: Path
    index: int  # face index in a .ttc (0 for a single font)
    family: str
    style: str
    origin: str  # the search location it was found in, e.g. "font-dir (/x/fonts)", "fontconfig"
    matched: str  # the candidate name that found it
    tried: tuple[str, ...] = ()  # "name: why not" for each candidate tried before it
    is_cff: bool = False

    @property
    def cmap(self) -> frozenset[int]:
        """The code points this face has a glyph for."""
        return _metrics(str(self.path), self.index).cmap

    def has(self, ch: str) -> bool:
        return _metrics(str(self.path), self.index).has(ord(ch))

    def advance(self, ch: str, size: float) -> float:
        """The advance width of `ch` at `size` pt, in pt; KeyError when the face lacks it."""
        m = _metrics(str(self.path), self.index)
        return m.advance(ord(ch)) * size / m.upem

    @property
    def ascent(self) -> float:
        """hhea ascent as a fraction of the em."""
        return _metrics(str(self.path), self.index).ascent

    @property
    def descent(self) -> float:
        return _metrics(str(self.path), self.index).descent

    def truetype_for(self, chars: Iterable[str]) -> tuple[Path, int]:
        """(file, face index) of a small TrueType-outline font that draws `chars` (those the face
        has): a subset cut from the face's tables, or for a CFF face a converted subset. Both
        are cached on disk by source file and characters, and each has its own PostScript
        name, so reportlab never parses a whole CJK face."""
        cps = {ord(c) for c in chars}
        m = _metrics(str(self.path), self.index)
        if self.is_cff:
            from . import cffglyphs

            return cffglyphs.truetype_subset(self.path, self.index, cps, m), 0
        from . import subset

        return subset.truetype_subset(self.path, self.index, cps, m), 0

    def bounds(self, ch: str) -> tuple[float, float, float, float] | None:
        """The ink box (xMin, yMin, xMax, yMax) of `ch` in em; None for an empty glyph or a
        character the face lacks. TrueType faces are read from the glyph record alone."""
        key = (str(self.path), self.index, ch)
        if key not in _bounds:
            _bounds[key] = _read_bounds(self, ch)
        return _bounds[key]

    def describe(self) -> str:
        face = f" [face {self.index}]" if self.index or self.path.suffix.lower() in (".ttc", ".otc") else ""
        return f"{self.family} {self.style}{face}: {self.path}"


@dataclass
class FontSet:
    """The faces of every font role of a style sheet."""

    style: "StyleSheet"
    chains: dict[str, tuple[ResolvedFont, ...]]  # the role's own candidates found, in order
    tried: dict[str, tuple[str, ...]]  # role -> every candidate tried and why it failed
    latin: dict[str, ResolvedFont | None] = field(default_factory=dict)  # role -> Latin face
    _full: dict[str, tuple[ResolvedFont, ...]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __getstate__(self) -> dict:
        """Picklable (for worker processes): the lock and the derived chains are left out."""
        return {"style": self.style, "chains": self.chains, "tried": self.tried,
                "latin": self.latin}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    @property
    def roles(self) -> list[str]:
        return list(self.chains)

    @property
    def missing_roles(self) -> list[str]:
        return [r for r, chain in self.chains.items() if not chain]

    def _role(self, role: str) -> str:
        """A font-role key; a style role (body, title...) is mapped to its font role."""
        if role in self.chains:
            return role
        if role in self.style.roles and self.style.roles[role].font in self.chains:
            return self.style.roles[role].font
        raise FontError(f"unknown font role {role!r}; font roles: {', '.join(self.chains)}")

    def check(self) -> None:
        """FontError when some role has no font at all, listing what was tried."""
        for role in self.missing_roles:
            official = self.style.fonts[role].official
            raise FontError(
                f"no font found for font role {role!r} ({official}); tried: "
                + "; ".join(self.tried[role]),
                hint="put a font file into the fonts/ folder or pass --font-dir")

    def face(self, role: str) -> ResolvedFont:
        """The role's first choice (a style role such as "body" is accepted too)."""
        key = self._role(role)
        chain = self.chains[key]
        if not chain:
            self.check()
        return chain[0]

    def chain(self, role: str) -> tuple[ResolvedFont, ...]:
        """Every face a character of this role may be drawn with, in order of preference."""
        key = self._role(role)
        with self._lock:
            hit = self._full.get(key)
            if hit is None:
                seen: set[tuple[Path, int]] = set()
                out = []
                for r in [key] + [r for r in self.chains if r != key]:
                    for f in self.chains[r]:
                        if (f.path, f.index) not in seen:
                            seen.add((f.path, f.index))
                            out.append(f)
                hit = self._full[key] = tuple(out)
        return hit

    def latin_face(self, role: str) -> ResolvedFont | None:
        """The face for Latin letters and digits in PDF (the role's `latin_candidates`, e.g.
        Liberation Serif for Times New Roman); None = draw them with the CJK face."""
        return self.latin.get(self._role(role))

    def face_for_char(self, role: str, ch: str) -> ResolvedFont | None:
        """The first face of the role's chain that has `ch`; None when no face has it."""
        cp = ord(ch)
        for f in self.chain(role):
            if _metrics(str(f.path), f.index).has(cp):
                return f
        return None

    def coverage(self, issue: "Issue", lines: Sequence[str] | None = None) -> list["Diagnostic"]:
        """BX401 (error) per character no font has, BX402 (info) per fallback face used.
        `lines` (the decoded source lines) make the columns exact."""
        from .coverage import coverage

        return coverage(self, issue, lines)


# ---------------------------------------------------------------- resolution

def _index(font_dirs: tuple[Path, ...]) -> dict[str, list[tuple[int, FaceInfo, str]]]:
    index: dict[str, list[tuple[int, FaceInfo, str]]] = {}
    for order, loc in enumerate(locations(font_dirs)):
        for path in loc.files:
            for face in scan_file(path):
                for name in face.names:
                    index.setdefault(name, []).append((order, face, loc.label))
    return index


def _pick(name: str, index: dict[str, list[tuple[int, FaceInfo, str]]], cjk: bool = True
          ) -> tuple[FaceInfo, str] | str:
    """The face a candidate name finds, with its location; or why none was taken."""
    key = normalize(name)
    hits = index.get(key)
    if not hits:
        return "not found"

    def rank(hit: tuple[int, FaceInfo, str]):
        order, face, _ = hit
        return (order, key not in face.face_names, abs(face.weight - 400), face.italic,
                str(face.path), face.index)

    reasons = []
    for _, face, label in sorted(hits, key=rank):
        if cjk and not face.cjk:
            reasons.append(f"{face.path} has no Chinese characters")
            continue
        return face, label
    return "; ".join(reasons)


@lru_cache(maxsize=16)
def _resolve(style: "StyleSheet", font_dirs: tuple[Path, ...]) -> FontSet:
    index = _index(font_dirs)
    chains: dict[str, tuple[ResolvedFont, ...]] = {}
    tried_all: dict[str, tuple[str, ...]] = {}
    latin: dict[str, ResolvedFont | None] = {}
    for role, spec in style.fonts.items():
        chain: list[ResolvedFont] = []
        tried: list[str] = []
        seen: set[tuple[Path, int]] = set()
        for name in spec.candidates:
            got = _pick(name, index)
            if isinstance(got, str):
                tried.append(f"{name}: {got}")
                continue
            face, label = got
            if (face.path, face.index) in seen:
                tried.append(f"{name}: same face as an earlier candidate")
                continue
            seen.add((face.path, face.index))
            chain.append(ResolvedFont(path=face.path, index=face.index, family=face.family,
                                      style=face.style, origin=label, matched=name,
                                      tried=tuple(tried), is_cff=face.is_cff))
            tried.append(f"{name}: found ({face.path.name})")
        chains[role] = tuple(chain)
        tried_all[role] = tuple(tried)
        latin[role] = _latin(spec.latin_candidates, index)
    return FontSet(style=style, chains=chains, tried=tried_all, latin=latin)


def _latin(names: tuple[str, ...], index) -> ResolvedFont | None:
    tried: list[str] = []
    for name in names:
        got = _pick(name, index, cjk=False)
        if isinstance(got, str):
            tried.append(f"{name}: {got}")
            continue
        face, label = got
        return ResolvedFont(path=face.path, index=face.index, family=face.family, style=face.style,
                            origin=label, matched=name, tried=tuple(tried), is_cff=face.is_cff)
    return None


def resolve_fonts(style: "StyleSheet | None" = None, font_dirs: Iterable[str | Path] = (),
                  *, strict: bool = True) -> FontSet:
    """The faces for every font role of `style` (default style when None), searching
    `font_dirs` first. Cached per (style, dirs) in a process. With `strict`, a role
    without any font is a FontError."""
    if style is None:
        from ..stylesheet import load_style

        style = load_style(None)
    dirs = []
    for d in font_dirs:
        p = Path(d).expanduser()
        if not p.is_dir():
            raise UsageError(f"font folder not found: {p}")
        dirs.append(p.resolve())
    fs = _resolve(style, tuple(dirs))
    if strict:
        fs.check()
    return fs


def clear_caches(*, metrics: bool = True) -> None:
    """Forget the resolutions and scans of this process (after fonts were installed);
    metrics=False keeps the cmaps and widths read so far (font files unchanged)."""
    from . import discovery, names

    _resolve.cache_clear()
    if metrics:
        _metrics.cache_clear()
    discovery.fontconfig_files.cache_clear()
    discovery._cached_folder_files.cache_clear()
    names._cache.clear()
