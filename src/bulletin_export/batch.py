"""Converting many issues: planning jobs, running them across processes, reporting.

The style sheet and fonts are loaded once per worker (one RenderContext each). A bad
input fails its own job only; the batch goes on. Ctrl-C stops the batch promptly:
workers are terminated and any temporary file they left is removed, so only complete
outputs remain (every output is written atomically, see outputs.py).
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .diagnostics import Diagnostic, Severity, format_human
from .errors import BulletinError, UsageError
from .outputs import check_target, remove_stale_temps, write_atomic

if TYPE_CHECKING:  # pragma: no cover - the pool's modules load only for -j > 1
    from concurrent.futures import ProcessPoolExecutor

DEFAULT_FORMATS = ("docx", "pdf")
DEFAULT_OUT_DIR = Path("out")


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build needs besides its inputs; defaults are the CLI's defaults."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    out_dir: Path = DEFAULT_OUT_DIR
    style: str | None = None  # a style name or a path to a .toml; None = the default
    font_dirs: tuple[Path, ...] = ()
    overrides: tuple[tuple[str, str], ...] = ()
    force: bool = False
    jobs: int = 1
    checks: bool = True  # run the proofreading checks and count their findings
    disabled_checks: tuple[str, ...] = ()
    source_date_epoch: int | None = None


@dataclass(frozen=True)
class Job:
    src: Path
    targets: tuple[tuple[str, Path], ...]  # (format, output path)


@dataclass
class JobResult:
    src: Path
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # human-formatted diagnostics
    error: str | None = None
    seconds: float = 0.0

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchReport:
    results: list[JobResult] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def inputs(self) -> int:
        return len(self.results)

    @property
    def outputs(self) -> int:
        return sum(len(r.written) for r in self.results)

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.results)


# --- planning -------------------------------------------------------------------------

def discover(inputs: Sequence[Path], out_dir: Path) -> tuple[list[tuple[Path, Path]], list[JobResult]]:
    """Expand files and folders into (source, relative output stem) pairs.

    Folders are searched recursively for .txt and .xml, in sorted order, skipping hidden
    entries and the output folder itself. A missing input becomes a failed JobResult.
    """
    found: list[tuple[Path, Path]] = []
    missing: list[JobResult] = []
    out_resolved = out_dir.resolve()
    seen: set[Path] = set()

    def add(path: Path, stem: Path) -> None:
        key = path.resolve()
        if key not in seen:  # the same file given twice (or by two routes) is built once
            seen.add(key)
            found.append((path, stem))

    from . import readers

    accepted = readers.suffixes()
    for given in inputs:
        if given.is_dir():
            for path in sorted(given.rglob("*")):
                rel = path.relative_to(given)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if not path.name.lower().endswith(accepted) or not path.is_file():
                    continue
                if out_resolved in path.resolve().parents:
                    continue
                add(path, rel.with_suffix(""))
        elif given.is_file():
            add(given, Path(given.stem))
        else:
            missing.append(JobResult(src=given, error=f"{given}: no such file or folder"))
    return found, missing


def plan(inputs: Sequence[Path], options: BuildOptions) -> tuple[list[Job], list[JobResult]]:
    """Jobs for every input, plus failed results for inputs that cannot be built at all."""
    from . import renderers

    from .timestamps import source_date_epoch

    exts = {fmt: renderers.get(fmt).extension for fmt in options.formats}
    source_date_epoch(options.source_date_epoch)  # a bad SOURCE_DATE_EPOCH is a usage error
    for folder in options.font_dirs:
        if not folder.is_dir():
            raise UsageError(f"--font-dir {folder}: no such folder")
    if options.out_dir.exists() and not options.out_dir.is_dir():
        raise UsageError(f"output folder {options.out_dir} exists and is not a folder")
    found, failed = discover(inputs, options.out_dir)
    if not found and not failed:
        raise UsageError("no .txt or .xml inputs found in " + ", ".join(str(p) for p in inputs),
                         hint="the output folder itself is never searched")
    claimed: dict[Path, Path] = {}
    jobs: list[Job] = []
    for src, stem in found:
        targets = tuple((fmt, options.out_dir / stem.parent / (stem.name + exts[fmt])) for fmt in options.formats)
        clash = next((claimed[t] for _, t in targets if t in claimed), None)
        if clash is not None:
            failed.append(JobResult(src=src, error=f"{src}: its outputs would overwrite those of {clash}"))
            continue
        for _, t in targets:
            claimed[t] = src
        jobs.append(Job(src=src, targets=targets))
    return jobs, failed


# --- one job --------------------------------------------------------------------------

_CTX = None
_OPTIONS: BuildOptions | None = None
_INPUTS: tuple[Path, ...] = ()
_TAG = ""  # marks this batch's temporary files
_INFLIGHT: Path | None = None  # where a pool worker notes the input it is working on


def _init_worker(options: BuildOptions, inputs: tuple[Path, ...], child: bool, tag: str = "",
                 inflight: Path | None = None) -> None:
    """Load the style sheet (and fonts when a fixed-layout format is asked for) once."""
    global _CTX, _OPTIONS, _INPUTS, _TAG, _INFLIGHT
    if child:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    from .renderers import RenderContext

    _OPTIONS, _INPUTS, _TAG, _INFLIGHT = options, inputs, tag, inflight
    _CTX = RenderContext(
        style_name=options.style,
        font_dirs=options.font_dirs,
        source_date_epoch=options.source_date_epoch,
    )
    _CTX.style  # noqa: B018 - load now, fail early


def _diagnose(job: Job, parsed, reader) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The parser's diagnostics; the proofreading findings, as warnings (they never stop a
    build: `check` is where they set the exit code); and, for formats that embed fonts,
    the missing glyphs (found here, where the source lines give exact columns).
    Returns (all of them, the errors)."""
    from . import renderers

    src = str(job.src)
    diags = [d.with_file(d.file or src) for d in parsed.diagnostics]
    if _OPTIONS.checks and reader.has_source_lines:
        from .checks import run_checks

        diags += [replace(d, severity=Severity.WARNING) if d.severity is Severity.ERROR else d
                  for d in run_checks(parsed, disabled=_OPTIONS.disabled_checks, file=src)]
    if any(getattr(renderers.get(fmt), "uses_fonts", False) for fmt, _ in job.targets):
        diags += [d.with_file(src) for d in _CTX.fonts.coverage(parsed.issue, parsed.lines)
                  if d.severity is Severity.ERROR]
    return diags, [d for d in diags if d.severity is Severity.ERROR]


