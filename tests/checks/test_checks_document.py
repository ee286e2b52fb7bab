"""Document-level checks (BX25x, BX242) on parsed fixtures, and on hand-built models."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bulletin_export.checks import run_checks, run_on_lines
from bulletin_export.diagnostics import Diagnostic, Severity
from bulletin_export.model import Article, Issue, Masthead, Paragraph, Section, Span
from bulletin_export.parser import parse_file

DOCS = Path(__file__).parent / "fixtures" / "documents"


def _table() -> list[tuple[str, str | None, list[tuple[int, int, str]]]]:
    rows = []
    for raw in (DOCS / "expect.txt").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        head, _, tail = raw.partition(": ")
        name, _, prev = head.partition(" --previous ")
        found = []
        if tail.strip() != "-":
            for item in tail.split(","):
                pos, code = item.split()
                line, col = pos.split(":")
                found.append((int(line), int(col), code))
        rows.append((name, prev or None, found))
    return rows


@pytest.mark.parametrize("name,prev,expected", _table(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_document_fixture(name: str, prev: str | None, expected: list) -> None:
    res = parse_file(DOCS / name)
    previous = parse_file(DOCS / prev) if prev else None
    diags = run_checks(res, previous=previous)
    got = [(d.span.line, d.span.col, d.code) for d in diags]
    assert got == expected, [d.headline() for d in diags]


def test_every_document_fixture_is_listed() -> None:
    listed = {row[0] for row in _table()} | {row[1] for row in _table() if row[1]}
    assert listed == {p.name for p in DOCS.glob("*.txt")} - {"expect.txt"}


def _issue(*sections: Section) -> Issue:
    return Issue(sections=sections)


def _article(title: str, source: str | None, line: int) -> Article:
    return Article(title, paragraphs=(Paragraph("市总工会召开会议。", Span(line + 1, 1, line + 1, 10)),),
                   source=source, span=Span(line, 1, line + 1, 10))


def test_empty_column_on_a_model() -> None:
    issue = _issue(Section("工作动态", (), Span(1, 1, 1, 7)),
                   Section("文化建设", (_article("标题", "市总办公室", 3),), Span(2, 1, 4, 10)))
    diags = run_on_lines([""] * 4, issue)
    assert [(d.code, d.span.line) for d in diags] == [("BX252", 1)]


def test_empty_column_steps_back_for_the_parser() -> None:
    issue = _issue(Section("工作动态", (), Span(1, 1, 1, 7)))
    parser_said = [Diagnostic("BX117", Severity.WARNING, "column has no articles", Span(1, 1, 1, 7))]
    assert run_on_lines([""], issue, parser_diagnostics=parser_said) == []


def test_missing_source_on_a_model() -> None:
    issue = _issue(Section("工作动态", (_article("有来源", "市总办公室", 1), _article("无来源", None, 3))))
    diags = run_on_lines([""] * 4, issue)
    assert [(d.code, d.span.line, d.message) for d in diags] == [("BX251", 3, "“无来源” has no source")]


@pytest.mark.parametrize("prev,cur,want", [
    ((4, 156, "2012-04-28"), (5, 157, "2012-05-28"), []),
    ((4, 156, "2012-04-28"), (6, 157, "2012-05-28"), ["第6期"]),
    ((4, 156, "2012-04-28"), (5, 159, "2012-05-28"), ["总第159期"]),
    ((24, 176, "2012-12-28"), (1, 177, "2013-01-20"), []),
    ((24, 176, "2012-12-28"), (25, 177, "2013-01-20"), ["第25期"]),
    ((4, None, None), (5, None, None), []),
])
def test_issue_sequence(prev, cur, want) -> None:
    def m(no, total, date):
        return Issue(masthead=Masthead(issue_no=no, total_no=total,
                                       date=dt.date.fromisoformat(date) if date else None,
                                       span=Span(1, 1, 3, 10)))
    diags = run_on_lines(["工会工作简报"] * 3, m(*cur), previous=m(*prev))
    assert [d.code for d in diags] == ["BX253"] * len(want)
    for d, w in zip(diags, want):
        assert w in d.message


def test_seed_has_sources_everywhere(seed_path: Path) -> None:
    diags = run_checks(parse_file(seed_path))
    assert not [d for d in diags if d.code in ("BX251", "BX252", "BX242")]


def test_model_without_source_lines_runs_the_document_checks_only(seed_path: Path) -> None:
    """A model read from XML keeps its spans but has no source lines (ParseResult.lines == ())."""
    issue = parse_file(seed_path).issue
    broken = Issue(sections=issue.sections + (Section("空栏目", (), Span(60, 1, 60, 5)),))
    diags = run_on_lines((), broken)
    assert [(d.code, d.span.line) for d in diags] == [("BX252", 60)]


def test_a_source_in_mixed_parentheses_does_not_crash_the_checks() -> None:
    # (市总办公室） : opened half-width, closed full-width; the half-width check looked for ")"
    from bulletin_export.parser import parse_text

    found = run_checks(parse_text("市总召开例会\n日前，会议召开。(市总办公室）\n"))
    assert not [d for d in found if d.code == "BX221"]  # the source's opener is the parser's
    inside = run_checks(parse_text("市总召开例会\n日前，会议召开(市总办公室）。\n"))
    assert [(d.code, d.span.line, d.span.col) for d in inside if d.code == "BX221"] == [("BX221", 2, 8)]
