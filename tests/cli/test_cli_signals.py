"""All or nothing per input under SIGINT and SIGTERM (to the parent and to its process
group) during a -j 2 batch, and under write errors; workers die with the parent and
nothing is written after it stops. A few trials each here; bench/signals.py runs 20."""

from __future__ import annotations

import importlib.util
import random
import signal
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bx_bench_signals", ROOT / "bench" / "signals.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


bench = _bench()


@pytest.mark.parametrize("mode", ["int-parent", "int-group", "term-parent", "term-group"])
def test_a_signal_leaves_no_partial_output_set(mode, tmp_path):
    rng = random.Random(f"signals-{mode}")
    for k in range(2):
        outcome = bench.trial(mode, tmp_path / f"t{k}", inputs=16, jobs=2, rng=rng, settle=0.3)
        assert outcome.ok, outcome
        # the build stopped (it did not run to the end) and said how: 130 SIGINT, 143 SIGTERM
        # (or killed by the signal itself when it came before Python set its handlers)
        wanted = 130 if mode.startswith("int") else 143
        assert outcome.returncode in (wanted, -signal.SIGINT if wanted == 130 else -signal.SIGTERM, 0), outcome
        if outcome.returncode == wanted:
            assert outcome.complete < 16


def test_a_write_error_under_a_pool_leaves_no_partial_output_set(tmp_path):
    limit = bench.write_error_limit(tmp_path / "sizes")
    outcome = bench.trial("write-error", tmp_path / "t", inputs=6, jobs=2, fsize=limit, settle=0.1)
    assert outcome.ok, outcome
    assert outcome.returncode == 1
    assert outcome.complete in (3, 0)  # the inputs whose PDF fits are complete, the others absent


def test_workers_die_when_the_parent_is_killed(tmp_path):
    """SIGKILL cannot be handled: the kernel kills the workers with their parent
    (PR_SET_PDEATHSIG), so none outlives it and nothing is written after it died."""
    import os
    import subprocess
    import time

    tree, out = tmp_path / "in", tmp_path / "out"
    bench.make_inputs(tree, 16)
    proc = subprocess.Popen([sys.executable, "-m", "bulletin_export", "build", str(tree), "-f", "pdf,docx,xml",
                             "-o", str(out), "-j", "2", "-q"], stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and list(out.glob("*.pdf"))):
        time.sleep(0.01)
    proc.kill()
    proc.wait()
    gone = time.monotonic() + 5
    while time.monotonic() < gone and bench._group_alive(proc.pid):
        time.sleep(0.05)
    assert not bench._group_alive(proc.pid), "a worker outlived its killed parent"
    first = bench._snapshot(out)
    time.sleep(0.3)
    assert bench._snapshot(out) == first
    visible = [n for n in first if not n.startswith(".")]
    stems = {n.rpartition(".")[0] for n in visible}
    assert all({f"{s}.{e}" for e in ("pdf", "docx", "xml")} <= set(visible) for s in stems)


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_outside_a_run_exits_130_or_143_in_one_line(sig, code, monkeypatch, capsys):
    """Not click's "Aborted!" with exit 1; and the handlers are restored afterwards."""
    import os
    import time

    from bulletin_export import cli

    def command(**kw):
        os.kill(os.getpid(), sig)
        time.sleep(5)
        raise AssertionError("the signal did not stop the command")

    before = signal.getsignal(sig)
    monkeypatch.setattr(cli, "app", command)
    assert cli.main([]) == code
    assert capsys.readouterr().err == "bulletin-export: interrupted\n"
    assert signal.getsignal(sig) is before


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_the_cli_is_still_importing_is_one_line(sig, code):
    """The console script's first moments: the signal lands inside `import typer` (while
    bulletin_export.cli is being imported, before main() runs). One line and 130/143, not a
    KeyboardInterrupt traceback from the middle of an import."""
    import subprocess
    import textwrap

    script = textwrap.dedent(f"""
        import builtins, os, sys
        real = builtins.__import__
        def hook(name, *args, **kw):
            if name == "typer":
                builtins.__import__ = real
                os.kill(os.getpid(), {int(sig)})
            return real(name, *args, **kw)
        builtins.__import__ = hook
        sys.argv = ["bulletin-export", "--help"]       # what the console script runs
        from bulletin_export.cli import main
        sys.exit(main())
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.stderr == "bulletin-export: interrupted\n"
    assert proc.returncode == code
    assert proc.stdout == ""


def test_importing_the_cli_as_a_library_leaves_the_signal_handlers_alone():
    import subprocess

    script = ("import signal; before = signal.getsignal(signal.SIGINT); import bulletin_export.cli; "
              "assert signal.getsignal(signal.SIGINT) is before, signal.getsignal(signal.SIGINT); "
              "assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
