"""The line breaker on a fixed-width fake metric: grid, 避头尾, hanging, justification."""

from __future__ import annotations

import unicodedata

import pytest

from bulletin_export.layout import break_lines, balanced_lines
from bulletin_export.layout.rules import HANGABLE, NO_END, NO_START

W = 442.2047
SIZE = 16.0
CELL = W / 28


def fake(text: str) -> float:
    """Full-width characters one em, everything else half an em."""
    return sum(SIZE if unicodedata.east_asian_width(c) in "WF" else SIZE / 2 for c in text)


def brk(text: str, **kw):
    kw.setdefault("first_indent", 2 * CELL)
    return break_lines(text, width=W, size=SIZE, measure=fake, cell=CELL, **kw)


def wide_count(line) -> int:
    return sum(len(g.text) for g in line.glyphs if g.wide)


ADVERSARIAL = [
    "这是一段测试文字" * 3 + "，。、；：？！" + "后面还有很多很多的文字内容" * 4,
    "甲" * 27 + "“乙丙丁”" + "戊" * 40,
    "甲" * 26 + "——" + "乙" * 40 + "……" + "丙" * 30,
    "甲" * 27 + "……" + "乙" * 30,
    "甲" * 27 + "“（" + "乙" * 30,
    "甲" * 25 + "2012年4月18日" + "乙" * 30 + "85%以上，1-2名" + "丙" * 20,
    "甲" * 28 + "”。" + "乙" * 30,
    "甲" * 26 + "）”。" + "乙" * 30,
    ("“面对面、心贴心”" * 12),
    "。" * 70,
    "《" * 70,
    "甲" * 25 + "（单位）" + "乙" * 30,
]


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_no_forbidden_starts_or_ends(text):
    lines = brk(text)
    assert "".join(ln.text for ln in lines) == text
    for k, ln in enumerate(lines):
        degenerate = set(text) <= NO_START | NO_END  # nothing to break at: anything goes
        if not degenerate:
            if k:
                assert ln.text[0] not in NO_START, (k, ln.text)
            if not ln.last:
                assert ln.text[-1] not in NO_END, (k, ln.text)
        assert "——" not in (ln.text[-1:] + (lines[k + 1].text[:1] if not ln.last else ""))


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_flush_edges_and_hanging(text):
    lines = brk(text)
    for ln in lines:
        assert ln.glyphs[0].x == pytest.approx(ln.left)
        if not ln.last and len(ln.glyphs) > 1:
            assert ln.right == pytest.approx(W, abs=1e-6)
        assert ln.right <= W + 1e-6
        if ln.hang:
            assert ln.text[-1] in HANGABLE
            assert ln.extent <= W + CELL + 1e-6
        else:
            assert ln.extent <= W + 1e-6


def test_plain_text_fills_28_cells():
    text = "中" * 26 + "文" * 28 * 3 + "末"
    lines = brk(text)
    assert [wide_count(ln) for ln in lines] == [26, 28, 28, 28, 1]
    assert all(abs(ln.spacing - (CELL - SIZE)) < 1e-9 for ln in lines)
    assert lines[0].glyphs[0].x == pytest.approx(2 * CELL)
    # pure CJK full lines sit on the grid exactly: glyph k at k cells
    for k, g in enumerate(lines[1].glyphs):
        assert g.x == pytest.approx(k * CELL)


def test_comma_at_cell_29_hangs():
    lines = brk("甲" * 28 + "，" + "乙" * 10, first_indent=0)
    assert lines[0].hang and lines[0].text == "甲" * 28 + "，"
    assert lines[0].glyphs[-1].x == pytest.approx(W)
    assert lines[1].text == "乙" * 10


def test_at_most_one_mark_hangs():
    lines = brk("甲" * 28 + "”。" + "乙" * 10, first_indent=0)
    # ”。 cannot both hang: the last 甲 goes down with them
    assert lines[0].text == "甲" * 27 and not lines[0].hang
    assert lines[1].text.startswith("甲”。")
    assert lines[0].right == pytest.approx(W)


def test_opening_mark_is_pushed_to_next_line():
    lines = brk("甲" * 27 + "“乙”" + "丙" * 10, first_indent=0)
    assert lines[0].text == "甲" * 27
    assert lines[1].text.startswith("“乙”")
    assert lines[0].right == pytest.approx(W)


def test_two_em_dash_never_split():
    lines = brk("甲" * 27 + "——乙" + "丙" * 10, first_indent=0)
    assert lines[0].text == "甲" * 26
    assert lines[1].text.startswith("甲——乙")


def test_digit_runs_kept_whole_with_real_widths():
    text = "甲" * 24 + "2012年4月18日召开" + "乙" * 30
    lines = brk(text, first_indent=0)
    joined = [ln.text for ln in lines]
    assert any("2012年4月18日" in t for t in joined)
    g = next(g for ln in lines for g in ln.glyphs if g.text == "2012")
    assert g.width == pytest.approx(32.0) and not g.wide
    assert lines[0].right == pytest.approx(W)


