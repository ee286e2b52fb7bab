"""printed.elements: the one sequence of printed elements, and its ids reaching the layout."""

from __future__ import annotations

import pytest

from bulletin_export.layout import display_list
from bulletin_export.layout.blocks import build_units
from bulletin_export.parser import parse_file
from bulletin_export.printed import elements, printed_texts
from bulletin_export.renderers import RenderContext


@pytest.fixture(scope="module", params=["seed_path", "masthead_path"])
def sample(request):
    issue = parse_file(request.getfixturevalue(request.param)).issue
    return issue, RenderContext(source_date_epoch=1700000000)


def test_ids_are_unique_in_print_order_and_roles_exist(sample):
    issue, ctx = sample
    seq = elements(issue, ctx.style)
    ids = [e.id for e in seq]
    assert len(ids) == len(set(ids))
    parts = [e.part for e in seq]
    order = ["masthead", "note", "body", "end", "page_number"]
    ranks = [order.index("body" if p in ("section", "article") else p) for p in parts]
    assert ranks == sorted(ranks) and ids[-1] == "page_number"
    assert all(e.role in ctx.style.roles for e in seq)
    articles = [a for s in issue.sections for a in s.articles]
    assert [e.text for e in seq if e.kind == "article.title"] == [a.title for a in articles]
    assert [(r, t) for r, t, _ in printed_texts(issue, ctx.style)] == \
        [(e.role, e.text) for e in seq]


def test_an_inline_source_joins_the_last_paragraph(sample):
    issue, ctx = sample
    seq = elements(issue, ctx.style)
    for k, e in enumerate(seq):
        if e.kind == "article.source" and e.joins:
            prev = seq[k - 1]
            assert prev.kind == "article.paragraph" and prev.id.split(".")[1] == e.id.split(".")[1]
            assert e.role == "body" and e.text.startswith("（") and e.text.endswith("）")


def test_every_set_line_names_its_element(sample):
    """The layout's lines carry the ids; a line holding two elements says how many
    characters each has."""
    issue, ctx = sample
    ids = {e.id for e in elements(issue, ctx.style)}
    units, end = build_units(issue, ctx.style, lambda t, f, s: len(t) * s)
    placed = [p for u in [*units, end] if u for p in u.lines]
    assert placed and all(p.element in ids for p in placed)
    for p in placed:
        if p.parts:
            assert sum(n for _, n in p.parts) == len(p.line.text)
            assert {i for i, _ in p.parts} <= ids and p.parts[0][0] == p.element
    assert any(p.parts for p in placed)  # the editor line: unit and date on one line


def test_display_list_runs_carry_the_element_ids(sample):
    issue, ctx = sample
    ids = {e.id for e in elements(issue, ctx.style)}
    dl = display_list(issue, ctx.style, ctx.fonts)
    runs = [r for page in dl.pages for r in page.runs]
    assert {r.element for r in runs} <= ids
    by = {}
    for r in runs:
        by.setdefault(r.element, []).append(r.text)
    m = issue.masthead
    if m and m.name:
        assert "".join(by["masthead.name"]) == m.name
    assert "".join(by["masthead.date"] if m and m.date else [""]).startswith(
        str(m.date.year) if m and m.date else "")
