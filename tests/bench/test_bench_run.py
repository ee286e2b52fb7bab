"""bench/run.py runs end to end and writes its table (no timings are asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_bench_runs_and_keeps_notes_around_its_table(tmp_path: Path):
    md = tmp_path / "benchmarks.md"
    md.write_text("# Benchmarks\n\nnotes before\n\n<!-- bench:begin -->\nold table\n"
                  "<!-- bench:end -->\n\nnotes after\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--runs", "1", "--batch", "4", "--batch-passes", "1",
         "--skip-others", "--markdown", str(md)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = md.read_text(encoding="utf-8")
    assert "notes before" in text and "notes after" in text and "old table" not in text
    for row in ("seed -> docx ", "seed -> pdf ", "seed -> xml ", "one cold CLI call",
                "batch 4 issues, 3 formats, -j 1", "batch 4 issues, 3 formats, -j 2",
                "peak memory of any one process", "imports of that call (-X importtime",
                "worker CPU per issue, 3 formats, --no-checks (warm worker, 3 batch issues)",
                "batch 4 issues, 3 formats, Dask LocalCluster of 2 processes"):
        assert row in text, row
    assert "stopped:" not in text
    assert "same bytes as -j 2: yes (12 files)" in text  # the Dask path's outputs, byte-compared
    assert "issues/s" in proc.stdout and " MB" in proc.stdout


def test_batch_inputs_are_distinct(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run as bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    bench.make_batch(tmp_path, 12)
    files = sorted(tmp_path.rglob("*.txt"))
    assert len(files) == 12
    assert len({f.read_bytes() for f in files}) == 12


def test_importtime_is_read_per_package():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import issue18
    finally:
        sys.path.remove(str(ROOT / "bench"))
    got = issue18.parse_importtime(
        "import time: self [us] | cumulative | imported package\n"
        "import time:       100 |        100 |     typer.core\n"
        "import time:        50 |        150 |   typer\n"
        "import time:      2000 |       2000 | bulletin_export.cli\n"
        "import time:        30 |         30 | typing_extensions\n")
    assert got == pytest.approx({"total": 2180e-6, "typer": 150e-6, "bulletin_export": 2000e-6})
