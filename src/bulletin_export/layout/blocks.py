"""Issue + style sheet + metrics -> a flat list of units to paginate.

A unit occupies a whole number of grid rows and never splits; a paragraph gives one
unit per line so the paginator can break it between lines. Positions inside a unit
are in rows from its top (y) and pt from the text block's left edge (x).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable

from ..model import Article, Issue
from ..printed import (copies_text, distribution_label, editor_line, editor_note_paragraphs,
                       heading_text, one_line_size, print_line, source_on_own_line,
                       source_text)
from .breaker import Glyph, Line, balanced_lines, break_lines, cell_for

#: measure(text, font_role, size) -> width in pt
Metrics = Callable[[str, str, float], float]


@dataclass(frozen=True)
class Placed:
    """A set line inside a unit: ``row`` rows from the unit's top, ``rows`` tall."""

    role: str
    line: Line
    row: float = 0.0
    rows: float = 1.0


@dataclass(frozen=True)
class Rule:
    """A horizontal rule ``y`` rows from the unit's top, from ``x0`` to ``x1`` (pt from block left)."""

    y: float
    x0: float
    x1: float
    thickness: float
    color: str


@dataclass(frozen=True)
class Unit:
    kind: str  # masthead | heading | title | subtitle | note | body | source | space | end
    rows: int
    lines: tuple[Placed, ...] = ()
    rules: tuple[Rule, ...] = ()
    keep_with_next: bool = False
    group: int | None = None  # paragraph number, for widow/orphan control
    index: int = 0  # line number in its paragraph
    size: int = 1  # lines in its paragraph
    bookmark: tuple[str, int] | None = None  # (title, level)


@dataclass
class _Setter:
    style: object
    metrics: Metrics
    units: list[Unit] = field(default_factory=list)
    groups: int = 0

    @property
    def width(self) -> float:
        return self.style.block_width

    def role(self, name: str):
        return self.style.roles[name]

    def measure_for(self, role):
        return lambda s: self.metrics(s, role.font, role.size)

    def set(self, text: str, role_name: str, *, rest_indent_chars: float = 0.0,
            size: float | None = None) -> list[Line]:
        """Break ``text`` as the role says (indents in characters of the role's size).
        Another ``size`` sets it smaller, its characters one em apart (off the grid)."""
        r = self.role(role_name)
        if size is not None and abs(size - r.size) > 1e-6:
            r = replace(r, size=size)
            cell = size
        else:
            cell = self.cell(r)
        left = r.indent_left * cell
        width = self.width - (r.indent_left + r.indent_right) * cell
        if r.align == "center" and role_name in ("title", "masthead_name", "subtitle"):
            lines = balanced_lines(text, width=width, size=r.size, measure=self.measure_for(r),
                                   cell=cell)
        else:
            lines = break_lines(text, width=width, size=r.size, measure=self.measure_for(r),
                                cell=cell, first_indent=r.first_indent * cell,
                                rest_indent=rest_indent_chars * cell, align=r.align)
        return [_move(ln, left, self.width) for ln in lines] if left else lines

    def cell(self, r) -> float:
        if abs(r.size - self.style.page.body_size) < 1e-6:
            return self.style.char_pitch
        return cell_for(self.width, r.size)

    def space(self, rows: float) -> None:
        """Blank grid rows; consecutive spaces collapse to the larger."""
        n = int(math.ceil(rows - 1e-6))
        if n <= 0:
            return
        if self.units and self.units[-1].kind == "space":
            n = max(n, self.units.pop().rows)
        self.units.append(Unit("space", n))

    def block(self, kind: str, text: str, role_name: str, *, keep: bool = False,
              bookmark: tuple[str, int] | None = None, after: bool = True) -> None:
        """A unit that never splits (heading, title, subtitle)."""
        r = self.role(role_name)
        lines = self.set(text, role_name)
        per = max(1, int(math.ceil(r.lines - 1e-6)))
        placed = tuple(Placed(role_name, ln, i * per, per) for i, ln in enumerate(lines))
        self.space(r.space_before)
        self.units.append(Unit(kind, per * len(lines), placed, keep_with_next=keep,
                               bookmark=bookmark))
        if after:
            self.space(r.space_after)

    def paragraph(self, kind: str, text: str, role_name: str, *, before: bool = True,
                  after: bool = True, tail: str | None = None) -> None:
        """One unit per line, grouped for widow/orphan control. ``tail`` (a source) ends the
        text when it fits on the last line, else it gets a right-aligned line of its own."""
        r = self.role(role_name)
        if before:
            self.space(r.space_before)
        lines = self.set(text, role_name)
        if tail:
            joined = self.set(text + tail, role_name)
            if len(joined) == len(lines) and joined[-1].text.endswith(tail):
                lines = joined  # the source fits at the end of the last line
            else:  # never split a source: it gets right-aligned line(s) of its own
                *full, last = self.set(tail, role_name)
                lines.extend(full)
                lines.append(_right(last, self.width))
        self.groups += 1
        for i, ln in enumerate(lines):
            self.units.append(Unit(kind, 1, (Placed(role_name, ln),), group=self.groups, index=i,
                                   size=len(lines)))
        if after:
            self.space(r.space_after)


def _move(line: Line, dx: float, width: float) -> Line:
    glyphs = tuple(Glyph(g.text, g.x + dx, g.width, g.wide, g.squeeze) for g in line.glyphs)
    return Line(glyphs, line.left + dx, line.width, line.size, line.cell, line.hang, line.last,
                line.justified)


def _right(line: Line, width: float) -> Line:
    """The same line pushed against the right edge."""
    return _move(line, width - line.extent, width)


def _merge(a: Line, b: Line) -> Line:
    """Two lines drawn on one row (editor left, date right)."""
    return Line(a.glyphs + b.glyphs, min(a.left, b.left), max(a.width, b.width), a.size, a.cell)


def _left_right(s: _Setter, role_name: str, left: str | None, right: str | None) -> list[Line]:
    """A unit at the left and a date at the right of one line, each inside the role's
    indents (editor line, print line); each on its own line when they do not fit together."""
    if not left and not right:
        return []
    r = s.role(role_name)
    cell = s.cell(r)
    x0 = r.indent_left * cell
    width = s.width - (r.indent_left + r.indent_right) * cell
    meas = s.measure_for(r)
    lefts = break_lines(left, width=width, size=r.size, measure=meas, cell=cell,
                        align="left") if left else []
    rights = break_lines(right, width=width, size=r.size, measure=meas, cell=cell,
                         align="right") if right else []
    if len(lefts) == 1 and len(rights) == 1 and \
            lefts[0].extent + cell <= rights[0].glyphs[0].x + 1e-6:
        lines = [_merge(lefts[0], rights[0])]  # one line: unit left, date right
    else:
        lines = lefts + rights  # too long to share a line: each on its own
    return [_move(line, x0, s.width) for line in lines]


def _masthead(s: _Setter, issue: Issue) -> None:
    m = issue.masthead
    if m is None:
        return
    placed: list[Placed] = []
    row = 0.0
    if m.classification:
        for ln in s.set(m.classification, "classification"):
            placed.append(Placed("classification", ln, row, 1))
            row += 1
    if m.name:
        r = s.role("masthead_name")
        per = max(1, math.ceil(r.lines - 1e-6))  # the role's rows, whatever size the name gets
        for ln in s.set(m.name, "masthead_name", size=_name_size(s, m.name)):
            placed.append(Placed("masthead_name", ln, row, per))
            row += per
    if m.issue_label:
        for ln in s.set(m.issue_label, "issue_line"):
            placed.append(Placed("issue_line", ln, row, 1))
            row += 1
    for line in _left_right(s, "editor_line", *editor_line(issue)):
        placed.append(Placed("editor_line", line, row, 1))
        row += 1
    rules = s.style.rules
    color = rules.color
    y = row + 0.25
    rule_list = [Rule(y, 0.0, s.width, rules.masthead, color)]
    if rules.masthead_second:
        y2 = y + (rules.masthead / 2 + rules.masthead_gap + rules.masthead_second / 2) / \
            s.style.page.line_pitch
        rule_list.append(Rule(y2, 0.0, s.width, rules.masthead_second, color))
    rows = int(math.ceil(row + 1 - 1e-6))
    s.units.append(Unit("masthead", rows, tuple(placed), tuple(rule_list)))


def _name_size(s: _Setter, name: str) -> float:
    """The masthead name's size: the role's, or smaller so that the name stays on one line
    (``printed.one_line_size``, as the DOCX sets it), never below an article title's size;
    smaller still if the faces' own Latin advances are wider than its half-em estimate."""
    r = s.role("masthead_name")
    width = s.width - (r.indent_left + r.indent_right) * r.size
    floor = s.role("title").size
    size = one_line_size(name, r.size, width, minimum=floor)
    if size < r.size:
        real = s.metrics(name, r.font, size)
        if real > width:
            size = max(floor, size * width / real)
    return size


def _article(s: _Setter, art: Article, level: int) -> None:
    if art.title:
        s.block("title", art.title, "title", keep=True, bookmark=(art.title, level),
                after=not art.subtitle)
    if art.subtitle:
        s.block("subtitle", art.subtitle, "subtitle", keep=True)
        if art.title:
            s.space(s.role("title").space_after)
    paras = [p.text for p in art.paragraphs]
    own = source_on_own_line(art, s.style)
    for k, text in enumerate(paras):
        last = k == len(paras) - 1
        tail = source_text(art.source) if art.source and not own and last else None
        s.paragraph("body", text, "body", tail=tail)
    if art.source and own:
        s.block("source", source_text(art.source), "source")


def _end_block(s: _Setter, issue: Issue) -> Unit | None:
    """版记: distribution lines (thin rules between them), 共印X份 at the right, then the print
    line (印发机关 left, date right) under a thin rule, between thick rules at top and bottom."""
    print_lines = _left_right(s, "end_block", *print_line(issue))
    if not issue.distribution and issue.copies is None and not print_lines:
        return None
    r = s.role("end_block")
    placed: list[Placed] = []
    rules = s.style.rules
    black = s.style.colors.get("black", "#000000")
    rule_list = [Rule(0.0, 0.0, s.width, rules.end_thick, black)]
    row = 0
    for k, d in enumerate(issue.distribution):
        if k:
            rule_list.append(Rule(float(row), 0.0, s.width, rules.end_thin, black))
        label = distribution_label(d)
        for ln in s.set(label + d.recipients, "end_block", rest_indent_chars=len(label)):
            placed.append(Placed("end_block", ln, row, 1))
            row += 1
    if issue.copies is not None:
        c = s.role("copies")
        cell = s.cell(c)
        width = s.width - (c.indent_left + c.indent_right) * cell
        text = copies_text(issue.copies)
        line = _move(break_lines(text, width=width, size=c.size, measure=s.measure_for(c),
                                 cell=cell, align="right")[0], c.indent_left * cell, s.width)
        if placed and placed[-1].line.extent + cell <= line.glyphs[0].x:
            placed.append(Placed("copies", line, placed[-1].row, 1))
        else:
            placed.append(Placed("copies", line, row, 1))
            row += 1
    if print_lines:
        if row:  # the print line is set apart from what is above by a thin rule
            rule_list.append(Rule(float(row), 0.0, s.width, rules.end_thin, black))
        for line in print_lines:
            placed.append(Placed("end_block", line, row, 1))
            row += 1
    rule_list.append(Rule(float(row), 0.0, s.width, rules.end_thick, black))
    return Unit("end", row, tuple(placed), tuple(rule_list))


def build_units(issue: Issue, style, metrics: Metrics) -> tuple[list[Unit], Unit | None]:
    """The body units in reading order, and the end block (or None)."""
    s = _Setter(style, metrics)
    _masthead(s, issue)
    texts = editor_note_paragraphs(issue.editor_note)
    for n, text in enumerate(texts):
        s.paragraph("note", text, "editor_note", before=n == 0, after=n == len(texts) - 1)
    for sec in issue.sections:
        if sec.heading:
            s.block("heading", heading_text(sec.heading), "column_heading", keep=True,
                    bookmark=(heading_text(sec.heading), 0))
        for art in sec.articles:
            _article(s, art, 1 if sec.heading else 0)
    return s.units, _end_block(s, issue)
