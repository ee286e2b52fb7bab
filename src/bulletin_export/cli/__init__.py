"""The command-line shell: parses arguments, calls the library, prints, sets the exit code."""

from __future__ import annotations

import os
import sys

import _signal  # the C module: no enum import before the handlers are in place


def _early_exit(signum, frame) -> None:  # pragma: no cover - exercised in a subprocess
    """SIGINT/SIGTERM while the command line is still being imported (typer, the
    commands): nothing has been written yet, so say so in one line and leave, instead of
    a KeyboardInterrupt traceback from the middle of an import."""
    try:
        os.write(2, b"bulletin-export: interrupted\n")
    finally:
        os._exit(128 + signum)


def _install_early() -> dict:
    """The very first thing this module does: the early handlers, for the console script
    (and python -m bulletin_export). main() replaces them with its own."""
    old = {}
    for sig in (_signal.SIGINT, _signal.SIGTERM):
        try:
            current = _signal.getsignal(sig)
            if current is _signal.SIG_IGN:  # nohup, or a caller that ignores it: keep that
                continue
            _signal.signal(sig, _early_exit)
        except ValueError:  # not the main thread: signals are not ours to handle
            return old
        old[sig] = current
    return old


def _is_entry_point() -> bool:
    """Imported by the console script or ``python -m bulletin_export`` (not a library user
    or a test importing the CLI): then the early handlers stay until main() takes over."""
    main_mod = sys.modules.get("__main__")
    spec = getattr(main_mod, "__spec__", None)
    if spec is not None and spec.name in ("bulletin_export", "bulletin_export.__main__"):
        return True
    return os.path.basename(sys.argv[0] if sys.argv else "") in ("bulletin-export", "bulletin-export.exe")


_EARLY = _install_early()

import signal  # noqa: E402
import threading  # noqa: E402

from ..errors import EXIT_USAGE, BulletinError  # noqa: E402
from ._app import app  # noqa: E402

# Each module registers its commands on `app`.
from . import commands  # noqa: E402,F401

if not _is_entry_point():  # a library import: give the process its handlers back
    for _sig, _old in _EARLY.items():
        if signal.getsignal(_sig) is _early_exit:
            signal.signal(_sig, signal.SIG_DFL if _old is None else _old)


class _Stopped(BaseException):
    """SIGINT or SIGTERM outside a build's run (a run handles them itself: app.runner).
    Not a KeyboardInterrupt, which click would turn into "Aborted!" and exit 1."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum, frame) -> None:
    raise _Stopped(signum)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `bulletin-export` console script."""
    old = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):  # stop cleanly: exit 130 / 143, one line
            old[sig] = signal.signal(sig, _on_signal)
    try:
        return _main(argv)
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def _main(argv: list[str] | None) -> int:
    try:
        app(args=argv, prog_name="bulletin-export", standalone_mode=True)
    except BulletinError as exc:
        print(f"bulletin-export: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except _Stopped as exc:
        print("bulletin-export: interrupted", file=sys.stderr)
        return 128 + exc.signum
    except KeyboardInterrupt:
        print("bulletin-export: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
    except OSError as exc:  # standard output closed or full (| head, > /dev/full)
        if not _is_stdout_error(exc):
            raise
        _silence_stdout()
        if isinstance(exc, BrokenPipeError):  # the reader stopped reading: not an error
            return 0
        print(f"bulletin-export: error: cannot write to standard output: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    return 0


def _is_stdout_error(exc: OSError) -> bool:
    """Whether ``exc`` came from writing or flushing standard output (it names no file)."""
    import errno

    return exc.filename is None and exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT,
                                                  errno.EFBIG, errno.EBADF)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass
