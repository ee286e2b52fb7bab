"""layout.display_list raises the collector's first threshold while it runs (its growth
with the heap was the layout's only super-linear cost, docs/reliability.md) and puts it
back, with the very same display list."""

from __future__ import annotations

import gc
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "samples" / "suzhou-union-2012-04.txt"


def test_display_list_same_and_threshold_restored() -> None:
    from bulletin_export import parser, renderers
    from bulletin_export.layout import display_list
    from bulletin_export.layout.finish import finish

    ctx = renderers.RenderContext(source_date_epoch=1335571200)
    issue = parser.parse_text(SEED.read_text("utf-8")).issue
    before = gc.get_threshold()
    seen = []
    real = gc.set_threshold

    def spy(*args):
        seen.append(args)
        real(*args)

    gc.set_threshold = spy
    try:
        got = display_list(issue, ctx.style, ctx.fonts)
    finally:
        gc.set_threshold = real
    assert gc.get_threshold() == before
    assert seen[0][0] >= 50000 and seen[-1] == before
    assert got == finish(issue, ctx.style, ctx.fonts)
