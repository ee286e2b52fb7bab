#!/usr/bin/env python3
"""Benchmarks: how fast bulletin_export is, beside what a user would otherwise run.

    python bench/run.py [--runs 5] [--batch 200] [--wait-quiet 120] [--markdown docs/benchmarks.md]

Prints one table: per format the median warm (in-process: parse + render) and cold
(one CLI process) time for the seed; the seed to all three formats in one cold CLI
call; batch throughput for N issues at -j 1 and -j 2; peak memory of every process
measured (the largest single process of its tree: a CLI call, a batch worker,
LibreOffice); output sizes; and, where installed, LibreOffice converting our DOCX to
PDF and pandoc converting the seed (as Markdown) to DOCX with a reference document,
with the ratio to ours. A tool that fails is reported in its row; the rest goes on.
The figures of issue 18 (bench/issue18.py): the imports of a cold three-format call, the
worker CPU per batch issue (split per format), the batch through `--executor dask` on a
LocalCluster of two processes (byte-compared with -j 2), our cold three-format call
against LibreOffice's DOCX->PDF and our cold DOCX call against pandoc, in the same run.
Cold runs also show their fastest run and CPU time (user + system), which other work on
the machine skews less than the median wall time; the batch shows the fastest of
--batch-passes runs; the load average before and after is printed too.

The batch holds N distinct issues made from the samples: sections rotated and issue
numbers changed (a sample without a masthead gets one from a header block), so no
two inputs are the same file. Their character sets repeat, as real issues' largely do, so after the first
issues the font subsets come from the cache.

With --markdown FILE the table replaces what stands between the markers
``<!-- bench:begin -->`` and ``<!-- bench:end -->`` in FILE (the whole file when it
has none), so hand-written notes around it are kept.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
FORMATS = ("docx", "pdf", "xml")
# Cold calls run as after a pip install: with our modules' bytecode compiled (the sandbox's
# PYTHONDONTWRITEBYTECODE=1 made every cold process compile ~90 modules again, ~90 ms)
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "SOURCE_DATE_EPOCH": "1335571200"}
CLI = [sys.executable, "-m", "bulletin_export"]
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

TARGETS = {
    "all3": (0.6, "target < 0.6 s"),
    "web": (0.5, "target < 0.5 s"),
    "batch": (40.0, "target > 40 issues/s"),
    "pdf_kb": (200, "target < 200 KB"),
    "rss": (150, "target < 150 MB"),
    "cpu": (0.050, "target <= 50 ms"),
    "vs_lo": (0.25, "target <= 0.25"),
    "vs_pandoc": (2.0, "target <= 2x"),
}
IMPORT_NAMES = {"docx": "python-docx", "bulletin_export": "ours"}

sys.path.insert(0, str(Path(__file__).resolve().parent))
import issue18  # noqa: E402 - bench/issue18.py beside this file


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the largest resident set of any single process of the command's tree
    cpu: float = 0.0  # user + system seconds of the process tree (robust to other load)
    best: float = 0.0  # the fastest of the runs


def run_cmd(cmd: list[str], **kw) -> Run:
    """Run a command to completion; its wall time and peak memory (os.wait4's ru_maxrss)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, **kw)
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    secs = time.perf_counter() - t
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        raise RuntimeError(f"exit {proc.returncode}: {tail[0][:120]}")
    return Run(secs, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def median_run(cmd: list[str], runs: int) -> Run:
    got = [run_cmd(cmd) for _ in range(runs)]
    return Run(statistics.median(r.seconds for r in got), max(r.peak_mb for r in got),
               statistics.median(r.cpu for r in got), min(r.seconds for r in got))


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def warm_times(runs: int) -> dict[str, float]:
    """In-process medians: parse alone, and parse + render per format (fonts loaded once)."""
    import bulletin_export as bx
    from bulletin_export.renderers import RenderContext, get

    ctx = RenderContext(source_date_epoch=1335571200)
    out = {"parse": median_time(lambda: bx.parse(SEED), runs)}
    for fmt in FORMATS:
        renderer = get(fmt)
        renderer.render(bx.parse(SEED).issue, ctx)  # load fonts, styles, libraries once
        out[fmt] = median_time(lambda: renderer.render(bx.parse(SEED).issue, ctx), runs)
    out.update(pdf_split_times(runs, ctx))
    out["web"] = web_preview_time(runs)
    return out


def pdf_split_times(runs: int, ctx) -> dict[str, float]:
    """The warm PDF split: the display list (layout: line breaking, pagination, faces and
    glyph positions) and drawing it (font objects, content streams, the object-stream pass)."""
    import bulletin_export as bx
    from bulletin_export.layout import display_list
    from bulletin_export.renderers.pdf import draw_pdf

    issue = bx.parse(SEED).issue
    dl = display_list(issue, ctx.style, ctx.fonts)
    return {"pdf_layout": median_time(lambda: display_list(issue, ctx.style, ctx.fonts), runs),
            "pdf_draw": median_time(lambda: draw_pdf(dl, issue, ctx), runs)}


def pdf_parts(path: Path) -> str | None:
    """Where the PDF's bytes go: embedded font files, ToUnicode maps, page content, the rest."""
    try:
        import pypdf
    except ImportError:
        return None
    reader = pypdf.PdfReader(path)
    seen: set[int] = set()
    fonts = cmaps = content = 0

    def size(ref) -> int:
        obj = ref.get_object()
        if ref.idnum in seen:
            return 0
        seen.add(ref.idnum)
        return len(obj._data)  # the stream as stored (pypdf drops /Length when it parses)

    for page in reader.pages:
        content += size(page.raw_get("/Contents"))
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/ToUnicode" in font:
                cmaps += size(font.raw_get("/ToUnicode"))
            descs = [cid.get_object()["/FontDescriptor"] for cid in font.get("/DescendantFonts", [])]
            descs += [font["/FontDescriptor"]] if "/FontDescriptor" in font else []
            for desc in descs:
                for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                    if key in desc:
                        fonts += size(desc.raw_get(key))
    rest = path.stat().st_size - fonts - cmaps - content
    return (f"fonts {fonts / 1024:.0f} KB, ToUnicode {cmaps / 1024:.1f} KB, "
            f"page content {content / 1024:.0f} KB, the rest {rest / 1024:.1f} KB")


def web_preview_time(runs: int) -> float | None:
    """The web page's warm preview of the seed through its routes (parse, checks, PDF, the
    first page image); None without the [web] extra."""
    import tempfile

    try:
        from starlette.testclient import TestClient

        from bulletin_export.web import WebConfig, create_app
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        client = TestClient(create_app(WebConfig(data_dir=Path(tmp))), base_url="http://127.0.0.1:8000")
        body = {"text": SEED.read_text(encoding="utf-8"), "form": {"name": "工会工作简报", "issue": "4"}}

        def preview() -> None:
            r = client.post("/api/preview", json=body, headers={"origin": "http://127.0.0.1:8000"})
            assert client.get(f"/api/result/{r.json()['id']}/page/1.png").status_code == 200

        preview()  # fonts, style sheet, libraries once
        return median_time(preview, runs)


def make_batch(folder: Path, count: int) -> None:
    """`count` distinct issues from the samples (see the module's docstring)."""
    samples = sorted((ROOT / "samples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in samples]
    for i in range(count):
        text = texts[i % len(texts)]
        lines = text.splitlines()
        starts = [k for k, ln in enumerate(lines) if ln.strip().startswith("【")]
        if len(starts) > 1:
            head = lines[: starts[0]]
            sections = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]
            r = (i // len(texts)) % len(sections)
            lines = head + [ln for sec in sections[r:] + sections[:r] for ln in sec]
        text = "\n".join(lines) + "\n"
        numbered = re.sub(r"第\d+期（总第\d+期）", f"第{1 + i % 24}期（总第{100 + i}期）", text, count=1)
        if numbered == text and not text.startswith("---"):  # no masthead: give it one
            numbered = f"---\nname: 工会工作简报\n期号: {1 + i}\n---\n" + text
        text = numbered
        sub = folder / f"office{i % 5}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"issue-{i:04d}.txt").write_text(text, encoding="utf-8")


def ms(s: float) -> str:
    return f"{s * 1000:.0f} ms"


def mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def measure(args, work: Path, rows: list[tuple[str, str, str, str]]) -> None:
    def row(a: str, b: str, c: str = "", d: str = "") -> None:
        rows.append((a, b, c, d))
        print(f"  {a}: {b}  {c}  {d}", file=sys.stderr, flush=True)

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "bulletin_export")],
                   check=False, capture_output=True, env=ENV)  # what pip does for a wheel
    # in a child process: this one stays small, since a child's peak memory (wait4) starts
    # from the memory of the process that forked it
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--warm-json", str(args.runs)],
                         check=True, capture_output=True, text=True, env=ENV).stdout
    warm = json.loads(out.strip().splitlines()[-1])
    start = median_run([sys.executable, "-c", "pass"], args.runs)
    row("Python start alone (python -c pass)", f"{ms(start.seconds)} (cpu {ms(start.cpu)})",
        f"{start.peak_mb:.0f} MB", "included in every cold figure")
    row("seed: parse (warm, in process)", ms(warm["parse"]))
    cold: dict[str, Run] = {}
    sizes: dict[str, int] = {}
    for fmt in FORMATS:
        out = work / f"cold-{fmt}"
        cold[fmt] = median_run(CLI + ["build", str(SEED), "-f", fmt, "-o", str(out), "--force"], args.runs)
        sizes[fmt] = (out / f"{SEED.stem}.{fmt}").stat().st_size
        note = f"{sizes[fmt] / 1024:.0f} KB"
        if fmt == "pdf":
            note += f" ({TARGETS['pdf_kb'][1]}: {mark(sizes[fmt] / 1024 < TARGETS['pdf_kb'][0])})"
        row(f"seed -> {fmt}", f"warm {ms(warm[fmt])}, cold {ms(cold[fmt].seconds)} "
            f"(best {ms(cold[fmt].best)}, cpu {ms(cold[fmt].cpu)})",
            f"{cold[fmt].peak_mb:.0f} MB", note)
        if fmt == "pdf":
            row("seed -> pdf, warm: display list (layout) / drawing",
                f"{ms(warm['pdf_layout'])} / {ms(warm['pdf_draw'])}", "",
                pdf_parts(out / f"{SEED.stem}.pdf") or "")
    all3 = median_run(CLI + ["build", str(SEED), "-f", "docx,pdf,xml", "-o", str(work / "cold-all"),
                             "--force"], args.runs)
    row("seed -> docx+pdf+xml, one cold CLI call",
        f"{ms(all3.seconds)} (best {ms(all3.best)}, cpu {ms(all3.cpu)})", f"{all3.peak_mb:.0f} MB",
        f"{TARGETS['all3'][1]}: {mark(all3.seconds < TARGETS['all3'][0])}")
    imp = issue18.imports(out_dir=work / "cold-imports")
    named = ", ".join(f"{IMPORT_NAMES.get(k, k)} {ms(imp[k])}" for k in issue18.IMPORTS if k in imp)
    row("imports of that call (-X importtime, own time per package)", ms(imp["total"]), "", named)
    if warm.get("web") is not None:
        row("web page: seed preview (warm: parse, checks, PDF, page 1 image)", ms(warm["web"]), "",
            f"{TARGETS['web'][1]}: {mark(warm['web'] < TARGETS['web'][0])}")
    peak = max([all3.peak_mb] + [r.peak_mb for r in cold.values()])

    batch_in = work / "batch"
    make_batch(batch_in, args.batch)
    for jobs in (1, 2):
        passes = []
        for k in range(args.batch_passes):
            out = work / f"batch-j{jobs}-{k}"
            passes.append(run_cmd(CLI + ["build", str(batch_in), "-f", "docx,pdf,xml", "-o", str(out),
                                         "-j", str(jobs), "--no-checks", "-q"]))
        r = min(passes, key=lambda p: p.seconds)
        peak = max([peak] + [p.peak_mb for p in passes])
        rate = args.batch / r.seconds
        note = f"{r.seconds:.1f} s" + (f", best of {len(passes)}" if len(passes) > 1 else "")
        note += f", cpu {ms(r.cpu / args.batch)} per issue (all processes)"
        if jobs == 2:
            note += f" ({TARGETS['batch'][1]}: {mark(rate > TARGETS['batch'][0])})"
        row(f"batch {args.batch} issues, 3 formats, -j {jobs}", f"{rate:.1f} issues/s",
            f"{r.peak_mb:.0f} MB", note)
    cpu = json.loads(subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parent / "issue18.py"), "--worker-cpu", str(batch_in),
         "--issues", str(min(40, args.batch - 1))], check=True, capture_output=True, text=True, env=ENV
    ).stdout.strip().splitlines()[-1])
    split = ", ".join(f"{fmt} {ms(cpu['split'][fmt])}" for fmt in FORMATS)
    row(f"worker CPU per issue, 3 formats, --no-checks (warm worker, {cpu['issues']} batch issues)",
        f"{ms(cpu['mean'])} (median {ms(cpu['median'])})", "",
        f"{split}, read+diagnose {ms(cpu['read_diagnose'])}; the first issue {ms(cpu['first'])}; "
        f"{TARGETS['cpu'][1]}: {mark(cpu['mean'] <= TARGETS['cpu'][0])}")
    peak = max(peak, dask_row(row, args, batch_in, work))
    row("peak memory of any one process (ours)", f"{peak:.0f} MB", "",
        f"{TARGETS['rss'][1]}: {mark(peak < TARGETS['rss'][0])}")

    if args.skip_others:
        return
    docx = work / "cold-docx" / f"{SEED.stem}.docx"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = f"file://{work / 'lo-profile'}"
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
               "--outdir", str(work / "lo"), str(docx)]
        try:
            run_cmd(cmd)  # the first start creates the profile
            lo = median_run(cmd, max(3, args.runs // 2))
            row("LibreOffice: our DOCX -> PDF (cold)", ms(lo.seconds), f"{lo.peak_mb:.0f} MB",
                f"{lo.seconds / cold['pdf'].seconds:.1f}x our cold PDF time, {lo.seconds / warm['pdf']:.0f}x our warm")
            ratio = all3.seconds / lo.seconds
            row("our cold docx+pdf+xml call / LibreOffice's DOCX -> PDF (same run)", f"{ratio:.2f}", "",
                f"{TARGETS['vs_lo'][1]}: {mark(ratio <= TARGETS['vs_lo'][0])}")
        except (RuntimeError, OSError) as exc:
            row("LibreOffice: our DOCX -> PDF", f"failed ({exc})")
    else:
        row("LibreOffice: our DOCX -> PDF", "not installed")
    pandoc = shutil.which("pandoc")
    if pandoc:
        md = work / "seed.md"
        md.write_text(SEED.read_text(encoding="utf-8").replace("\n", "\n\n"), encoding="utf-8")
        ref = work / "ref.docx"
        try:
            run_cmd([pandoc, "-o", str(ref), "--print-default-data-file", "reference.docx"])
            pd = median_run([pandoc, str(md), "-o", str(work / "p.docx"), "--reference-doc", str(ref)], args.runs)
            row("pandoc: seed (Markdown) -> DOCX, reference doc (cold)", ms(pd.seconds), f"{pd.peak_mb:.0f} MB",
                f"{pd.seconds / cold['docx'].seconds:.2f}x our cold DOCX time, {pd.seconds / warm['docx']:.1f}x our warm")
            ratio = cold["docx"].seconds / pd.seconds
            row("our cold DOCX call / pandoc's (same run)", f"{ratio:.1f}x", "",
                f"{TARGETS['vs_pandoc'][1]}: {mark(ratio <= TARGETS['vs_pandoc'][0])}")
        except (RuntimeError, OSError) as exc:
            row("pandoc: seed (Markdown) -> DOCX", f"failed ({exc})")
    else:
        row("pandoc: seed (Markdown) -> DOCX", "not installed")
    if not args.skip_scaling:
        scaling_rows(row)

def dask_row(row, args, batch_in: Path, work: Path) -> float:
    """The batch through `--executor dask` on a LocalCluster of two worker processes (the
    cluster's start included); its outputs compared with -j 2's. Returns the peak MB."""
    from importlib.util import find_spec

    name = f"batch {args.batch} issues, 3 formats, Dask LocalCluster of 2 processes (start included)"
    if find_spec("distributed") is None:
        row(name, "not installed (pip install 'bulletin-export[dask]')")
        return 0.0
    out = work / "batch-dask"
    r = run_cmd(CLI + ["build", str(batch_in), "-f", "docx,pdf,xml", "-o", str(out), "-j", "2", "--no-checks",
                       "-q", "--executor", "dask"])
    count, differ = issue18.same_tree(out, work / "batch-j2-0")
    same = f"same bytes as -j 2: yes ({count} files)" if not differ else f"same bytes as -j 2: NO ({len(differ)} differ)"
    row(name, f"{args.batch / r.seconds:.1f} issues/s", f"{r.peak_mb:.0f} MB", f"{r.seconds:.1f} s; {same}")
    return r.peak_mb


def scaling_rows(row) -> None:
    """The row group of bench/scaling.py: the seed at 1x and 64x, CPU time per stage and
    its ratio to linear (run bench/scaling.py itself for every size and the pathological lines)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import scaling

    runs = {k: scaling.run_child("seed", k, 300) for k in (1, 64)}
    for stage, rec in runs[64]["stages"].items():
        one = runs[1]["stages"].get(stage)
        if rec["error"] or not one or one["error"]:
            row(f"scaling: seed 64x {stage}", f"error: {rec['error'] or (one or {}).get('error')}")
            continue
        ratio = rec["seconds"] / (64 * one["seconds"]) if one["seconds"] > 0 else 0.0
        row(f"scaling: seed 64x (0.97 MB) {stage}, CPU", ms(rec["seconds"]), f"{rec['peak_mb']:.0f} MB",
            f"{ratio:.2f}x linear from 1x ({ms(one['seconds'])}); {mark(ratio <= 1.5)} target <= 1.5x")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{platform.system()} {platform.machine()}, {cpu}, {cpus} CPUs available, "
            f"Python {platform.python_version()}")


def _load(when: str) -> str:
    """The 1-minute load average (other work on the machine skews every figure)."""
    try:
        return f"Load average {when}: {os.getloadavg()[0]:.2f}."
    except OSError:
        return ""


def table(rows: list[tuple[str, str, str, str]]) -> str:
    head = ("measurement", "median wall time / rate", "peak RSS", "size, ratio, target")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
    fmt = "| " + " | ".join(f"{{:<{w}}}" for w in widths) + " |"
    lines = [fmt.format(*head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)


def write_markdown(path: Path, block: str) -> None:
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if BEGIN in old and END in old:
        text = old[: old.index(BEGIN)] + block + old[old.index(END) + len(END):]
    else:
        text = "# Benchmarks\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    ap.add_argument("--batch", type=int, default=200, help="issues in the batch measurement")
    ap.add_argument("--markdown", type=Path, help="also write the table into this Markdown file")
    ap.add_argument("--batch-passes", type=int, default=2, help="batch runs per -j (the fastest is shown)")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                    help="first wait up to this long for the 1-minute load average to drop below 0.5")
    ap.add_argument("--skip-others", action="store_true", help="measure only bulletin_export (no LibreOffice, pandoc)")
    ap.add_argument("--skip-scaling", action="store_true", help="no scaling rows (bench/scaling.py: seed 1x and 64x)")
    ap.add_argument("--warm-json", type=int, metavar="RUNS", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.warm_json:  # the child that measures in-process times
        print(json.dumps(warm_times(args.warm_json)))
        return 0
    rows: list[tuple[str, str, str, str]] = []
    deadline = time.monotonic() + args.wait_quiet
    while time.monotonic() < deadline and os.getloadavg()[0] >= 0.5:
        time.sleep(5)
    work = Path(tempfile.mkdtemp(prefix="bx-bench-"))
    load = _load("before")
    failed = None
    try:
        measure(args, work, rows)
    except Exception as exc:  # report what was measured before the failure
        failed = f"stopped: {type(exc).__name__}: {exc}"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load += " " + _load("after")
    if failed:
        rows.append((failed, "", "", ""))
    about = f"Machine: {machine()}. Medians of {args.runs} runs. {load}"
    out = table(rows) if rows else "(nothing measured)"
    print(about)
    print(out)
    if args.markdown:
        cmd = f"python bench/run.py --runs {args.runs}" + (f" --batch {args.batch}" if args.batch != 200 else "")
        stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        write_markdown(args.markdown, f"{BEGIN}\nReproduce with `{cmd} --markdown docs/benchmarks.md` "
                                      f"(last run {stamp}).\n\n{about}\n\n{out}\n{END}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
