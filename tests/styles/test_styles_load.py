"""Style sheets: the default, units, inheritance, error messages, listing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_export.cli import app
from bulletin_export.errors import StyleError
from bulletin_export.stylesheet import ROLE_KEYS, list_styles, load_style, parse_length

MM = 72 / 25.4


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, "utf-8")
    return p


@pytest.fixture(autouse=True)
def no_user_styles(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))


def test_default_follows_the_format():
    s = load_style(None)
    assert (s.name, s.path.name) == ("bulletin", "bulletin.toml")
    assert s.page.width == pytest.approx(595.28, abs=0.01)
    assert s.page.height == pytest.approx(841.89, abs=0.01)
    assert s.page.margin_top == pytest.approx(37 * MM, abs=1e-3)
    assert s.page.margin_bottom == pytest.approx(35 * MM, abs=1e-3)
    assert s.page.margin_left == pytest.approx(28 * MM, abs=1e-3)
    assert s.page.margin_right == pytest.approx(26 * MM, abs=1e-3)
    assert (s.page.chars_per_line, s.page.lines_per_page) == (28, 22)
    assert (s.page.line_pitch, s.page.body_size) == (28.95, 16.0)
    assert s.block_width == pytest.approx(156 * MM, abs=1e-3)
    assert s.block_height == pytest.approx(225 * MM, abs=1e-3)
    assert s.char_pitch == pytest.approx(15.79, abs=0.01)
    assert s.page.lines_per_page * s.page.line_pitch <= s.block_height
    assert set(s.roles) == set(ROLE_KEYS)
    body = s.roles["body"]
    assert (body.font, body.size, body.align, body.first_indent) == ("fangsong", 16, "justify", 2)
    name = s.roles["masthead_name"]
    assert (name.font, name.color, name.align, name.lines) == ("xiaobiaosong", "#FF0000", "center", 2)
    assert (s.roles["title"].size, s.roles["title"].font) == (22, "xiaobiaosong")
    assert (s.roles["end_block"].size, s.roles["end_block"].indent_left) == (14, 1)
    assert s.roles["page_number"].font == "songti"
    assert s.fonts["fangsong"].official == "仿宋_GB2312"
    assert s.fonts["fangsong"].candidates[:2] == ("仿宋_GB2312", "FangSong_GB2312")
    assert s.fonts["xiaobiaosong"].official == "方正小标宋简体"
    assert s.fonts["heiti"].latin == "Times New Roman"
    assert s.rules.end_thick == pytest.approx(0.35 * MM, abs=1e-3)
    assert s.rules.end_thin == pytest.approx(0.25 * MM, abs=1e-3)
    assert s.page_number.format == "— {n} —"
    assert (s.page_number.odd, s.page_number.even, s.page_number.first_page) == ("right", "left", True)
    assert s.page_number.below_block == pytest.approx(7 * MM, abs=1e-3)
    assert s.colors["red"] == "#FF0000"
    assert s.source_placement == "inline"


def test_style_is_frozen_and_hashable():
    s = load_style(None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        s.roles["body"] = s.roles["title"]  # type: ignore[index]
    assert hash(s) == hash(load_style("bulletin")) and s == load_style("bulletin")


@pytest.mark.parametrize("value, points", [
    (16, 16.0), (10.5, 10.5), ("16pt", 16.0), ("5.6mm", 5.6 * MM), ("1.2cm", 12 * MM),
    ("2in", 144.0), (" 3 mm ", 3 * MM), ("初号", 42), ("小初", 36), ("一号", 26), ("小一", 24),
    ("二号", 22), ("小二", 18), ("三号", 16), ("小三", 15), ("四号", 14), ("小四", 12),
    ("五号", 10.5), ("小五", 9),
])
def test_lengths(value, points):
    assert parse_length(value) == pytest.approx(points, abs=1e-3)


@pytest.mark.parametrize("value", ["12em", "mm", "三號", True, [1], "1.2.3mm"])
def test_bad_lengths(value):
    with pytest.raises(ValueError):
        parse_length(value)


def test_inheritance_merges_tables_key_by_key(tmp_path):
    p = write(tmp_path, "office.toml", 'base = "bulletin"\ndescription = "our office"\n'
              '[page]\nmargin_top = "40mm"\n[roles.title]\nsize = "小二"\n'
              '[fonts.fangsong]\ncandidates = ["Our FangSong"]\n')
    s = load_style(p)
    d = load_style(None)
    assert (s.name, s.description) == ("office", "our office")
    assert s.page.margin_top == pytest.approx(40 * MM, abs=1e-3)
    assert s.page.margin_left == d.page.margin_left
    assert s.roles["title"].size == 18
    assert s.roles["title"].align == "center" and s.roles["title"].font == "xiaobiaosong"
    assert s.roles["body"] == d.roles["body"]
    assert s.fonts["fangsong"].candidates == ("Our FangSong",)  # lists are replaced
    assert s.fonts["fangsong"].official == "仿宋_GB2312"


def test_base_by_relative_path_and_chains(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path, "parent.toml", 'base = "bulletin"\n[roles.body]\nsize = "小三"\n')
    child = write(tmp_path / "sub", "child.toml", 'base = "../parent.toml"\n'
                  '[roles.body]\ncolor = "red"\n')
    s = load_style(child)
    assert (s.roles["body"].size, s.roles["body"].color) == (15, "#FF0000")
    assert s.roles["body"].first_indent == 2


def test_shipped_variant_inherits():
    s = load_style("bulletin-compact")
    assert s.roles["masthead_name"].size == 36
    assert s.rules.masthead_second > 0 and s.source_placement == "own_line"
    assert s.page == load_style(None).page


def error(tmp_path: Path, text: str, name: str = "bad.toml") -> StyleError:
    with pytest.raises(StyleError) as exc:
        load_style(write(tmp_path, name, text))
    return exc.value


def test_unknown_key_names_file_line_key_and_suggests(tmp_path):
    e = error(tmp_path, 'base = "bulletin"\n\n[roles.body]\nsize = 16\ncolour = "red"\n')
    assert str(e).startswith(f"{tmp_path / 'bad.toml'}:5: roles.body.colour: unknown key")
    assert "did you mean 'color'?" in str(e)
    e = error(tmp_path, 'base = "bulletin"\n[roles.boddy]\nsize = 16\n')
    assert e.line == 2 and "roles.boddy: unknown key" in str(e) and "'body'" in str(e)
    e = error(tmp_path, 'base = "bulletin"\n[page]\nmargin_tpo = "3mm"\n')
    assert "page.margin_tpo" in str(e) and "margin_top" in str(e)
    e = error(tmp_path, 'base = "bulletin"\ndescripton = "x"\n')
    assert e.line == 2 and "'description'" in str(e)


def test_bad_unit_names_file_line_and_key(tmp_path):
    e = error(tmp_path, 'base = "bulletin"\n[roles.title]\nsize = "22em"\n')
    assert (e.file, e.line) == (str(tmp_path / "bad.toml"), 3)
    assert "roles.title.size: bad length" in e.message and "'em'" in e.message
    e = error(tmp_path, 'base = "bulletin"\n[page]\nmargin_left = "二十八毫米"\n')
    assert "page.margin_left" in e.message


def test_bad_values(tmp_path):
    assert "not one of" in error(tmp_path, 'base = "bulletin"\n[roles.body]\nalign = "centre"\n').message
    assert "bad colour" in error(tmp_path, 'base = "bulletin"\n[roles.body]\ncolor = "crimson"\n').message
    e = error(tmp_path, 'base = "bulletin"\n[roles.body]\nfont = "fangsung"\n')
    assert "unknown font role" in e.message and "fangsong" in str(e)
    assert "whole number" in error(tmp_path, 'base = "bulletin"\n[page]\nchars_per_line = 27.5\n').message
    assert "{n}" in error(tmp_path, 'base = "bulletin"\n[page_number]\nformat = "- x -"\n').message
    assert "no room" in error(tmp_path, 'base = "bulletin"\n[page]\nmargin_left = "200mm"\n').message
    assert "must be above 0" in error(tmp_path, 'base = "bulletin"\n[roles.body]\nsize = -5\n').message
    assert "must be above 0" in error(tmp_path, 'base = "bulletin"\n[roles.body]\nsize = 0\n').message
    assert "at least 0" in error(tmp_path, 'base = "bulletin"\n[rules]\nend_thin = "-1mm"\n').message
    assert "at least 0" in error(tmp_path, 'base = "bulletin"\n[roles.body]\nfirst_indent = -2\n').message


def test_missing_base(tmp_path):
    e = error(tmp_path, 'base = "bulletn"\n')
    assert e.line == 1 and "base style 'bulletn' not found" in e.message
    assert "bulletin" in e.hint
    e = error(tmp_path, 'base = "./nowhere.toml"\n')
    assert "not found" in e.message


def test_base_cycle(tmp_path):
    write(tmp_path, "a.toml", 'base = "b.toml"\n')
    write(tmp_path, "b.toml", '# b\nbase = "./a.toml"\n')
    with pytest.raises(StyleError) as exc:
        load_style(tmp_path / "a.toml")
    assert "base cycle: a.toml -> b.toml -> a.toml" in exc.value.message
    assert exc.value.line == 2 and exc.value.file.endswith("b.toml")


def test_missing_required_key_without_base(tmp_path):
    e = error(tmp_path, 'description = "no page"\n')
    assert "page.width: missing" in e.message


def test_invalid_toml_and_unknown_style(tmp_path):
    e = error(tmp_path, 'base = "bulletin"\n[roles.body\n')
    assert e.line == 2 and "not valid TOML" in e.message
    with pytest.raises(StyleError, match="style 'nope' not found"):
        load_style("nope")


def test_list_and_user_styles(tmp_path, monkeypatch):
    names = {n: (d, p) for n, d, p in list_styles()}
    assert {"bulletin", "bulletin-compact"} <= set(names)
    assert "default" in names["bulletin"][0]
    user = tmp_path / "cfg" / "bulletin-export" / "styles"
    user.mkdir(parents=True)
    write(user, "mine.toml", 'base = "bulletin"\ndescription = "my office"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert ("mine", "my office", user / "mine.toml") in list_styles()
    assert load_style("mine").description == "my office"


def test_styles_command(tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["styles"])
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert any(l.startswith("bulletin ") and "default" in l for l in lines)
    assert any(l.startswith("bulletin-compact ") for l in lines)
    res = runner.invoke(app, ["styles", "bulletin"])
    assert res.exit_code == 0 and "body" in res.output and "仿宋_GB2312" in res.output
    bad = write(tmp_path, "bad.toml", 'base = "bulletin"\n[roles.body]\ncolour = "red"\n')
    res = runner.invoke(app, ["styles", str(bad)])
    assert res.exit_code == 2
    assert res.output.count("\n") == 1 and "bulletin-export: error:" in res.output
