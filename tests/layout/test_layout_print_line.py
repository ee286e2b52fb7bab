"""The print line of the end block (印发机关 left, 2012年4月29日印发 right, GB/T 9704 §7.4.3)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from bulletin_export.layout.blocks import build_units
from bulletin_export.layout.breaker import cell_for
from bulletin_export.model import Article, DistributionEntry, Issue, Paragraph, Section
from bulletin_export.stylesheet import load_style

UNIT = "苏州市总工会办公室"
DATE = dt.date(2012, 4, 29)


def metric(text: str, role: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in text)


@pytest.fixture(scope="module")
def style():
    return load_style(None)


def end_of(style, **kw):
    art = Article("市总召开工作会议", paragraphs=(Paragraph("日前，市总工会召开会议，部署下一阶段工作。"),))
    _, end = build_units(Issue(sections=(Section("工作动态", (art,)),), **kw), style, metric)
    return end


def cell(style) -> float:
    return cell_for(style.block_width, style.roles["end_block"].size)


def right_edge(line) -> float:
    g = line.glyphs[-1]
    return g.x + g.width


def test_unit_left_date_right_on_the_last_row_above_the_closing_rule(style):
    end = end_of(style, distribution=(DistributionEntry("发", "各市、区总工会"),), copies=120,
                 print_date=DATE, print_unit=UNIT)
    last = end.lines[-1]
    assert last.role == "end_block" and last.line.text == UNIT + "2012年4月29日印发"
    assert last.row == end.rows - 1  # the last line of the block
    c = cell(style)
    assert last.line.glyphs[0].x == pytest.approx(c)  # one character in from the left
    assert right_edge(last.line) == pytest.approx(style.block_width - c)  # and from the right
    date_start = next(g.x for g in last.line.glyphs if g.text.startswith("2"))
    assert date_start > style.block_width / 2  # the date is pushed to the right, not after the unit
    # 共印 keeps its place at the right of the distribution line, above the print line
    copies = [p for p in end.lines if p.role == "copies"]
    assert [p.line.text for p in copies] == ["共印120份"] and copies[0].row < last.row
    # thick rule on top, a thin rule right above the print line, the thick one right under it
    rules = style.rules
    ys = [(r.y, r.thickness) for r in end.rules]
    assert ys[0] == (0.0, rules.end_thick)
    assert (float(last.row), rules.end_thin) in ys
    assert ys[-1] == (float(end.rows), rules.end_thick)
    assert max(y for y, _ in ys) == end.rows


def test_date_alone_sits_at_the_right(style):
    end = end_of(style, distribution=(DistributionEntry("发", "各市、区总工会"),), print_date=DATE)
    last = end.lines[-1]
    assert last.line.text == "2012年4月29日印发"
    assert right_edge(last.line) == pytest.approx(style.block_width - cell(style))
    assert last.line.glyphs[0].x > style.block_width / 2


def test_print_line_alone_has_no_thin_rule(style):
    end = end_of(style, print_date=DATE, print_unit=UNIT)
    assert end.rows == 1 and [p.line.text for p in end.lines] == [UNIT + "2012年4月29日印发"]
    assert [r.thickness for r in end.rules] == [style.rules.end_thick] * 2


def test_no_print_line_leaves_the_block_as_it_was(style):
    end = end_of(style, distribution=(DistributionEntry("发", "各市、区总工会"),), copies=120)
    assert all("印发" not in p.line.text for p in end.lines)
    assert [r.thickness for r in end.rules] == [style.rules.end_thick] * 2


def test_unit_too_long_to_share_the_line_gets_its_own(style):
    unit = "中华全国总工会江苏省苏州市总工会机关办公室宣传教育部"
    end = end_of(style, distribution=(DistributionEntry("发", "各市、区总工会"),), print_date=DATE,
                 print_unit=unit)
    texts = [p.line.text for p in end.lines if p.role == "end_block"]
    assert texts[-2:] == [unit, "2012年4月29日印发"]
    assert right_edge(end.lines[-1].line) == pytest.approx(style.block_width - cell(style))
    thin = [r.y for r in end.rules if r.thickness == style.rules.end_thin]
    assert thin == [float(end.rows - 2)]  # one thin rule above both lines of the print line
