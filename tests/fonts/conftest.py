"""Small fonts built once per test run from the installed Debian fonts: subsets renamed
with fontTools, so tests can place "official" fonts in a --font-dir quickly."""

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


@pytest.fixture(scope="session")
def sample_chars(seed_path: Path) -> str:
    text = seed_path.read_text("utf-8")
    masthead = seed_path.parent / "union-work-bulletin-masthead.txt"
    if masthead.is_file():
        text += masthead.read_text("utf-8")
    return "".join(sorted({c for c in text + ASCII + COMMON if not c.isspace()}))


@pytest.fixture(scope="session")
def fangsong_dir(tmp_path_factory, sample_chars: str) -> Path:
    """A folder holding a font whose name table says 仿宋_GB2312 (AR PL UMing, renamed)."""
    d = tmp_path_factory.mktemp("official-fonts")
    make_font(need(UMING), 0, sample_chars, d / "fsgb2312.ttf", "FangSong_GB2312", "仿宋_GB2312")
    return d


@pytest.fixture(scope="session")
def fallback_dir(tmp_path_factory) -> Path:
    """Two fonts: "Fallback Test A" lacks 吉 and 祥, "Fallback Test B" has 吉 (not 祥)."""
    d = tmp_path_factory.mktemp("fallback-fonts")
    make_font(need(UMING), 0, COMMON + ASCII, d / "a.ttf", "Fallback Test A")
    make_font(need(UMING), 0, COMMON + "吉", d / "b.ttf", "Fallback Test B")
    return d


@pytest.fixture(scope="session")
def cff_font(tmp_path_factory) -> Path:
    """A small CFF-outline font: Noto Serif CJK SC subset to a few dozen characters."""
    d = tmp_path_factory.mktemp("cff-font")
    return make_font(need(NOTO_SERIF), NOTO_SERIF_SC, COMMON + ASCII, d / "cfftest.otf",
                     "CFF Test Serif")


@pytest.fixture(autouse=True)
def no_user_fonts(tmp_path_factory, monkeypatch):
    """Keep the machine's per-user font folder out of every test, and start from empty caches."""
    from bulletin_export.fonts import clear_caches

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    clear_caches(metrics=False)  # test fonts get fresh paths, so cmaps read so far stay valid
    yield
    clear_caches(metrics=False)