def run_job(job: Job) -> JobResult:
    """Parse, check and render one input; every failure is caught into the result."""
    from . import readers, renderers
    from .readers.files import read_input

    assert _OPTIONS is not None and _CTX is not None
    started = time.perf_counter()
    result = JobResult(src=job.src)
    note = _INFLIGHT / str(os.getpid()) if _INFLIGHT else None
    if note:
        note.write_text(str(job.src), encoding="utf-8")
    try:
        data = read_input(job.src)
        reader = readers.for_input(job.src.name, data[:readers.HEAD_BYTES])
        parsed = reader.read(data, file=str(job.src), overrides=dict(_OPTIONS.overrides))
        diags, errors = _diagnose(job, parsed, reader)
        result.diagnostics = diags
        # the first error becomes the job's one-line error; the rest are shown with their lines
        first = errors[0] if errors else None
        shown = [d for d in diags if d.severity is not Severity.INFO and d is not first]
        result.messages = [format_human(d, parsed.lines) for d in shown]
        if errors:
            result.error = errors[0].headline() + (
                f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else "")
            return result
        for _, target in job.targets:
            check_target(target, _INPUTS + (job.src,), _OPTIONS.force)
        # every format is made before any is written: an input gets all its outputs or none
        made = [(target, renderers.get(fmt).render(parsed.issue, _CTX)) for fmt, target in job.targets]
        for target, data in made:
            write_atomic(target, data, tag=_TAG)
            result.written.append(target)
    except BulletinError as exc:
        if exc.file is None:  # renderers know lines, not file names
            exc.file = str(job.src)
        result.error = str(exc)
    except OSError as exc:
        name = exc.filename or job.src
        result.error = f"{name}: cannot write: {exc.strerror or exc}"
    except Exception as exc:  # a renderer bug must not end the batch
        result.error = f"{job.src}: internal error: {type(exc).__name__}: {exc}"
    finally:
        result.seconds = time.perf_counter() - started
        if note:
            note.unlink(missing_ok=True)
    return result


