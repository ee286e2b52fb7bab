"""Writing outputs safely: atomic replace, the overwrite rule, never over an input.

The rule for an existing output: it is replaced when ``force`` is given, or when it
was made by bulletin_export (its bytes, or for a ZIP container any member, carry the
generator mark). Anything else is refused, so a file a person made is never lost.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Iterable

from .errors import BulletinError, UsageError

TEMP_SUFFIX = ".bxtmp"
# What our own outputs carry: the PDF's /Creator, the DOCX's <Application>, the XML's
# <generator>. Another format (a plug-in's) counts as ours when it names bulletin_export.
_PDF_MARK = re.compile(rb"/Creator\s*\(bulletin_export\)")
_DOCX_MARK = re.compile(rb"<Application>bulletin_export</Application>")
_XML_MARK = re.compile(rb"<(?:\w+:)?generator\b[^>]*>bulletin_export</(?:\w+:)?generator>")
_ANY_MARK = re.compile(rb"bulletin[_-]export")


class OutputExists(BulletinError):
    """An output exists and was not made by this tool (and --force was not given)."""


def made_by_us(path: Path) -> bool:
    """True when the file carries our generator mark for its kind (see above).

    A DOCX saved again by Word or WPS gets their <Application> and so counts as the
    user's: it is not replaced without --force.
    """
    try:
        suffix = path.suffix.lower()
        if suffix in (".docx", ".docm") or (suffix not in (".pdf", ".xml") and zipfile.is_zipfile(path)):
            with zipfile.ZipFile(path) as zf:
                if suffix in (".docx", ".docm"):
                    return bool(_DOCX_MARK.search(zf.read("docProps/app.xml")))
                return any(_ANY_MARK.search(zf.read(i)) for i in zf.infolist()
                           if i.file_size <= 1 << 20 and i.filename.endswith((".xml", ".rels")))
        with open(path, "rb") as fh:
            data = fh.read(64 << 20)
        mark = {".pdf": _PDF_MARK, ".xml": _XML_MARK}.get(suffix, _ANY_MARK)
        return bool(mark.search(data))
    except (OSError, KeyError, zipfile.BadZipFile):
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


def _file_mode() -> int:
    """0o666 less the process umask: what open() would give (mkstemp gives 0o600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(target: Path, data: bytes, *, tag: str = "") -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it into place.

    On any failure (including KeyboardInterrupt) the temporary file is removed and
    ``target`` is left as it was. ``tag`` marks the temporary name so that one batch
    cleans up only its own leftovers (see remove_stale_temps).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{target.name}.{tag + '.' if tag else ''}"
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def remove_stale_temps(folders: Iterable[Path], tag: str) -> int:
    """Remove the temporary files with ``tag`` a killed worker may have left; returns how many."""
    removed = 0
    for folder in set(folders):
        if not folder.is_dir():
            continue
        for tmp in folder.glob(f".*.{tag}.*{TEMP_SUFFIX}"):
            try:
                tmp.unlink()
                removed += 1
            except OSError:
                pass
    return removed
