"""Font resolution: search order, name matching, per-character fallback, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bulletin_export.errors import FontError, UsageError
from bulletin_export.fonts import clear_caches, resolve_fonts
from bulletin_export.fonts.names import normalize, read_faces
from bulletin_export.stylesheet import load_style

from fonts_helpers import UMING, make_font, need




def style_with(tmp_path: Path, body: str) -> "object":
    p = tmp_path / "s.toml"
    p.write_text('base = "bulletin"\n' + body, "utf-8")
    return load_style(p)


def test_debian_fonts_resolve_every_role():
    fs = resolve_fonts(load_style(None))
    assert fs.missing_roles == []
    body = fs.face("fangsong")  # the measured smallest free Song face (styles/bulletin.toml)
    assert (body.family, body.style, body.index, body.is_cff) == \
        ("Noto Serif CJK SC", "Regular", 2, True)
    assert fs.face("kaiti").family == "AR PL UKai CN"
    assert fs.face("heiti").family == "WenQuanYi Zen Hei"
    xbs = fs.face("xiaobiaosong")
    assert (xbs.family, xbs.style, xbs.index, xbs.is_cff) == ("Noto Serif CJK SC", "Bold", 2, True)
    # the official names were tried first, and the answer says why they failed
    assert fs.face("fangsong").tried[0] == "仿宋_GB2312: not found"
    # a style role is accepted where a font role is expected
    assert fs.face("body") == fs.face("fangsong")


def test_official_font_in_font_dir_wins(fangsong_dir: Path):
    fs = resolve_fonts(load_style(None), font_dirs=[fangsong_dir])
    face = fs.face("fangsong")
    assert face.path == (fangsong_dir / "fsgb2312.ttf").resolve()
    assert face.matched == "仿宋_GB2312"
    assert face.tried == ()
    assert face.origin.startswith("font-dir")
    # the stand-in is still the next in the chain
    assert fs.chain("fangsong")[1].family == "Noto Serif CJK SC"


def test_first_font_dir_wins_over_later_ones_and_user_folder(tmp_path, fangsong_dir, monkeypatch):
    second = tmp_path / "second"
    second.mkdir()
    shutil.copy(fangsong_dir / "fsgb2312.ttf", second / "copy.ttf")
    user = tmp_path / "data" / "bulletin-export" / "fonts"
    user.mkdir(parents=True)
    shutil.copy(fangsong_dir / "fsgb2312.ttf", user / "user.ttf")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    clear_caches()
    style = load_style(None)
    assert resolve_fonts(style).face("fangsong").origin.startswith("user")
    assert resolve_fonts(style, [second, fangsong_dir]).face("fangsong").path.name == "copy.ttf"
    assert resolve_fonts(style, [fangsong_dir, second]).face("fangsong").path.name == "fsgb2312.ttf"


def test_candidate_order_beats_location_order(tmp_path, fallback_dir):
    # "AR PL UMing CN" (system) is listed before "Fallback Test A" (font-dir): order of the list wins
    style = style_with(tmp_path, '[fonts.fangsong]\ncandidates = ["No Such Font", "AR PL UMing CN", '
                                 '"Fallback Test A"]\n')
    face = resolve_fonts(style, [fallback_dir]).face("fangsong")
    assert face.family == "AR PL UMing CN"
    assert face.tried == ("No Such Font: not found",)


def test_names_match_any_language_case_and_spaces_and_ttc_index(tmp_path):
    style = style_with(tmp_path, '[fonts.heiti]\ncandidates = ["文泉驿正黑"]\n'
                                 '[fonts.kaiti]\ncandidates = ["ar pl ukaitw"]\n'
                                 '[fonts.songti]\ncandidates = ["NotoSerifCJKsc-Regular"]\n')
    fs = resolve_fonts(style)
    assert fs.face("heiti").family == "WenQuanYi Zen Hei"
    assert (fs.face("kaiti").family, fs.face("kaiti").index) == ("AR PL UKai TW", 2)
    songti = fs.face("songti")
    assert (songti.family, songti.style, songti.index) == ("Noto Serif CJK SC", "Regular", 2)
    assert normalize(" AR PL  UMing CN ") == normalize("ar pl uming cn")


def test_family_name_prefers_regular_weight_and_full_name_picks_the_face(tmp_path):
    style = style_with(tmp_path, '[fonts.heiti]\ncandidates = ["Noto Sans CJK SC"]\n'
                                 '[fonts.songti]\ncandidates = ["Noto Sans CJK SC Bold"]\n')
    fs = resolve_fonts(style)
    assert fs.face("heiti").style == "Regular"
    assert fs.face("songti").style == "Bold"


def test_localized_names_are_all_read(fangsong_dir):
    (face,) = read_faces(fangsong_dir / "fsgb2312.ttf")
    assert {"仿宋_gb2312", "fangsong_gb2312"} <= face.names
    assert face.cjk and not face.is_cff


def test_per_character_fallback(tmp_path, fallback_dir):
    style = style_with(tmp_path, '[fonts.fangsong]\ncandidates = ["Fallback Test A", '
                                 '"Fallback Test B"]\n')
    fs = resolve_fonts(style, [fallback_dir])
    a, b = fs.chains["fangsong"]
    assert (a.family, b.family) == ("Fallback Test A", "Fallback Test B")
    assert fs.face_for_char("fangsong", "中") == a
    assert ord("吉") not in a.cmap
    assert fs.face_for_char("body", "吉") == b
    # in neither: the other roles' fonts are next (xiaobiaosong comes second in the sheet)
    assert fs.face_for_char("fangsong", "祥") == fs.face("xiaobiaosong")
    assert fs.face_for_char("fangsong", "\ue000") is None


def test_metrics(fangsong_dir):
    face = resolve_fonts(load_style(None), [fangsong_dir]).face("fangsong")
    assert face.advance("中", 16) == pytest.approx(16.0)
    assert face.advance("A", 16) == pytest.approx(8.0)
    with pytest.raises(KeyError):
        face.advance("\ue000", 16)
    assert 0.7 < face.ascent < 1.2 and -0.4 < face.descent < 0


def test_no_font_for_a_role_is_an_error_listing_what_was_tried(tmp_path):
    style = style_with(tmp_path, '[fonts.kaiti]\ncandidates = ["Nope One", "Nope Two"]\n')
    with pytest.raises(FontError) as exc:
        resolve_fonts(style)
    msg = str(exc.value)
    assert "kaiti" in msg and "楷体_GB2312" in msg
    assert "Nope One: not found" in msg and "Nope Two: not found" in msg
    fs = resolve_fonts(style, strict=False)
    assert fs.missing_roles == ["kaiti"]
    with pytest.raises(FontError):
        fs.face("kaiti")


def test_a_latin_only_font_is_passed_over(tmp_path):
    style = style_with(tmp_path, '[fonts.songti]\ncandidates = ["DejaVu Sans", "AR PL UMing CN"]\n')
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file():
        pytest.skip("DejaVu Sans not installed")
    face = resolve_fonts(style).face("songti")
    assert face.family == "AR PL UMing CN"
    assert "no Chinese characters" in face.tried[0]


def test_missing_font_dir_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="font folder not found"):
        resolve_fonts(load_style(None), [tmp_path / "nowhere"])


def test_resolution_is_cached_per_style_and_dirs(fangsong_dir):
    style = load_style(None)
    assert resolve_fonts(style) is resolve_fonts(load_style(None))
    assert resolve_fonts(style, [fangsong_dir]) is resolve_fonts(style, [str(fangsong_dir)])
    assert resolve_fonts(style, [fangsong_dir]) is not resolve_fonts(style)


def test_unreadable_font_file_is_skipped(tmp_path):
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01\x00\x00garbage")
    (tmp_path / "empty.ttc").write_bytes(b"")
    fs = resolve_fonts(load_style(None), [tmp_path])
    assert fs.face("fangsong").family == "Noto Serif CJK SC"


def test_a_rebuilt_font_is_read_again(tmp_path):
    need(UMING)
    make_font(UMING, 0, "中文", tmp_path / "x.ttf", "Rebuilt Font")
    style = style_with(tmp_path, '[fonts.songti]\ncandidates = ["Rebuilt Font", "AR PL UMing CN"]\n')
    assert ord("吉") not in resolve_fonts(style, [tmp_path]).face("songti").cmap
    make_font(UMING, 0, "中文吉", tmp_path / "x.ttf", "Rebuilt Font")
    clear_caches()
    assert ord("吉") in resolve_fonts(style, [tmp_path]).face("songti").cmap


def test_font_set_pickles_for_worker_processes():
    import pickle

    fs = resolve_fonts(load_style(None))
    fs.face_for_char("body", "中")
    copy = pickle.loads(pickle.dumps(fs))
    assert copy.face("body") == fs.face("body")
    assert copy.chain("heiti") == fs.chain("heiti")


def test_latin_faces(tmp_path):
    if not any(Path("/usr/share/fonts/truetype").glob("liberation*/LiberationSerif-Regular.ttf")):
        pytest.skip("Liberation Serif not installed")
    fs = resolve_fonts(load_style(None))
    latin = fs.latin_face("body")
    assert (latin.family, latin.matched) == ("Liberation Serif", "Liberation Serif")
    assert latin.tried == ("Times New Roman: not found",)
    assert latin.advance("A", 16) == pytest.approx(16 * 1479 / 2048, abs=0.01)  # Times metrics
    style = style_with(tmp_path, '[fonts.fangsong]\nlatin_candidates = []\n')
    assert resolve_fonts(style).latin_face("fangsong") is None