# --- the batch ------------------------------------------------------------------------

def run(
    jobs: Sequence[Job],
    options: BuildOptions,
    inputs: Iterable[Path] = (),
    on_result: Callable[[JobResult], None] | None = None,
) -> BatchReport:
    """Run jobs (in this process for jobs=1 or a single job, else in a process pool)."""
    report = BatchReport()
    started = time.perf_counter()
    inputs = tuple(inputs)
    emit = on_result or (lambda r: None)

    def record(res: JobResult) -> None:
        report.results.append(res)
        emit(res)

    tag = uuid.uuid4().hex[:10]
    try:
        if options.jobs <= 1 or len(jobs) <= 1:
            _init_worker(options, inputs, False, tag)
            for job in jobs:
                record(run_job(job))
        else:
            _run_pool(jobs, options, inputs, record, tag)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        remove_stale_temps({t.parent for job in jobs for _, t in job.targets}, tag)
        report.seconds = time.perf_counter() - started
    return report


def _run_pool(jobs: Sequence[Job], options: BuildOptions, inputs: tuple[Path, ...],
              record: Callable[[JobResult], None], tag: str) -> None:
    """Run jobs in a pool. When a worker dies (a crash, not an exception), the inputs
    that were in progress are each run again alone, so only an input that crashes a
    worker by itself is blamed; the inputs that had not started are simply run again."""
    with tempfile.TemporaryDirectory(prefix="bx-inflight-") as tmp:
        inflight = Path(tmp)
        pending = list(jobs)
        while pending:
            lost, suspects = _pool_pass(pending, options, inputs, record, tag, inflight, False)
            if lost and not suspects:  # nothing noted its input: suspect them all
                suspects = {j.src for j in lost}
            pending = [j for j in lost if j.src not in suspects]
            for job in (j for j in lost if j.src in suspects):
                for crashed in _pool_pass([job], options, inputs, record, tag, inflight, True)[0]:
                    record(JobResult(src=crashed.src,
                                     error=f"{crashed.src}: a worker process crashed on this input"))


def _pool_pass(jobs: Sequence[Job], options: BuildOptions, inputs: tuple[Path, ...],
               record: Callable[[JobResult], None], tag: str, inflight: Path,
               alone: bool) -> tuple[list[Job], set[Path]]:
    """One pool over ``jobs``; returns the jobs lost to a broken pool and the inputs that
    were in progress when it broke."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(
        max_workers=1 if alone else min(options.jobs, len(jobs)),
        initializer=_init_worker,
        initargs=(options, inputs, True, tag, inflight),
    )
    futures: dict[Future, Job] = {pool.submit(run_job, job): job for job in jobs}
    broken: set[Future] = set()
    try:
        remaining = set(futures)
        while remaining:
            done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for fut in done:
                try:
                    record(fut.result())
                except BrokenProcessPool:
                    broken.add(fut)
        pool.shutdown(wait=True)
    except BaseException:
        _terminate(pool)
        raise
    suspects = set()
    for note in inflight.iterdir():
        suspects.add(Path(note.read_text(encoding="utf-8")))
        note.unlink()
    return [job for fut, job in futures.items() if fut in broken], suspects  # in input order


def _terminate(pool: "ProcessPoolExecutor") -> None:
    """Stop a pool now: cancel what has not started and kill the workers."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        try:
            proc.terminate()
        except Exception:
            pass
    for proc in procs:
        proc.join(timeout=5)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def validate_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """Normalise a format list (comma-separated items allowed); unknown names are a UsageError."""
    from . import renderers

    out: list[str] = []
    for item in formats:
        for name in item.split(","):
            name = name.strip().lower()
            if name and name not in out:
                renderers.get(name)
                out.append(name)
    if not out:
        raise UsageError("no output format given")
    return tuple(out)
