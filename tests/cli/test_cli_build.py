"""The build command on single files: outputs, overwrite rules, errors as one line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bulletin_export.cli import app

runner = CliRunner()


def _build(*args):
    return subprocess.run([sys.executable, "-m", "bulletin_export", "build", *args],
                          capture_output=True, text=True)


def test_build_xml_into_out_dir(seed_path, tmp_path):
    result = runner.invoke(app, ["build", str(seed_path), "-f", "xml", "-o", str(tmp_path), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / (seed_path.stem + ".xml")).is_file()
    assert "1 inputs, 1 outputs" in result.output


def test_rebuild_replaces_own_output_but_not_a_foreign_file(seed_path, tmp_path):
    assert runner.invoke(app, ["build", str(seed_path), "-f", "xml", "-o", str(tmp_path)]).exit_code == 0
    assert runner.invoke(app, ["build", str(seed_path), "-f", "xml", "-o", str(tmp_path)]).exit_code == 0
    target = tmp_path / (seed_path.stem + ".xml")
    target.write_text("my own notes", encoding="utf-8")
    result = runner.invoke(app, ["build", str(seed_path), "-f", "xml", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "not made by bulletin_export" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "my own notes"
    result = runner.invoke(app, ["build", str(seed_path), "-f", "xml", "-o", str(tmp_path), "--force"])
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "ofd", "xml"])
def test_rebuild_replaces_our_own_output_in_every_format(fmt, seed_path, tmp_path):
    """A second build into the same folder replaces what the first made (the PDF's
    /Creator sits in a compressed object stream since PDF 1.5 packing: it was taken for
    a foreign file and every rebuild of a PDF failed)."""
    args = ["build", str(seed_path), "-f", fmt, "-o", str(tmp_path), "-q"]
    assert runner.invoke(app, args).exit_code == 0
    target = tmp_path / f"{seed_path.stem}.{fmt}"
    target.write_bytes(target.read_bytes())  # the same bytes, a new file
    before = target.stat().st_ino
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert target.stat().st_ino != before     # replaced, not skipped
    # a file that only resembles ours is not ours: kept without --force
    target.write_bytes(b"%PDF-1.5 hand-made /Creator (someone else)\n" if fmt == "pdf" else b"my own notes")
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "not made by bulletin_export" in result.output
    assert b"made" in target.read_bytes() or b"notes" in target.read_bytes()


def test_output_over_the_input_is_refused(tmp_path, seed_path):
    src = tmp_path / "issue.txt"
    src.write_bytes(seed_path.read_bytes())
    xml = tmp_path / "issue.xml"
    assert runner.invoke(app, ["build", str(src), "-f", "xml", "-o", str(tmp_path)]).exit_code == 0
    before = xml.read_bytes()
    # building the XML back into the same folder would write issue.xml over its own input
    result = runner.invoke(app, ["build", str(xml), "-f", "xml", "-o", str(tmp_path), "--force"])
    assert result.exit_code != 0
    assert "input" in result.output
    assert xml.read_bytes() == before


@pytest.mark.parametrize("content, reason", [(b"", "empty"), (b"\x00\x01\x02\xff" * 64, "binary")], ids=["empty", "binary"])
def test_bad_input_is_one_line_and_exit_1(tmp_path, content, reason):
    bad = tmp_path / f"{reason}.txt"
    bad.write_bytes(content)
    proc = _build(str(bad), "-f", "xml", "-o", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("bulletin-export: error:")]
    assert len(errors) == 1 and str(bad) in errors[0]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_input_is_reported(tmp_path):
    proc = _build(str(tmp_path / "nope.txt"), "-f", "xml", "-o", str(tmp_path))
    assert proc.returncode == 1
    assert "nope.txt: no such file or folder" in proc.stderr


def test_bad_set_is_a_usage_error(seed_path, tmp_path):
    result = runner.invoke(app, ["build", str(seed_path), "--set", "novalue", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "key=value" in result.output


def test_version_and_help():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "bulletin-export" in result.output
    for cmd in ("build", "check", "parse", "fonts", "styles", "schema"):
        result = runner.invoke(app, [cmd, "--help"])
        assert result.exit_code == 0, cmd
        assert len(result.output.splitlines()) > 5, cmd


def test_a_folder_without_inputs_is_a_usage_error(tmp_path):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no inputs (" in result.output and ".txt, " in result.output and ".xml) found" in result.output


def test_output_folder_that_is_a_file_is_a_usage_error(seed_path, tmp_path):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["build", str(seed_path), "-f", "xml", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "is not a folder" in result.output


def test_output_folder_that_is_a_dangling_link_is_a_usage_error(seed_path, tmp_path):
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    result = runner.invoke(app, ["build", str(seed_path), "-f", "xml", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2          # was exit 1 and "out: cannot write: File exists"
    assert f"output folder {tmp_path / 'out'} is a dangling symbolic link (to {tmp_path / 'gone'})" in result.output


def test_build_here_into_here_skips_only_our_own_outputs(seed_path, masthead_path, tmp_path, monkeypatch):
    """build . -o . puts the outputs beside the inputs (it was "no inputs found": the output
    folder was never searched); a second run does not take the first run's DOCX and XML
    for inputs (their outputs would clash with the .txt's), it replaces them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes(seed_path.read_bytes())
    (tmp_path / "b.txt").write_bytes(masthead_path.read_bytes())
    for _ in range(2):
        result = runner.invoke(app, ["build", ".", "-o", ".", "-f", "xml,docx", "-q"])
        assert result.exit_code == 0, result.output
        assert "2 inputs, 4 outputs" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.txt", "a.xml", "b.docx", "b.txt", "b.xml"]
    # a file in that folder that we did not make is still an input
    (tmp_path / "c.xml").write_bytes((tmp_path / "a.xml").read_bytes().replace(b">bulletin_export<", b">someone<"))
    result = runner.invoke(app, ["build", ".", "-o", ".", "-f", "docx", "-q"])
    assert result.exit_code == 0, result.output
    assert "3 inputs, 3 outputs" in result.output and (tmp_path / "c.docx").exists()


def test_negative_jobs_is_refused(seed_path, tmp_path):
    result = runner.invoke(app, ["build", str(seed_path), "-j", "-3", "-o", str(tmp_path)])
    assert result.exit_code == 2


def test_check_fix_into_an_unwritable_place_is_one_line(seed_path, tmp_path):
    src = tmp_path / "issue.txt"
    src.write_bytes(seed_path.read_bytes())
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "bulletin_export", "check", str(src), "--fix",
                           "-o", str(tmp_path / "a-file" / "x.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "cannot write the corrected copy" in proc.stderr


def test_same_file_twice_is_built_once(seed_path, tmp_path):
    result = runner.invoke(app, ["build", str(seed_path), str(seed_path), "-f", "xml", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 inputs, 1 outputs" in result.output


def test_bad_environment_and_font_dir_are_usage_errors(seed_path, tmp_path, monkeypatch):
    result = runner.invoke(app, ["build", str(seed_path), "-o", str(tmp_path), "--font-dir", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "no such folder" in result.output
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    result = runner.invoke(app, ["build", str(seed_path), "-f", "xml", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "SOURCE_DATE_EPOCH" in result.output


def test_diagnostics_name_the_full_path_and_missing_glyphs_their_column(tmp_path):
    tree = tmp_path / "tree"
    for sub in ("a", "b"):
        (tree / sub).mkdir(parents=True)
        (tree / sub / "issue.txt").write_text(
            "【工作动态】\n市总召开会议\n会议要求服务职工职工在基层。（市总办公室）\n", encoding="utf-8")
    (tree / "glyph.txt").write_text("【工作动态】\n市总召开会议\n会议部署\ue000工作。（市总办公室）\n",
                                    encoding="utf-8")
    proc = _build(str(tree), "-f", "pdf", "-o", str(tmp_path / "out"), "-j", "1")
    assert f"{tree / 'a' / 'issue.txt'}:3:" in proc.stderr
    assert f"{tree / 'b' / 'issue.txt'}:3:" in proc.stderr
    assert f"bulletin-export: error: {tree / 'glyph.txt'}:3:5: error[BX401]" in proc.stderr
    assert proc.returncode == 1


def test_check_reports_missing_glyphs_like_build(tmp_path):
    src = tmp_path / "glyph.txt"
    src.write_text("【工作动态】\n市总召开会议\n会议部署\ue000工作。（市总办公室）\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(src)])
    assert result.exit_code == 1
    assert f"{src}:3:5: error[BX401]" in result.output
    assert runner.invoke(app, ["check", str(src), "--no-glyphs"]).exit_code == 0


def test_a_failing_input_is_reported_once(tmp_path):
    src = tmp_path / "glyph.txt"
    src.write_text("【工作动态】\n市总召开会议\n会议部署\ue000工作。（市总办公室）\n", encoding="utf-8")
    proc = _build(str(src), "-f", "pdf", "-o", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert proc.stderr.count("BX401") == 1, proc.stderr
