"""CFF to TrueType conversion: usable by reportlab, outlines kept, cached across runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from bulletin_export.fonts import convert, resolve_fonts
from bulletin_export.stylesheet import load_style


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "bulletin-export" / "fonts"


def test_subset_conversion_is_truetype_and_cached(cff_font: Path, cache: Path):
    cps = [ord(c) for c in "工会简报中国"]
    before = convert.conversions["subset"]
    out = convert.truetype_subset(cff_font, 0, cps)
    assert out.parent == cache
    assert convert.conversions["subset"] == before + 1
    mtime = out.stat().st_mtime_ns
    again = convert.truetype_subset(cff_font, 0, reversed(cps))
    assert again == out and out.stat().st_mtime_ns == mtime
    assert convert.conversions["subset"] == before + 1  # no second conversion
    font = TTFont(str(out))
    assert "glyf" in font and "CFF " not in font
    assert set(cps) <= set(font.getBestCmap())
    # another set of characters is another cache entry
    other = convert.truetype_subset(cff_font, 0, [ord("工")])
    assert other != out and convert.conversions["subset"] == before + 2


def test_converted_outlines_match_the_original(cff_font: Path, cache: Path):
    from fontTools.pens.boundsPen import BoundsPen

    out = convert.truetype_subset(cff_font, 0, [ord(c) for c in "国报"])
    src, dst = TTFont(str(cff_font)), TTFont(str(out))
    for ch in "国报":
        bounds = []
        for font in (src, dst):
            gs = font.getGlyphSet()
            pen = BoundsPen(gs)
            gs[font.getBestCmap()[ord(ch)]].draw(pen)
            bounds.append(pen.bounds)
            assert font["hmtx"][font.getBestCmap()[ord(ch)]][0] == 1000
        assert bounds[0] == pytest.approx(bounds[1], abs=2)


def test_reportlab_embeds_the_conversion(cff_font: Path, cache: Path, tmp_path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    from reportlab.pdfgen import canvas

    out = convert.truetype_subset(cff_font, 0, [ord(c) for c in "工会工作简报"])
    pdfmetrics.registerFont(RLFont("BXConvertTest", str(out)))
    c = canvas.Canvas(str(tmp_path / "x.pdf"))
    c.setFont("BXConvertTest", 22)
    c.drawString(72, 700, "工会工作简报")
    c.save()
    from pypdf import PdfReader

    assert "工会工作简报" in PdfReader(str(tmp_path / "x.pdf")).pages[0].extract_text()


def test_resolved_cff_face_gives_a_truetype_file(cff_font: Path, cache: Path, tmp_path: Path):
    sheet = tmp_path / "s.toml"
    sheet.write_text('base = "bulletin"\n[fonts.xiaobiaosong]\ncandidates = ["CFF Test Serif"]\n',
                     "utf-8")
    face = resolve_fonts(load_style(sheet), [cff_font.parent]).face("xiaobiaosong")
    assert face.is_cff
    path, index = face.truetype_for("工会简报\ue000")  # characters the face lacks are left out
    assert index == 0 and "glyf" in TTFont(str(path))
    assert face.truetype_for("简报会工") == (path, 0)  # same set, same cached file


def test_truetype_faces_give_a_small_subset(cache: Path):
    face = resolve_fonts(load_style(None)).face("songti")  # AR PL UMing (the body is CFF)
    assert not face.is_cff
    path, index = face.truetype_for("中文\ue000")  # characters the face lacks are left out
    assert index == 0 and path != face.path and path.stat().st_size < 100_000
    assert set(TTFont(str(path)).getBestCmap()) == {ord("中"), ord("文")}


def test_conversion_bytes_do_not_depend_on_when_or_where(cff_font: Path, tmp_path: Path,
                                                         monkeypatch):
    cps = [ord(c) for c in "工作动态"]
    outs = []
    for name in ("one", "two"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / name))
        outs.append(convert.truetype_subset(cff_font, 0, cps))
    assert outs[0] != outs[1] and outs[0].read_bytes() == outs[1].read_bytes()


def test_unwritable_cache_falls_back_to_the_temp_folder(cff_font: Path, tmp_path: Path,
                                                        monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    before = convert.conversions["subset"]
    out = convert.truetype_subset(cff_font, 0, [ord("会")])
    assert out.is_relative_to(tmp_path / "tmp")
    assert convert.truetype_subset(cff_font, 0, [ord("会")]) == out
    assert convert.conversions["subset"] == before + 1
