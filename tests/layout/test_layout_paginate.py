"""The paginator on synthetic units: keep-with-next, widows/orphans, the end block."""

from __future__ import annotations

import pytest

from bulletin_export.layout import Geometry, paginate
from bulletin_export.layout.blocks import Placed, Rule, Unit
from bulletin_export.layout.breaker import Glyph, Line

G = Geometry(595.28, 841.89, 79.37, 736.99, 442.2, 637.8, 28.95, 22)


def _line(text: str) -> Line:
    return Line((Glyph(text, 0.0, 16.0 * len(text), True),), 0.0, 442.2, 16.0, 15.79)


def para(group: int, n: int) -> list[Unit]:
    return [Unit("body", 1, (Placed("body", _line(f"p{group}l{i}")),), group=group, index=i,
                 size=n) for i in range(n)]


def title(text: str, rows: int = 1) -> Unit:
    return Unit("title", rows, (Placed("title", _line(text)),), keep_with_next=True,
                bookmark=(text, 1))


def end(rows: int) -> Unit:
    lines = tuple(Placed("end_block", _line(f"e{i}"), i) for i in range(rows))
    rules = (Rule(0.0, 0, 442.2, 1.0, "#000000"), Rule(float(rows), 0, 442.2, 1.0, "#000000"))
    return Unit("end", rows, lines, rules)


def where(layout, text: str) -> tuple[int, float]:
    for page in layout.pages:
        for pl in page.lines:
            if pl.line.text == text:
                return page.number, pl.row
    raise KeyError(text)


def test_22_rows_per_page_at_the_pitch():
    layout = paginate(para(1, 50), None, G)
    assert [len(p.lines) for p in layout.pages] == [22, 22, 6]
    ys = [pl.baseline for pl in layout.pages[0].lines]
    assert all(a - b == pytest.approx(28.95) for a, b in zip(ys, ys[1:]))
    # every line's em box lies inside the block
    assert ys[0] + 0.88 * 16 <= G.top and ys[-1] - 0.12 * 16 >= G.bottom


def test_title_is_never_the_last_line_of_a_page():
    units = para(1, 21) + [title("T")] + para(2, 5)
    layout = paginate(units, None, G)
    assert where(layout, "T") == (2, 0)
    assert len(layout.pages[0].lines) == 21


def test_two_line_title_keeps_with_two_body_lines():
    units = para(1, 19) + [title("T", 2)] + para(2, 5)  # 19 + 2 + 1 would leave one line
    layout = paginate(units, None, G)
    assert where(layout, "T")[0] == 2


def test_orphan_first_line_moves():
    units = para(1, 21) + para(2, 4)
    layout = paginate(units, None, G)
    assert where(layout, "p2l0") == (2, 0)


def test_widow_last_line_is_not_alone():
    units = para(1, 18) + para(2, 5)  # 4 lines fit, the 5th would be alone on page 2
    layout = paginate(units, None, G)
    assert where(layout, "p2l3") == (2, 0)
    assert where(layout, "p2l2") == (1, 20)


def test_space_dropped_at_page_top():
    units = para(1, 22) + [Unit("space", 1)] + para(2, 3)
    layout = paginate(units, None, G)
    assert where(layout, "p2l0") == (2, 0)


def test_end_block_sits_on_the_bottom_edge():
    layout = paginate(para(1, 10), end(4), G)
    assert len(layout.pages) == 1
    last_rule = min(r.y for r in layout.pages[0].rules)
    assert last_rule == pytest.approx(G.bottom)
    assert where(layout, "e0") == (1, 18)


def test_end_block_moves_to_a_new_page_when_it_does_not_fit():
    layout = paginate(para(1, 20), end(4), G)
    assert len(layout.pages) == 2
    assert where(layout, "e3")[0] == 2
    assert not layout.pages[1].lines[0].line.text.startswith("p")
    assert min(r.y for r in layout.pages[1].rules) == pytest.approx(G.bottom)


