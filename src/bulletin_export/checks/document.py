"""BX251-BX253: document-level checks on the model (sources, empty columns, issue numbering)."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Masthead, Span
from .context import CheckContext
from .registry import get, register

_ISSUE_NO = re.compile(r"(增刊)?第[0-9０-９〇零一二三四五六七八九十百]+期")


def _first_line(span: Span | None) -> Span | None:
    """The span's first line only (a caret under a whole article helps nobody)."""
    if span is None:
        return None
    return Span(span.line, span.col, span.line, span.col + 1)


@register("BX251", "missing-source", Severity.WARNING,
          "an article without a source such as （市总宣教部）", needs_model=True)
def check_missing_source(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX251")
    if ctx.issue is None:
        return
    for art in ctx.issue.articles():
        if not art.source and art.paragraphs:
            name = f"“{art.title}”" if art.title else "the article"
            yield me.diag(f"{name} has no source", _first_line(art.span),
                          hint="end the last paragraph with the source in parentheses, e.g. （市总办公室）")


@register("BX252", "empty-column", Severity.WARNING, "a column heading with no article under it",
          needs_model=True, superseded_by=("BX117",))
def check_empty_column(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX252")
    if ctx.issue is None:
        return
    for sec in ctx.issue.sections:
        if sec.heading and not sec.articles:
            yield me.diag(f"column 【{sec.heading}】 has no articles", _first_line(sec.span),
                          hint="delete the heading or add its articles")


def _issue_line(ctx: CheckContext, span: Span | None) -> Span | None:
    """The masthead line that carries 第X期 (else the masthead's first line)."""
    if span is None:
        return None
    for no in range(span.line, min(span.end_line, len(ctx.lines)) + 1):
        m = _ISSUE_NO.search(ctx.lines[no - 1])
        if m:
            return Span.of_line(no, m.start() + 1, m.end() - m.start())
    return _first_line(span)


def expected_numbers(prev: Masthead, cur: Masthead) -> tuple[int | None, int | None]:
    """The issue number and total number ``cur`` should carry after ``prev`` (None: unknown)."""
    issue_no = None
    if prev.issue_no is not None:
        if prev.date and cur.date and cur.date.year > prev.date.year:
            issue_no = 1
        elif not (prev.date and cur.date) or cur.date.year == prev.date.year:
            issue_no = prev.issue_no + 1
    total = prev.total_no + 1 if prev.total_no is not None else None
    return issue_no, total


@register("BX253", "issue-sequence", Severity.WARNING,
          "the issue number does not follow the previous issue's (--previous FILE)", needs_model=True)
def check_issue_sequence(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX253")
    if ctx.issue is None or ctx.previous is None:
        return
    cur, prev = ctx.issue.masthead, ctx.previous.masthead
    if cur is None or prev is None or cur.supplement or prev.supplement:
        return
    want_no, want_total = expected_numbers(prev, cur)
    span = _issue_line(ctx, cur.span)
    if want_no is not None and cur.issue_no is not None and cur.issue_no != want_no:
        yield me.diag(f"issue 第{cur.issue_no}期 does not follow the previous 第{prev.issue_no}期",
                      span, hint=f"expected 第{want_no}期")
    if want_total is not None and cur.total_no is not None and cur.total_no != want_total:
        yield me.diag(f"总第{cur.total_no}期 does not follow the previous 总第{prev.total_no}期",
                      span, hint=f"expected 总第{want_total}期")
