#!/usr/bin/env python3
"""Benchmarks: how fast bulletin_export is, beside what a user would otherwise run.

    python bench/run.py [--runs 5] [--batch 200] [--markdown docs/benchmarks.md]

Prints one table: per format the median warm (in-process) and cold (a CLI process)
time for the seed; the seed to all three formats in one cold CLI call; batch
throughput for N issues at -j 1 and -j 2; peak memory per process; output sizes;
and, where installed, LibreOffice converting our DOCX to PDF and pandoc converting
the seed (as Markdown) to DOCX with a reference document, with the ratio to ours.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
FORMATS = ("docx", "pdf", "xml")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1335571200"}
CLI = [sys.executable, "-m", "bulletin_export"]


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run_cmd(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, **kw)


def child_peak_mb() -> float:
    """Peak resident memory of the largest child process waited for so far (MB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def warm_times(runs: int) -> dict[str, float]:
    import bulletin_export as bx
    from bulletin_export.renderers import RenderContext, get

    ctx = RenderContext(source_date_epoch=1335571200)
    out = {}
    for fmt in FORMATS:
        renderer = get(fmt)
        renderer.render(bx.parse(SEED).issue, ctx)  # load fonts, styles, libraries once
        out[fmt] = median_time(lambda: renderer.render(bx.parse(SEED).issue, ctx), runs)
    return out


def make_batch(folder: Path, count: int) -> None:
    samples = sorted((ROOT / "samples").glob("*.txt"))
    for i in range(count):
        sub = folder / f"office{i % 5}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(samples[i % len(samples)], sub / f"issue-{i:04d}.txt")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    ap.add_argument("--batch", type=int, default=200, help="issues in the batch measurement")
    ap.add_argument("--markdown", type=Path, help="also write the table into this Markdown file")
    args = ap.parse_args()
    rows: list[tuple[str, str, str]] = []
    work = Path(tempfile.mkdtemp(prefix="bx-bench-"))
    try:
        warm = warm_times(args.runs)
        sizes = {}
        for fmt in FORMATS:
            out = work / f"cold-{fmt}"
            cold = median_time(lambda: run_cmd(CLI + ["build", str(SEED), "-f", fmt, "-o", str(out), "--force"]), args.runs)
            sizes[fmt] = (out / f"{SEED.stem}.{fmt}").stat().st_size
            rows.append((f"seed -> {fmt}", f"warm {warm[fmt] * 1000:.0f} ms, cold {cold * 1000:.0f} ms",
                         f"{sizes[fmt] / 1024:.0f} KB"))
        out = work / "cold-all"
        all3 = median_time(lambda: run_cmd(CLI + ["build", str(SEED), "-f", "docx,pdf,xml", "-o", str(out), "--force"]), args.runs)
        rows.append(("seed -> docx+pdf+xml, one cold CLI call", f"{all3 * 1000:.0f} ms", "target < 600 ms"))
        peak_single = child_peak_mb()

        batch_in = work / "batch"
        make_batch(batch_in, args.batch)
        for jobs in (1, 2):
            out = work / f"batch-j{jobs}"
            t = time.perf_counter()
            run_cmd(CLI + ["build", str(batch_in), "-f", "docx,pdf,xml", "-o", str(out), "-j", str(jobs), "--no-checks"])
            secs = time.perf_counter() - t
            rows.append((f"batch {args.batch} issues, 3 formats, -j {jobs}", f"{args.batch / secs:.1f} issues/s",
                         f"{secs:.1f} s" + (" (target > 40/s)" if jobs == 2 else "")))
        rows.append(("peak memory per process", f"{max(peak_single, child_peak_mb()):.0f} MB", "target < 150 MB"))

        docx = work / "cold-docx" / f"{SEED.stem}.docx"
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            lo_out = work / "lo"
            profile = f"file://{work / 'lo-profile'}"
            cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(lo_out), str(docx)]
            run_cmd(cmd)  # first start creates the profile
            lo = median_time(lambda: run_cmd(cmd), max(3, args.runs // 2))
            rows.append(("LibreOffice: our DOCX -> PDF", f"{lo * 1000:.0f} ms", f"x{lo / warm['pdf']:.0f} our warm PDF, x{lo / all3:.1f} our cold 3-format call"))
        else:
            rows.append(("LibreOffice: our DOCX -> PDF", "not installed", ""))
        pandoc = shutil.which("pandoc")
        if pandoc:
            md = work / "seed.md"
            md.write_text(SEED.read_text(encoding="utf-8").replace("\n", "\n\n"), encoding="utf-8")
            ref = work / "ref.docx"
            with open(ref, "wb") as fh:
                subprocess.run([pandoc, "-o", "-", "--print-default-data-file", "reference.docx"], stdout=fh, check=True)
            pd = median_time(lambda: run_cmd([pandoc, str(md), "-o", str(work / "p.docx"), "--reference-doc", str(ref)]), args.runs)
            rows.append(("pandoc: seed (Markdown) -> DOCX, reference doc", f"{pd * 1000:.0f} ms",
                         f"x{pd / warm['docx']:.1f} our warm DOCX"))
        else:
            rows.append(("pandoc: seed (Markdown) -> DOCX", "not installed", ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    machine = f"{platform.node() and 'this machine'}: {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    width = max(len(r[0]) for r in rows)
    lines = [f"| {'measurement':<{width}} | result | note |", f"|{'-' * (width + 2)}|---|---|"]
    lines += [f"| {a:<{width}} | {b} | {c} |" for a, b, c in rows]
    table = "\n".join(lines)
    print(machine)
    print(f"runs per measurement: {args.runs} (median)")
    print(table)
    if args.markdown:
        text = (f"# Benchmarks\n\nReproduce with `python bench/run.py --runs {args.runs} --markdown docs/benchmarks.md`.\n\n"
                f"Machine: {machine}. Medians of {args.runs} runs.\n\n{table}\n")
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
