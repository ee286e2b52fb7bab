"""Running a plan on a Dask cluster (dask.distributed, the optional extra ``[dask]``).

    bulletin-export build ARCHIVE -o OUT --executor dask --scheduler tcp://HOST:8786
    bulletin-export build ARCHIVE -o OUT --executor dask -j 4     # a LocalCluster of 4 processes

Workers read their input from its path (inputs on a file system every worker sees at the
same absolute path; in-memory Sources travel with the task), build it with
``build_one`` and return the Result with its outputs as bytes. The client, this process,
does every write exactly as a process pool's parent does: it checks each target (never an
input, never a file we did not make without --force), writes the input's outputs to
temporary files beside their targets and renames them together (runner.execute's
``finish``). So:

- all or nothing per input holds on one file system whatever the workers do: a worker
  that dies, hangs or outlives the client has written nothing in OUT, and a stop
  (Ctrl-C, SIGTERM) is decided and obeyed in one process;
- OUT need only be on the client's machine (it may be a shared folder too);
- the price is that outputs travel to the client (~0.3 MB per issue for three formats).

A worker that dies while building an input is the scheduler's business: it runs the task
again elsewhere and, after ``distributed.scheduler.allowed-failures`` deaths, gives up
with KilledWorker; that input is then reported as "a worker process crashed on this
input", like a crashed pool job. Our own LocalCluster allows one retry, and gives each
worker one task at a time so that a death blames only the input it was running.

Workers must have bulletin_export (and the same fonts) installed; one thread per worker
is what builds fast (the work is pure Python), and tasks in one process run one at a time.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from ..errors import BulletinError, UsageError
from .records import BuildOptions, Result, Source

if TYPE_CHECKING:  # pragma: no cover
    from .plan import Job

EXECUTORS = ("local", "dask")
MODULES = ("dask", "distributed")
INSTALL = "pip install 'bulletin-export[dask]'"
CONNECT_TIMEOUT = 20  # seconds to reach a scheduler


def check_executor(executor: str, scheduler: str | None) -> None:
    """A UsageError for an unknown executor, a scheduler without dask, or dask not installed."""
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r}; known executors: {', '.join(EXECUTORS)}")
    if scheduler and executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    if executor == "dask":
        check_available()


def check_available() -> None:
    """A UsageError (exit 2) naming the extra when dask.distributed is not installed."""
    from importlib.util import find_spec

    missing = []
    for name in MODULES:
        try:
            if find_spec(name) is None:
                missing.append(name)
        except (ImportError, ValueError):
            missing.append(name)
    if missing:
        raise UsageError(f"--executor dask needs the dask extra ({', '.join(missing)} missing): {INSTALL}")


# --- in a worker ------------------------------------------------------------------------

_LOCK = threading.Lock()  # one build at a time per worker process (caches are per process)


def build_task(source: "Path | Source", name: str, options: BuildOptions) -> Result:
    """Read and build one input in a worker; outputs stay in Result.outputs (bytes)."""
    from .build import build_one, read_source

    with _LOCK:
        if isinstance(source, Path):
            try:
                source = read_source(source, name)
            except BulletinError as exc:
                return Result(name=name, path=source, error=str(exc)).finish(options, exc.exit_code)
        return build_one(source, options)


def dask_setup(worker) -> None:
    """Run by each worker process of our LocalCluster when it starts (a Dask preload of
    this module): a Ctrl-C reaches the whole process group, and the client alone handles
    it (it stops the run and closes the cluster), so the workers ignore SIGINT instead of
    printing a KeyboardInterrupt traceback each."""
    import signal

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def font_fingerprint(options: BuildOptions) -> tuple:
    """What this worker's fonts are for the style: (role, family, style, face, file size)
    of every face found; workers that differ would make different bytes."""
    from .build import context, wants_glyphs

    if not wants_glyphs(options):
        return ()
    try:
        fonts = context(options).fonts
    except BulletinError as exc:
        return (("error", str(exc)),)
    out = []
    for role, chain in sorted(fonts.chains.items()):
        for f in chain:
            try:
                size = f.path.stat().st_size
            except OSError:
                size = -1
            out.append((role, f.family, f.style, f.index, size))
    return tuple(out)


# --- in the client ------------------------------------------------------------------------

def for_workers(options: BuildOptions) -> BuildOptions:
    """The options as a worker elsewhere must see them: the build clock fixed here
    (SOURCE_DATE_EPOCH of this process), paths absolute, one job per task."""
    from ..timestamps import source_date_epoch

    style = options.style
    if style is not None and Path(style).exists():
        style = str(Path(style).absolute())
    return dataclasses.replace(
        options, source_date_epoch=source_date_epoch(options.source_date_epoch), style=style,
        font_dirs=tuple(Path(d).absolute() for d in options.font_dirs),
        previous=Path(options.previous).absolute() if options.previous else None, jobs=1)


def connect(options: BuildOptions):
    """(client, cluster): a Client of options.scheduler, or of a LocalCluster of
    options.jobs worker processes on loopback (cluster is None for a scheduler given)."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    if options.scheduler:
        try:
            return Client(options.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler {options.scheduler}: {exc}") from None
    try:
        with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                              "distributed.scheduler.worker-saturation": 1.0}):
            cluster = LocalCluster(n_workers=max(1, options.jobs), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                                   preload=[__name__])  # dask_setup: workers ignore Ctrl-C
    except Exception as exc:  # no worker process could start (memory, a broken environment)
        raise BulletinError(f"cannot start a local Dask cluster: {type(exc).__name__}: {exc}") from None
    try:
        return Client(cluster, set_as_default=False), cluster
    except BaseException:
        cluster.close()
        raise


