"""The on-disk metrics and face caches, and subsets cut from raw TrueType tables."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from bulletin_export.fonts import cache, resolve_fonts, subset
from bulletin_export.fonts.names import read_faces
from bulletin_export.stylesheet import load_style

from fonts_helpers import UMING, need


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "bulletin-export"


@pytest.fixture
def font_copy(fangsong_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the renamed UMing subset (so tests may touch its mtime)."""
    dst = tmp_path / "fonts" / "fs.ttf"
    dst.parent.mkdir()
    shutil.copy(fangsong_dir / "fsgb2312.ttf", dst)
    return dst


def test_metrics_cache_matches_fonttools_and_is_reused(font_copy: Path, cache_home: Path):
    before = cache.misses["metrics"]
    first = cache.metrics(str(font_copy), 0)
    assert cache.misses["metrics"] == before + 1
    assert list((cache_home / "metrics").iterdir())
    again = cache.metrics(str(font_copy), 0)
    assert cache.misses["metrics"] == before + 1  # read from disk, not from the font
    font = TTFont(str(font_copy))
    best = font.getBestCmap()
    assert again.cmap == frozenset(best)
    assert all(again.has(cp) for cp in best)
    assert not any(again.has(cp) for cp in (0, 0xE000, 0x10FFFF) if cp not in best)
    assert dict(zip(again.codepoints, again.advances)) == {cp: font["hmtx"][g][0] for cp, g in best.items()}
    assert dict(zip(again.codepoints, again.glyph_ids)) == {cp: font.getGlyphID(g) for cp, g in best.items()}
    assert (again.upem, again.ascent, again.descent) == (first.upem, first.ascent, first.descent)
    assert again.ascent == font["hhea"].ascent / font["head"].unitsPerEm


