"""The PDF draws its display list exactly: every glyph at the x and baseline, in the face
and size the layout chose (the drawer decides nothing)."""

from __future__ import annotations

from bulletin_export.layout import display_list
from bulletin_export.renderers import RenderContext


def _glyphs(page):
    """(char, x, baseline y up, size, face family) in the order the drawer writes them."""
    body = [r for r in page.runs if r.element != "page_number"]
    numbers = [r for r in page.runs if r.element == "page_number"]
    for r in body + numbers:
        for ch, x in zip(r.text, r.x):
            yield ch, x, page.height - r.baseline, r.size, r.face


def test_pdf_glyphs_sit_where_the_display_list_puts_them(rendered):
    ctx = RenderContext()
    dl = display_list(rendered.issue, ctx.style, ctx.fonts)
    assert len(dl.pages) == len(rendered.pages)
    for dp, pp in zip(dl.pages, rendered.pages):
        want = list(_glyphs(dp))
        got = pp.chars
        assert [c["text"] for c in got] == [g[0] for g in want], dp.number
        fonts: dict[str, set[str]] = {}
        for c, (ch, x, y, size, face) in zip(got, want):
            assert abs(c["matrix"][4] - x) < 0.01, (dp.number, ch, c["matrix"][4], x)
            assert abs(c["matrix"][5] - y) < 0.01, (dp.number, ch)
            assert abs(c["size"] - size) < 0.01, (dp.number, ch)
            fonts.setdefault(face, set()).add(c["fontname"].split("+", 1)[-1])
        # one display-list face is one embedded font, and two faces are two fonts
        assert all(len(names) == 1 for names in fonts.values()), fonts
        assert len({n for names in fonts.values() for n in names}) == len(fonts), fonts