def stage(res: Result, job: "Job", options: BuildOptions, inputs: tuple[Path, ...], tag: str) -> Result:
    """In the client: the outputs of a built input into temporary files beside their
    targets (Result.pending), after the same target checks as a pool worker makes."""
    from .runner import stage as stage_in_temps

    res.path = job.source if isinstance(job.source, Path) else job.source.path
    return stage_in_temps(res, job, options, inputs + ((res.path,) if res.path else ()), tag)


def failed(job: "Job", exc: BaseException, options: BuildOptions) -> Result:
    """The Result of a task the cluster could not run (the build itself never raises)."""
    from distributed import KilledWorker

    path = job.source if isinstance(job.source, Path) else job.source.path
    if isinstance(exc, KilledWorker):
        why = "a worker process crashed on this input"
    else:
        why = f"the Dask cluster failed on this input: {type(exc).__name__}: {exc}"
    return Result(name=job.name, path=path, error=f"{job.name}: {why}").finish(options)


def run_dask(jobs: Sequence["Job"], options: BuildOptions, inputs: tuple[Path, ...],
             finish: Callable[[Result], None], tag: str) -> None:
    """Build ``jobs`` on the cluster, ``finish`` (commit and report) each in this process
    as it completes. At most a few tasks per worker thread are in flight, so results do
    not pile up in the workers' memory when writing here is the slower side. A stop
    (Interrupted) cancels what is left and closes the client (and our cluster)."""
    check_available()
    from distributed import as_completed

    remote = for_workers(options)
    client, cluster = connect(options)
    futures: dict = {}  # the futures in flight -> their jobs
    try:
        try:
            prints = set(client.run(font_fingerprint, remote).values())
        except Exception as exc:  # a worker without bulletin_export, or one that broke
            raise BulletinError(f"the Dask workers cannot build: {type(exc).__name__}: {exc}") from None
        if len(prints) > 1:
            raise UsageError("the Dask workers find different fonts for this style, so their outputs "
                             "would differ; install the same fonts on every worker")
        threads = sum(client.nthreads().values()) or 1
        window = max(4, 2 * threads)
        todo = iter(enumerate(jobs))
        pending = as_completed(loop=client.loop)

        def submit() -> None:
            number, job = next(todo, (0, None))
            if job is None:
                return
            src = job.source.absolute() if isinstance(job.source, Path) else job.source
            fut = client.submit(build_task, src, job.name, remote, pure=False,
                                key=f"bx-{tag}-{os.getpid()}-{number}")
            futures[fut] = job
            pending.add(fut)

        for _ in range(window):
            submit()
        for fut in pending:
            job = futures.pop(fut)
            try:
                res = fut.result()
            except Exception as exc:
                res = failed(job, exc, options)
            fut.release()
            submit()
            finish(stage(res, job, options, inputs, tag))
    finally:
        for fut in futures:
            if not fut.done():
                fut.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
