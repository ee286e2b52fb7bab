"""The PDF and the OFD of one input draw one display list: the layout runs once per issue
and context (it was run once per fixed-layout format, doubling a 10 MB build's layout time)."""

from __future__ import annotations

from pathlib import Path

import bulletin_export.layout.display as display
from bulletin_export import parse, renderers

SEED = Path(__file__).resolve().parents[2] / "samples" / "suzhou-union-2012-04.txt"


def test_pdf_and_ofd_share_one_display_list(monkeypatch):
    issue = parse(SEED).issue
    ctx = renderers.RenderContext(source_date_epoch=1700000000)
    calls = []
    real = display.display_list

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(display, "display_list", counting)
    pdf = renderers.get("pdf").render(issue, ctx)
    ofd = renderers.get("ofd").render(issue, ctx)
    assert pdf.startswith(b"%PDF") and ofd.startswith(b"PK")
    assert calls == [issue]
    # another issue gets its own list, and the bytes do not depend on the sharing
    other = parse(SEED.read_text(encoding="utf-8").replace("苏州", "无锡")).issue
    renderers.get("pdf").render(other, ctx)
    assert calls == [issue, other]
    fresh = renderers.RenderContext(source_date_epoch=1700000000)
    assert renderers.get("ofd").render(issue, fresh) == ofd
