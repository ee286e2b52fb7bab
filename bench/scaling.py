#!/usr/bin/env python3
"""Scaling benchmark: time and peak memory per input size, and the ratio to linear.

    python bench/scaling.py [--sizes 1,4,16,64] [--cases seed,long-line] [--timeout 300]
                            [--ten-mb] [--markdown docs/reliability.md]

Every case is built at 1x, 4x, 16x and 64x of its unit and run through each stage in a
fresh child process (after a warm-up on the seed, so fonts, styles and libraries are
loaded and 1x measures the work, not the start): decode, parse, check (proofreading),
glyphs (font coverage), layout (layout.display_list) and every renderer of
renderers.formats(). Per stage it prints the CPU seconds of the process at each size
(time.process_time: the machine is shared, and wall time grows with other people's load,
not with the input) and the ratio to linear, t(64x) / (64 * t(1x)): 1.0 is linear, below
1 a fixed cost amortised, above 1.5 the target is missed. ``step`` is t(64x) / (4 * t(16x)),
which fixed costs do not hide.
Peak memory is the growth of the child's resident set over its warmed-up size (ru_maxrss),
also as a multiple of the input's bytes.

Cases (the pathological ones at 64x are the inputs of issue 17):

- seed: samples/suzhou-union-2012-04.txt repeated as more sections (64x = 0.97 MB);
- masthead-spaces: a masthead name line with 47 spaces per unit before the issue (64x = 3,008);
- para-spaces: a paragraph with 312 spaces per unit (64x = 19,968);
- nbsp: a paragraph with 78 NBSPs per unit (64x = 4,992);
- long-line: one paragraph of 781 characters per unit, the seed's text (64x = 49,984).

A stage over --timeout seconds (for the whole child) is reported as such and the later
stages of that size are not run. --ten-mb also builds the seed x 640 (9.7 MB) with the
CLI (-j 1) into the default formats (docx, pdf) and into every format, and reports its
CPU and wall time and peak memory (target < 60 s).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1335571200"}
SIZES = (1, 4, 16, 64)
BODY = "【工作动态】\n市总召开工作会议\n\n日前，市总工会召开会议，部署全年工作。（市总办公室）\n"
CASES = ("seed", "masthead-spaces", "para-spaces", "nbsp", "long-line")


def make_case(case: str, k: int) -> str:
    """The text of `case` at `k` times its unit."""
    seed = SEED.read_text(encoding="utf-8")
    if case == "seed":
        return "\n\n".join([seed] * k)
    if case == "masthead-spaces":
        return "苏州工会工作简报" + " " * (47 * k) + "2012年第4期\n苏州市总工会编\n\n" + BODY
    if case == "para-spaces":
        return BODY + "\n日前" + " " * (312 * k) + "召开会议。\n"
    if case == "nbsp":
        return BODY + "\n开头" + "\u00a0" * (78 * k) + "结尾。\n"
    if case == "long-line":
        flat = "".join(seed.split())
        n = 781 * k
        return BODY + "\n" + (flat * (n // len(flat) + 1))[:n] + "\n"
    raise SystemExit(f"unknown case {case!r}; cases: {', '.join(CASES)}")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(case: str, k: int) -> None:
    """Run every stage on one input; one JSON line per stage, flushed (the parent may kill us)."""
    from bulletin_export import checks, decode, parser, renderers
    from bulletin_export.layout import display_list

    ctx = renderers.RenderContext(source_date_epoch=1335571200)
    fmts = renderers.formats()

    def stages(text: str):
        data = text.encode("utf-8")
        yield "decode", lambda: decode.detect(data)
        res = {}
        yield "parse", lambda: res.setdefault("r", parser.parse_text(text, file="x.txt"))
        yield "check", lambda: checks.run_checks(res["r"])
        yield "glyphs", lambda: ctx.fonts.coverage(res["r"].issue, res["r"].lines)
        yield "layout", lambda: display_list(res["r"].issue, ctx.style, ctx.fonts)
        for fmt in fmts:
            def render(fmt=fmt):
                ctx.checked = res["r"].issue  # coverage is the glyphs stage's
                return renderers.get(fmt).render(res["r"].issue, ctx)
            yield fmt, render

    for _, fn in stages(make_case("seed", 1)):  # warm-up: load everything once
        fn()
    base = _rss_mb()
    text = make_case(case, k)
    size = len(text.encode("utf-8"))
    print(json.dumps({"stage": "input", "bytes": size}), flush=True)
    for name, fn in stages(text):
        t, cpu = time.perf_counter(), time.process_time()
        try:
            fn()
            error = None
        except Exception as exc:  # reported in the table; later stages may still run
            error = f"{type(exc).__name__}: {str(exc)[:80]}"
        print(json.dumps({"stage": name, "seconds": time.process_time() - cpu,
                          "wall": time.perf_counter() - t, "error": error,
                          "peak_mb": max(0.0, _rss_mb() - base)}), flush=True)


def run_child(case: str, k: int, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", case, str(k)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=ENV)
    try:
        out, _ = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        timed_out = True
    got: dict = {"timeout": timed_out, "stages": {}}
    for line in out.splitlines():
        rec = json.loads(line)
        if rec["stage"] == "input":
            got["bytes"] = rec["bytes"]
        else:
            got["stages"][rec["stage"]] = rec
    return got


def fmt_s(s: float | None) -> str:
    if s is None:
        return "-"
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def measure(cases, sizes, timeout: float) -> list[str]:
    """Markdown rows: one per case and stage."""
    rows = ["| case | stage | " + " | ".join(f"{k}x" for k in sizes)
            + " | ratio to linear | step | peak MB (x input) |",
            "|" + "---|" * (len(sizes) + 5)]
    for case in cases:
        runs = {}
        for k in sizes:
            runs[k] = run_child(case, k, timeout)
            print(f"  {case} {k}x: {runs[k].get('bytes', '?')} bytes"
                  + (" (timeout)" if runs[k]["timeout"] else ""), file=sys.stderr, flush=True)
        stage_names = []
        for k in sizes:
            stage_names += [s for s in runs[k]["stages"] if s not in stage_names]
        if any(r["timeout"] for r in runs.values()):
            stage_names.append("(timeout)")
        for stage in stage_names:
            cells, times = [], {}
            for k in sizes:
                rec = runs[k]["stages"].get(stage)
                if rec is None:
                    cells.append(f"> {timeout:.0f} s" if runs[k]["timeout"] else "-")
                elif rec["error"]:
                    cells.append(f"error: {rec['error']}")
                else:
                    times[k] = rec["seconds"]
                    cells.append(fmt_s(rec["seconds"]))
            lo, hi = sizes[0], sizes[-1]
            ratio = step = "-"
            if lo in times and hi in times and times[lo] > 0:
                ratio = f"{times[hi] / (times[lo] * hi / lo):.2f}"
            if len(sizes) > 1 and sizes[-2] in times and hi in times and times[sizes[-2]] > 0:
                step = f"{times[hi] / (times[sizes[-2]] * hi / sizes[-2]):.2f}"
            last = runs[hi]["stages"].get(stage)
            peak = "-"
            if last and runs[hi].get("bytes"):
                peak = f"{last['peak_mb']:.0f} ({last['peak_mb'] * 2**20 / runs[hi]['bytes']:.1f}x)"
            rows.append(f"| {case} | {stage} | " + " | ".join(cells) + f" | {ratio} | {step} | {peak} |")
            print(rows[-1], file=sys.stderr, flush=True)
    return rows


def ten_mb(timeout: float) -> list[str]:
    """The seed x 640 built by the CLI into the default formats and into every format."""
    from bulletin_export import renderers

    return [_ten_mb(fmts, timeout) for fmts in ("docx,pdf", ",".join(renderers.formats()))]


def _ten_mb(fmts: str, timeout: float) -> str:
    """One CLI build of the seed x 640 (-j 1): CPU and wall time, peak memory (os.wait4)."""
    import threading

    with tempfile.TemporaryDirectory(prefix="bx-10mb-") as tmp:
        src = Path(tmp) / "ten-mb.txt"
        src.write_text(make_case("seed", 640), encoding="utf-8")
        cmd = [sys.executable, "-m", "bulletin_export", "build", str(src), "-f", fmts, "-o",
               str(Path(tmp) / "out"), "-j", "1", "-q"]
        with open(Path(tmp) / "stderr", "w+b") as err:
            t = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=ENV)
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            timer.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)
            secs = time.perf_counter() - t
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").splitlines()
        if secs >= timeout:
            return f"10 MB build (-f {fmts}): over {timeout:.0f} s (killed)"
        cpu = usage.ru_utime + usage.ru_stime
        mb = src.stat().st_size / 2**20
        verdict = "met" if cpu < 60 and proc.returncode == 0 else "missed"
        errors = [ln for ln in lines if "error:" in ln]
        return (f"10 MB build ({mb:.1f} MB, -f {fmts}): exit {proc.returncode}, {cpu:.1f} s CPU "
                f"({secs:.1f} s wall), peak {usage.ru_maxrss / 1024:.0f} MB "
                f"({usage.ru_maxrss / 1024 / mb:.0f}x input); target < 60 s {verdict}."
                + (f" {errors[0][:160]}" if errors else ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--timeout", type=float, default=300, help="seconds per child (case and size)")
    ap.add_argument("--ten-mb", action="store_true", help="also build a 10 MB file with the CLI")
    ap.add_argument("--markdown", type=Path, help="replace <!-- scaling:begin/end --> in this file")
    ap.add_argument("--child", nargs=2, metavar=("CASE", "K"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    sizes = tuple(int(s) for s in args.sizes.split(","))
    rows = measure([c for c in args.cases.split(",") if c], sizes, args.timeout)
    lines = rows + ([""] + [f"- {line}" for line in ten_mb(args.timeout)] if args.ten_mb else [])
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = f"load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    block = "\n".join([f"`python bench/scaling.py{' --ten-mb' if args.ten_mb else ''}` ({stamp}, {load})", ""]
                      + lines)
    print(block)
    if args.markdown:
        begin, end = "<!-- scaling:begin -->", "<!-- scaling:end -->"
        old = args.markdown.read_text(encoding="utf-8") if args.markdown.is_file() else ""
        new = f"{begin}\n{block}\n{end}"
        text = (old[: old.index(begin)] + new + old[old.index(end) + len(end):]
                if begin in old and end in old else old + "\n" + new + "\n")
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
