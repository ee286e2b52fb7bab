"""Coverage of an issue's characters: missing glyphs are errors with line:col, fallbacks are info."""

from __future__ import annotations

from pathlib import Path

from bulletin_export.diagnostics import Severity
from bulletin_export.fonts import FALLBACK, MISSING, printed_texts, resolve_fonts
from bulletin_export.model import Article, Issue, Masthead, Paragraph, Section, Span
from bulletin_export.stylesheet import load_style




def parse(path: Path):
    from bulletin_export import api

    return api.parse(path)


def issue_of(*paragraphs: tuple[str, int, int], title: str = "标题") -> Issue:
    paras = tuple(Paragraph(t, Span.of_line(line, col, len(t))) for t, line, col in paragraphs)
    return Issue(sections=(Section(None, (Article(title, paragraphs=paras, span=Span(1, 1, 1, 3)),)),))


def test_seed_has_full_coverage_with_debian_fonts(seed_path):
    res = parse(seed_path)
    diags = resolve_fonts(load_style(None)).coverage(res.issue, res.lines)
    assert [d for d in diags if d.severity is Severity.ERROR] == []


def test_masthead_sample_has_full_coverage(masthead_path):
    res = parse(masthead_path)
    assert res.issue.masthead is not None
    roles = {role for role, _, _ in printed_texts(res.issue, load_style(None))}
    assert {"masthead_name", "issue_line", "end_block"} <= roles
    diags = resolve_fonts(load_style(None)).coverage(res.issue, res.lines)
    assert [d for d in diags if d.severity is Severity.ERROR] == []


def test_missing_glyph_is_an_error_at_its_line_and_column():
    issue = issue_of(("第一段落。", 3, 1), ("正文\ue000中间\ue000结束", 5, 3))
    diags = resolve_fonts(load_style(None)).coverage(issue)
    errors = [d for d in diags if d.severity is Severity.ERROR]
    assert len(errors) == 1
    (err,) = errors
    assert err.code == MISSING == "BX401"
    assert (err.span.line, err.span.col) == (5, 5)  # the paragraph starts at column 3
    assert "U+E000" in err.message and "body" in err.message and "Noto Serif CJK SC" in err.message
    assert "5:8" in err.hint  # the second occurrence


def test_columns_come_from_the_source_lines_when_given():
    lines = ["【工作动态】", "", "    缩进的\ue000段落"]
    issue = issue_of(("缩进的\ue000段落", 3, 1))  # a span that does not know the indent
    (err,) = resolve_fonts(load_style(None)).coverage(issue, lines)
    assert (err.span.line, err.span.col) == (3, 8)


def test_fallback_is_reported_as_info(tmp_path, fallback_dir):
    sheet = tmp_path / "s.toml"
    sheet.write_text('base = "bulletin"\n[fonts.fangsong]\n'
                     'candidates = ["Fallback Test A", "Fallback Test B"]\n', "utf-8")
    fs = resolve_fonts(load_style(sheet), [fallback_dir])
    diags = fs.coverage(issue_of(("中国吉中", 2, 1)))
    assert [d.code for d in diags] == [FALLBACK]
    (info,) = diags
    assert info.severity is Severity.INFO
    assert "Fallback Test B" in info.message and "吉" in info.message
    assert (info.span.line, info.span.col) == (2, 3)


def test_spaces_and_controls_need_no_glyph():
    issue = issue_of(("中 文\u3000中\u200b", 1, 1))
    assert resolve_fonts(load_style(None)).coverage(issue) == []


def test_masthead_texts_are_checked_with_their_roles():
    import datetime as dt

    issue = Issue(masthead=Masthead(name="工会\ue001简报", issue_no=4, editor="市总工会",
                                    date=dt.date(2012, 4, 28), span=Span(1, 1, 4, 10)))
    diags = resolve_fonts(load_style(None)).coverage(issue)
    (err,) = [d for d in diags if d.code == MISSING]
    assert "masthead_name" in err.message and "U+E001" in err.message


def test_what_is_known_per_worker_never_hides_a_finding_in_the_next_issue():
    """Characters are looked up once per font set and role (a worker's issues share most of
    them); a missing glyph or a fallback is still reported in every issue that prints it,
    at that issue's own position."""
    fs = resolve_fonts(load_style(None))
    body = fs.face("fangsong")
    fallback = next((chr(cp) for f in fs.chain("fangsong")[1:] for cp in sorted(f.cmap - body.cmap)
                     if 0x3400 <= cp <= 0x9FFF or 0x20000 <= cp <= 0x2FFFF), None)
    first = issue_of(("前面\ue000一句。", 2, 1))
    second = issue_of(("另一期", 4, 1), ("又有\ue000字" + (fallback or ""), 9, 5))
    for _ in range(2):
        for issue, where in ((first, (2, 3)), (second, (9, 7))):
            diags = fs.coverage(issue)
            errors = [d for d in diags if d.code == MISSING]
            assert len(errors) == 1 and (errors[0].span.line, errors[0].span.col) == where
    if fallback:
        assert any(d.code == FALLBACK and fallback in d.message for d in fs.coverage(second))
        assert not any(d.code == FALLBACK for d in fs.coverage(first))
