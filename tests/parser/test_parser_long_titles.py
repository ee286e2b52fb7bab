"""Titles of 41-60 characters and where they end a 编者按 (QA round 2, r2)."""

from __future__ import annotations

from bulletin_export.parser import parse_text

HEAD = "政协工作简报\n第9期\n苏州市政协办公室编　　2024年9月12日\n"
TITLE = "关于推进长三角生态绿色一体化发展示范区建设中跨区域生态环境协同治理若干问题的调研报告"  # 42
BODY = "示范区建设以来，三地在生态环境标准统一方面取得了积极进展。"


def articles(text: str):
    res = parse_text(text)
    return res, [a for s in res.issue.sections for a in s.articles]


def test_a_long_title_after_a_note_line_before_a_sourced_paragraph() -> None:
    res, arts = articles(f"{HEAD}编者按：现将有关情况编发，供参考。\n{TITLE}\n{BODY}（人资环委）\n")
    assert res.issue.editor_note.text == "现将有关情况编发，供参考。"
    assert [(a.title, a.source) for a in arts] == [(TITLE, "人资环委")]


def test_a_note_label_alone_before_a_long_title_is_an_empty_note_not_a_silent_one() -> None:
    res, arts = articles(f"{HEAD}编者按：\n{TITLE}\n{BODY}（人资环委）\n")
    assert [a.title for a in arts] == [TITLE]
    assert "BX131" in [d.code for d in res.diagnostics]


def test_a_long_line_in_the_note_before_unsourced_text_stays_in_the_note() -> None:
    note_line = "为推动示范区建设现将三地在生态环境标准统一方面的做法与经验整理后编发给各位委员参阅"
    res, arts = articles(f"{HEAD}编者按：\n{note_line}\n请结合实际认真研究。\n\n市政协召开协商会\n{BODY}\n")
    assert res.issue.editor_note.text == f"{note_line}\n请结合实际认真研究。"
    assert [a.title for a in arts] == ["市政协召开协商会"]


def test_a_long_line_inside_an_article_is_a_paragraph() -> None:
    res, arts = articles(f"{HEAD}\n市政协召开协商会\n{BODY}\n{TITLE}\n{BODY}（办公室）\n")
    assert [(a.title, len(a.paragraphs)) for a in arts] == [("市政协召开协商会", 3)]


def test_sentence_punctuation_or_61_characters_is_no_title() -> None:
    for line in (TITLE[:30] + "；" + TITLE[30:], TITLE + "及其对策建议" * 4):
        res, arts = articles(f"{HEAD}\n{line}\n{BODY}（办公室）\n")
        assert arts[0].title is None and arts[0].paragraphs[0].text == line


def test_a_long_title_ends_at_the_previous_articles_trailing_source() -> None:
    res, arts = articles(f"{HEAD}\n市政协召开协商会\n{BODY}（办公室）\n{TITLE}\n{BODY}\n")
    assert [a.title for a in arts] == ["市政协召开协商会", TITLE]
    assert res.line_kinds[6] == "title"
