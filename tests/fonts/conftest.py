"""Small fonts built once per test run from the installed Debian fonts: subsets renamed
with fontTools, so tests can place "official" fonts in a --font-dir quickly."""

from __future__ import annotations

from pathlib import Path

import pytest

from fonts_helpers import ASCII, COMMON, NOTO_SERIF, NOTO_SERIF_SC, UMING, make_font, need


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
