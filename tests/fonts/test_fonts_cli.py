"""`bulletin-export fonts`: per-role report, coverage verdict and exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_export.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()




def section(output: str, role: str) -> str:
    """The lines of the report about one font role."""
    start = output.index(f"\n{role}: ")
    end = output.find("\n\n", start + 1)
    return output[start:end if end > 0 else None]


def test_report_names_file_face_origin_and_tried(seed_path):
    res = runner.invoke(app, ["fonts", str(seed_path)])
    assert res.exit_code == 0, res.output
    body = section(res.output, "fangsong")
    assert "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc" in body
    assert "face:  2 (Noto Serif CJK SC" in body
    assert "found: fontconfig" in body or "found: system" in body
    assert "仿宋_GB2312: not found" in body
    assert "NotoSerifCJK-Regular.ttc" not in section(res.output, "heiti")
    assert "CFF outlines" in section(res.output, "xiaobiaosong")
    assert "coverage: every character has a font" in res.output


def test_official_font_from_font_dir_is_reported(fangsong_dir, seed_path):
    res = runner.invoke(app, ["fonts", "--font-dir", str(fangsong_dir), str(seed_path)])
    assert res.exit_code == 0, res.output
    body = section(res.output, "fangsong")
    assert str((fangsong_dir / "fsgb2312.ttf").resolve()) in body
    assert "found: font-dir" in body and "as '仿宋_GB2312'" in body
    assert "tried before it" not in body


def test_missing_characters_exit_1_with_their_position(tmp_path):
    src = tmp_path / "bad.txt"
    src.write_text("【工作动态】\n测试标题\n\n正文一段\ue000内容。\n", "utf-8")
    res = runner.invoke(app, ["fonts", str(src)])
    assert res.exit_code == 1, res.output
    assert f"{src}:4:5: error[BX401]" in res.output
    assert "coverage: 1 character(s) have no font" in res.output


def test_role_without_font_exits_1(tmp_path):
    sheet = tmp_path / "s.toml"
    sheet.write_text('base = "bulletin"\n[fonts.kaiti]\ncandidates = ["Nope"]\n', "utf-8")
    res = runner.invoke(app, ["fonts", "--style", str(sheet)])
    assert res.exit_code == 1
    assert "NO FONT FOUND" in section(res.output, "kaiti") and "Nope: not found" in res.output


def test_bad_style_and_bad_font_dir_are_one_line_errors(tmp_path):
    res = runner.invoke(app, ["fonts", "--style", "no-such-style"])
    assert res.exit_code == 2 and "style 'no-such-style' not found" in res.output
    res = runner.invoke(app, ["fonts", "--font-dir", str(tmp_path / "nope")])
    assert res.exit_code == 2 and "font folder not found" in res.output
    assert "Traceback" not in res.output


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig not installed")
def test_fontconfig_aliases_send_official_names_to_stand_ins_or_real_fonts(tmp_path, fangsong_dir):
    conf = tmp_path / "fonts.conf"
    shutil.copy(ROOT / "fonts" / "fonts.conf", conf)

    def match(family: str) -> str:
        env = dict(os.environ, FONTCONFIG_FILE=str(conf), XDG_CACHE_HOME=str(tmp_path / "fc"))
        return subprocess.run(["fc-match", "-f", "%{family}|%{file}", family], env=env,
                              capture_output=True, text=True, check=True).stdout

    assert match("仿宋_GB2312").startswith("Noto Serif CJK SC")  # the style's first stand-in
    assert match("黑体").startswith("WenQuanYi Zen Hei")
    assert match("楷体_GB2312").startswith("AR PL UKai CN")
    assert match("方正小标宋简体").startswith("Noto Serif CJK SC")
    # a real font dropped next to fonts.conf wins over the stand-in (<accept>, not <prefer>)
    shutil.copy(fangsong_dir / "fsgb2312.ttf", tmp_path / "fsgb2312.ttf")
    assert match("仿宋_GB2312").endswith("fsgb2312.ttf")
