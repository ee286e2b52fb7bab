"""The `parse` command through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bulletin_export.cli import app
from bulletin_export.model import to_dict
from bulletin_export.parser import parse_file

try:
    runner = CliRunner(mix_stderr=False)
except TypeError:  # click >= 8.2 always keeps stderr apart
    runner = CliRunner()


def test_json_is_the_canonical_model(seed_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(seed_path), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == to_dict(parse_file(seed_path).issue)
    assert "综合来稿" in result.stdout  # ensure_ascii=False
    assert result.stderr == ""


def test_outline(masthead_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(masthead_path)])
    assert result.exit_code == 0
    out = result.stdout
    assert "masthead: 工会工作简报 第4期（总第156期）" in out
    assert "【维权帮扶】" in out
    assert "市总开展“三访三促”集中走访活动  (3 paragraph(s); source: 市总组织部)" in out
    assert "共印120份" in out


def test_verbose_shows_info_on_stderr(masthead_path: Path) -> None:
    quiet = runner.invoke(app, ["parse", str(masthead_path)])
    loud = runner.invoke(app, ["parse", str(masthead_path), "--verbose"])
    assert "info[" not in quiet.stderr
    assert "info[BX101]" in loud.stderr and "^" in loud.stderr


def test_set_overrides(seed_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(seed_path), "--json", "--set", "name=工会工作简报",
                                 "--set", "期号=第十二期"])
    assert result.exit_code == 0
    masthead = json.loads(result.stdout)["masthead"]
    assert masthead["name"] == "工会工作简报" and masthead["issue_no"] == 12


def test_bad_set_is_one_line_exit_2(seed_path: Path) -> None:
    for item in ["colour=red", "noequals"]:
        result = runner.invoke(app, ["parse", str(seed_path), "--set", item])
        assert result.exit_code == 2
        assert result.stderr.startswith("bulletin-export: error: ")
        assert result.stderr.count("\n") == 1


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    src = tmp_path / "w.txt"
    src.write_text("---\ncolour: red\n---\n市总召开工作会议\n日前，会议召开。\n", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(src), "--json"])
    assert result.exit_code == 0
    assert f"{src}:2:1: warning[BX102]" in result.stderr
    json.loads(result.stdout)


def test_bad_inputs_exit_1_with_one_line(tmp_path: Path) -> None:
    cases = {"empty.txt": b"", "blank.txt": b" \n\n", "bin.txt": b"\x00\x01\x02PK\x03\x04" * 20,
             "bad.txt": b"\xff\xfe\xfd\x80\x80abc\xff"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        result = runner.invoke(app, ["parse", str(tmp_path / name)])
        assert result.exit_code == 1, name
        assert result.stderr.startswith(f"bulletin-export: error: {tmp_path / name}: "), name
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    result = runner.invoke(app, ["parse", str(tmp_path / "missing.txt")])
    # the readers say what a path that cannot be read is (readers/files.py)
    assert result.exit_code == 1
    assert result.stderr == f"bulletin-export: error: {tmp_path / 'missing.txt'}: no such file or folder\n"


def test_help_explains_itself() -> None:
    result = runner.invoke(app, ["parse", "--help"])
    assert result.exit_code == 0
    for word in ["--json", "--set", "--verbose", "outline"]:
        assert word in result.stdout


def test_xml_input_goes_through_the_xml_reader(masthead_path: Path, tmp_path: Path) -> None:
    import bulletin_export as bx

    issue = parse_file(masthead_path).issue
    data = bx.render(issue, "xml")  # the XML writer is built in: a failure here is a regression
    xml = tmp_path / "issue.xml"
    xml.write_bytes(data)
    result = runner.invoke(app, ["parse", str(xml), "--json", "--set", "copies=80"])
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    want = to_dict(issue)
    assert got["copies"] == 80
    got["copies"] = want["copies"]
    assert got == want
