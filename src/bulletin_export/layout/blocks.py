"""Issue + style sheet + metrics -> a flat list of units to paginate.

What is printed, and in which role, comes from ``printed.elements`` (the one sequence the
DOCX writer walks too); this module only sets those elements on the grid. A unit occupies
a whole number of grid rows and never splits; a paragraph gives one unit per line so the
paginator can break it between lines. Positions inside a unit are in rows from its top (y)
and pt from the text block's left edge (x). Every set line names its printed element.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

from ..model import Issue
from ..printed import Element, elements, one_line_size
from ..stylesheet.model import HEADING_ROLES
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
    #: The printed element (``printed.Element.id``) the line belongs to; for a line holding
    #: two (the editing unit and the date, a paragraph's end and its inline source), the first.
    element: str = ""
    #: Only for a line holding several elements: (element id, characters of ``line.text``)
    #: in reading order, e.g. (("article.3.paragraph.1", 12), ("article.3.source", 7)); a
    #: part printed in another style role than the line's (a 简讯 item's run-in title) has
    #: the role third: ("article.3.title", 9, "runin_title").
    parts: tuple[tuple, ...] = ()


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

    def block(self, kind: str, e: Element, *, keep: bool = False, after: bool = True) -> None:
        """A unit that never splits (heading, title, subtitle, a source on its own line)."""
        r = self.role(e.role)
        lines = self.set(e.text, e.role)
        per = max(1, int(math.ceil(r.lines - 1e-6)))
        placed = tuple(Placed(e.role, ln, i * per, per, e.id) for i, ln in enumerate(lines))
        self.space(r.space_before)
        bookmark = (e.text, e.outline) if e.outline is not None else None
        self.units.append(Unit(kind, per * len(lines), placed, keep_with_next=keep,
                               bookmark=bookmark))
        if after:
            self.space(r.space_after)

    def paragraph(self, kind: str, e: Element, *, before: bool = True,
                  after: bool = True, tail: Element | None = None,
                  head: Element | None = None) -> None:
        """One unit per line, grouped for widow/orphan control. ``tail`` (a source) ends the
        text when it fits on the last line, else it gets a right-aligned line of its own.
        ``head`` (a run-in title) starts the text, set in the paragraph's lines and size
        and drawn in its own role; the paragraph's first line then carries its bookmark."""
        r = self.role(e.role)
        if before:
            self.space(r.space_before)
        text = (head.text if head else "") + e.text
        lines = self.set(text, e.role)
        ids = [e.id] * len(lines)
        parts: list[tuple[tuple, ...]] = [()] * len(lines)
        if tail:
            joined = self.set(text + tail.text, e.role)
            if len(joined) == len(lines) and joined[-1].text.endswith(tail.text):
                lines = joined  # the source fits at the end of the last line
                n = len(joined[-1].text) - len(tail.text)
                if n:
                    parts[-1] = ((e.id, n), (tail.id, len(tail.text)))
                else:
                    ids[-1] = tail.id
            else:  # never split a source: it gets right-aligned line(s) of its own
                *full, last = self.set(tail.text, e.role)
                lines.extend(full)
                lines.append(_right(last, self.width))
                ids += [tail.id] * (len(full) + 1)
                parts += [()] * (len(full) + 1)
        bookmark = None
        if head:
            _run_in(lines, ids, parts, head, text)
            if head.outline is not None:
                bookmark = (head.text.removesuffix("。"), head.outline)
        self.groups += 1
        for i, ln in enumerate(lines):
            self.units.append(Unit(kind, 1, (Placed(e.role, ln, element=ids[i], parts=parts[i]),),
                                   group=self.groups, index=i, size=len(lines),
                                   bookmark=bookmark if i == 0 else None))
        if after:
            self.space(r.space_after)


