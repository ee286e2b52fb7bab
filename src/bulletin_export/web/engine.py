"""The web page's one door into the library: build a preview, render a download, draw a page.

`build()` is the only place the page turns text into a result. It calls the application
layer (``bulletin_export.app.build_one``), which applies the project's single diagnostics
policy (parser findings, proofreading findings as warnings, missing glyphs); nothing here
combines findings. The line kinds come from the parser (app.Result does not carry them).

Results live in memory under random ids (`Store`); nothing here takes a path from a client.
pdfium is not thread-safe, so page images are drawn under one lock.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from ..diagnostics import Diagnostic

PREVIEW_FORMAT = "pdf"
SCALE_SMALL, SCALE_LARGE = 96 / 72, 200 / 72  # page images: the preview (96 dpi), enlarged (200 dpi)
SOURCE_NAME = "正文.txt"  # what the application layer is told the page's text is


@dataclass
class Built:
    """One build of the page's text: what the parser saw, the findings, the PDF."""

    id: str
    text: str
    style: str | None
    overrides: dict[str, str]
    issue: object  # model.Issue
    lines: tuple[str, ...]
    line_kinds: tuple[str, ...]
    diagnostics: list[Diagnostic]
    outputs: dict[str, bytes] = field(default_factory=dict)
    error: str | None = None  # why no PDF could be made (one line)
    pages: int = 0
    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class Store:
    """The last results by random id (least recently used dropped first)."""

    def __init__(self, size: int = 24):
        self.size = size
        self._items: OrderedDict[str, Built] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, built: Built) -> None:
        with self._lock:
            self._items[built.id] = built
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, rid: str) -> Built | None:
        with self._lock:
            built = self._items.get(rid)
            if built is not None:
                self._items.move_to_end(rid)
            return built


class Engine:
    """Builds and renders with the server's fixed style choices and font folders."""

    def __init__(self, font_dirs: Sequence[Path] = (), default_style: str | None = None):
        self.font_dirs = tuple(font_dirs)
        self.default_style = default_style
        self.store = Store()
        self._contexts: dict[str | None, object] = {}
        self._ctx_lock = threading.Lock()

    # -- contexts (style sheet and fonts loaded once per style) -------------------------
    def context(self, style: str | None):
        from ..renderers import RenderContext

        with self._ctx_lock:
            ctx = self._contexts.get(style)
            if ctx is None:
                ctx = RenderContext(style_name=style, font_dirs=self.font_dirs)
                self._contexts[style] = ctx
            return ctx

    def warm(self) -> None:
        """Load the default style and its fonts, so the first preview is quick."""
        ctx = self.context(self.default_style)
        ctx.style  # noqa: B018
        ctx.fonts  # noqa: B018

    # -- building ------------------------------------------------------------------------
    def build(self, text: str, overrides: Mapping[str, str], style: str | None) -> Built:
        started = time.perf_counter()
        style = style or self.default_style
        built = self._build_app(text, dict(overrides), style)
        if built.error is None and PREVIEW_FORMAT in built.outputs:
            built.pages = page_count(built.outputs[PREVIEW_FORMAT])
        built.seconds = time.perf_counter() - started
        self.store.add(built)
        return built

    def _build_app(self, text: str, overrides: dict[str, str], style: str | None) -> Built:
        """app.build_one on the text (as UTF-8 .txt): the one diagnostics policy, the PDF in memory."""
        from .. import app

        options = app.BuildOptions(formats=(PREVIEW_FORMAT,), out_dir=None, style=style,
                                   font_dirs=self.font_dirs, overrides=tuple(overrides.items()))
        res = app.build_one(app.Source(name=SOURCE_NAME, data=text.encode("utf-8")), options,
                            ctx=self.context(style))
        kinds = getattr(res, "line_kinds", None)
        if res.issue is None:
            kinds = ()
        elif kinds is None or len(kinds) != len(res.lines):
            from ..parser import parse_text

            kinds = parse_text(text, overrides=overrides).line_kinds
        diags = [d for d in res.diagnostics if d.code != "BX001"]  # "decoded as UTF-8": ours
        built = Built(id=secrets.token_hex(16), text=text, style=style, overrides=overrides,
                      issue=res.issue, lines=tuple(res.lines), line_kinds=tuple(kinds),
                      diagnostics=diags, outputs=dict(res.outputs), error=res.error)
        return built  # issue None: the text could not be read at all (error says why)

    def output(self, built: Built, fmt: str) -> bytes:
        """The bytes of one format, made on first use and kept with the result."""
        from .. import renderers

        with built._lock:
            data = built.outputs.get(fmt)
            if data is None:
                data = renderers.get(fmt).render(built.issue, self.context(built.style))
                built.outputs[fmt] = data
            return data

    def formats(self) -> list[str]:
        from .. import renderers

        have = renderers.formats()
        return [f for f in ("pdf", "docx", "xml", "ofd") if f in have]

    def stand_ins(self, style: str | None) -> list[tuple[str, str]]:
        """(official font, the free face drawing it) for every role a free stand-in draws."""
        ctx = self.context(style or self.default_style)
        out = []
        fs = ctx.fonts
        for role in fs.roles:
            official = ctx.style.fonts[role].official
            chain = fs.chains.get(role) or ()
            if chain and official and chain[0].family.lower().startswith(FREE_FAMILIES):
                pair = (official, chain[0].family)
                if pair not in out:
                    out.append(pair)
        return out


# The free CJK families the style sheets fall back to (Debian packages): a face of one of
# these drawing a role means the office's official font was not found.
FREE_FAMILIES = ("noto ", "ar pl ", "wenquanyi", "lxgw", "source han", "droid sans fallback")


# -- page images ---------------------------------------------------------------------------
_PDFIUM = threading.Lock()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def page_png(pdf: bytes, index: int, scale: float) -> bytes | None:
    """Page `index` (0-based) of the PDF as PNG at `scale` x 72 dpi; None when out of range."""
    import io

    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            if not 0 <= index < len(doc):
                return None
            page = doc[index]
            image = page.render(scale=scale).to_pil()
            page.close()
        finally:
            doc.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()
