"""The `check` command through typer's CliRunner: the seed, JSON, bad inputs, --fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_export.checks import all_checks
from bulletin_export.cli import app

try:
    runner = CliRunner(mix_stderr=False)
except TypeError:  # click >= 8.2 always keeps stderr apart
    runner = CliRunner()

SEED_FINDINGS = [(6, 132, "BX211"), (10, 593, "BX231"), (33, 222, "BX201"), (47, 29, "BX223")]


@pytest.fixture()
def seed_copy(seed_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "seed.txt"
    shutil.copyfile(seed_path, target)
    return target


def _json(result) -> list[dict]:
    return json.loads(result.stdout)


def test_seed_json_has_exactly_the_known_defects(seed_path: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_path), "--format", "json"])
    assert result.exit_code == 1  # BX201 is an error
    diags = _json(result)
    assert [(d["line"], d["column"], d["code"]) for d in diags] == SEED_FINDINGS
    for d in diags:
        assert d["file"] == str(seed_path)
        assert {"file", "line", "column", "severity", "code", "message", "hint"} <= d.keys()
    by_code = {d["code"]: d for d in diags}
    assert by_code["BX201"]["fix"] == "”" and by_code["BX201"]["severity"] == "error"
    assert by_code["BX223"]["fix"] == "" and by_code["BX231"]["severity"] == "info"
    assert "职工" in by_code["BX211"]["message"]


def test_masthead_sample_is_clean(masthead_path: Path) -> None:
    result = runner.invoke(app, ["check", str(masthead_path), "--format", "json"])
    assert result.exit_code == 0, result.stdout
    assert _json(result) == []


def test_human_output_has_carets_and_a_summary(seed_path: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_path)])
    out = result.stdout
    assert f"{seed_path}:33:222: error[BX201]: opening quote “ where the closing ” is expected" in out
    assert "= hint: replace “ with ”" in out
    assert "^" in out
    assert out.rstrip().endswith(f"{seed_path}: 1 error, 2 warnings, 1 info")


def test_one_json_array_for_several_files_and_bad_inputs(seed_path: Path, masthead_path: Path,
                                                          tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["check", str(binary), str(seed_path), str(empty), str(masthead_path),
                                 "--format", "json"])
    assert result.exit_code == 1
    diags = _json(result)
    assert {d["file"] for d in diags} == {str(seed_path)}
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert str(binary) in errors[0] and "binary" in errors[0]
    assert str(empty) in errors[1] and "empty" in errors[1]
    assert "Traceback" not in result.stderr


def test_disable_and_fail_on_warning(seed_path: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_path), "--format", "json", "--disable", "BX201"])
    assert result.exit_code == 0
    assert "BX201" not in {d["code"] for d in _json(result)}
    result = runner.invoke(app, ["check", str(seed_path), "--disable", "quote-direction,bx211",
                                 "--fail-on-warning", "--format", "json"])
    assert result.exit_code == 3
    assert [d["code"] for d in _json(result)] == ["BX231", "BX223"]


def test_unknown_check_is_a_usage_error(seed_path: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_path), "--disable", "BX999"])
    assert result.exit_code == 2
    assert "unknown check 'BX999'" in result.stderr and "BX201" in result.stderr


def test_list_names_every_check() -> None:
    result = runner.invoke(app, ["check", "--list"])
    assert result.exit_code == 0
    for c in all_checks():
        assert c.code in result.stdout and c.name in result.stdout


def test_fix_writes_a_copy_and_lists_changes(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    result = runner.invoke(app, ["check", str(seed_copy), "--fix"])
    fixed = seed_copy.with_name("seed.fixed.txt")
    assert seed_copy.read_bytes() == before
    assert "2 change(s) written to" in result.stdout
    assert "33:222 '“' → '”' [BX201]" in result.stdout
    assert "47:29 ' ' → '' [BX223]" in result.stdout
    text = fixed.read_text(encoding="utf-8")
    assert "组织“苏州职工读书月”活动" in text and "重点抓好企业“职工之家”建设" in text
    again = runner.invoke(app, ["check", str(fixed), "--format", "json"])
    assert [d["code"] for d in _json(again)] == ["BX211", "BX231"]
    assert again.exit_code == 0
    assert list(seed_copy.parent.glob("*.bxtmp")) == []


def test_fix_keeps_encoding_and_line_ends(seed_copy: Path, tmp_path: Path) -> None:
    text = seed_copy.read_text(encoding="utf-8")
    src = tmp_path / "gb.txt"
    src.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    out = tmp_path / "out" / "corrected.txt"
    result = runner.invoke(app, ["check", str(src), "--fix", "-o", str(out)])
    assert "(GB18030)" in result.stdout
    data = out.read_bytes()
    assert data.count(b"\r\n") == text.count("\n")
    fixed = data.decode("gb18030")
    assert "读书月”活动" in fixed and "企业“职工之家”" in fixed
    assert fixed.replace("读书月”活动", "读书月“活动").replace("企业“职工之家”", "企业 “职工之家”") \
        == text.replace("\n", "\r\n")


def test_fix_in_place(seed_copy: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_copy), "--fix", "--in-place"])
    assert "written to " + str(seed_copy) in result.stdout
    assert "读书月”活动" in seed_copy.read_text(encoding="utf-8")
    assert not seed_copy.with_name("seed.fixed.txt").exists()


def test_fix_refuses_to_write_over_the_input_without_in_place(seed_copy: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_copy), "--fix", "-o", str(seed_copy)])
    assert result.exit_code == 1
    assert "refusing" in result.stderr
    assert "读书月“活动" in seed_copy.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["--in-place"], ["-o", "x.txt"], ["--fix", "--in-place", "-o", "x.txt"]])
def test_fix_option_misuse(seed_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["check", str(seed_path), *args])
    assert result.exit_code == 2


def test_previous_issue_number(tmp_path: Path) -> None:
    docs = Path(__file__).parent / "fixtures" / "documents"
    result = runner.invoke(app, ["check", str(docs / "issue-06-skips.txt"), "--previous",
                                 str(docs / "issue-04.txt"), "--format", "json"])
    assert [(d["line"], d["code"], d["hint"]) for d in _json(result)] == [(3, "BX253", "expected 第5期")]
    assert result.exit_code == 0


def test_verbose_adds_the_parsers_guesses(seed_path: Path) -> None:
    quiet = _json(runner.invoke(app, ["check", str(seed_path), "--format", "json"]))
    loud = _json(runner.invoke(app, ["check", str(seed_path), "--format", "json", "--verbose"]))
    assert "BX110" not in {d["code"] for d in quiet}
    assert "BX110" in {d["code"] for d in loud}
    assert [d for d in loud if d["code"].startswith("BX2")] == quiet


def test_fix_with_json_keeps_stdout_one_array(seed_copy: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_copy), "--fix", "--format", "json"])
    assert len(_json(result)) == 4
    assert "33:222 '“' → '”' [BX201]" in result.stderr
    assert seed_copy.with_name("seed.fixed.txt").exists()


def test_nothing_to_fix_writes_nothing(masthead_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "clean.txt"
    shutil.copyfile(masthead_path, src)
    result = runner.invoke(app, ["check", str(src), "--fix"])
    assert result.exit_code == 0
    assert "nothing to fix" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt"]