def _run_in(lines: list[Line], ids: list[str], parts: list[tuple[tuple, ...]],
            head: Element, text: str) -> None:
    """Mark the characters of the run-in title ``head`` (the start of ``text``) on the lines
    that hold them: a part of their own, in the title's role, before what the line held."""
    pos = 0
    for i, ln in enumerate(lines):
        start = text.find(ln.text, pos) if ln.text else -1
        start = pos if start < 0 else start
        k = min(len(ln.text), len(head.text) - start)
        if k <= 0:
            return
        pos = start + len(ln.text)
        rest = list(parts[i]) or [(ids[i], len(ln.text))]
        first = rest[0]
        if first[1] - k > 0:
            rest[0] = (first[0], first[1] - k, *first[2:])
        else:
            rest.pop(0)
        parts[i] = ((head.id, k, head.role), *rest)
        if k == len(ln.text):
            ids[i] = head.id


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


def _left_right(s: _Setter, role_name: str, left: Element | None, right: Element | None
                ) -> list[Placed]:
    """A unit at the left and a date at the right of one line, each inside the role's
    indents (editor line, print line); each on its own line when they do not fit together.
    Rows are numbered from 0."""
    if not left and not right:
        return []
    r = s.role(role_name)
    cell = s.cell(r)
    x0 = r.indent_left * cell
    width = s.width - (r.indent_left + r.indent_right) * cell
    meas = s.measure_for(r)
    lefts = break_lines(left.text, width=width, size=r.size, measure=meas, cell=cell,
                        align="left") if left else []
    rights = break_lines(right.text, width=width, size=r.size, measure=meas, cell=cell,
                         align="right") if right else []
    if len(lefts) == 1 and len(rights) == 1 and \
            lefts[0].extent + cell <= rights[0].glyphs[0].x + 1e-6:
        # one line: unit left, date right
        parts = ((left.id, len(lefts[0].text)), (right.id, len(rights[0].text)))
        return [Placed(role_name, _move(_merge(lefts[0], rights[0]), x0, s.width), 0, 1,
                       left.id, parts)]
    # too long to share a line: each on its own
    ids = ([left.id] * len(lefts) if left else []) + ([right.id] * len(rights) if right else [])
    return [Placed(role_name, _move(line, x0, s.width), n, 1, ids[n])
            for n, line in enumerate(lefts + rights)]


def _masthead(s: _Setter, items: Sequence[Element]) -> None:
    if not items:
        return
    by = {e.id: e for e in items}
    placed: list[Placed] = []
    row = 0.0
    c = by.get("masthead.classification")
    if c:
        for ln in s.set(c.text, c.role):
            placed.append(Placed(c.role, ln, row, 1, c.id))
            row += 1
    name = by.get("masthead.name")
    if name:
        r = s.role(name.role)
        per = max(1, math.ceil(r.lines - 1e-6))  # the role's rows, whatever size the name gets
        for ln in s.set(name.text, name.role, size=_name_size(s, name.text)):
            placed.append(Placed(name.role, ln, row, per, name.id))
            row += per
    label = by.get("masthead.issue")
    if label:
        for ln in s.set(label.text, label.role):
            placed.append(Placed(label.role, ln, row, 1, label.id))
            row += 1
    editor, date = by.get("masthead.editor"), by.get("masthead.date")
    for p in _left_right(s, (editor or date).role if editor or date else "editor_line",
                         editor, date):
        placed.append(replace(p, row=row))
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


def _article(s: _Setter, items: Sequence[Element]) -> None:
    """One article's elements: title, subtitle, paragraphs, source (inline or own line)."""
    kinds = [e.kind for e in items]
    head = None
    for n, e in enumerate(items):
        nxt = items[n + 1] if n + 1 < len(items) else None
        if e.kind == "article.title" and e.runs_in:
            head = e  # 简讯: printed at the start of the first paragraph
        elif e.kind == "article.title":
            s.block("title", e, keep=True, after="article.subtitle" not in kinds)
        elif e.kind == "article.subtitle":
            s.block("subtitle", e, keep=True)
            if "article.title" in kinds:
                s.space(s.role("title").space_after)
        elif e.kind == "article.paragraph" and e.role in HEADING_ROLES:
            s.block("subheading", e, keep=True)  # 一、 （一） 1. （1）: never alone at a page foot
        elif e.kind == "article.paragraph":
            s.paragraph("body", e, tail=nxt if nxt is not None and nxt.joins else None,
                        head=head)
            head = None
        elif e.kind == "article.source" and not e.joins:
            s.block("source", e)  # a line of its own (an inline one is the paragraph's tail)


