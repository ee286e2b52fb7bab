"""Issue 17 in the command line: inputs that are not regular files, file names that are not
UTF-8, usage errors, output names at the file system's limit, and write errors."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_export import app

CLI = [sys.executable, "-m", "bulletin_export"]


def _cli(*args, env=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(os.fsdecode, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120, **kw)


def _one_error_line(proc: subprocess.CompletedProcess) -> str:
    errors = [line for line in proc.stderr.splitlines() if line.startswith("bulletin-export: error:")]
    assert "Traceback" not in proc.stderr
    assert len(errors) == 1, proc.stderr
    return errors[0]


@pytest.fixture
def specials(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "no-such-target.txt")
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    return {"fifo": fifo, "dangling": dangling, "zero": zero}


@pytest.mark.parametrize("kind, says", [
    ("fifo", "is a FIFO (named pipe), not a regular file"),
    ("dangling", "is a dangling symbolic link"),
    ("zero", "is a character device, not a regular file"),
])
def test_a_named_input_that_is_not_a_regular_file_says_what_it_is(specials, tmp_path, kind, says):
    proc = _cli("build", specials[kind], "-f", "xml", "-o", tmp_path / "out")
    assert proc.returncode == 1
    line = _one_error_line(proc)
    assert line.startswith(f"bulletin-export: error: {specials[kind]}: {says}"), line
    assert "no such file" not in line


def test_dev_zero_itself_is_refused_at_once(tmp_path):
    for command in (["build", "/dev/zero", "-o", str(tmp_path)], ["parse", "/dev/zero"], ["check", "/dev/zero"]):
        proc = _cli(*command)
        assert proc.returncode == 1, command
        assert "/dev/zero: is a character device, not a regular file" in _one_error_line(proc)


def test_inside_a_folder_they_are_reported_as_skipped(specials, tmp_path, seed_path):
    (tmp_path / "good.txt").write_bytes(seed_path.read_bytes())
    out = tmp_path / "out"
    proc = _cli("build", tmp_path, "-f", "xml", "-o", out, "-j", "1")
    assert proc.returncode == 0, proc.stderr
    summary = [line for line in proc.stderr.splitlines() if " inputs, " in line]
    assert summary and summary[-1].startswith("1 inputs, 1 outputs") and ", 3 skipped" in summary[-1]
    skipped = sorted(line for line in proc.stderr.splitlines() if line.startswith("  skipped: "))
    assert skipped == [
        f"  skipped: {specials['dangling']}: a dangling symbolic link (to {tmp_path / 'no-such-target.txt'})",
        f"  skipped: {specials['fifo']}: a FIFO (named pipe), not a regular file",
        f"  skipped: {specials['zero']}: a character device, not a regular file",
    ]
    assert [p.name for p in out.iterdir()] == ["good.xml"]


def test_check_of_a_folder_reports_them_as_skipped_too(specials, tmp_path, seed_path):
    (tmp_path / "good.txt").write_bytes(seed_path.read_bytes())
    proc = _cli("check", tmp_path, "--no-glyphs")
    assert "Traceback" not in proc.stderr
    skipped = sorted(line for line in proc.stderr.splitlines() if line.startswith("skipped: "))
    assert skipped == [
        f"skipped: {specials['dangling']}: a dangling symbolic link (to {tmp_path / 'no-such-target.txt'})",
        f"skipped: {specials['fifo']}: a FIFO (named pipe), not a regular file",
        f"skipped: {specials['zero']}: a character device, not a regular file",
    ]
    assert f"{tmp_path / 'good.txt'}: " in proc.stdout


def test_a_file_name_that_is_not_utf8_builds_at_j2(tmp_path, seed_path, masthead_path):
    tree = tmp_path / "in"
    tree.mkdir()
    bad = os.fsencode(tree) + b"/\xff\xfe-issue.txt"
    with open(bad, "wb") as fh:
        fh.write(seed_path.read_bytes())
    (tree / "other.txt").write_bytes(masthead_path.read_bytes())
    out = tmp_path / "out"
    proc = _cli("build", tree, "-f", "xml,docx", "-o", out, "-j", "2")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "\\xff\\xfe-issue.txt" in proc.stderr  # shown escaped, never a UnicodeEncodeError
    names = sorted(os.listdir(os.fsencode(out)))
    assert names == [b"other.docx", b"other.xml", b"\xff\xfe-issue.docx", b"\xff\xfe-issue.xml"]


@pytest.mark.parametrize("args, env, says", [
    (["--set", "issue=abc"], {}, "bad --set value for issue"),
    (["--set", "nosuchkey=1"], {}, "unknown --set key"),
    ([], {"SOURCE_DATE_EPOCH": "99999999999999999"}, "SOURCE_DATE_EPOCH 99999999999999999 is out of range"),
    ([], {"SOURCE_DATE_EPOCH": "9" * 5000}, "is out of range"),
    ([], {"SOURCE_DATE_EPOCH": "-5"}, "must be a whole number"),
])
def test_bad_set_and_source_date_epoch_are_usage_errors(seed_path, tmp_path, args, env, says):
    proc = _cli("build", seed_path, "-f", "xml,pdf", "-o", tmp_path / "out", *args, env=env)
    assert proc.returncode == 2, proc.stderr
    assert says in _one_error_line(proc)
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr  # one line, nothing built
    assert not (tmp_path / "out").exists()


def test_long_names_are_capped_to_the_file_system_limit_and_stay_unique(tmp_path, seed_path):
    """A 251-byte stem + .txt fits (255 bytes); + .docx would not: the stem is shortened."""
    tree = tmp_path / "in"
    tree.mkdir()
    inputs = []
    for stem in ("简" * 83 + "ab", "简" * 83 + "cd"):  # 251 bytes; .txt = 255, .docx = 256
        path = tree / (stem + ".txt")
        path.write_bytes(seed_path.read_bytes())
        inputs.append(path)
    out = tmp_path / "out"
    proc = _cli("build", tree, "-f", "docx,pdf,xml", "-o", out, "-j", "1")
    assert proc.returncode == 0, proc.stderr
    names = sorted(os.listdir(out))
    assert len(names) == 6 and len(set(names)) == 6
    assert all(len(os.fsencode(n)) <= 255 for n in names)
    assert {"简" * 83 + "ab.pdf", "简" * 83 + "cd.xml"} <= set(names)  # what fits is kept
    docx = [n for n in names if n.endswith(".docx")]
    assert len(docx) == 2 and all(n.startswith("简" * 80) and "~" in n for n in docx)


def test_fit_name_keeps_short_names_and_makes_long_ones_unique():
    assert app.fit_name("第4期", ".pdf", 255) == "第4期.pdf"
    a, b = app.fit_name("长" * 100 + "a", ".docx", 255), app.fit_name("长" * 100 + "b", ".docx", 255)
    assert a != b and len(os.fsencode(a)) <= 255 and a.endswith(".docx")


def test_a_bulletin_name_of_60_characters_builds(seed_path, tmp_path):
    name = "中华全国总工会江苏省苏州市工业园区" * 3 + "基层工会联合会工作动态简报"
    name = name[:60]
    out = tmp_path / "out"
    proc = _cli("build", seed_path, "-f", "docx,pdf,xml", "-o", out, "--set", f"name={name}", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    assert len(list(out.iterdir())) == 3
    assert name.encode("utf-8") in (out / (seed_path.stem + ".xml")).read_bytes()


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_write_error_leaves_none_of_the_inputs_outputs(seed_path, masthead_path, tmp_path):
    """Files over 100 KB cannot be written (RLIMIT_FSIZE: EFBIG, a real write error): the
    seed's PDF fails after its DOCX and XML were written, so none of the three remain; the
    small masthead sample, whose outputs all fit, is built."""
    tree = tmp_path / "in"
    tree.mkdir()
    (tree / "big.txt").write_bytes(seed_path.read_bytes())
    out = tmp_path / "out"
    proc = _cli("build", tree / "big.txt", "-f", "docx,xml,pdf", "-o", out, "-j", "1",
                preexec_fn=_limit_file_size(100_000))
    assert proc.returncode == 1, proc.stderr
    line = _one_error_line(proc)
    assert "cannot write" in line and "File too large" in line, line
    assert line.startswith(f"bulletin-export: error: {out / 'big.pdf'}: cannot write"), line
    assert not out.exists() or not list(out.rglob("*"))  # no output, no temporary file left


def test_a_failed_rename_removes_the_outputs_already_renamed(tmp_path, seed_path, monkeypatch):
    from bulletin_export import outputs

    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "replace", flaky)
    out = tmp_path / "out"
    report = app.run([seed_path], app.BuildOptions(formats=("xml", "docx"), out_dir=out, jobs=1))
    assert len(calls) == 2
    assert report.failed and "No space left on device" in report.failed[0].error
    assert report.outputs == 0 and list(out.iterdir()) == []


def test_a_file_of_a_format_no_reader_takes_says_so(tmp_path, seed_path):
    """build x.pdf (a natural mistake): the text reader is the fallback, and "binary file"
    alone did not say that .pdf is simply not an input format."""
    pdf = tmp_path / "issue.pdf"
    pdf.write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n\x00\x00")
    for command in (["build", pdf, "-f", "xml", "-o", tmp_path / "out"], ["parse", pdf], ["check", pdf]):
        proc = _cli(*command)
        assert proc.returncode == 1, command
        line = _one_error_line(proc)
        assert f"{pdf}: binary file" in line and "(.pdf is not an input format; inputs: text (.txt), xml (.xml)" in line
    import bulletin_export as bx
    from bulletin_export.errors import InputError

    with pytest.raises(InputError, match=r"\.pdf is not an input format"):
        bx.parse(pdf)
    # a claimed suffix keeps its own message; text without a suffix is still read
    (tmp_path / "notes").write_bytes(seed_path.read_bytes())
    assert bx.parse(tmp_path / "notes").issue.sections


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["schema"], ["parse", "SEED", "--json"], ["check", "SEED"], ["formats"]])
def test_a_full_standard_output_is_one_line_not_a_traceback(command, seed_path):
    args = [str(seed_path) if a == "SEED" else a for a in command]
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*CLI, *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines()[-1] == "bulletin-export: error: cannot write to standard output: No space left on device"
    assert "Traceback" not in proc.stderr


def test_a_reader_that_stops_reading_is_not_an_error(seed_path):
    proc = subprocess.Popen([*CLI, "parse", str(seed_path), "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.read(1)
    proc.stdout.close()           # | head -c 1
    assert proc.wait(timeout=120) == 0
    assert b"Traceback" not in proc.stderr.read()
