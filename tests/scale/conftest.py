"""One dask.distributed LocalCluster for the whole session (two worker processes, one
thread each, loopback, no dashboard) and the bench's batch built once with -j 2."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = ROOT / "tests" / "cli" / "plugins"
EPOCH = "1335571200"


def make_batch(folder: Path, count: int) -> None:
    """The bench's batch (bench/run.py make_batch): distinct issues made from the samples."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run as bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    bench.make_batch(folder, count)


@pytest.fixture(scope="session")
def crash_site(tmp_path_factory) -> Path:
    """A plug-in distribution with the 'crashy' renderer (kills its process on 崩溃), on the
    workers' sys.path from their start (workers restarted after a crash too)."""
    site = tmp_path_factory.mktemp("crash-site")
    shutil.copy(PLUGINS / "bx_plain_plugin.py", site)
    info = site / "bx_scale_crash-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: bx_scale_crash\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[bulletin_export.renderers]\ncrashy = bx_plain_plugin:CrashyRenderer\n",
                                           encoding="utf-8")
    # run by every worker when it starts (a Dask preload), restarts included
    (site.parent / "bx_scale_preload.py").write_text(f"import sys\nsys.path.insert(0, {str(site)!r})\n",
                                                     encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def cluster(crash_site):
    import logging

    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}):
        lc = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                          host="127.0.0.1", silence_logs=logging.ERROR,
                          preload=[str(crash_site.parent / "bx_scale_preload.py")])
    try:
        yield lc
    finally:
        lc.close()


@pytest.fixture(scope="session")
def batch(tmp_path_factory) -> Path:
    """24 issues like the bench's, and one file that is not a bulletin (binary)."""
    folder = tmp_path_factory.mktemp("batch")
    make_batch(folder, 24)
    (folder / "office2" / "issue-bad.txt").write_bytes(b"\x00\x01\x02\xff\xfe not a bulletin \x00" * 40)
    return folder
