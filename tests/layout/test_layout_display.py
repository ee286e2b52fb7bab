"""The finished layout (layout.display_list) on the samples, with the installed fonts:
every glyph placed, in a face that has it, page numbers and bookmarks in place, and no
drawing library needed to make it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_export.fonts.metrics import for_fonts, resolved
from bulletin_export.layout import display_list, layout_issue
from bulletin_export.parser import parse_file
from bulletin_export.printed import page_number_text
from bulletin_export.renderers import RenderContext


@pytest.fixture(scope="module", params=["seed_path", "masthead_path"])
def made(request):
    issue = parse_file(request.getfixturevalue(request.param)).issue
    ctx = RenderContext()
    return issue, ctx, display_list(issue, ctx.style, ctx.fonts)


def test_every_run_places_every_glyph(made):
    _, _, dl = made
    runs = [r for p in dl.pages for r in p.runs]
    assert len(runs) > 50
    for r in runs:
        assert r.text
        assert len(r.x) == len(r.text) == len(r.advances), r.text
        assert all(a > 0 for a in r.advances), r.text
        assert r.face in dl.faces


def test_x_increases_along_each_line(made):
    _, _, dl = made
    for page in dl.pages:
        lines: dict[int, list[float]] = {}
        for r in page.runs:
            lines.setdefault(r.line, []).extend(r.x)
        for n, xs in lines.items():
            assert all(b > a for a, b in zip(xs, xs[1:])), (page.number, n, xs)


QA_INPUTS = sorted((Path(__file__).parents[1] / "pdf" / "inputs").glob("*.txt"))


@pytest.mark.parametrize("path", QA_INPUTS, ids=lambda p: p.stem)
def test_glyph_origins_keep_reading_order_on_qa_inputs(path):
    """Squeezed marks included (。（ in Noto CJK SC: 。 at the left of its em, （ at the right):
    text extraction orders glyphs by origin, so an origin before its predecessor's reorders."""
    ctx = RenderContext()
    dl = display_list(parse_file(path).issue, ctx.style, ctx.fonts)
    for page in dl.pages:
        lines: dict[int, list[tuple[str, float]]] = {}
        for r in page.runs:
            lines.setdefault(r.line, []).extend(zip(r.text, r.x))
        for glyphs in lines.values():
            for (a, xa), (b, xb) in zip(glyphs, glyphs[1:]):
                assert xb > xa + 0.5, (path.name, page.number, a + b, xa, xb)


def test_runs_stay_on_the_page_and_in_the_block(made):
    _, ctx, dl = made
    style = ctx.style
    left = style.page.margin_left
    right = left + style.block_width
    for page in dl.pages:
        assert (page.width, page.height) == (style.page.width, style.page.height)
        for r in page.runs:
            assert 0 < r.baseline < page.height
            assert r.x[0] >= left - 1e-6, r.text
            end = r.x[-1] + r.advances[-1]
            # a full-width glyph's em box may pass its cell (16 pt in 15.79); one 。，、 may hang
            hangs = r.text[-1] in "。，、.," and r.x[-1] <= right + 1e-6
            assert end <= right + 0.05 * r.size or hangs, r.text


def test_faces_cover_their_characters(made):
    _, ctx, dl = made
    for key, ref in dl.faces.items():
        face = resolved(ctx.fonts, ref.path, ref.index)
        assert face.family == ref.family
        assert ref.role_font in ctx.style.fonts
        chars = dl.chars(key)
        assert chars
        missing = [ch for ch in chars if not face.has(ch)]
        assert not missing, (ref.family, missing)


def test_one_face_ref_per_face_in_order_of_use(made):
    _, _, dl = made
    assert list(dl.faces) == [f"F{i}" for i in range(1, len(dl.faces) + 1)]
    assert len({(f.path, f.index) for f in dl.faces.values()}) == len(dl.faces)
    first_use = list(dict.fromkeys(r.face for p in dl.pages for r in p.runs))
    assert first_use == list(dl.faces)


def test_ascii_of_body_text_in_the_latin_face_when_installed(made):
    _, ctx, dl = made
    latin = ctx.fonts.latin_face("fangsong")
    for p in dl.pages:
        for r in p.runs:
            ref = dl.faces[r.face]
            if r.role == "body" and any(c.isascii() and c.isalnum() for c in r.text):
                if latin is not None:
                    assert (ref.path, ref.index) == (str(latin.path), latin.index), r.text
                assert all(c.isascii() for c in r.text) or latin is None, r.text


