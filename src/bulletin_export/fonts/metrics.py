"""Font-backed metrics for the layout: the face that draws each character and its advance.

The layout engine measures text with ``Metrics`` (the advance of every character in the
face that will draw it) and the display list takes its faces from ``FaceChooser``:
ASCII in the role's Latin face (Liberation Serif for Times New Roman, as Word sets a
run's w:ascii font), everything else in the first face of the role's chain that has it.
Both are cached per FontSet within a process (``for_fonts``), so a batch worker decides
each (role, character) once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .resolve import FontSet, ResolvedFont


def is_latin(ch: str) -> bool:
    """ASCII letters, digits, punctuation and the space: the characters Word sets in the
    run's w:ascii font (Times New Roman in our DOCX), so the PDF sets them in the Latin face."""
    return " " <= ch <= "~"


#: Style roles whose ASCII stays in the CJK face: page numbers are half-width 宋体 digits
#: (GB/T 9704 §7.5), as the DOCX sets them.
CJK_ASCII_ROLES = frozenset({"page_number"})


def uses_latin(style_role: str) -> bool:
    """Whether a style role sets ASCII in its Latin face."""
    return style_role not in CJK_ASCII_ROLES


def face_for(fonts: "FontSet", font_role: str, ch: str, latin: bool = True
             ) -> "ResolvedFont | None":
    """The face that draws ``ch`` for a font role: the role's Latin face for ASCII when
    ``latin``, else the first face of its chain that has it (None when no face has it)."""
    if latin and is_latin(ch):
        face = fonts.latin_face(font_role)
        if face is not None and face.has(ch):
            return face
    return fonts.face_for_char(font_role, ch)


class Metrics:
    """measure(text, font_role, size) -> pt with the faces that draw each character: the Latin
    face for ASCII, the role's fallback chain for the rest (cached per character)."""

    def __init__(self, fonts: "FontSet"):
        self.fonts = fonts
        self._em: dict[tuple[str, str, bool], float] = {}

    def em(self, ch: str, role: str, latin: bool = True) -> float:
        """The advance of one character in em, with the face that will draw it."""
        key = (role, ch, latin)
        hit = self._em.get(key)
        if hit is None:
            face = face_for(self.fonts, role, ch, latin)
            hit = face.advance(ch, 1.0) if face is not None else 1.0
            self._em[key] = hit
        return hit

    def __call__(self, text: str, role: str, size: float) -> float:
        return sum(self.em(ch, role) for ch in text) * size


class FaceChooser:
    """face(style_role, ch) -> the ResolvedFont that draws ``ch`` in that style role; a
    character no face has is given the role's first face (the coverage check reports it)."""

    def __init__(self, fonts: "FontSet"):
        self.fonts = fonts
        self._roles = fonts.style.roles
        self._choice: dict[tuple[str, str], "ResolvedFont"] = {}

    def __call__(self, role: str, ch: str) -> "ResolvedFont":
        key = (role, ch)
        f = self._choice.get(key)
        if f is None:
            font = self._roles[role].font
            f = face_for(self.fonts, font, ch, uses_latin(role)) or self.fonts.face(font)
            self._choice[key] = f
        return f


_cache: dict[int, tuple[object, Metrics, FaceChooser]] = {}
_lock = threading.Lock()


def for_fonts(fonts: "FontSet") -> tuple[Metrics, FaceChooser]:
    """The Metrics and FaceChooser of a FontSet, shared by every layout in a process."""
    with _lock:
        hit = _cache.get(id(fonts))
        if hit is None or hit[0] is not fonts:
            if len(_cache) >= 8:
                _cache.clear()
            hit = _cache[id(fonts)] = (fonts, Metrics(fonts), FaceChooser(fonts))
    return hit[1], hit[2]


def resolved(fonts: "FontSet", path: str, index: int) -> "ResolvedFont":
    """The ResolvedFont of a face of the set (for a drawer that embeds a display list's
    FaceRef); KeyError when the set has no such face."""
    for role in fonts.chains:
        for f in fonts.chain(role):
            if str(f.path) == path and f.index == index:
                return f
        latin = fonts.latin_face(role)
        if latin is not None and str(latin.path) == path and latin.index == index:
            return latin
    raise KeyError((path, index))
