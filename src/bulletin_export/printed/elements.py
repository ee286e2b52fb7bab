"""The printed elements of an issue: one sequence, in print order, for every renderer.

``elements(issue, style)`` decides once what each element prints and in which style role;
the PDF layout (``layout/blocks.py``), the DOCX writer and the font coverage check all walk
this sequence, so a style change such as ``[roles.copies] font="heiti" bold=true`` reaches
every format alike. Renderers decide only where an element goes, never its text or role.

Element ids (stable, also the ``element`` of the display list's glyph runs):

    masthead.classification  masthead.name  masthead.issue  masthead.editor  masthead.date
    note.<k>                           paragraph k of the editor's note (the first with 编者按：)
    section.<s>.heading                column heading of section s (0-based, issue order)
    article.<a>.title  .subtitle       article a (0-based across the whole issue); the title
                                       of a 简讯 item (``Article.run_in``) in role
                                       ``runin_title``, with its 。, ``runs_in``: printed at
                                       the start of its first paragraph
    article.<a>.paragraph.<k>          its body blocks in order: text and captions in role
                                       ``body``, in-article headings of level N (一、 （一）
                                       1. （1）) in role ``heading_N``
    article.<a>.source                 its source; ``joins`` when it ends the last paragraph
    end.entry.<k>                      a distribution line (``label``: what wrapped lines hang after)
    end.copies  end.print_line.unit  end.print_line.date
    end.credits                        责任编辑：…　审核：…, the end block's last line
    page_number                        the page-number format with every digit (for coverage)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterator

from ..model import Issue, Paragraph, Span
from . import (PAGE_DIGITS, copies_text, distribution_label, distribution_text, editor_line,
               editor_note_paragraphs, heading_text, page_number_text, print_line,
               source_on_own_line, source_text)

if TYPE_CHECKING:  # pragma: no cover
    from ..stylesheet.model import StyleSheet


@dataclass(frozen=True)
class Element:
    """One printed element: what it prints (``text``) and in which style role."""

    id: str
    role: str
    text: str
    span: Span | None = None
    #: The head of the text that wrapped lines hang after (报：), "" for none.
    label: str = ""
    #: Printed at the end of the element before it (an inline source) when it fits there.
    joins: bool = False
    #: Outline (bookmark, navigation pane) level, None when not in the outline.
    outline: int | None = None
    #: Printed at the start of the element after it (a 简讯 item's run-in title).
    runs_in: bool = False

    @property
    def kind(self) -> str:
        """The element's kind without its numbers: "article.paragraph", "end.entry" ..."""
        return ".".join(p for p in self.id.split(".") if not p.isdigit())

    @property
    def part(self) -> str:
        """The first part of the id: masthead, note, section, article, end, page_number."""
        return self.id.partition(".")[0]


def elements(issue: Issue, style: "StyleSheet") -> tuple[Element, ...]:
    """Every printed element of ``issue`` in print order (see the module docstring)."""
    return tuple(_walk(issue, style))


def _walk(issue: Issue, style: "StyleSheet") -> Iterator[Element]:
    m = issue.masthead
    if m:
        if m.classification:
            yield Element("masthead.classification", "classification", m.classification, m.span)
        if m.name:
            yield Element("masthead.name", "masthead_name", m.name, m.span)
        if m.issue_label:
            yield Element("masthead.issue", "issue_line", m.issue_label, m.span)
        editor, date = editor_line(issue)
        if editor:
            yield Element("masthead.editor", "editor_line", editor, m.span)
        if date:
            yield Element("masthead.date", "editor_line", date)
    if issue.editor_note:
        for k, text in enumerate(editor_note_paragraphs(issue.editor_note)):
            yield Element(f"note.{k}", "editor_note", text, issue.editor_note.span)
    a = 0
    for s, sec in enumerate(issue.sections):
        if sec.heading:
            yield Element(f"section.{s}.heading", "column_heading", heading_text(sec.heading),
                          sec.span, outline=0)
        for art in sec.articles:
            yield from _article(a, art, 1 if sec.heading else 0, style)
            a += 1
    yield from _end_block(issue)
    yield Element("page_number", "page_number", page_number_text(style, PAGE_DIGITS))


