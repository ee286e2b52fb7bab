"""The batch acceptance: 26 inputs in sub-folders (every kind of input in every kind of
folder: four encodings, dated and undated sub-folders), two bad ones, -j 2, and Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

FORMATS = ("docx", "pdf", "xml")
GOOD = 24  # 4 kinds x (dated, dated, undated) x 2: every path of the batch, once each


def _make_tree(root: Path, seed: Path, masthead: Path, count: int) -> list[Path]:
    """`count` good inputs in sub-folders: the samples, re-encoded and varied."""
    seed_text = seed.read_text(encoding="utf-8")
    mast_text = masthead.read_text(encoding="utf-8")
    made = []
    for i in range(count):
        folder = root / f"office{i % 4}" / (f"2012-{i % 12 + 1:02d}" if i % 3 else "")
        folder.mkdir(parents=True, exist_ok=True)
        kind = i % 4
        if kind == 0:
            path, data = folder / f"seed-{i}.txt", seed_text.encode("utf-8")
        elif kind == 1:
            path, data = folder / f"seed-gb-{i}.txt", seed_text.replace("\n", "\r\n").encode("gb18030")
        elif kind == 2:
            path, data = folder / f"mast-{i}.txt", mast_text.encode("utf-16")
        else:
            text = "\n".join("\u3000\u3000" + line if len(line) > 40 else line for line in mast_text.splitlines())
            path, data = folder / f"mast-indented-{i}.txt", text.encode("utf-8-sig")
        path.write_bytes(data)
        made.append(path)
    return made


@pytest.fixture(scope="session")
def batch_run(tmp_path_factory, seed_path, masthead_path):
    root = tmp_path_factory.mktemp("batch")
    tree = root / "in"
    good = _make_tree(tree, seed_path, masthead_path, GOOD)
    (tree / "office1" / "broken.txt").write_bytes(bytes(range(256)) * 8)
    (tree / "office2" / "empty.txt").write_bytes(b"")
    out = root / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "bulletin_export", "build", str(tree), "-f", ",".join(FORMATS),
         "-o", str(out), "-j", "2"],
        capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1335571200"},
    )
    return tree, out, good, proc


def test_batch_builds_every_good_input(batch_run):
    tree, out, good, proc = batch_run
    expected = {out / p.relative_to(tree).with_suffix("." + f) for p in good for f in FORMATS}
    produced = {p for p in out.rglob("*") if p.is_file()}
    assert len(expected) == 3 * GOOD
    assert produced == expected, sorted(str(p) for p in produced ^ expected)[:5]


def test_batch_reports_bad_files_and_fails(batch_run):
    tree, out, good, proc = batch_run
    assert proc.returncode == 1
    assert str(tree / "office1" / "broken.txt") in proc.stderr
    assert str(tree / "office2" / "empty.txt") in proc.stderr
    assert "Traceback" not in proc.stderr
    summary = proc.stderr.strip().splitlines()
    head = f"{GOOD + 2} inputs, {3 * GOOD} outputs"
    assert any(line.startswith(head) and "2 errors" in line for line in summary), summary[-4:]


def test_batch_outputs_are_complete(batch_run):
    tree, out, good, proc = batch_run
    for path in out.rglob("*.pdf"):
        assert path.read_bytes().rstrip().endswith(b"%%EOF")
    for path in list(out.rglob("*.docx"))[:20]:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
    for path in list(out.rglob("*.xml"))[:20]:
        etree.parse(str(path))


def _complete(path: Path) -> bool:
    if path.suffix == ".pdf":
        return path.read_bytes().rstrip().endswith(b"%%EOF")
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as zf:
            return zf.testzip() is None
    etree.parse(str(path))
    return True


def test_ctrl_c_leaves_only_complete_outputs(tmp_path, seed_path):
    tree = tmp_path / "in"
    tree.mkdir()
    data = seed_path.read_bytes()
    for i in range(60):
        (tree / f"s{i:02d}.txt").write_bytes(data)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bulletin_export", "build", str(tree), "-f", "pdf,docx,xml", "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - started < 15, "Ctrl-C did not stop the batch promptly"
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files, "nothing was written before the interrupt"
    assert len(files) < 180, "the batch ran to the end instead of stopping"
    assert not [p for p in out.rglob(".*")], "temporary files left behind"
    assert all(_complete(p) for p in files)