def test_end_block_fits_exactly():
    layout = paginate(para(1, 18), end(4), G)
    assert len(layout.pages) == 1


def test_bookmarks_carry_their_page():
    layout = paginate(para(1, 21) + [title("T")] + para(2, 3), None, G)
    assert layout.pages[1].bookmarks == [("T", 1, pytest.approx(G.top))]


def heading(text: str) -> Unit:
    return Unit("heading", 1, (Placed("column_heading", _line(text)),), keep_with_next=True)


@pytest.mark.parametrize("n, room, first_on_page_1", [(3, 2, 0), (3, 1, 0), (2, 1, 0),
                                                      (4, 2, 2), (4, 3, 2), (5, 3, 3), (5, 4, 3)])
def test_widow_orphan_control_as_word(n, room, first_on_page_1):
    """At least 2 lines on each side of a page break; 2- and 3-line paragraphs move whole."""
    layout = paginate(para(1, 22 - room) + para(2, n), None, G)
    on_1 = [pl.line.text for pl in layout.pages[0].lines if pl.line.text.startswith("p2")]
    assert len(on_1) == first_on_page_1
    assert where(layout, f"p2l{first_on_page_1}") == (2, 0)


def test_heading_keeps_with_a_whole_three_line_paragraph():
    layout = paginate(para(1, 19) + [title("T")] + para(2, 3), None, G)  # T + 2 lines would fit
    assert where(layout, "T") == (2, 0)
    layout = paginate(para(1, 19) + [title("T")] + para(2, 6), None, G)  # T + 2 of 6 lines: fine
    assert where(layout, "T") == (1, 19)


def test_keep_chain_longer_than_a_page_fills_pages():
    """QA repro 02: 30 headings in a row must not go one per page, nor leave a page of keeps."""
    units = []
    for k in range(30):
        units += [heading(f"H{k}"), Unit("space", 1)]
    units += [title("T")] + para(1, 5)
    layout = paginate(units, None, G)
    assert len(layout.pages) == 3
    assert all(len(p.lines) >= 8 for p in layout.pages)
    page, row = where(layout, "T")
    assert where(layout, "p1l0") == (page, row + 1) and where(layout, "p1l1")[0] == page


def test_keep_chain_that_fits_a_fresh_page_still_moves():
    units = para(1, 15) + [heading("H"), Unit("space", 1), title("T")] + para(2, 8)
    layout = paginate(units, None, G)  # H, space, T and 2 lines need 5 rows, 7 are left
    assert where(layout, "H") == (1, 15)
    units = para(1, 19) + [heading("H"), Unit("space", 1), title("T")] + para(2, 8)
    layout = paginate(units, None, G)
    assert where(layout, "H") == (2, 0) and where(layout, "T") == (2, 2)


def test_end_block_longer_than_a_page_flows_over_pages():
    """QA repro 03: 50 rows of end block; nothing above the page, last rule on the bottom edge."""
    layout = paginate(para(1, 10), end(50), G)
    assert len(layout.pages) == 3
    for page in layout.pages:
        for pl in page.lines:
            assert G.bottom <= pl.baseline <= G.top
        for r in page.rules:
            assert G.bottom - 1e-6 <= r.y <= G.top + 1e-6
    texts = [pl.line.text for p in layout.pages for pl in p.lines if pl.role == "end_block"]
    assert texts == [f"e{i}" for i in range(50)]  # every line, in order, once
    # 6 rows at the bottom of page 1, then two full pages
    assert where(layout, "e0") == (1, 16) and where(layout, "e5") == (1, 21)
    assert where(layout, "e6") == (2, 0) and where(layout, "e28") == (3, 0)
    assert len([r for r in layout.pages[1].rules]) == 2  # each piece framed by the thick rules
    last = layout.pages[-1]
    assert min(r.y for r in last.rules) == pytest.approx(G.bottom)
    assert max(r.y for r in last.rules) == pytest.approx(G.bottom + 22 * G.pitch)  # framed
    assert where(layout, "p1l9") == (1, 9)  # body stays where it was