def test_metrics_cache_follows_the_file(font_copy: Path, cache_home: Path):
    cache.metrics(str(font_copy), 0)
    before = cache.misses["metrics"]
    st = font_copy.stat()
    os.utime(font_copy, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    cache.metrics(str(font_copy), 0)
    assert cache.misses["metrics"] == before + 1  # a changed file is read again


def test_damaged_cache_entries_are_ignored(font_copy: Path, cache_home: Path):
    good = cache.metrics(str(font_copy), 0)
    (entry,) = (cache_home / "metrics").iterdir()
    entry.write_bytes(entry.read_bytes()[:-7])
    before = cache.misses["metrics"]
    again = cache.metrics(str(font_copy), 0)
    assert (again.codepoints, again.advances) == (good.codepoints, good.advances)
    assert cache.misses["metrics"] == before + 1
    assert cache.decode_metrics(b"garbage") is None


def test_unwritable_cache_still_gives_metrics(font_copy: Path, tmp_path: Path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert ord("中") in cache.metrics(str(font_copy), 0).cmap


def test_face_scan_cache_round_trips(font_copy: Path, cache_home: Path):
    read = read_faces(font_copy)
    before = cache.misses["faces"]
    assert cache.faces(font_copy, read_faces) == read
    assert cache.faces(font_copy, read_faces) == read
    assert cache.misses["faces"] == before + 1


def test_subset_keeps_outlines_and_metrics(cache_home: Path):
    need(UMING)
    face = next(f for f in resolve_fonts(load_style(None)).chain("songti") if f.path == UMING)
    text = "工会简报，中国ABC１２３"
    path = subset.truetype_subset(face.path, face.index, map(ord, text))
    assert path.is_relative_to(cache_home / "subsets")
    small, big = TTFont(str(path)), TTFont(str(face.path), fontNumber=face.index, lazy=True)
    small_map, big_map = small.getBestCmap(), big.getBestCmap()
    assert set(small_map) == {ord(c) for c in text}
    assert small["maxp"].numGlyphs == len(set(text)) + 1  # .notdef and one glyph a character
    for ch in text:
        a, b = small["glyf"][small_map[ord(ch)]], big["glyf"][big_map[ord(ch)]]
        assert a.numberOfContours == b.numberOfContours
        if a.numberOfContours > 0:
            assert list(a.coordinates) == list(b.coordinates) and list(a.flags) == list(b.flags)
            assert len(a.program.getBytecode()) == 0  # hinting left out
        assert small["hmtx"][small_map[ord(ch)]] == big["hmtx"][big_map[ord(ch)]]
    ps = small["name"].getDebugName(6)
    assert ps.startswith("UMing") and ps != big["name"].getDebugName(6)
    assert small["name"].getDebugName(13) is None  # the long license text is not copied
    buf = io.BytesIO()
    small.save(buf)  # fontTools can compile it back


def test_subsets_are_reproducible_and_named_apart(cache_home: Path, tmp_path: Path, monkeypatch):
    face = resolve_fonts(load_style(None)).face("songti")  # AR PL UMing: TrueType outlines
    assert not face.is_cff
    one = subset.truetype_subset(face.path, face.index, map(ord, "工作动态"))
    before = subset.cuts["subset"]
    assert subset.truetype_subset(face.path, face.index, map(ord, "态动作工")) == one
    assert subset.cuts["subset"] == before  # same characters, the cached file
    other = subset.truetype_subset(face.path, face.index, map(ord, "工作"))
    names = {TTFont(str(p))["name"].getDebugName(6) for p in (one, other)}
    assert len(names) == 2
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    again = subset.truetype_subset(face.path, face.index, map(ord, "工作动态"))
    assert again != one and again.read_bytes() == one.read_bytes()


def test_reportlab_embeds_a_subset():
    from reportlab.pdfbase.ttfonts import TTFont as RLFont

    face = resolve_fonts(load_style(None)).face("fangsong")
    path, index = face.truetype_for("中文工会")
    rl = RLFont("bx-test-subset", str(path), subfontIndex=index)
    assert {ord(c) for c in "中文工会"} <= set(rl.face.charToGlyph)
    assert rl.face.charWidths[ord("中")] == pytest.approx(face.advance("中", 1000), abs=1)


def test_bounds_from_the_glyph_record():
    fs = resolve_fonts(load_style(None))
    for role in ("fangsong", "xiaobiaosong"):
        face = fs.face(role)
        x0, y0, x1, y1 = face.bounds("中")
        assert 0 <= x0 < x1 <= 1.0 and y0 < 0.2 < y1
        comma = face.bounds("，")
        assert comma[2] - comma[0] < 0.5  # a comma is narrow ink in a full-width cell
        assert face.bounds("\ue000") is None


def test_composite_glyphs_bring_their_components(cache_home: Path):
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    latin = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
    need(latin)
    text = "éÅñ"
    path = subset.truetype_subset(latin, 0, map(ord, text))
    small, big = TTFont(str(path)), TTFont(str(latin))
    assert any(small["glyf"][g].isComposite() for g in small.getGlyphOrder())
    for ch in text:
        drawn = []
        for font in (small, big):
            glyphs = font.getGlyphSet()
            pen = DecomposingRecordingPen(glyphs)
            glyphs[font.getBestCmap()[ord(ch)]].draw(pen)
            drawn.append(pen.value)
        assert drawn[0] == drawn[1], ch


def test_cff_subsets_match_the_fonttools_conversion(cff_font: Path, cache_home: Path):
    from fontTools.pens.recordingPen import RecordingPen

    from bulletin_export.fonts import cffglyphs, convert

    text = "工会简报中国"
    path = cffglyphs.truetype_subset(cff_font, 0, map(ord, text))
    ours, theirs = TTFont(str(path)), TTFont(str(convert.truetype_subset(cff_font, 0, map(ord, text))))
    assert "glyf" in ours and "CFF " not in ours and ours["maxp"].tableVersion == 0x00010000
    for ch in text:
        drawn = []
        for font in (ours, theirs):
            name = font.getBestCmap()[ord(ch)]
            pen = RecordingPen()
            font.getGlyphSet()[name].draw(pen)
            drawn.append((pen.value, font["hmtx"][name]))
        assert drawn[0] == drawn[1], ch


def test_cff_glyphs_are_converted_once(cff_font: Path, cache_home: Path, monkeypatch):
    from bulletin_export.fonts import cffglyphs

    monkeypatch.setattr(cffglyphs, "_stores", {})
    cffglyphs.truetype_subset(cff_font, 0, map(ord, "工会"))
    before = cffglyphs.converted["glyphs"]
    monkeypatch.setattr(cffglyphs, "_stores", {})  # a new process: only the disk cache is left
    cffglyphs.truetype_subset(cff_font, 0, map(ord, "会工中"))  # another set: one new glyph
    assert cffglyphs.converted["glyphs"] == before + 1
    (store,) = (cache_home / "cff-glyphs").iterdir()
    store.write_bytes(store.read_bytes()[:-3])  # a torn write loses the last glyph only
    monkeypatch.setattr(cffglyphs, "_stores", {})
    cffglyphs.truetype_subset(cff_font, 0, map(ord, "工会中国"))
    assert cffglyphs.converted["glyphs"] == before + 3


def test_characters_beyond_the_bmp_get_a_format_12_cmap(cache_home: Path):
    from bulletin_export.fonts import cffglyphs
    from fonts_helpers import NOTO_SERIF, NOTO_SERIF_SC

    need(NOTO_SERIF)
    cps = [0x20BB7, ord("中")]  # 𠮷 and 中
    path = cffglyphs.truetype_subset(NOTO_SERIF, NOTO_SERIF_SC, cps)
    font = TTFont(str(path))
    assert set(font.getBestCmap()) == set(cps)
    assert {(t.platformID, t.platEncID, t.format) for t in font["cmap"].tables} == {(3, 1, 4), (3, 10, 12)}


def test_unwritable_cache_puts_subsets_in_the_temp_folder(tmp_path: Path, monkeypatch):
    face = resolve_fonts(load_style(None)).face("songti")  # AR PL UMing: TrueType outlines
    assert not face.is_cff
    face.cmap  # metrics read while the cache is still writable
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    path, _ = face.truetype_for("工会简报")
    assert path.is_relative_to(tmp_path / "tmp") and path.stat().st_size > 0


def test_many_scattered_characters_fit_a_format_12_cmap(cache_home: Path):
    face = resolve_fonts(load_style(None)).face("songti")  # AR PL UMing: TrueType outlines
    assert not face.is_cff
    cps = list(cache.metrics(str(face.path), face.index).codepoints)[::2][:9000]
    if len(cps) < 9000:
        pytest.skip("the body face has too few characters")
    font = TTFont(str(subset.truetype_subset(face.path, face.index, cps)))
    assert set(font.getBestCmap()) == set(cps)  # too many segments for format 4


def test_subset_folder_is_pruned_least_recently_used_first(tmp_path):
    import os

    from bulletin_export.fonts import subset

    for i in range(12):
        f = tmp_path / f"face-0-{i:02d}.ttf"
        f.write_bytes(b"x")
        os.utime(f, (1000 + i, 1000 + i))
    os.utime(tmp_path / "face-0-00.ttf", (5000, 5000))  # used again lately
    assert subset.prune(tmp_path, keep=5) == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "face-0-00.ttf", "face-0-08.ttf", "face-0-09.ttf", "face-0-10.ttf", "face-0-11.ttf"]
