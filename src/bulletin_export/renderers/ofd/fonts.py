"""The faces of a display list as embedded OFD fonts.

Each face is embedded as a single-face TrueType subset made by ``fonts/`` (the same
per-document subsets the PDF embeds: cmap, head, hhea, hmtx, maxp, name, OS/2, post,
glyf/loca; CFF faces such as Noto CJK converted to TrueType outlines there). FontName
and FamilyName are the true family of the face inside (AR PL UMing CN, Liberation
Serif...), never the official font it stands in for: viewers that pick a system font by
name must find the face that is embedded, or a font they lack.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import FontError

if TYPE_CHECKING:  # pragma: no cover
    from ...fonts import FontSet, ResolvedFont
    from ...layout.display import DisplayList, FaceRef

#: Font roles whose faces have serifs (written as Serif="true" to help a substituting viewer).
SERIF_ROLES = ("fangsong", "xiaobiaosong", "kaiti", "songti", "latin-serif")


@dataclass
class EmbeddedFont:
    id: int
    key: str  # FaceRef.key
    family: str
    file: str  # the file name inside Res/
    data: bytes
    face: "ResolvedFont"
    ascent: float  # head yMax / unitsPerEm: above the baseline, no glyph of the face reaches higher
    descent: float  # head yMin / unitsPerEm (negative)
    serif: bool
    bold: bool  # the face itself is bold (its style says so)

    def ink_x(self, ch: str, size: float) -> tuple[float, float]:
        """(left, right) of what a glyph may cover from its origin, in pt: its ink box
        and its advance (a reader may clip at either)."""
        adv = self.face.advance(ch, size) if self.face.has(ch) else size
        box = self.face.bounds(ch)
        if box is None:
            return 0.0, adv
        return min(0.0, box[0] * size), max(adv, box[2] * size)


def head_box(data: bytes) -> tuple[int, int, int]:
    """(unitsPerEm, yMin, yMax) from the 'head' table of a TrueType font's bytes."""
    num = struct.unpack_from(">H", data, 4)[0]
    for i in range(num):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"head":
            upem = struct.unpack_from(">H", data, offset + 18)[0] or 1000
            y_min = struct.unpack_from(">h", data, offset + 38)[0]
            y_max = struct.unpack_from(">h", data, offset + 42)[0]
            return upem, y_min, y_max
    raise FontError("font subset without a 'head' table")


def resolved(fonts: "FontSet", ref: "FaceRef") -> "ResolvedFont":
    """The ResolvedFont behind a FaceRef (its metrics, bounds and subsets)."""
    from ...fonts import ResolvedFont

    for chain in fonts.chains.values():
        for f in chain:
            if str(f.path) == ref.path and f.index == ref.index:
                return f
    for f in fonts.latin.values():
        if f is not None and str(f.path) == ref.path and f.index == ref.index:
            return f
    # a face the style does not list (a hand-made display list): read it as it is
    from ...fonts import subset

    try:
        subset.face(ref.path, ref.index)
        is_cff = False
    except FontError:
        is_cff = True
    return ResolvedFont(Path(ref.path), ref.index, ref.family, "", "display list", ref.family,
                        is_cff=is_cff)


def embed(dl: "DisplayList", fonts: "FontSet", ids) -> dict[str, EmbeddedFont]:
    """One embedded subset per face the display list draws with, in FaceRef key order of use."""
    out: dict[str, EmbeddedFont] = {}
    used = [k for k in dl.faces if dl.chars(k)]
    for key in used:
        ref = dl.faces[key]
        face = resolved(fonts, ref)
        path, _ = face.truetype_for(dl.chars(key))
        data = Path(path).read_bytes()
        upem, y_min, y_max = head_box(data)
        fid = ids.next()
        out[key] = EmbeddedFont(
            id=fid, key=key, family=ref.family, file=f"font_{fid}.ttf", data=data, face=face,
            ascent=y_max / upem, descent=y_min / upem, serif=ref.role_font in SERIF_ROLES,
            bold="bold" in face.style.lower())
    return out