def _article(a: int, art, level: int, style) -> Iterator[Element]:
    pre = f"article.{a}"
    if art.title and runs_in(art):
        yield Element(f"{pre}.title", "runin_title", run_in_text(art.title), art.span,
                      outline=level, runs_in=True)
    elif art.title:
        yield Element(f"{pre}.title", "title", art.title, art.span, outline=level)
    if art.subtitle:
        yield Element(f"{pre}.subtitle", "subtitle", art.subtitle, art.span)
    cut = source_after(art)
    for k, p in enumerate(art.paragraphs):
        if k == cut and art.source:
            yield _source(pre, art, style, cut)
        yield Element(f"{pre}.paragraph.{k}", block_role(p), p.text, p.span)
    if art.source and cut == len(art.paragraphs):
        yield _source(pre, art, style, cut)


def _source(pre: str, art, style, cut: int) -> Element:
    own = source_on_own_line(replace(art, paragraphs=art.paragraphs[:cut]), style)
    return Element(f"{pre}.source", "source" if own else "body", source_text(art.source),
                   art.span, joins=not own)


def source_after(art) -> int:
    """How many of the article's blocks its source follows: all of them, except attachment
    lines (附件：…) at the end, which the source was written before and which the parser
    keeps after it (``parser.blocks.last_text``): `…隐患。（安全环保部）` then `附件：…`."""
    from ..parser.kinds import is_attachment

    cut = len(art.paragraphs)
    while cut > 1 and getattr(art.paragraphs[cut - 1], "kind", "text") == "text" and \
            is_attachment(art.paragraphs[cut - 1].text):
        cut -= 1
    return cut


def _end_block(issue: Issue) -> Iterator[Element]:
    for k, d in enumerate(issue.distribution):
        yield Element(f"end.entry.{k}", "end_block", distribution_text(d), d.span,
                      label=distribution_label(d))
    if issue.copies is not None:
        yield Element("end.copies", "copies", copies_text(issue.copies))
    unit, date = print_line(issue)
    if unit:
        yield Element("end.print_line.unit", "end_block", unit)
    if date:
        yield Element("end.print_line.date", "end_block", date)
    if issue.credits:
        yield Element("end.credits", "end_block", issue.credits)


def runs_in(art) -> bool:
    """Is the article a 简讯 item printed with its title run in (bold, then the text, in one
    paragraph)? When the parser says so and the first block is running text."""
    return bool(getattr(art, "run_in", False) and art.title and not art.subtitle
                and art.paragraphs and getattr(art.paragraphs[0], "kind", "text") == "text")


def run_in_text(title: str) -> str:
    """市总召开主席例会。: a run-in title with the stop the parser took off (none added after
    a title that ends in a stop of its own, such as ？ or ！)."""
    return title if title[-1:] in RUN_IN_STOPS else title + "。"


#: A run-in title ending in one of these keeps it instead of getting 。.
RUN_IN_STOPS = "。！？!?…"


def block_role(p: Paragraph) -> str:
    """The style role of a body block: ``heading_N`` for an in-article heading of level N
    (1-4), ``body`` for running text and captions."""
    level = getattr(p, "level", None)
    if getattr(p, "kind", "text") == "heading" and level in (1, 2, 3, 4):
        return f"heading_{level}"
    return "body"


def printed_texts(issue: Issue, style: "StyleSheet") -> Iterator[tuple[str, str, Span | None]]:
    """(style role, text, span of the source it came from) for everything printed, in print
    order; the page number is given once, with every digit (PAGE_DIGITS) for its number."""
    for e in elements(issue, style):
        yield e.role, e.text, e.span
