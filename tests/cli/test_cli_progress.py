"""The progress bar on a terminal: the plan comes first, so the bar knows its total."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")  # POSIX only


def _run_in_terminal(args: list[str], cwd: Path, timeout: float = 120) -> tuple[int, str]:
    """Run the CLI with its stderr (and stdout) on a pseudo-terminal; what the terminal got."""
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="100", TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "bulletin_export", *args], cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=10)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_the_progress_bar_shows_the_total_from_the_plan(tmp_path, seed_path):
    src = tmp_path / "in"
    src.mkdir()
    text = seed_path.read_text(encoding="utf-8")
    for k in range(3):
        (src / f"issue-{k}.txt").write_text(text, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")  # a failing input counts in the total too
    code, screen = _run_in_terminal(["build", "in", "-f", "xml", "-o", "out", "-j", "1", "-q"], tmp_path)
    assert code == 1, screen
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    counts = re.findall(r"\b(\d+)/([0-9?]+)", plain)
    assert counts, screen
    assert {total for _, total in counts} == {"4"}, counts   # never "?": the total is known
    assert ("4", "4") in counts, counts
    assert len(list((tmp_path / "out").glob("*.xml"))) == 3
