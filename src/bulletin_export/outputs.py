"""Writing outputs safely: atomic replace, the overwrite rule, never over an input.

The rule for an existing output: it is replaced when ``force`` is given, or when it
was made by bulletin_export (its bytes, or for a ZIP container any member, carry the
generator mark). Anything else is refused, so a file a person made is never lost.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable

from .errors import BulletinError, UsageError

TEMP_SUFFIX = ".bxtmp"
GENERATOR_MARKS = (b"bulletin_export", b"bulletin-export")


class OutputExists(BulletinError):
    """An output exists and was not made by this tool (and --force was not given)."""


def made_by_us(path: Path) -> bool:
    """True when the file carries the generator mark (PDF info, DOCX app.xml, XML generator)."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                for info in zf.infolist():
                    if info.file_size <= 1 << 20 and info.filename.endswith((".xml", ".rels")):
                        data = zf.read(info)
                        if any(mark in data for mark in GENERATOR_MARKS):
                            return True
            return False
        with open(path, "rb") as fh:
            data = fh.read(32 << 20)
        return any(mark in data for mark in GENERATOR_MARKS)
    except (OSError, zipfile.BadZipFile):
        return False


def check_target(target: Path, inputs: Iterable[Path], force: bool) -> None:
    """Raise when writing ``target`` would overwrite an input or a file we did not make."""
    if target.exists():
        for src in inputs:
            try:
                if src.exists() and os.path.samefile(src, target):
                    raise UsageError(f"refusing to overwrite the input {src}", file=str(target))
            except OSError:
                continue
        if not target.is_file():
            raise OutputExists("output path exists and is not a file", file=str(target))
        if not force and not made_by_us(target):
            raise OutputExists(
                "output exists and was not made by bulletin_export",
                file=str(target),
                hint="use --force to replace it",
            )


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it into place.

    On any failure (including KeyboardInterrupt) the temporary file is removed and
    ``target`` is left as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def remove_stale_temps(folders: Iterable[Path]) -> int:
    """Remove temporary files a killed worker may have left; returns how many."""
    removed = 0
    for folder in set(folders):
        if not folder.is_dir():
            continue
        for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
            try:
                tmp.unlink()
                removed += 1
            except OSError:
                pass
    return removed