def _end_block(s: _Setter, items: Sequence[Element]) -> Unit | None:
    """版记: distribution lines (thin rules between them), 共印X份 at the right, then the print
    line (印发机关 left, date right) under a thin rule, and the credits (责任编辑：…) as the
    last line under a thin rule, between thick rules at top and bottom."""
    by = {e.id: e for e in items}
    unit, date = by.get("end.print_line.unit"), by.get("end.print_line.date")
    role = (unit or date).role if unit or date else "end_block"
    print_lines = _left_right(s, role, unit, date)
    entries = [e for e in items if e.kind == "end.entry"]
    copies, credits = by.get("end.copies"), by.get("end.credits")
    if not entries and copies is None and not print_lines and credits is None:
        return None
    placed: list[Placed] = []
    rules = s.style.rules
    black = s.style.colors.get("black", "#000000")
    rule_list = [Rule(0.0, 0.0, s.width, rules.end_thick, black)]
    row = 0
    for k, d in enumerate(entries):
        if k:
            rule_list.append(Rule(float(row), 0.0, s.width, rules.end_thin, black))
        for ln in s.set(d.text, d.role, rest_indent_chars=len(d.label)):
            placed.append(Placed(d.role, ln, row, 1, d.id))
            row += 1
    if copies is not None:
        c = s.role(copies.role)
        cell = s.cell(c)
        width = s.width - (c.indent_left + c.indent_right) * cell
        line = _move(break_lines(copies.text, width=width, size=c.size,
                                 measure=s.measure_for(c), cell=cell, align="right")[0],
                     c.indent_left * cell, s.width)
        if placed and placed[-1].line.extent + cell <= line.glyphs[0].x:
            placed.append(Placed(copies.role, line, placed[-1].row, 1, copies.id))
        else:
            placed.append(Placed(copies.role, line, row, 1, copies.id))
            row += 1
    if print_lines:
        if row:  # the print line is set apart from what is above by a thin rule
            rule_list.append(Rule(float(row), 0.0, s.width, rules.end_thin, black))
        for p in print_lines:
            placed.append(replace(p, row=row))
            row += 1
    if credits is not None:
        if row:
            rule_list.append(Rule(float(row), 0.0, s.width, rules.end_thin, black))
        for ln in s.set(credits.text, credits.role):
            placed.append(Placed(credits.role, ln, row, 1, credits.id))
            row += 1
    rule_list.append(Rule(float(row), 0.0, s.width, rules.end_thick, black))
    return Unit("end", row, tuple(placed), tuple(rule_list))


def build_units(issue: Issue, style, metrics: Metrics) -> tuple[list[Unit], Unit | None]:
    """The body units in reading order, and the end block (or None)."""
    s = _Setter(style, metrics)
    seq = elements(issue, style)
    _masthead(s, [e for e in seq if e.part == "masthead"])
    notes = [e for e in seq if e.part == "note"]
    for n, e in enumerate(notes):
        s.paragraph("note", e, before=n == 0, after=n == len(notes) - 1)
    article: list[Element] = []
    current = None
    for e in seq:
        if e.part == "article":
            a = e.id.split(".")[1]
            if a != current and article:
                _article(s, article)
                article = []
            current = a
            article.append(e)
        elif e.part == "section":
            if article:
                _article(s, article)
                article, current = [], None
            s.block("heading", e, keep=True)
    if article:
        _article(s, article)
    return s.units, _end_block(s, [e for e in seq if e.part == "end"])
