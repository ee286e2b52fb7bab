"""Writing outputs safely: atomic replace, the overwrite rule, never over an input.

The rule for an existing output: it is replaced when ``force`` is given, or when it
was made by bulletin_export (its bytes, or for a ZIP container any member, carry the
generator mark). Anything else is refused, so a file a person made is never lost.
"""

from __future__ import annotations

import contextlib
import os
import re
import zipfile
from pathlib import Path
from typing import Iterable, Iterator

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
        if suffix == ".pdf":
            return bool(mark.search(data)) or any(mark.search(part) for part in _object_streams(data))
        return bool(mark.search(data))
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


_OBJSTM = re.compile(rb"<<[^<>]*?/Type\s*/ObjStm\b[^<>]*>>\s*stream\r?\n")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")


def _object_streams(data: bytes, limit: int = 16 << 20):
    """The decompressed object streams of a PDF 1.5 file (where our PDF keeps its /Info
    dictionary, and so its /Creator), each bounded to ``limit`` bytes."""
    import zlib

    for match in _OBJSTM.finditer(data):
        if b"/FlateDecode" not in match.group():
            continue
        length = _LENGTH.search(match.group())
        if length is None:
            continue
        start = match.end()
        try:
            yield zlib.decompressobj().decompress(data[start:start + int(length.group(1))], limit)
        except zlib.error:
            continue


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


def temp_name(tag: str = "") -> str:
    """A short hidden name for a temporary output (never derived from the output's name, so
    a long output name cannot make it exceed the file system's limit)."""
    import secrets

    return f".bx.{tag + '.' if tag else ''}{secrets.token_hex(4)}{TEMP_SUFFIX}"


def _write_temp(target: Path, data: bytes, tag: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = target.parent / temp_name(tag)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())
    except OSError as exc:
        _unlink(tmp)
        if exc.filename is None:  # a failed write names no file: name the output it was for
            raise OSError(exc.errno, exc.strerror, os.fspath(target)) from None
        raise
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_temps(items: Iterable[tuple[Path, bytes]], *, tag: str = "") -> list[tuple[Path, Path]]:
    """Write every (target, data) to a temporary file beside its target: all of them or,
    on any failure (disk full, Ctrl-C), none (the ones made are removed). Returns the
    (temporary, target) pairs for commit()."""
    made: list[tuple[Path, Path]] = []
    try:
        for target, data in items:
            made.append((_write_temp(target, data, tag), target))
    except BaseException:
        discard(made)
        raise
    return made


@contextlib.contextmanager
def _folders_locked(folders: Iterable[Path]) -> Iterator[None]:
    """An exclusive flock on each output folder (sorted, so two builds never deadlock)
    while an input's outputs are renamed: two builds writing into one folder at the same
    time cannot interleave their renames, so a stem's outputs all come from one of them.
    Where folders cannot be locked (not POSIX, a file system without flock) it is a no-op."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fds: list[int] = []
    try:
        for folder in sorted(set(folders)):
            try:
                fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError:
                continue
            fds.append(fd)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:
                pass
        yield
    finally:
        for fd in fds:
            os.close(fd)  # closing the descriptor releases its lock


def commit(pairs: Iterable[tuple[Path, Path]]) -> list[Path]:
    """Rename every temporary file onto its target, together: when a rename fails, the
    remaining temporaries and the targets already renamed are removed, so an input has
    all of its outputs or none of them. Returns the targets. The output folders are locked
    meanwhile (another build's renames into them wait)."""
    pairs = list(pairs)
    done: list[Path] = []
    with _folders_locked(target.parent for _, target in pairs):
        try:
            for tmp, target in pairs:
                os.replace(tmp, target)
                done.append(target)
        except BaseException:
            for target in done:
                _unlink(target)
            discard(pairs[len(done):])
            raise
    return done


def discard(pairs: Iterable[tuple[Path, Path]]) -> None:
    """Remove the temporary files of pairs that will not be committed."""
    for tmp, _ in pairs:
        _unlink(tmp)


def write_atomic(target: Path, data: bytes, *, tag: str = "") -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it into place.

    On any failure (including KeyboardInterrupt) the temporary file is removed and
    ``target`` is left as it was. ``tag`` marks the temporary name so that one batch
    cleans up only its own leftovers (see remove_stale_temps).
    """
    commit(write_temps([(target, data)], tag=tag))


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
