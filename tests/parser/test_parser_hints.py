"""parser.parse_lines: paragraphs plus a reader's hints (a Word draft); hints win over shape."""

from __future__ import annotations

import pytest

from bulletin_export.model import to_dict
from bulletin_export.parser import HINTS, parse_lines, parse_text

DRAFT = [
    "工会工作简报", "第4期", "苏州市总工会办公室编　2012年4月28日",
    "工作动态",                                   # a heading styled 标题 2, no brackets
    "关于做好全市职工技能竞赛工作的通知。",        # a title (centred, bold) that ends in 。
    "4月6日，市总工会召开主席例会。",
    "一、总体要求",                                # heading_level:1
    "各级工会要高度重视。",
    "图为会议现场",                                # caption
    "市总办公室",                                  # right-aligned: the source
    "报：全国总工会办公厅",
]
HINTED = [None, None, None, "heading", "title", None, "heading_level:1", None, "caption", "source", None]


def test_without_hints_the_lines_read_as_the_same_text() -> None:
    lines = ["工会工作简报", "第4期", "", "【工作动态】", "市总召开例会", "4月6日，市总召开例会。（市总办公室）"]
    a, b = parse_lines(lines), parse_text("\n".join(lines) + "\n")
    assert to_dict(a.issue) == to_dict(b.issue)
    assert a.line_kinds == b.line_kinds and a.lines == tuple(lines)
    assert [d.code for d in a.diagnostics] == [d.code for d in b.diagnostics]


def test_hints_win_over_shape() -> None:
    plain = parse_lines(DRAFT)
    res = parse_lines(DRAFT, HINTED, file="draft.docx", unit="¶")
    assert res.unit == "¶" and len(res.lines) == len(DRAFT)
    (section,) = res.issue.sections
    assert section.heading == "工作动态"
    (art,) = section.articles
    assert art.title == "关于做好全市职工技能竞赛工作的通知。"
    assert [(p.kind, p.level, p.text) for p in art.paragraphs] == [
        ("text", None, "4月6日，市总工会召开主席例会。"), ("heading", 1, "一、总体要求"),
        ("text", None, "各级工会要高度重视。"), ("caption", None, "图为会议现场")]
    assert art.source == "市总办公室"
    assert res.issue.masthead.name == "工会工作简报" and res.issue.distribution[0].label == "报"
    assert res.line_kinds[3:5] == ("heading", "title") and res.line_kinds[9] == "source"
    # by shape alone the same paragraphs read differently: the hints made the difference
    assert to_dict(plain.issue) != to_dict(res.issue)
    assert all(d.file == "draft.docx" for d in res.diagnostics)


def test_a_masthead_hint_makes_an_unusual_line_the_name() -> None:
    res = parse_lines(["苏州工会之窗", "市总召开例会", "4月6日，市总召开例会。"], ["masthead", None, None])
    assert res.issue.masthead is not None and res.issue.masthead.name == "苏州工会之窗"
    assert [a.title for a in res.issue.articles()] == ["市总召开例会"]


def test_a_hint_that_cannot_apply_warns_and_reads_by_shape() -> None:
    res = parse_lines(["市总办公室", "市总召开例会", "4月6日，市总召开例会。"], {0: "source"})
    assert [d.code for d in res.diagnostics if d.code == "BX160"] == ["BX160"]
    assert res.issue.sections[0].articles[0].source is None


def test_source_hint_drops_labels_and_parentheses() -> None:
    for written in ("（市总办公室）", "供稿：市总办公室", "来源：市总办公室", "（市总办公室供稿）"):
        res = parse_lines(["市总召开例会", "4月6日，市总召开例会。", written], [None, None, "source"])
        assert res.issue.sections[0].articles[0].source == "市总办公室", written


def test_a_line_break_inside_a_paragraph_is_soft() -> None:
    res = parse_lines(["市总召开例会", "4月6日，市总\n召开例会。"])
    assert len(res.lines) == 2
    assert res.issue.sections[0].articles[0].paragraphs[0].text == "4月6日，市总召开例会。"


def test_unknown_hints_are_a_readers_mistake() -> None:
    assert "title" in HINTS
    with pytest.raises(ValueError, match="unknown parser hint"):
        parse_lines(["x"], ["bold"])
    with pytest.raises(ValueError):
        parse_lines(["x"], ["heading_level:5"])


def test_a_run_in_hint_splits_the_bold_title_off() -> None:
    line = "市总召开主席例会：4月6日，市总工会召开主席例会，部署二季度重点工作。（市总办公室）"
    res = parse_lines(["【简讯】", line], [None, "run_in:9"])
    (art,) = res.issue.sections[0].articles
    assert (art.title, art.run_in, art.source) == ("市总召开主席例会", True, "市总办公室")
    assert [p.text for p in art.paragraphs] == ["4月6日，市总工会召开主席例会，部署二季度重点工作。"]
    # by shape the colon keeps it one paragraph of an untitled article
    plain = parse_lines(["【简讯】", line]).issue.sections[0].articles[0]
    assert plain.title is None and not plain.run_in


def test_end_hints_read_entries_and_credits() -> None:
    lines = ["市总召开例会", "4月6日，市总召开例会，部署工作。", "编辑：张三　校对：李四", "报：全国总工会办公厅",
             "省总工会办公室"]
    res = parse_lines(lines, [None, None, "end", "end", "end"])
    assert res.issue.credits == "编辑：张三　校对：李四"
    assert [(d.label, d.recipients) for d in res.issue.distribution] == [("报", "全国总工会办公厅省总工会办公室")]
    assert res.issue.sections[0].articles[0].paragraphs[-1].text == "4月6日，市总召开例会，部署工作。"
    assert res.line_kinds[2:] == ("end_block",) * 3
