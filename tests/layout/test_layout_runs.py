"""A Latin/digit run that fits a line breaks rather than leave the line before it loose (QA r4)."""

from __future__ import annotations

import pytest

from bulletin_export.layout import break_lines
from bulletin_export.layout.rules import NO_END, NO_START
from bulletin_export.layout.runs import break_points, too_loose

from test_layout_breaker import CELL, SIZE, W, brk, fake

URL = "https://opensource.sipac.gov.cn/day2024"  # 39 half-width characters: 19.5 cells


def test_break_points_after_marks_never_inside_a_series_or_near_the_edges():
    assert [URL[:p] for p in break_points(URL)] == [
        "https://", "https://opensource.", "https://opensource.sipac.",
        "https://opensource.sipac.gov.", "https://opensource.sipac.gov.cn/"]
    assert break_points("RISC-V") == []  # a lone V would start the next line
    assert break_points("e-mail") == [2]


def test_break_points_of_plain_words_and_numbers():
    assert break_points("Kubernetes") == list(range(2, 9))  # 10 characters, no marks
    assert break_points("Microsof") == []  # 8 characters: kept whole
    assert break_points("051266681234") == []  # digits never split
    assert break_points("ISO9001cert") == [2, 3, 7, 8, 9]


def test_too_loose_thresholds():
    room = 28 * CELL
    assert not too_loose(7 * CELL, 20, room, CELL)  # a quarter of the line: still tolerated
    assert too_loose(7.5 * CELL, 20, room, CELL)
    assert too_loose(3 * CELL, 4, room, CELL)  # few glyphs: 3/4 cell between each
    assert not too_loose(3 * CELL, 24, room, CELL)
    assert not too_loose(0.0, 0, room, CELL)


def test_url_that_fits_a_line_fills_the_line_before_it():
    text = "甲" * 14 + URL + "。" + "乙" * 10  # QA r4: pushed whole, 12 cells would be spread
    lines = brk(text)
    assert "".join(ln.text for ln in lines) == text
    assert lines[0].text == "甲" * 14 + "https://opensource."
    assert lines[1].text.startswith("sipac.gov.cn/day2024。")
    gaps = [b.x - (a.x + a.width) for a, b in zip(lines[0].glyphs, lines[0].glyphs[1:])]
    assert max(gaps) < CELL / 4 and lines[0].right == pytest.approx(W)


def test_opening_and_closing_marks_stay_with_the_pieces():
    text = "甲" * 14 + "“" + URL + "”。" + "乙" * 10
    lines = brk(text)
    assert lines[0].text.endswith("“https://opensource.")
    assert lines[1].text.startswith("sipac.gov.cn/day2024”。")


def test_long_plain_word_breaks_without_hyphen():
    text = "甲" * 20 + "Kubernetesclusters" + "乙" * 10  # 9 cells; 8 left on the line
    lines = brk(text, first_indent=0)
    assert lines[0].text == "甲" * 20 + "Kubernetesclust" and lines[1].text.startswith("ers乙")
    assert lines[0].right == pytest.approx(W)


@pytest.mark.parametrize("run", ["051266681234567890", "abcdefghijklmnopq/rs"])
def test_runs_without_a_fitting_break_move_whole(run):
    text = "甲" * 20 + run + "乙" * 10
    lines = brk(text, first_indent=0)
    assert lines[0].text == "甲" * 20 and lines[1].text.startswith(run)


def test_a_line_short_by_less_than_a_quarter_keeps_the_run_whole():
    text = "甲" * 23 + URL + "乙" * 10  # 5 cells left: pushed whole, as before
    lines = brk(text, first_indent=0)
    assert lines[0].text == "甲" * 23 and lines[1].text.startswith(URL)


def test_only_justified_text_breaks_runs():
    text = "甲" * 14 + URL + "乙" * 10
    for align in ("left", "center", "right"):
        lines = break_lines(text, width=W, size=SIZE, measure=fake, cell=CELL, align=align)
        assert lines[0].text == "甲" * 14, align


MIXED = [
    "4月18日，来自多家企业的工程师围绕Kubernetes、Rust和RISC-V等主题作了分享。活动网址为" + URL + "。",
    "目录收录数据集一百二十个，可在政务数据开放平台data.sipac.gov.cn/catalog?type=open&page=1查询，"
    "咨询邮箱opendata-service@sipac.gov.cn，平台由园区大数据管理中心负责运行维护。",
    "会上演示了InternationalizationFramework组件与ContainerOrchestration平台的对接。" * 3,
    "参会人员" + " ".join(["Microsoft Word", "LibreOffice Writer", "WPS"] * 4) + "。",
]


@pytest.mark.parametrize("text", MIXED)
def test_mixed_text_no_loose_lines_and_kinsoku_kept(text):
    lines = brk(text)
    assert "".join(ln.text for ln in lines).replace(" ", "") == text.replace(" ", "")
    for k, ln in enumerate(lines):
        if k:
            assert ln.text[0] not in NO_START, (k, ln.text)
        if ln.last:
            continue
        assert ln.text[-1] not in NO_END, (k, ln.text)
        body = ln.glyphs[:-1] if ln.hang else ln.glyphs
        gaps = [b.x - (a.x + a.width) for a, b in zip(body, body[1:])]
        assert max(gaps) <= CELL / 2 + 1e-6, (k, ln.text, max(gaps))
