"""bench/run.py runs end to end and writes its table (no timings are asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
                "peak memory of any one process"):
        assert row in text, row
    assert "stopped:" not in text
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
