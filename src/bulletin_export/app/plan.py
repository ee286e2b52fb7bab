"""Planning a run: inputs (files, folders, in-memory Sources) into jobs with their targets.

Folders are searched recursively for every suffix a reader accepts (readers.suffixes()),
in sorted order, skipping hidden entries and an output folder inside them (when the folder
searched is the output folder itself, only the files bulletin_export made there); entries that are
not regular files (FIFOs, devices, dangling links) are reported as skipped. A named input
that cannot be read becomes a failed Result with a line saying what it is.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import UsageError
from .records import BuildOptions, Result, Source, display

NAME_MAX = 255  # bytes in one file name on the common file systems (ext4, xfs, btrfs, tmpfs)


@dataclass(frozen=True)
class Job:
    source: Path | Source
    name: str                                # for messages
    targets: tuple[tuple[str, Path], ...]    # (format, output path); () = keep in memory


def name_max(folder: Path) -> int:
    """The longest file name (bytes) the file system of ``folder`` (or its nearest existing
    parent) takes."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return int(os.pathconf(probe, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return NAME_MAX


def fit_name(stem: str, ext: str, limit: int) -> str:
    """``stem + ext``, with the stem shortened (on a character boundary) when the name would
    exceed ``limit`` bytes; a shortened stem ends in ~ and 8 hex digits of the full stem's
    hash, so two long names that share their start stay distinct."""
    name = stem + ext
    if len(os.fsencode(name)) <= limit:
        return name
    tag = "~" + hashlib.sha256(os.fsencode(stem)).hexdigest()[:8]
    room = limit - len(os.fsencode(tag + ext))
    cut = stem
    while cut and len(os.fsencode(cut)) > room:
        cut = cut[:-1]
    return cut + tag + ext


def discover(inputs: Sequence[Path | Source], out_dir: Path | None
             ) -> tuple[list[tuple[Path | Source, Path]], list[Result], list[tuple[str, str]]]:
    """(input, relative output stem) pairs; failed Results for named inputs that cannot be
    read; (name, why) for folder entries skipped because they are not regular files."""
    from .. import readers
    from ..readers.files import kind_of

    accepted = readers.suffixes()
    found: list[tuple[Path | Source, Path]] = []
    failed: list[Result] = []
    skipped: list[tuple[str, str]] = []
    out_resolved = out_dir.resolve() if out_dir is not None else None
    seen: set[Path] = set()

    def add(path: Path, stem: Path) -> None:
        key = path.resolve()
        if key not in seen:  # the same file given twice (or by two routes) is built once
            seen.add(key)
            found.append((path, stem))

    for given in inputs:
        if isinstance(given, Source):
            found.append((given, Path(Path(given.name).stem or "input")))
            continue
        given = Path(given)
        if given.is_dir():
            # searching the output folder itself (build . -o .): our own outputs there are
            # not inputs; an output folder inside the searched one is skipped whole
            in_out = out_resolved is not None and (out_resolved == given.resolve()
                                                   or out_resolved in given.resolve().parents)
            for path in sorted(given.rglob("*")):
                rel = path.relative_to(given)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if not path.name.lower().endswith(accepted) or path.is_dir():
                    continue
                if out_resolved is not None and out_resolved in path.resolve().parents:
                    if not in_out or _made_by_us(path):
                        continue
                what = kind_of(path)
                if what is not None:
                    skipped.append((display(path), what))
                    continue
                add(path, rel.with_suffix(""))
            continue
        what = kind_of(given)
        if what is None:
            add(given, Path(given.stem))
        else:
            why = what if what.startswith(("no such", "cannot")) else f"is {what}"
            failed.append(Result(name=display(given), path=given, error=f"{display(given)}: {why}"))
    return found, failed, skipped


def _made_by_us(path: Path) -> bool:
    from ..outputs import made_by_us

    return made_by_us(path)


def plan(inputs: Sequence[Path | Source], options: BuildOptions
         ) -> tuple[list[Job], list[Result], list[tuple[str, str]]]:
    """Jobs for every input, failed Results for inputs that cannot be built at all, and the
    skipped folder entries. Usage errors (a bad option) raise UsageError."""
    from .. import renderers
    from ..timestamps import source_date_epoch

    exts = {fmt: renderers.get(fmt).extension for fmt in options.formats}
    source_date_epoch(options.source_date_epoch)  # a bad SOURCE_DATE_EPOCH is a usage error
    if options.overrides:  # a bad --set (unknown key, issue=abc) is a usage error, once
        from ..parser.header import parse_overrides

        parse_overrides(dict(options.overrides))
    for folder in options.font_dirs:
        if not folder.is_dir():
            raise UsageError(f"--font-dir {display(folder)}: no such folder")
    out = options.out_dir
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"output folder {display(out)} exists and is not a folder")
    if out is not None and not out.exists() and out.is_symlink():
        raise UsageError(f"output folder {display(out)} is a dangling symbolic link "
                         f"(to {display(os.readlink(out))})")
    found, failed, skipped = discover(inputs, out)
    if not found and not failed:
        from .. import readers

        given = ", ".join(display(p.name if isinstance(p, Source) else p) for p in inputs)
        what = ", ".join(readers.suffixes())
        raise UsageError(f"no inputs ({what}) found in {given}",
                         hint="an output folder inside a searched folder is skipped, and so are the files "
                              "bulletin_export made in it")
    claimed: dict[Path, str] = {}
    jobs: list[Job] = []
    limits: dict[Path, int] = {}
    for src, stem in found:
        name = src.name if isinstance(src, Source) else display(src)
        targets: tuple[tuple[str, Path], ...] = ()
        if out is not None:
            folder = out / stem.parent
            limit = limits.setdefault(folder, name_max(folder))
            targets = tuple((fmt, folder / fit_name(stem.name, exts[fmt], limit)) for fmt in options.formats)
        clash = next((claimed[t] for _, t in targets if t in claimed), None)
        if clash is not None:
            failed.append(Result(name=name, path=src if isinstance(src, Path) else None,
                                 error=f"{name}: its outputs would overwrite those of {clash}"))
            continue
        for _, t in targets:
            claimed[t] = name
        jobs.append(Job(source=src, name=name, targets=targets))
    for res in failed:
        res.finish(options)
    return jobs, failed, skipped


def validate_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """Normalise a format list (comma-separated items allowed); unknown names are a UsageError."""
    from .. import renderers

    out: list[str] = []
    for item in formats:
        for name in item.split(","):
            name = name.strip().lower()
            if name and name not in out:
                renderers.get(name)
                out.append(name)
    if not out:
        raise UsageError("no output format given")
    return tuple(out)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
