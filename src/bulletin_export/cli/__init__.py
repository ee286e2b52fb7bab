"""The command-line shell: parses arguments, calls the library, prints, sets the exit code."""

from __future__ import annotations

import sys

from ..errors import EXIT_USAGE, BulletinError
from ._app import app

# Each module registers its commands on `app`.
from . import commands  # noqa: E402,F401


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `bulletin-export` console script."""
    try:
        app(args=argv, prog_name="bulletin-export", standalone_mode=True)
    except BulletinError as exc:
        print(f"bulletin-export: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("bulletin-export: interrupted", file=sys.stderr)
        return 130
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
    return 0