def test_lines_keep_the_layout_text_in_reading_order(made):
    issue, ctx, dl = made
    layout = layout_issue(issue, ctx.style, for_fonts(ctx.fonts)[0])
    assert len(layout.pages) == len(dl.pages)
    for lp, dp in zip(layout.pages, dl.pages):
        for n, pl in enumerate(lp.lines):
            text = "".join(r.text for r in dp.runs if r.line == n)
            assert text == pl.line.text
            assert {round(r.baseline, 6) for r in dp.runs if r.line == n} == \
                {round(dp.height - pl.baseline, 6)}


def test_page_numbers_are_runs(made):
    _, ctx, dl = made
    style = ctx.style
    pn = style.page_number
    block_bottom = style.page.margin_top + style.block_height
    for page in dl.pages:
        runs = [r for r in page.runs if r.element == "page_number"]
        if page.number == 1 and not pn.first_page:
            assert not runs
            continue
        assert "".join(r.text for r in runs) == page_number_text(style, page.number)
        assert all(r.role == "page_number" for r in runs)
        assert all(r.baseline > block_bottom + pn.below_block for r in runs)
        x0, x1 = runs[0].x[0], runs[-1].x[-1] + runs[-1].advances[-1]
        mid = style.page.margin_left + style.block_width / 2
        side = pn.odd if page.number % 2 else pn.even
        assert (x0 > mid) if side == "right" else (x1 < mid) if side == "left" else True


def test_bookmarks_point_at_pages_and_titles(made):
    issue, _, dl = made
    titles = [a.title for s in issue.sections for a in s.articles if a.title]
    marks = [b.title for b in dl.bookmarks if b.level == (1 if issue.sections[0].heading else 0)]
    assert marks == titles
    numbers = {p.number for p in dl.pages}
    for b in dl.bookmarks:
        assert b.page in numbers
        assert 0 < b.y < dl.pages[0].height


def test_rules_are_top_down(made):
    issue, ctx, dl = made
    rules = [(p.number, r) for p in dl.pages for r in p.rules]
    assert rules
    for _, r in rules:
        assert r.x1 > r.x0 and r.thickness > 0 and r.element
    last = [r for n, r in rules if n == dl.pages[-1].number and r.element.startswith("end.")]
    if last:  # the end block's last rule on the bottom edge of the text block
        bottom = ctx.style.page.margin_top + ctx.style.block_height
        assert max(r.y for r in last) == pytest.approx(bottom, abs=0.01)
    if issue.masthead is not None:
        first = [r for n, r in rules if n == 1 and r.element.startswith("masthead")]
        assert first and first[0].y < ctx.style.page.height / 2


def test_display_list_needs_no_pdf_renderer(seed_path):
    """A second fixed-layout renderer can draw the display list without renderers/pdf*."""
    code = (
        "import sys\n"
        "from bulletin_export.parser import parse_file\n"
        "from bulletin_export.renderers import RenderContext\n"
        "from bulletin_export.layout import display_list\n"
        "ctx = RenderContext()\n"
        "dl = display_list(parse_file(sys.argv[1]).issue, ctx.style, ctx.fonts)\n"
        "assert dl.pages\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('reportlab', "
        "'bulletin_export.renderers.pdf')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(seed_path)], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_every_printed_element_is_drawn_under_its_own_id(made):
    """Each run names the printed element it draws (printed.elements, contract 4); a line
    holding two (the editing unit and the date, a paragraph's end and its source) is split
    between them, so each element's runs give back exactly its text."""
    from bulletin_export.printed import elements

    issue, ctx, dl = made
    drawn: dict[str, str] = {}
    for p in dl.pages:
        for r in p.runs:
            drawn[r.element] = drawn.get(r.element, "") + r.text
    # (the page_number element lists every digit, for coverage; its runs are checked above)
    want = {e.id: e.text for e in elements(issue, ctx.style) if e.text and e.id != "page_number"}
    assert set(want) <= set(drawn), set(want) - set(drawn)
    for eid, text in want.items():
        assert "".join(drawn[eid].split()) == "".join(text.split()), eid
    assert set(drawn) - set(want) <= {"page_number"}
