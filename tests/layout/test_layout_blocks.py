"""From an issue to units: masthead, titles, sources, the end block (fake fixed metric)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

import pytest

from bulletin_export.layout import layout_issue
from bulletin_export.layout.blocks import build_units
from bulletin_export.model import (Article, DistributionEntry, Issue, Masthead, Paragraph,
                                   Section)
from bulletin_export.stylesheet import load_style


def metric(text: str, role: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size / 2 for c in text)


@pytest.fixture(scope="module")
def style():
    return load_style(None)


def issue(**kw) -> Issue:
    art = Article("市总召开主席例会部署下一阶段工作", paragraphs=(
        Paragraph("4月6日，市总工会在常熟蒋巷村召开了2012年第一季度五市七区工会主席例会。"),
        Paragraph("会前，举行了苏州市劳模教育培训示范基地的揭牌仪式。" * 3),
    ), source="市总办公室、研究室")
    base = dict(sections=(Section("工作动态", (art,)),))
    base.update(kw)
    return Issue(**base)


def test_masthead_rows_and_red_rule(style):
    m = Masthead(name="工会工作简报", issue_no=4, total_no=156, editor="苏州市总工会办公室",
                 date=dt.date(2012, 4, 28), classification="内部资料")
    units, _ = build_units(issue(masthead=m), style, metric)
    head = units[0]
    assert head.kind == "masthead"
    roles = [p.role for p in head.lines]
    assert roles == ["classification", "masthead_name", "issue_line", "editor_line"]
    editor = head.lines[-1].line
    cell = style.char_pitch
    assert editor.text == "苏州市总工会办公室编2012年4月28日"
    assert editor.glyphs[0].x == pytest.approx(cell)  # one character in from each side
    assert editor.extent == pytest.approx(style.block_width - cell)
    (rule,) = head.rules
    assert rule.color.upper() == style.rules.color.upper()
    assert rule.x1 - rule.x0 == pytest.approx(style.block_width)
    assert rule.y > head.lines[-1].row + 1  # under the editor line
    name = head.lines[1]
    assert name.rows == 2 and abs(name.line.glyphs[0].x + name.line.right - style.block_width) < 0.01


def test_source_inline_or_on_its_own_line(style):
    units, _ = build_units(issue(), style, metric)
    body = [u.lines[0].line for u in units if u.kind == "body"]
    assert body[1].text == "市七区工会主席例会。"  # the first paragraph has no source
    tail = body[-1]  # 23 characters + 11 do not fit: a right-aligned line of its own, unsplit
    assert body[-2].text.endswith("仪式。") and tail.text == "（市总办公室、研究室）"
    assert tail.extent == pytest.approx(style.block_width)
    short = issue(sections=(Section(None, (Article("题", paragraphs=(Paragraph("很短。"),),
                                                   source="市总办公室"),)),))
    units, _ = build_units(short, style, metric)
    (line,) = [u.lines[0].line for u in units if u.kind == "body"]
    assert line.text == "很短。（市总办公室）"
    own = dataclasses.replace(style, source_placement="own_line")
    units, _ = build_units(issue(), own, metric)
    src = [u for u in units if u.kind == "source"]
    assert len(src) == 1
    line = src[0].lines[0].line
    assert line.text == "（市总办公室、研究室）"
    assert line.extent == pytest.approx(style.block_width)


def test_end_block_lines_rules_and_copies(style):
    dist = (DistributionEntry("报", "全国总工会办公厅，省总工会办公室，市委、市人大、市政府、市政协领导"),
            DistributionEntry("送", "市委办公室"),
            DistributionEntry("发", "各市（县）、区总工会"))
    _, end = build_units(issue(distribution=dist, copies=120), style, metric)
    size = style.roles["end_block"].size
    cell = style.block_width / round(style.block_width / size)
    texts = [p.line.text for p in end.lines]
    assert texts[0].startswith("报：") and texts[1] == "市政协领导" or len(texts[0]) > 30
    wrapped = [p.line for p in end.lines if p.role == "end_block" and not p.line.text[1:2] == "："]
    for ln in wrapped:  # wrapped lines start after the colon
        assert ln.glyphs[0].x == pytest.approx(3 * cell)
    copies = [p for p in end.lines if p.role == "copies"]
    assert copies and copies[0].line.text == "共印120份"
    assert copies[0].row == end.lines[-2].row  # on the last entry's line, at the right
    thick = [r for r in end.rules if r.thickness == style.rules.end_thick]
    thin = [r for r in end.rules if r.thickness == style.rules.end_thin]
    assert [r.y for r in thick] == [0.0, float(end.rows)] and len(thin) == 2


def test_end_block_moves_under_a_full_page(style):
    long = Article("标题", paragraphs=(Paragraph("正文" * 14 * 19),))  # 19 full lines + title
    iss = Issue(sections=(Section(None, (long,)),),
                distribution=(DistributionEntry("本期印发", "各有关单位"),), copies=50)
    layout = layout_issue(iss, style, metric)
    assert len(layout.pages) == 2
    assert [pl.role for pl in layout.pages[1].lines] == ["end_block", "copies"]
    assert min(r.y for r in layout.pages[1].rules) == pytest.approx(layout.geometry.bottom)


def test_long_editing_unit_and_date_take_two_lines(style):
    m = Masthead(name="简报", editor="某某省某某市某某区总工会宣传教育部和研究室联合办公室",
                 date=dt.date(2012, 4, 28))
    units, _ = build_units(issue(masthead=m), style, metric)
    lines = [p for p in units[0].lines if p.role == "editor_line"]
    assert [p.line.text for p in lines][-1] == "2012年4月28日"
    assert "".join(p.line.text for p in lines[:-1]) == m.editor + "编"
    assert [p.row for p in lines] == sorted({p.row for p in lines})


@pytest.mark.parametrize("placement", ["inline", "own_line"])
def test_a_source_longer_than_a_line_is_printed_whole(style, placement):
    source = "市总工会办公室、研究室、宣教部、组织部、法律工作部、经济工作部联合"  # 33 characters
    art = Article("标题", paragraphs=(Paragraph("会前，举行了揭牌仪式。" * 3),), source=source)
    st = dataclasses.replace(style, source_placement=placement)
    units, _ = build_units(issue(sections=(Section(None, (art,)),)), st, metric)
    printed = "".join(p.line.text for u in units if u.kind in ("body", "source") for p in u.lines)
    assert printed.endswith(f"（{source}）")
    last = [p.line for u in units if u.kind in ("body", "source") for p in u.lines][-1]
    assert last.extent == pytest.approx(style.block_width)  # right-aligned


def _name_lines(style, name: str, measure=metric):
    m = Masthead(name=name, issue_no=8, editor="盛泽镇党政办", date=dt.date(2024, 7, 1))
    head = build_units(issue(masthead=m), style, measure)[0][0]
    return head, [p for p in head.lines if p.role == "masthead_name"]


def test_long_masthead_name_set_smaller_on_one_line_in_the_same_rows(style):
    role = style.roles["masthead_name"]
    short_head, (short,) = _name_lines(style, "工会工作简报")
    assert short.line.size == role.size
    name = "苏州市吴江区盛泽镇人民政府办公室工作简报"  # QA r6: 20 characters wrapped at 人/民
    head, placed = _name_lines(style, name)
    assert len(placed) == 1 and placed[0].line.text == name
    line = placed[0].line
    assert style.roles["title"].size <= line.size < role.size
    assert line.glyphs[0].x >= -1e-6 and line.extent <= style.block_width + 1e-6
    assert abs(line.glyphs[0].x + line.extent - style.block_width) < 0.01  # centred
    assert (placed[0].row, placed[0].rows, head.rows) == (short.row, short.rows, short_head.rows)


def test_name_with_wide_latin_letters_still_fits_one_line(style):
    def wide_latin(text: str, role: str, size: float) -> float:
        return size * len(text)  # every character a full em: wider than the half-em estimate
    name = "苏州工业园区WTO事务咨询中心工作简报"  # 17.5 ems estimated, 19 measured
    _, placed = _name_lines(style, name, wide_latin)
    assert len(placed) == 1
    assert placed[0].line.size == pytest.approx(style.block_width / 19)  # not / 17.5
    assert placed[0].line.extent <= style.block_width + 1e-6


def test_name_too_long_for_the_smallest_size_wraps_at_the_title_size(style):
    _, placed = _name_lines(style, "甲" * 24)
    assert len(placed) == 2
    assert all(p.line.size == style.roles["title"].size for p in placed)
    assert all(p.line.extent <= style.block_width + 1e-6 for p in placed)
