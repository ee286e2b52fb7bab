"""The command-line shell: parses arguments, calls the library, prints, sets the exit code."""

from __future__ import annotations

import signal
import sys
import threading

from ..errors import EXIT_USAGE, BulletinError
from ._app import app

# Each module registers its commands on `app`.
from . import commands  # noqa: E402,F401


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
    return 0
