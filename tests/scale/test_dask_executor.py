"""build --executor dask on a LocalCluster of two worker processes: the same bytes, the
same per-file reports and the same exit codes as a -j 2 process pool (issue 18)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_export import app, renderers
from bulletin_export.app import dask_executor
from bulletin_export.cli import app as cli_app
from bulletin_export.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
EPOCH = "1335571200"  # as in conftest.py
FORMATS = ("docx", "pdf", "xml")


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def reports(report: app.Report) -> list[tuple]:
    return sorted((r.name, r.error, r.exit_code, r.ok, tuple(sorted(r.written))) for r in report.results)


@pytest.fixture
def epoch(monkeypatch):
    """SOURCE_DATE_EPOCH set in this process only: the workers, started before, do not have
    it, so the same bytes prove that the client fixes the build clock for them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="session")
def pooled(batch, tmp_path_factory):
    """The batch built by a -j 2 process pool: (report, output tree)."""
    out = tmp_path_factory.mktemp("out-j2")
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        rep = app.run([batch], app.BuildOptions(formats=FORMATS, out_dir=out, checks=False, jobs=2))
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return rep, tree(out)


def test_same_bytes_reports_and_exit_code_as_j2(batch, pooled, cluster, epoch, tmp_path):
    pool_report, pool_tree = pooled
    seen = []
    out = tmp_path / "out"
    rep = app.run([batch], app.BuildOptions(formats=FORMATS, out_dir=out, checks=False, executor="dask",
                                            scheduler=cluster.scheduler_address), on_result=seen.append)
    assert rep.exit_code == pool_report.exit_code == 1  # the bad file fails alone
    assert reports(rep) == reports(pool_report)
    assert len(rep.results) == 25 and len(rep.failed) == 1
    bad = rep.failed[0]
    assert bad.name == str(batch / "office2" / "issue-bad.txt") and bad.name in bad.error
    assert not bad.written and "\n" not in bad.error
    got = tree(out)
    assert len(got) == 24 * 3 and not any(name.startswith("office2/issue-bad") for name in got)
    assert got.keys() == pool_tree.keys()
    assert [n for n in got if got[n] != pool_tree[n]] == []
    # every result reported once, in this process, after its outputs were renamed into place
    assert sorted(r.name for r in seen) == sorted(r.name for r in rep.results)
    assert all(p.is_file() for r in seen for p in r.written.values())
    assert not list(out.rglob("*.bxtmp"))


def test_cli_with_a_scheduler_address(batch, pooled, cluster, epoch, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "bulletin_export", "build", str(batch / "office0"), str(batch / "office2"),
         "-f", "docx,pdf,xml", "-o", str(out), "--no-checks", "--executor", "dask",
         "--scheduler", cluster.scheduler_address],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("bulletin-export: error:")]
    assert len(errors) == 1 and "issue-bad.txt" in errors[0]
    assert "Traceback" not in proc.stderr
    assert "11 inputs, 30 outputs, 0 warnings, 1 errors" in proc.stderr
    got = tree(out)
    want = {k.split("/", 1)[1]: v for k, v in pooled[1].items() if k.startswith(("office0/", "office2/"))}
    assert got == want


def test_existing_files_are_guarded_by_the_client(batch, cluster, epoch, tmp_path):
    """The overwrite rule holds: a file someone else made is refused for its input only."""
    out = tmp_path / "out"
    mine = out / "issue-0001.pdf"
    mine.parent.mkdir()
    mine.write_bytes(b"%PDF-1.4 somebody's file")
    rep = app.run([batch / "office1" / "issue-0001.txt", batch / "office1" / "issue-0006.txt"],
                  app.BuildOptions(formats=FORMATS, out_dir=out, executor="dask", scheduler=cluster.scheduler_address))
    assert rep.exit_code == 1
    (failed,) = rep.failed
    assert failed.name.endswith("issue-0001.txt") and "not made by bulletin_export" in failed.error
    assert mine.read_bytes() == b"%PDF-1.4 somebody's file"
    assert sorted(p.name for p in out.iterdir()) == ["issue-0001.pdf", "issue-0006.docx", "issue-0006.pdf",
                                                    "issue-0006.xml"]


def test_without_the_extra_one_line_exit_2(monkeypatch, batch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = CliRunner().invoke(cli_app, ["build", str(batch), "-o", str(tmp_path / "o"), "--executor", "dask"])
    assert result.exit_code == 2
    assert "--executor dask needs the dask extra (distributed missing): pip install 'bulletin-export[dask]'" \
        in result.output
    assert not (tmp_path / "o").exists()


def test_usage_errors():
    with pytest.raises(UsageError, match="unknown executor 'spark'"):
        app.BuildOptions(executor="spark")
    with pytest.raises(UsageError, match="--scheduler needs --executor dask"):
        app.BuildOptions(scheduler="tcp://127.0.0.1:8786")


def test_an_unreachable_scheduler_is_one_usage_error(monkeypatch, batch, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", 1)
    with pytest.raises(UsageError, match=f"cannot reach the Dask scheduler tcp://127.0.0.1:{port}"):
        app.run([batch / "office0"], app.BuildOptions(formats=("xml",), out_dir=tmp_path / "o", executor="dask",
                                                      scheduler=f"tcp://127.0.0.1:{port}"))
    assert not (tmp_path / "o").exists()


def test_a_worker_that_dies_is_reported_like_a_crashed_pool_job(crash_site, cluster, monkeypatch, tmp_path):
    """Last: the crashes make the nannies restart both workers."""
    monkeypatch.syspath_prepend(str(crash_site))
    importlib.invalidate_caches()
    monkeypatch.setattr(renderers, "_cache", {})
    tree_in = tmp_path / "in"
    tree_in.mkdir()
    for i in range(6):
        body = "这是第三篇，会让渲染进程崩溃。" if i == 3 else f"这是第{i}篇正文。"
        (tree_in / f"a{i}.txt").write_text(f"【工作动态】\n标题{i}\n{body}（来源）\n", encoding="utf-8")
    out = tmp_path / "out"
    rep = app.run([tree_in], app.BuildOptions(formats=("crashy",), out_dir=out, checks=False, executor="dask",
                                              scheduler=cluster.scheduler_address))
    assert rep.exit_code == 1
    assert [r.error for r in rep.failed] == [f"{tree_in / 'a3.txt'}: a worker process crashed on this input"]
    assert sorted(p.name for p in out.iterdir()) == [f"a{i}.crashy.txt" for i in (0, 1, 2, 4, 5)]


def test_ctrl_c_on_the_group_of_our_local_cluster(batch, epoch, tmp_path):
    """`--executor dask` without --scheduler starts its own LocalCluster; a Ctrl-C to the
    whole process group once the first input is written: exit 130, one summary line and no
    traceback (the workers ignore SIGINT), every input with all its outputs or none."""
    import signal

    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bulletin_export", "build", str(batch), "-f", "docx,pdf,xml", "-o", str(out),
         "-j", "2", "--no-checks", "--executor", "dask"],
        stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True)
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:  # the first input written
        lines.append(line)
        if line.startswith("ok: "):
            break
    os.killpg(proc.pid, signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=60) == 130, "".join(lines) + rest
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest
    assert "interrupted: " in rest
    made: dict[str, int] = {}
    for p in out.rglob("*"):
        if p.is_file():
            made[str(p.with_suffix(""))] = made.get(str(p.with_suffix("")), 0) + 1
    assert made and set(made.values()) == {3}
    assert not [p for p in out.rglob(".*")]
