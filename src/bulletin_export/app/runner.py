"""Running a plan: in this process (one job) or in a process pool, writing each input's
outputs together, and stopping cleanly.

All or nothing per input: a worker writes every output of its input to temporary files
(outputs.write_temps) and hands them to the parent, which renames them together
(outputs.commit) or throws them away. SIGINT and SIGTERM are handled in the parent: it
decides to stop, commits nothing after that, kills the workers, waits for them and
removes every temporary file of the run. Workers ignore SIGINT (a Ctrl-C reaches the
whole group), die on SIGTERM, and are killed by the kernel when the parent dies
(PR_SET_PDEATHSIG on Linux).
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from ..errors import BulletinError
from ..outputs import check_target, commit, discard, remove_stale_temps, write_temps
from .build import build_one, context, read_source
from .plan import Job, plan
from .records import BuildOptions, Report, Result, Source, display

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import ProcessPoolExecutor

Callback = Callable[[Result], None]


class Interrupted(KeyboardInterrupt):
    """Raised in the parent by SIGINT or SIGTERM (outside the commit of an input)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class _Stop:
    """The parent's decision to stop: the first signal wins; a signal that arrives while
    an input's outputs are being renamed takes effect right after that input."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._critical = 0
        self._pending = False
        self._old: dict[int, object] = {}

    def __enter__(self) -> "_Stop":
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame) -> None:
        if self.signum is None:
            self.signum = signum
        if self._critical:
            self._pending = True
            return
        raise Interrupted(signum)

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        self._critical += 1
        try:
            yield
        finally:
            self._critical -= 1
            if not self._critical and self._pending:
                self._pending = False
                raise Interrupted(self.signum or signal.SIGINT)


# --- one job (in a worker, or in this process) ---------------------------------------

_OPTIONS: BuildOptions | None = None
_INPUTS: tuple[Path, ...] = ()
_TAG = ""
_INFLIGHT: Path | None = None  # where a pool worker notes the input it is working on


def _die_with_parent(parent: int) -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:  # pragma: no cover - not Linux: the parent still kills its workers
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _init_worker(options: BuildOptions, inputs: tuple[Path, ...], child: bool, tag: str = "",
                 inflight: Path | None = None, parent: int | None = None) -> None:
    """Load the style sheet (and fonts when needed) once per process."""
    global _OPTIONS, _INPUTS, _TAG, _INFLIGHT
    if child:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if parent is not None:
            _die_with_parent(parent)
    _OPTIONS, _INPUTS, _TAG, _INFLIGHT = options, inputs, tag, inflight
    context(options).style  # noqa: B018 - load now, fail early


def stage(res: Result, job: Job, options: BuildOptions, inputs: tuple[Path, ...], tag: str) -> Result:
    """The outputs of a built input into temporary files beside their targets
    (Result.pending), after the target checks (never over an input, the overwrite rule);
    a pool worker and the Dask client both stage through here."""
    if res.error is not None or not job.targets:
        return res
    try:
        for _, target in job.targets:
            check_target(target, inputs, options.force)
        pairs = write_temps([(target, res.outputs[fmt]) for fmt, target in job.targets], tag=tag)
    except BulletinError as exc:
        res.outputs, res.error = {}, str(exc)
        return res.finish(options, exc.exit_code)
    except OSError as exc:
        name = display(exc.filename) if exc.filename else job.name
        res.outputs, res.error = {}, f"{name}: cannot write: {exc.strerror or exc}"
        return res.finish(options)
    res.outputs = {}
    res.pending = tuple((fmt, tmp, target) for (fmt, _), (tmp, target) in zip(job.targets, pairs))
    return res


def work(job: Job) -> Result:
    """Build one job; its outputs become temporary files (Result.pending) when they go to
    files. Every failure is caught into the result."""
    assert _OPTIONS is not None
    options = _OPTIONS
    note = _INFLIGHT / str(os.getpid()) if _INFLIGHT else None
    if note:
        note.write_bytes(os.fsencode(job.source.name if isinstance(job.source, Source) else job.source))
    src_path = job.source if isinstance(job.source, Path) else job.source.path
    try:
        try:
            source = job.source if isinstance(job.source, Source) else read_source(job.source, job.name)
        except BulletinError as exc:
            return Result(name=job.name, path=src_path, error=str(exc)).finish(options, exc.exit_code)
        res = build_one(source, options)
        return stage(res, job, options, _INPUTS + ((src_path,) if src_path else ()), _TAG)
    finally:
        if note:
            note.unlink(missing_ok=True)


# --- the run -------------------------------------------------------------------------

def run(inputs: Sequence[Path | Source], options: BuildOptions,
        on_result: Callback | None = None, on_plan: Callable[[int], None] | None = None) -> Report:
    """Plan, build and write every input; ``on_result`` is called in this process with each
    Result as soon as it is final (its outputs renamed into place). ``on_plan`` is called
    once, after planning and before the first result, with the number of Results to come
    (a progress bar's total). Usage errors raise UsageError before any work; a bad input
    fails its own Result only."""
    jobs, failed, skipped = plan(list(inputs), options)
    report = Report(skipped=skipped)
    if on_plan is not None:
        on_plan(len(jobs) + len(failed))
    emit = on_result or (lambda r: None)
    for res in failed:
        report.results.append(res)
        emit(res)
    execute(jobs, options, report, emit, tuple(Path(p) for p in inputs if not isinstance(p, Source)))
    return report


def execute(jobs: Sequence[Job], options: BuildOptions, report: Report, emit: Callback,
            inputs: tuple[Path, ...] = ()) -> None:
    started = time.perf_counter()
    tag = uuid.uuid4().hex[:10]
    stop = _Stop()

    def finish(res: Result) -> None:
        """Commit an input's outputs together and record it (not after the decision to stop)."""
        with stop.critical():
            if stop.signum is not None:
                discard((tmp, target) for _, tmp, target in res.pending)
                return
            if res.pending:
                try:
                    done = commit((tmp, target) for _, tmp, target in res.pending)
                    res.written = {fmt: target for (fmt, _, _), target in zip(res.pending, done)}
                except OSError as exc:
                    name = display(exc.filename) if exc.filename else res.name
                    res.error = f"{name}: cannot write: {exc.strerror or exc}"
                    res.finish(options)
                res.pending = ()
            report.results.append(res)
            emit(res)

    try:
        with stop:
            if options.executor == "dask":  # a Dask cluster builds, this process writes
                from .dask_executor import run_dask

                run_dask(jobs, options, inputs, finish, tag)
            elif options.jobs <= 1 or len(jobs) <= 1:
                _init_worker(options, inputs, False, tag)
                for job in jobs:
                    finish(work(job))
            else:
                _run_pool(jobs, options, inputs, finish, tag, stop)
    except KeyboardInterrupt as exc:
        report.interrupted = True
        report.signal = getattr(exc, "signum", None) or stop.signum or signal.SIGINT
    finally:
        if options.out_dir is not None:
            remove_stale_temps({t.parent for job in jobs for _, t in job.targets}, tag)
        report.seconds = time.perf_counter() - started


def _run_pool(jobs: Sequence[Job], options: BuildOptions, inputs: tuple[Path, ...],
              finish: Callback, tag: str, stop: _Stop) -> None:
    """Run jobs in a pool. When a worker dies (a crash, not an exception), the inputs
    that were in progress are each run again alone, so only an input that crashes a
    worker by itself is blamed; the inputs that had not started are simply run again."""
    with tempfile.TemporaryDirectory(prefix="bx-inflight-") as tmp:
        inflight = Path(tmp)
        pending = list(jobs)
        while pending and stop.signum is None:
            lost, suspects = _pool_pass(pending, options, inputs, finish, tag, inflight, False, stop)
            if lost and not suspects:  # nothing noted its input: suspect them all
                suspects = {_key(j) for j in lost}
            pending = [j for j in lost if _key(j) not in suspects]
            for job in (j for j in lost if _key(j) in suspects):
                if stop.signum is not None:
                    break
                for crashed in _pool_pass([job], options, inputs, finish, tag, inflight, True, stop)[0]:
                    finish(Result(name=crashed.name, path=crashed.source if isinstance(crashed.source, Path) else None,
                                  error=f"{crashed.name}: a worker process crashed on this input").finish(options))


def _key(job: Job) -> bytes:
    return os.fsencode(job.source.name if isinstance(job.source, Source) else job.source)


def _pool_pass(jobs: Sequence[Job], options: BuildOptions, inputs: tuple[Path, ...],
               finish: Callback, tag: str, inflight: Path, alone: bool, stop: _Stop
               ) -> tuple[list[Job], set[bytes]]:
    """One pool over ``jobs``; returns the jobs lost to a broken pool and the inputs that
    were in progress when it broke."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(
        max_workers=1 if alone else min(options.jobs, len(jobs)),
        initializer=_init_worker,
        initargs=(options, inputs, True, tag, inflight, os.getpid()),
    )
    futures: dict[Future, Job] = {}
    broken: set[Future] = set()
    try:
        with stop.critical():  # the workers are forked here: never half-registered on a signal
            for job in jobs:
                futures[pool.submit(work, job)] = job
        remaining = set(futures)
        while remaining:
            done, remaining = wait(remaining, return_when=FIRST_COMPLETED)
            for fut in done:
                try:
                    res = fut.result()
                except BrokenProcessPool:
                    broken.add(fut)
                    continue
                finish(res)
        pool.shutdown(wait=True)
    except BaseException:
        _terminate(pool)
        raise
    suspects = set()
    for note in inflight.iterdir():
        suspects.add(note.read_bytes())
        note.unlink()
    return [job for fut, job in futures.items() if fut in broken], suspects  # in input order


def _terminate(pool: "ProcessPoolExecutor") -> None:
    """Stop a pool now: cancel what has not started, kill the workers and wait for them
    (so no worker writes anything after this returns)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    for proc in procs:
        try:
            proc.kill()
        except Exception:
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.join(timeout=10)
