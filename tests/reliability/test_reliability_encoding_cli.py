"""--encoding on build, check and parse (and encoding= in the API): a Shift-JIS, Big5 or
EUC-KR file is refused by detection in one line naming its likely encoding (exit 1) and
read on purpose with --encoding; an unknown encoding is a usage error (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_export.cli import app

INPUTS = Path(__file__).parent / "inputs"
runner = CliRunner()


def test_build_refuses_big5_in_one_line(tmp_path: Path) -> None:
    src = INPUTS / "big5.txt"
    res = runner.invoke(app, ["build", str(src), "-o", str(tmp_path), "-f", "pdf,docx"])
    assert res.exit_code == 1
    first = res.stderr.splitlines()[0]
    assert first == (f"bulletin-export: error: {src}: undecodable input: this looks like Big5 "
                     "(traditional Chinese), not UTF-8 or GB18030 (save it as UTF-8, or read it "
                     "with --encoding big5)")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_with_encoding(tmp_path: Path, jobs: str) -> None:
    import pdfplumber

    src = INPUTS / "big5.txt"
    res = runner.invoke(app, ["build", str(src), str(INPUTS / "shift-jis.txt"), "-o", str(tmp_path),
                              "-f", "pdf,xml", "--encoding", "big5", "-j", jobs])
    # the Japanese file is not Big5: it fails alone, in one line, the Big5 one builds
    assert res.exit_code == 1, res.output
    assert f"{INPUTS / 'shift-jis.txt'}:" in res.stderr and "invalid big5 byte" in res.stderr
    with pdfplumber.open(tmp_path / "big5.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    assert "市總工會召開春季工作會議" in text.replace(" ", "")
    assert "市總辦公室" in (tmp_path / "big5.xml").read_text("utf-8")


def test_check_and_parse_with_encoding() -> None:
    res = runner.invoke(app, ["check", str(INPUTS / "euc-kr.txt"), "--encoding", "euc_kr", "--no-glyphs"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["check", str(INPUTS / "euc-kr.txt"), "--no-glyphs"])
    assert res.exit_code == 1 and "looks like EUC-KR (Korean)" in res.stderr
    res = runner.invoke(app, ["parse", str(INPUTS / "shift-jis.txt"), "--encoding", "shift_jis"])
    assert res.exit_code == 0, res.output
    assert "労働組合の春季研修会が開催されました" in res.stdout


@pytest.mark.parametrize("command", ["build", "check", "parse"])
def test_unknown_encoding_is_a_usage_error(command: str, tmp_path: Path) -> None:
    args = [command, str(INPUTS / "big5.txt"), "--encoding", "klingon"]
    res = runner.invoke(app, args + (["-o", str(tmp_path)] if command == "build" else []))
    assert res.exit_code == 2, res.output
    assert "unknown encoding 'klingon'" in res.stderr
    assert "Traceback" not in res.output


def test_api_parse_encoding() -> None:
    import bulletin_export as bx
    from bulletin_export.errors import InputError

    data = (INPUTS / "big5.txt").read_bytes()
    assert bx.parse(data, file="b.txt", encoding="big5").issue.sections[0].heading == "工作動態"
    assert bx.parse(INPUTS / "big5.txt", encoding="big5").lines[1] == "市總工會召開春季工作會議"
    with pytest.raises(InputError, match="looks like Big5"):
        bx.parse(data, file="b.txt")


def test_check_fix_writes_back_in_the_asked_encoding(tmp_path: Path) -> None:
    src = tmp_path / "b5.txt"
    src.write_bytes((INPUTS / "big5.txt").read_bytes() + "\n會議要求,各級工會要認真落實。（市總辦公室）\n".encode("big5"))
    res = runner.invoke(app, ["check", str(src), "--encoding", "big5", "--fix", "--no-glyphs"])
    assert f"1 change(s) written to {tmp_path / 'b5.fixed.txt'} (big5)" in res.output
    fixed = (tmp_path / "b5.fixed.txt").read_bytes().decode("big5")
    assert fixed.splitlines()[-1] == "會議要求，各級工會要認真落實。（市總辦公室）"


def test_size_limits_are_one_line_without_reading_it_all(tmp_path: Path) -> None:
    """A 65 MiB text is refused by the text limit; a 500 MiB file before it is read at all
    (sparse files: no disk is used)."""
    import os
    import subprocess
    import sys

    text, huge = tmp_path / "big.txt", tmp_path / "huge.txt"
    with open(text, "wb") as fh:
        fh.truncate(65 * 2**20)
    with open(huge, "wb") as fh:
        fh.truncate(500 * 2**20)
    res = runner.invoke(app, ["build", str(text), "-o", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert res.stderr.splitlines()[0] == (f"bulletin-export: error: {text}: input too large: 65 MB "
                                          "(the limit for text is 64 MB) (split the file into issues)")
    # The child reports its own high-water mark (VmHWM belongs to the memory map made at exec;
    # ru_maxrss would carry the forking pytest process's size, which depends on earlier tests).
    hwm = tmp_path / "hwm"
    probe = ("import sys\n"
             "from bulletin_export.cli import main\n"
             "try:\n    sys.exit(main())\n"
             "finally:\n"
             "    kb = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
             f"    open({str(hwm)!r}, 'w').write(kb)\n")
    proc = subprocess.run([sys.executable, "-c", probe, "build", str(huge), "-o", str(tmp_path / "out")],
                          stderr=subprocess.PIPE, text=True)
    err = proc.stderr
    assert proc.returncode == 1
    assert err.splitlines()[0] == (f"bulletin-export: error: {huge}: input too large: 500 MB "
                                   "(no input over 256 MB is read) (split the file into issues)")
    assert int(hwm.read_text()) < 300 * 1024  # KiB: the 500 MB were never read
