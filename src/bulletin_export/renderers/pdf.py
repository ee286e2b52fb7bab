"""The print-ready PDF: our own CJK layout (bulletin_export.layout) drawn with reportlab.

Fonts come from the resolver and are embedded as TrueType subsets with ToUnicode
maps; the output is deterministic (invariant mode, dates from ctx.build_time).
"""

from __future__ import annotations

import hashlib
import io
import threading
from typing import TYPE_CHECKING

from ..errors import FontError
from ..layout import Layout, layout_issue
from ..printed import metadata, page_number_text

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
    """The positioned pages of an issue (what render draws), for dumps and tests."""
    check_coverage(issue, ctx.fonts)
    return layout_issue(issue, ctx.style, _metrics(ctx))


_metrics_cache: dict[int, tuple[object, object]] = {}


def _metrics(ctx):
    """One Metrics (per-character advance cache) per FontSet, shared by renders in a process."""
    from .pdf_fonts import Metrics

    fonts = ctx.fonts
    hit = _metrics_cache.get(id(fonts))
    if hit is None or hit[0] is not fonts:
        if len(_metrics_cache) >= 8:
            _metrics_cache.clear()
        hit = _metrics_cache[id(fonts)] = (fonts, Metrics(fonts))
    return hit[1]


class PdfRenderer:
    name = "pdf"
    extension = ".pdf"
    description = "print-ready PDF on the GB/T 9704 grid (own CJK line breaking, embedded font subsets)"
    uses_fonts = True  # the batch checks glyph coverage before rendering

    def render(self, issue: "Issue", ctx: "RenderContext") -> bytes:
        layout = layout_for(issue, ctx)
        # reportlab keeps fonts and settings process-wide (see pdf_fonts): one drawing at a time
        with _DRAWING:
            return draw_pdf(layout, issue, ctx)


_DRAWING = threading.Lock()


def _face_names(layout: Layout, fonts):
    """Register the faces the layout needs; return face_name(role, ch) -> reportlab name."""
    from .pdf_fonts import face_for, register, uses_latin

    style_roles = fonts.style.roles
    needed: dict[tuple, tuple] = {}
    chars: dict[tuple, set[str]] = {}
    choice: dict[tuple[str, str], object] = {}

    def face(role: str, ch: str):
        key = (role, ch)
        f = choice.get(key)
        if f is None:
            f = choice[key] = face_for(fonts, style_roles[role].font, ch, uses_latin(role)) or \
                fonts.face(style_roles[role].font)
        return f

    texts = [(pl.role, pl.line.text) for page in layout.pages for pl in page.lines]
    for page in layout.pages:
        fmt = page_number_text(fonts.style, page.number)
        texts.append(("page_number", fmt))
    for role, text in texts:
        for ch in text:
            f = face(role, ch)
            fk = (str(f.path), f.index)
            needed[fk] = f
            chars.setdefault(fk, set()).add(ch)
    names = {}
    for fk, f in needed.items():
        path, index = f.truetype_for(sorted(chars[fk]))
        names[fk] = register(path, index)

    def face_name(role: str, ch: str) -> str:
        f = face(role, ch)
        return names[(str(f.path), f.index)]

    return face_name, face


def draw_pdf(layout: Layout, issue: "Issue", ctx: "RenderContext") -> bytes:
    """Draw a layout into PDF bytes with the document information and outline."""
    from reportlab import rl_config

    from .pdf_fonts import uses_latin

    style, fonts = ctx.style, ctx.fonts
    metrics = _metrics(ctx)
    face_name, face_of = _face_names(layout, fonts)

    def ink(role: str, ch: str):
        """A character's outline box (x0, y0, x1, y1) in em, or None for a blank glyph."""
        return face_of(role, ch).bounds(ch)

    def advance(ch: str, role: str, size: float) -> float:
        return metrics.em(ch, style.roles[role].font, uses_latin(role)) * size

    buf = io.BytesIO()
    # binary Flate streams: reportlab's default ASCII85 layer costs time and a quarter more bytes
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        _draw(buf, layout, issue, ctx, face_name, advance, ink)
    finally:
        rl_config.useA85 = a85
    return buf.getvalue()


def _draw(buf, layout: Layout, issue: "Issue", ctx: "RenderContext", face_name, advance, ink) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from .pdf_draw import draw_layout

    style = ctx.style
    body = style.roles["body"]
    meta = metadata(issue)
    canvas = Canvas(buf, pagesize=(style.page.width, style.page.height), invariant=1,
                    initialFontName=face_name("body", "中"), initialFontSize=body.size,
                    lang=meta.language, pageCompression=1)
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
    draw_layout(canvas, layout, style, face_name, advance, ink)
    if any(p.bookmarks for p in layout.pages):
        canvas.showOutline()
    canvas.save()
