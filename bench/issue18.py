#!/usr/bin/env python3
"""The figures of issue 18 that bench/run.py prints besides its own rows.

    python bench/issue18.py --worker-cpu BATCH_FOLDER [--issues 40]   # JSON on stdout
    python bench/issue18.py --imports                                   # JSON on stdout

- worker CPU per issue: in one process, as a batch worker does (style sheet and fonts
  loaded once, caches warm after the first issue), ``app.build_one`` of each batch issue
  to docx+pdf+xml without checks, process time per issue; and the same issue's renders
  one format at a time, so the split per format is known (read + diagnose is the rest);
- the imports of a cold three-format CLI call (``python -X importtime``): the total and
  the own time of the libraries' and our modules (median of 3 runs; -X importtime adds
  its own overhead, so the total is above what a plain call spends importing);
- the Dask row: a LocalCluster of two worker processes building the batch through the CLI
  (its start included), and whether its outputs are byte-identical to -j 2's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
FORMATS = ("docx", "pdf", "xml")
# the packages whose import time a cold call names (each package's own modules)
IMPORTS = ("typer", "rich", "docx", "reportlab", "PIL", "lxml", "fontTools", "importlib.metadata",
           "bulletin_export")


def worker_cpu(batch: Path, issues: int) -> dict:
    """Process time per issue of a warm worker (see the module's docstring)."""
    from bulletin_export import app, readers, renderers

    files = sorted(batch.rglob("*.txt"))[: issues + 1]
    options = app.BuildOptions(formats=FORMATS, out_dir=None, checks=False)
    ctx = app.context(options)
    totals, split = [], {fmt: [] for fmt in FORMATS}
    for k, path in enumerate(files):
        src = app.read_source(path)
        t = time.process_time()
        res = app.build_one(src, options)
        spent = time.process_time() - t
        if res.error:
            raise RuntimeError(res.error)
        if k == 0:  # the first issue loads the style sheet, fonts and libraries
            first = spent
            continue
        totals.append(spent)
        issue = readers.read(src.data, file=src.name).issue  # a fresh Issue: no layout cached for it
        ctx.checked = issue  # as build_one does: the coverage is known
        try:
            for fmt in FORMATS:
                t = time.process_time()
                renderers.get(fmt).render(issue, ctx)
                split[fmt].append(time.process_time() - t)
        finally:
            ctx.checked = None
    mean = statistics.fmean(totals)
    parts = {fmt: statistics.fmean(v) for fmt, v in split.items()}
    return {"issues": len(totals), "mean": mean, "median": statistics.median(totals), "first": first,
            "split": parts, "read_diagnose": max(0.0, mean - sum(parts.values()))}


def parse_importtime(stderr: str) -> dict[str, float]:
    """{"total": seconds of every module's own import time, package: the own time of its
    modules (its dependencies not included)} of one run."""
    out: dict[str, float] = {"total": 0.0}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _, self_us, _, name = (part.strip() for part in line.replace("import time:", "|", 1).split("|"))
        seconds = int(self_us) / 1e6
        out["total"] += seconds
        for pkg in IMPORTS:
            if name == pkg or name.startswith(pkg + "."):
                out[pkg] = out.get(pkg, 0.0) + seconds
                break
    return out


def imports(runs: int = 3, out_dir: Path | None = None) -> dict[str, float]:
    """The medians over ``runs`` cold three-format calls of parse_importtime."""
    import tempfile

    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
           "SOURCE_DATE_EPOCH": "1335571200"}  # bytecode compiled, as bench/run.py's ENV
    got = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "bulletin_export", "build", str(SEED),
                                   "-f", ",".join(FORMATS), "-o", str(out_dir or tmp), "--force", "-q"],
                                  capture_output=True, text=True, env=env)
            if proc.returncode != 0:
                raise RuntimeError(f"exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}")
            got.append(parse_importtime(proc.stderr))
    names = {k for g in got for k in g}
    return {k: statistics.median(g.get(k, 0.0) for g in got) for k in sorted(names)}


def same_tree(a: Path, b: Path) -> tuple[int, list[str]]:
    """(files compared, relative names that differ or exist on one side only)."""
    fa = {str(p.relative_to(a)): p for p in a.rglob("*") if p.is_file()}
    fb = {str(p.relative_to(b)): p for p in b.rglob("*") if p.is_file()}
    differ = sorted(set(fa) ^ set(fb))
    differ += [n for n in sorted(set(fa) & set(fb)) if fa[n].read_bytes() != fb[n].read_bytes()]
    return len(fa), differ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker-cpu", type=Path, metavar="BATCH")
    ap.add_argument("--issues", type=int, default=40)
    ap.add_argument("--imports", action="store_true")
    args = ap.parse_args()
    if args.worker_cpu:
        print(json.dumps(worker_cpu(args.worker_cpu, args.issues)))
    elif args.imports:
        print(json.dumps(imports()))
    else:
        ap.error("give --worker-cpu BATCH or --imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
