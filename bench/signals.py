"""All-or-nothing outputs under signals and write errors (issue 17), as repeated trials.

    python bench/signals.py [--trials 20] [--inputs 40] [--jobs 2]

Each trial builds a folder of inputs at -j 2 into docx, pdf and xml and then:
  int-parent / term-parent   SIGINT / SIGTERM to the parent process, after a random
                             number (0-6) of inputs were written;
  int-group / term-group     the same signal to the whole process group (a Ctrl-C on a
                             terminal reaches every process of the group);
  write-error                no signal, but files over a size limit cannot be written
                             (RLIMIT_FSIZE: EFBIG) so that some inputs' PDFs fail after their
                             DOCX and XML were made.
A trial fails when an input is left with some but not all of its outputs, when a
temporary file remains, when a process of the build outlives the parent, or when an
output appears after the parent has exited. Prints one line per mode with the counts, and the last line the build printed for each
exit code seen (-2/-15 or a KeyboardInterrupt traceback with exit 1: the signal came while
Python itself was starting, before any bulletin_export code ran, so nothing was written).
tests/cli/test_cli_signals.py runs a few trials of each through trial().
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = (ROOT / "samples" / "suzhou-union-2012-04.txt", ROOT / "samples" / "union-work-bulletin-masthead.txt")
FORMATS = ("docx", "pdf", "xml")
MODES = ("int-parent", "int-group", "term-parent", "term-group", "write-error")


@dataclass
class Outcome:
    mode: str
    returncode: int | None = None
    seconds: float = 0.0
    partial: list[str] = field(default_factory=list)    # stems with some but not all outputs
    temps: list[str] = field(default_factory=list)      # temporary files left
    survivors: int = 0                                  # processes of the group left alive
    late: list[str] = field(default_factory=list)       # outputs that appeared after the exit
    complete: int = 0                                   # inputs with every output
    stderr: str = ""                                    # the build's last lines, for a look

    @property
    def ok(self) -> bool:
        return not (self.partial or self.temps or self.survivors or self.late)


def make_inputs(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    datas = [p.read_bytes() for p in SAMPLES]
    for i in range(count):
        (folder / f"in{i:03d}.txt").write_bytes(datas[i % 2])


def _snapshot(out: Path) -> set[str]:
    return {str(p.relative_to(out)) for p in out.rglob("*")} if out.exists() else set()


def _group_alive(pgid: int) -> int:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return 0
    except PermissionError:  # pragma: no cover
        return 1
    return 1


def _fsize_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def pdf_sizes(work: Path) -> list[int]:
    """The PDF size of each sample (to put the write-error limit between them)."""
    out = work / "sizes"
    subprocess.run([sys.executable, "-m", "bulletin_export", "build", *map(str, SAMPLES), "-f", "pdf",
                    "-o", str(out), "-q"], capture_output=True, check=True)
    return [(out / (p.stem + ".pdf")).stat().st_size for p in SAMPLES]


def trial(mode: str, work: Path, inputs: int = 40, jobs: int = 2, rng: random.Random | None = None,
          fsize: int | None = None, settle: float = 0.5) -> Outcome:
    rng = rng or random.Random()
    tree, out = work / "in", work / "out"
    shutil.rmtree(work, ignore_errors=True)
    make_inputs(tree, inputs)
    cmd = [sys.executable, "-m", "bulletin_export", "build", str(tree), "-f", ",".join(FORMATS),
           "-o", str(out), "-j", str(jobs), "-q"]
    outcome = Outcome(mode)
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_fsize_limit(fsize) if mode == "write-error" and fsize else None)
    pgid = proc.pid
    if mode != "write-error":
        wanted = rng.randint(0, 6)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if len(list(out.glob("*.pdf"))) >= wanted if out.exists() else wanted == 0:
                break
            time.sleep(0.005)
        time.sleep(rng.random() * 0.05)  # land anywhere inside an input's work
        sig = signal.SIGINT if mode.startswith("int") else signal.SIGTERM
        try:
            if mode.endswith("group"):
                os.killpg(pgid, sig)
            else:
                proc.send_signal(sig)
        except ProcessLookupError:
            pass
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(pgid, signal.SIGKILL)
        _, err = proc.communicate()
    outcome.stderr = "\n".join(err.decode("utf-8", "replace").splitlines()[-6:])
    outcome.returncode = proc.returncode
    outcome.seconds = time.monotonic() - started
    gone = time.monotonic() + 2  # a worker killed with its parent may take a moment to be reaped
    while _group_alive(pgid) and time.monotonic() < gone:
        time.sleep(0.02)
    outcome.survivors = _group_alive(pgid)
    first = _snapshot(out)
    time.sleep(settle)  # would anything still write?
    outcome.late = sorted(_snapshot(out) - first)
    stems: dict[str, set[str]] = {}
    for name in _snapshot(out):
        if name.startswith("."):
            outcome.temps.append(name)
            continue
        stem, _, ext = name.rpartition(".")
        stems.setdefault(stem, set()).add(ext)
    outcome.partial = sorted(s for s, exts in stems.items() if exts != set(FORMATS))
    outcome.complete = sum(1 for exts in stems.values() if exts == set(FORMATS))
    if outcome.survivors:  # leave nothing behind
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return outcome


def write_error_limit(work: Path) -> int:
    small, big = sorted(pdf_sizes(work))
    return (small + big) // 2 if big > small * 1.05 else small - 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--inputs", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    failed_any = False
    with tempfile.TemporaryDirectory(prefix="bx-signals-") as tmp:
        work = Path(tmp)
        limit = write_error_limit(work)
        print(f"{args.trials} trials per mode, {args.inputs} inputs, -j {args.jobs}, formats {','.join(FORMATS)}; "
              f"write-error: files over {limit} bytes fail")
        for mode in MODES:
            outcomes = [trial(mode, work / "t", args.inputs, args.jobs, rng, fsize=limit) for _ in range(args.trials)]
            bad = [o for o in outcomes if not o.ok]
            failed_any |= bool(bad)
            codes = sorted({o.returncode for o in outcomes})
            print(f"{mode:<12} {len(outcomes) - len(bad):>3}/{len(outcomes)} clean; "
                  f"partial sets {sum(len(o.partial) for o in outcomes)}, temporary files left "
                  f"{sum(len(o.temps) for o in outcomes)}, surviving processes {sum(o.survivors for o in outcomes)}, "
                  f"late outputs {sum(len(o.late) for o in outcomes)}; complete inputs per trial "
                  f"{min(o.complete for o in outcomes)}-{max(o.complete for o in outcomes)}; exit codes {codes}; "
                  f"slowest stop {max(o.seconds for o in outcomes):.1f} s")
            for code in codes:  # what the build said, once per exit code
                said = next(o.stderr for o in outcomes if o.returncode == code).strip().splitlines()
                print(f"    exit {code}: {said[-1][:150] if said else '(nothing)'}")
    return 1 if failed_any else 0


if __name__ == "__main__":
    sys.exit(main())
