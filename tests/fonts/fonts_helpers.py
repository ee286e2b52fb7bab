"""Helpers for the font tests (a module of its own: test folders have no __init__.py, so
`from conftest import ...` may find another folder's conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
NOTO_SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
NOTO_SERIF_SC = 2  # face index of the SC face in the collection

ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
COMMON = "一二三四五六七八九十中国工会工作简报第期总编印日月年市省职工动态测试【】（）《》“”，。、；：？！—…·"


def need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is not installed")
    return path


def rename(font, family: str, family_zh: str | None = None, style: str = "Regular") -> None:
    """Give a font new family / full / PostScript names (English, and Chinese when given)."""
    name = font["name"]
    for nid in (1, 2, 3, 4, 6, 16, 17, 21):
        name.removeNames(nameID=nid)
    full = family if style == "Regular" else f"{family} {style}"
    for text, lang in ((family, 0x409), (family_zh, 0x804)):
        if text is None:
            continue
        name.setName(text, 1, 3, 1, lang)
        name.setName(style, 2, 3, 1, lang)
        name.setName(text if style == "Regular" else f"{text} {style}", 4, 3, 1, lang)
    name.setName(full, 3, 3, 1, 0x409)
    name.setName("".join(full.split()).replace("_", "-")[:60], 6, 3, 1, 0x409)


def make_font(src: Path, index: int, chars: str, out: Path, family: str,
              family_zh: str | None = None) -> Path:
    """Subset face `index` of `src` to `chars`, rename it, save it to `out`."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(src), fontNumber=index)
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.layout_features = []
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes={ord(c) for c in chars})
    sub.subset(font)
    rename(font, family, family_zh)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return out
