"""The command-line shell: parses arguments, calls the library, prints, sets the exit code."""

from __future__ import annotations

import signal
import sys
import threading

from ..errors import EXIT_USAGE, BulletinError
from ._app import app

# Each module registers its commands on `app`.
from . import commands  # noqa: E402,F401


class _Terminated(KeyboardInterrupt):
    """SIGTERM outside a build's run (which handles it itself: app.runner)."""


def _on_sigterm(signum, frame) -> None:
    raise _Terminated()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `bulletin-export` console script."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)  # stop cleanly: exit 143, one line
    try:
        app(args=argv, prog_name="bulletin-export", standalone_mode=True)
    except BulletinError as exc:
        print(f"bulletin-export: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        print("bulletin-export: interrupted", file=sys.stderr)
        return 143 if isinstance(exc, _Terminated) else 130
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
    return 0
