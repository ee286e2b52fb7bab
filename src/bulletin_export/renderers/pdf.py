"""The print-ready PDF: the display list of our own CJK layout (layout.display_list) drawn
with reportlab. Every placement is decided by the layout; this module only draws.

Fonts come from the resolver and are embedded as TrueType subsets with ToUnicode
maps; the output is deterministic (invariant mode, dates from ctx.build_time).
"""

from __future__ import annotations

import hashlib
import io
import threading
from typing import TYPE_CHECKING

from ..errors import FontError
from ..layout import DisplayList, Layout, layout_issue
from ..printed import metadata

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Issue
    from . import RenderContext


def check_coverage(issue: "Issue", fonts) -> None:
    """Raise FontError listing every character no font can draw, with line:col."""
    errors = [d for d in fonts.coverage(issue) if getattr(d.severity, "value", d.severity) == "error"]
    if not errors:
        return
    first = errors[0]
    where = "; ".join(
        (f"{d.span.line}:{d.span.col}: " if d.span else "") + d.message for d in errors[:8]
    )
    more = f" (and {len(errors) - 8} more)" if len(errors) > 8 else ""
    raise FontError(f"cannot draw without a missing glyph: {where}{more}",
                    file=issue.source.name, line=first.span.line if first.span else None,
                    hint="install a font that has them or pass --font-dir")


def layout_for(issue: "Issue", ctx: "RenderContext") -> Layout:
    """The paginated lines of an issue (before display_list finishes them), for dumps and tests."""
    from ..fonts.metrics import for_fonts

    if not ctx.glyphs_checked(issue):  # the application layer checked it once already
        check_coverage(issue, ctx.fonts)
    return layout_issue(issue, ctx.style, for_fonts(ctx.fonts)[0])


def display_for(issue: "Issue", ctx: "RenderContext") -> DisplayList:
    """The display list render draws, after the glyph coverage check (done once per input:
    skipped when the application layer has checked this issue, ctx.glyphs_checked)."""
    if not ctx.glyphs_checked(issue):
        check_coverage(issue, ctx.fonts)
    return ctx.display_list(issue)


class PdfRenderer:
    name = "pdf"
    extension = ".pdf"
    description = "print-ready PDF on the GB/T 9704 grid (own CJK line breaking, embedded font subsets)"
    uses_fonts = True  # the batch checks glyph coverage before rendering

    def render(self, issue: "Issue", ctx: "RenderContext") -> bytes:
        dl = display_for(issue, ctx)
        # reportlab keeps settings process-wide (rl_config.useA85 below): one drawing at a time
        with _DRAWING:
            return draw_pdf(dl, issue, ctx)


_DRAWING = threading.Lock()


def draw_pdf(dl: DisplayList, issue: "Issue", ctx: "RenderContext") -> bytes:
    """Draw a display list into PDF bytes with the document information and outline."""
    from ..lazy import defer

    defer("PIL.Image")  # reportlab imports PIL at once; a bulletin draws no image (lazy.py)
    from reportlab import rl_config

    buf = io.BytesIO()
    # binary Flate streams: reportlab's default ASCII85 layer costs time and a quarter more bytes
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        _draw(buf, dl, issue, ctx)
    finally:
        rl_config.useA85 = a85
    from .pdf_pack import pack

    return pack(buf.getvalue())


def _draw(buf, dl: DisplayList, issue: "Issue", ctx: "RenderContext") -> None:
    from reportlab.pdfgen.canvas import Canvas

    from .pdf_draw import draw_pages
    from .pdf_fonts import add_fonts, initial_font_name

    style = ctx.style
    body = style.roles["body"]
    meta = metadata(issue)
    canvas = Canvas(buf, pagesize=(style.page.width, style.page.height), invariant=1,
                    initialFontName=initial_font_name(),
                    initialFontSize=body.size, lang=meta.language, pageCompression=1)
    when = ctx.build_time(issue)
    stamp = when.strftime("D:%Y%m%d%H%M%S+00'00'")
    canvas.setDateFormatter(lambda *_: stamp)
    # reportlab seeds the file /ID with its own clock (SOURCE_DATE_EPOCH or 2000-01-01 in
    # invariant mode); seed it with the build time instead so the bytes follow ctx alone
    canvas._doc.signature = hashlib.md5(b"bulletin_export " + stamp.encode(), usedforsecurity=False)
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(meta.keywords)
    canvas.setCreator("bulletin_export")
    draw_pages(canvas, dl, add_fonts(canvas, dl, ctx.fonts))
    if dl.bookmarks:
        canvas.showOutline()
    canvas.save()