def test_latin_word_not_split():
    text = "甲" * 25 + "Word文档与PDF" + "乙" * 30
    lines = brk(text, first_indent=0)
    assert all("Wo" not in ln.text or "Word" in ln.text for ln in lines)


def test_last_line_flush_left_not_spread():
    lines = brk("甲" * 35, first_indent=0)
    last = lines[-1]
    assert last.last and not last.justified
    assert [g.x for g in last.glyphs] == pytest.approx([k * CELL for k in range(7)])


def test_centre_and_right_alignment():
    (c,) = break_lines("标题", width=W, size=22, measure=fake, align="center")
    assert (c.glyphs[0].x + c.right) / 2 == pytest.approx(W / 2)
    (r,) = break_lines("（市总宣教部）", width=W, size=SIZE, measure=fake, cell=CELL, align="right")
    assert r.right == pytest.approx(W)


def test_rest_indent_aligns_after_colon():
    lines = break_lines("报：" + "单位、" * 20, width=W, size=14, measure=fake,
                        rest_indent=2 * (W / 32), align="left")
    assert len(lines) > 1
    assert all(ln.glyphs[0].x == pytest.approx(2 * W / 32) for ln in lines[1:])


def test_balanced_title_lines():
    title = "市总出台意见提出实施四大工程推进职工文化建设"  # 22 chars, 20 per line at 22 pt
    lines = balanced_lines(title, width=W, size=22, measure=fake)
    assert [len(ln.text) for ln in lines] == [11, 11]
    for ln in lines:
        assert (ln.glyphs[0].x + ln.right) / 2 == pytest.approx(W / 2, abs=0.01)


def test_layout_imports_no_drawing_library():
    import subprocess
    import sys

    code = "import sys, bulletin_export.layout; print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_marks_compress_before_a_unit_is_pushed():
    text = "甲" * 10 + "。" + "甲" * 10 + "，" + "甲" * 5 + "“乙丙”" + "丁" * 20
    first = brk(text, first_indent=0)[0]
    assert first.text == text[: text.index("乙") + 1]  # “乙 stays up: 29 characters
    squeezed = [g for g in first.glyphs if g.squeeze]
    assert [g.text for g in squeezed] == ["。", "，"]
    assert all(g.width == pytest.approx(CELL / 2) for g in squeezed)
    assert first.right == pytest.approx(W)


def test_no_compression_at_an_ordinary_break():
    text = "日前，" + "甲" * 25 + "乙" * 10  # 28 cells exactly, then a free break
    first = brk(text, first_indent=0)[0]
    assert first.text == text[:28] and not any(g.squeeze for g in first.glyphs)


def test_without_marks_to_compress_the_unit_is_pushed():
    first = brk("甲" * 27 + "“乙”" + "丙" * 5, first_indent=0)[0]
    assert first.text == "甲" * 27 and not any(g.squeeze for g in first.glyphs)


URL = "https://www.example.com/a/very/long/path/that/keeps/going/and/going/forever?with=query&and=more"
LONG_RUNS = [
    "详见" + URL + "，欢迎访问。",  # QA repro 01 (tests/pdf/inputs/long-url.txt)
    "编号" + "1234567890" * 8 + "。（市总办公室）",
    "甲" * 20 + "x" * 5000 + "，乙",
    "甲" * 27 + "“" + "y" * 120 + "”。" + "乙" * 10,
]


@pytest.mark.parametrize("text", LONG_RUNS)
def test_run_wider_than_a_line_is_broken_never_overflows(text):
    lines = brk(text)
    assert "".join(ln.text for ln in lines) == text
    for k, ln in enumerate(lines):
        assert ln.extent <= W + 1e-6, (k, ln.text)  # nothing past the right edge, no hanging
        if k:
            assert ln.text[0] not in NO_START, (k, ln.text)
        if not ln.last:
            assert ln.text[-1] not in NO_END, (k, ln.text)
            assert ln.right == pytest.approx(W)  # full lines stay flush, none stretched thin
            assert ln.right - ln.glyphs[-1].width - ln.glyphs[0].x > W / 2


def test_url_breaks_after_its_marks():
    lines = brk("详见" + URL + "，欢迎访问。")
    assert lines[0].text == "详见https://www.example.com/a/very/long/path/that/"
    assert lines[1].text.startswith("keeps/") and lines[1].text.endswith("，欢迎")


def test_long_number_breaks_anywhere_but_keeps_its_full_stop():
    lines = brk("编号" + "1234567890" * 8 + "。" + "乙" * 3)
    assert len(lines) == 2 and lines[1].text.endswith("0。乙乙乙")
    assert lines[0].right == pytest.approx(W)


def test_run_that_fits_a_line_is_still_kept_whole():
    text = "甲" * 20 + "z" * 40 + "乙" * 10  # 40 half-width = 20 cells: moves down whole
    lines = brk(text)
    assert lines[0].text == "甲" * 20 and lines[1].text.startswith("z" * 40)
