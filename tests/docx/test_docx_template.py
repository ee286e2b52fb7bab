"""The parts that depend only on the style sheet are built once per style and shared."""

from __future__ import annotations

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor

from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.docx import DocxRenderer
from bulletin_export.renderers.docx.template import CORE, DOCUMENT, template_for


def _parts(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist()}


def test_issues_share_every_part_but_their_story_and_properties(seed_issue, masthead_issue):
    ctx = RenderContext(source_date_epoch=1700000000)
    a = _parts(DocxRenderer().render(seed_issue, ctx))
    b = _parts(DocxRenderer().render(masthead_issue, ctx))
    assert a.keys() == b.keys()
    assert {n for n in a if a[n] != b[n]} == {DOCUMENT, CORE}
    assert template_for(ctx.style) is template_for(ctx.style)  # once per style and process


def test_the_compact_style_has_parts_of_its_own(seed_issue):
    base = RenderContext(source_date_epoch=1700000000)
    compact = RenderContext(style_name="bulletin-compact", source_date_epoch=1700000000)
    a = _parts(DocxRenderer().render(seed_issue, base))
    b = _parts(DocxRenderer().render(seed_issue, compact))
    assert a["word/styles.xml"] != b["word/styles.xml"]  # 小初 masthead, title spacing
    assert set(b) - set(a) == {"word/footer3.xml"}  # the empty first-page footer (no number)


def test_threads_sharing_a_template_make_the_same_bytes(seed_issue, masthead_issue):
    ctx = RenderContext(source_date_epoch=1700000000)
    issues = [seed_issue, masthead_issue] * 6
    alone = [DocxRenderer().render(i, ctx) for i in issues]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda i: DocxRenderer().render(i, ctx), issues))
    assert together == alone
