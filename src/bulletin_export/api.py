"""The library's front door: parse, render, convert, formats.

    import bulletin_export as bx
    from pathlib import Path
    res = bx.parse(Path("samples/suzhou-union-2012-04.txt"))   # a str would be the text itself
    data = bx.render(res.issue, "pdf")
    report = bx.convert(["samples"], ["docx", "pdf"], "out")
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence, Union

if TYPE_CHECKING:  # pragma: no cover
    from .app import Report
    from .model import Issue
    from .parser import ParseResult

PathLike = Union[str, "os.PathLike[str]"]


def parse(source: "str | os.PathLike[str] | bytes", *, overrides: Mapping[str, str] | None = None,
          file: str | None = None, encoding: str | None = None) -> "ParseResult":
    """Parse source text, the bytes of an input file, or a file named by a ``pathlib.Path``.

    - a ``str`` is the source TEXT itself, never a file name (``bx.parse("/etc/hostname")``
      parses those 13 characters; no file is read);
    - a ``pathlib.Path`` (any ``os.PathLike``) is read; its suffix picks the reader;
    - ``bytes`` (or bytearray/memoryview) are an input file's contents: the suffix of
      ``file`` picks the reader, else the bytes are sniffed (XML, a plug-in's, else text).

    ``encoding`` (a codec name: "big5", "shift_jis", ...) reads text input in it instead of
    detecting the encoding. ``file`` is the name diagnostics carry. Text never raises;
    unreadable input raises InputError naming the file; an unknown override key raises
    UsageError.
    """
    from . import readers

    if isinstance(source, (bytearray, memoryview)):
        source = bytes(source)
    if not isinstance(source, (str, bytes, os.PathLike)):
        raise TypeError(f"parse() takes a path, bytes or text, not {type(source).__name__}")
    overrides = {str(k): str(v) for k, v in overrides.items()} if overrides else None
    if isinstance(source, str):
        from . import parser

        return parser.parse_text(source, file=file, overrides=overrides)
    if isinstance(source, os.PathLike):
        from .readers.files import read_input

        path = Path(source)
        name = file or os.fsdecode(path)
        data = read_input(path, name)
        reader = readers.for_input(path.name, data[:readers.HEAD_BYTES])
    else:
        reader, data, name = readers.for_input(file, source[:readers.HEAD_BYTES]), source, file
    extra = {"encoding": encoding} if encoding and reader.name == "text" else {}
    from .errors import InputError

    try:
        return reader.read(data, file=name, overrides=overrides, **extra)
    except InputError as exc:
        raise readers.unclaimed(name, reader, exc)


def render(issue: "Issue", fmt: str, *, style: str | None = None,
           font_dirs: Iterable[PathLike] = (), source_date_epoch: int | None = None) -> bytes:
    """Render an Issue to the bytes of one format ("docx", "pdf", "xml" or a plug-in's)."""
    from . import renderers
    from .model import Issue

    if not isinstance(issue, Issue):
        raise TypeError(f"render() takes an Issue (bx.parse(...).issue), not {type(issue).__name__}")
    if isinstance(font_dirs, (str, os.PathLike)):
        font_dirs = (font_dirs,)
    ctx = renderers.RenderContext(
        style_name=style,
        font_dirs=tuple(Path(d) for d in font_dirs),
        source_date_epoch=source_date_epoch,
    )
    return renderers.get(fmt).render(issue, ctx)


def convert(inputs: "PathLike | Sequence[PathLike]", formats: Sequence[str] = ("docx", "pdf"),
            out_dir: PathLike | None = "out", **options) -> "Report":
    """Convert files or folders; returns an app.Report (failures are in it, not raised).

    ``options`` are app.BuildOptions fields: style, font_dirs, overrides (a mapping),
    force, jobs, checks, disabled_checks, fail_on_warning, source_date_epoch, on_result
    (a callback with each Result). ``out_dir=None`` keeps the outputs in memory
    (Result.outputs). Inputs here are paths (a str names a file or folder).
    """
    from . import app

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if isinstance(formats, str):
        formats = [formats]
    on_result = options.pop("on_result", None)
    fields = set(app.BuildOptions.__dataclass_fields__) - {"formats", "out_dir"}
    unknown = sorted(set(options) - fields)
    if unknown:
        from .errors import UsageError

        raise UsageError(f"convert(): unknown option {unknown[0]!r}; options: "
                         f"{', '.join(sorted(fields) + ['on_result'])}")
    opts = app.BuildOptions(
        formats=app.validate_formats(formats),
        out_dir=Path(out_dir) if out_dir is not None else None,
        **options,
    )
    return app.run([Path(p) for p in inputs], opts, on_result=on_result)


def formats() -> list[str]:
    """The names of the output formats that can be used (built-ins and plug-ins)."""
    from . import renderers

    return renderers.formats()
