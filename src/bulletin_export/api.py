"""The library's front door: parse, render, convert, formats.

    import bulletin_export as bx
    res = bx.parse("samples/suzhou-union-2012-04.txt")
    data = bx.render(res.issue, "pdf")
    report = bx.convert(["samples"], ["docx", "pdf"], "out")
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence, Union

from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from .batch import BatchReport, JobResult
    from .model import Issue
    from .parser import ParseResult

PathLike = Union[str, "os.PathLike[str]"]


def _as_path(source: object) -> Path | None:
    if isinstance(source, os.PathLike):
        return Path(source)
    if isinstance(source, str) and "\n" not in source and len(source) < 4096:
        if source.lower().endswith((".txt", ".xml")) or Path(source).is_file():
            return Path(source)
    return None


def parse(source: "PathLike | bytes", *, overrides: Mapping[str, str] | None = None,
          file: str | None = None) -> "ParseResult":
    """Parse a path (.txt or .xml), raw bytes, or source text into a ParseResult.

    A ``str`` is taken as a path when it names a .txt/.xml file, else as the text itself.
    Text never raises; unreadable input raises InputError with the file name.
    """
    from . import parser

    if isinstance(source, (bytearray, memoryview)):
        source = bytes(source)
    if not isinstance(source, (str, bytes, os.PathLike)):
        raise TypeError(f"parse() takes a path, bytes or text, not {type(source).__name__}")
    overrides = {str(k): str(v) for k, v in overrides.items()} if overrides else None
    path = _as_path(source)
    if path is not None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
        name = file or str(path)
        if path.suffix.lower() == ".xml":
            return _from_xml(data, name, overrides)
        return parser.parse_bytes(data, file=name, overrides=overrides)
    if isinstance(source, bytes):
        if source.lstrip()[:5] == b"<?xml":
            return _from_xml(source, file, overrides)
        return parser.parse_bytes(source, file=file, overrides=overrides)
    return parser.parse_text(str(source), file=file, overrides=overrides)


def _from_xml(data: bytes, file: str | None, overrides: Mapping[str, str] | None) -> "ParseResult":
    from . import parser
    from .xmlio import read_issue

    issue = read_issue(data, file)
    if overrides:
        issue = parser.apply_overrides(issue, overrides)
    return parser.ParseResult(issue=issue, diagnostics=(), lines=())


def render(issue: "Issue", fmt: str, *, style: str | None = None,
           font_dirs: Iterable[PathLike] = (), source_date_epoch: int | None = None) -> bytes:
    """Render an Issue to the bytes of one format ("docx", "pdf", "xml" or a plug-in's)."""
    from . import renderers

    if isinstance(font_dirs, (str, os.PathLike)):
        font_dirs = (font_dirs,)
    ctx = renderers.RenderContext(
        style_name=style,
        font_dirs=tuple(Path(d) for d in font_dirs),
        source_date_epoch=source_date_epoch,
    )
    return renderers.get(fmt).render(issue, ctx)


def convert(inputs: "PathLike | Sequence[PathLike]", formats: Sequence[str] = ("docx", "pdf"),
            out_dir: PathLike = "out", **options) -> "BatchReport":
    """Convert files or folders; returns a BatchReport (failures are in it, not raised).

    ``options`` are BuildOptions fields: style, font_dirs, overrides (a mapping),
    force, jobs, checks, disabled_checks, source_date_epoch.
    """
    from .batch import BuildOptions, plan, run, validate_formats

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if isinstance(formats, str):
        formats = [formats]
    if isinstance(options.get("font_dirs"), (str, os.PathLike)):
        options["font_dirs"] = (options["font_dirs"],)
    paths = [Path(p) for p in inputs]
    overrides = options.pop("overrides", None) or {}
    font_dirs = tuple(Path(d) for d in options.pop("font_dirs", ()))
    opts = BuildOptions(
        formats=validate_formats(formats),
        out_dir=Path(out_dir),
        overrides=tuple((str(k), str(v)) for k, v in dict(overrides).items()),
        font_dirs=font_dirs,
        **options,
    )
    jobs, failed = plan(paths, opts)
    report = run(jobs, opts, inputs=paths)
    report.results[:0] = failed
    return report


def formats() -> list[str]:
    """The names of the output formats that can be used (built-ins and plug-ins)."""
    from . import renderers

    return renderers.formats()
