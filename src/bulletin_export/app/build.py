"""One input, in memory: read it through its reader, diagnose it with the one policy,
render every asked format. No file is written here (the runner writes)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_CONTENT, BulletinError, InputError
from .policy import diagnose, first_error
from .records import BuildOptions, Result, Source, display

if TYPE_CHECKING:  # pragma: no cover
    from ..renderers import RenderContext

_contexts: dict[tuple, "RenderContext"] = {}


def context(options: BuildOptions) -> "RenderContext":
    """The RenderContext (style sheet and fonts, loaded once) for these options, shared by
    every input built with them in this process."""
    from ..renderers import RenderContext

    key = (options.style, options.font_dirs, options.source_date_epoch)
    ctx = _contexts.get(key)
    if ctx is None:
        if len(_contexts) >= 8:
            _contexts.clear()
        ctx = _contexts[key] = RenderContext(style_name=options.style, font_dirs=options.font_dirs,
                                             source_date_epoch=options.source_date_epoch)
    return ctx


def wants_glyphs(options: BuildOptions) -> bool:
    """Whether the glyph coverage is part of the diagnosis: asked for, or a format embeds fonts."""
    if options.glyphs is not None:
        return options.glyphs
    from .. import renderers

    return any(getattr(renderers.get(fmt), "uses_fonts", False) for fmt in options.formats)


_previous: dict[Path, object] = {}


def _previous_issue(options: BuildOptions):
    if options.previous is None:
        return None
    if options.previous not in _previous:
        from .. import api

        _previous[options.previous] = api.parse(Path(options.previous)).issue
    return _previous[options.previous]


def read_source(path: Path, name: str | None = None) -> Source:
    """A Source from a file (regular files only; InputError saying what it is otherwise)."""
    from ..readers.files import read_input

    return Source(name=name or display(path), data=read_input(path, name or display(path)), path=path)


def build_one(source: Source, options: BuildOptions, *, ctx: "RenderContext | None" = None) -> Result:
    """Read, diagnose and render one input in memory (Result.outputs: format -> bytes).

    Never raises: the reason an input fails is Result.error (one line) and exit_code.
    """
    from .. import readers, renderers

    started = time.perf_counter()
    result = Result(name=source.name, path=source.path)
    code = EXIT_CONTENT
    try:
        ctx = ctx or context(options)
        reader = readers.for_input(source.name, source.data[:readers.HEAD_BYTES])
        result.reader = reader.name
        extra = {"encoding": options.encoding} if options.encoding and reader.name == "text" else {}
        try:
            parsed = reader.read(source.data, file=source.name, overrides=dict(options.overrides) or None,
                                 **extra)
        except InputError as exc:
            raise readers.unclaimed(source.name, reader, exc)
        result.issue, result.lines = parsed.issue, tuple(parsed.lines)
        fonts = ctx.fonts if wants_glyphs(options) else None
        result.diagnostics = diagnose(parsed, options, fonts, reader=reader, file=source.name,
                                      previous=_previous_issue(options))
        if options.formats:
            result.error = first_error(result.diagnostics)
        if result.error is None and options.formats:
            if fonts is not None:
                ctx.checked = parsed.issue  # the coverage of this issue is known: renderers skip it
            try:
                for fmt in options.formats:
                    result.outputs[fmt] = renderers.get(fmt).render(parsed.issue, ctx)
            finally:
                ctx.checked = None
    except BulletinError as exc:
        if exc.file is None:  # renderers know lines, not file names
            exc.file = source.name
        result.error, code = str(exc), exc.exit_code
        result.outputs.clear()
    except MemoryError:
        result.error = f"{source.name}: out of memory"
        result.outputs.clear()
    except Exception as exc:  # a renderer bug must not end the batch
        result.error = f"{source.name}: internal error: {type(exc).__name__}: {exc}"
        result.outputs.clear()
    result.seconds = time.perf_counter() - started
    return result.finish(options, code)
