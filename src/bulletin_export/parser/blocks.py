"""The blocks the body rules build (article, section, editor's note, end block) and how
each is closed into the model; `Blocks` is the state the rules in rules.py work on."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Mapping, NamedTuple, Sequence

from ..diagnostics import Diagnostic, Severity
from ..model import Article, DistributionEntry, Paragraph, Section, Span
from .kinds import Kind, classify, is_attachment, trailing_source
from .lines import Line, compact


_LINE_KIND = {"text": "paragraph", "heading": "subheading", "caption": "caption"}


def join_spans(a: Span, b: Span) -> Span:
    return Span(a.line, a.col, b.end_line, b.end_col)


class OpenBlock(NamedTuple):
    """A paragraph of an open article: its text, where it is, and its block kind and level."""

    text: str
    span: Span
    line: Line
    kind: str = "text"  # model.BLOCK_KINDS
    level: int | None = None


@dataclass
class OpenArticle:
    title: str | None
    start: Span
    end: Span
    subtitle: str | None = None
    paragraphs: list[OpenBlock] = field(default_factory=list)
    source: str | None = None
    closed: bool = False  # by a source line: what follows is a new article
    run_in: bool = False


def last_text(art: OpenArticle) -> int | None:
    """Index of the article's last paragraph that is running text, not an attachment line
    (附件：…), a heading or a caption: the one a trailing source ends."""
    return next((k for k in range(len(art.paragraphs) - 1, -1, -1)
                 if art.paragraphs[k].kind == "text" and not is_attachment(art.paragraphs[k].text)), None)


def ends_with_source(art: OpenArticle) -> bool:
    k = last_text(art)
    return k is not None and trailing_source(art.paragraphs[k][0]) is not None


@dataclass
class OpenSection:
    heading: str | None
    span: Span | None
    articles: list[Article] = field(default_factory=list)
    end: Span | None = None


@dataclass
class Body:
    """What the body rules produced."""

    editor_note: Paragraph | None = None
    sections: list[Section] = field(default_factory=list)
    distribution: list[DistributionEntry] = field(default_factory=list)
    copies: int | None = None
    print_date: _dt.date | None = None
    print_unit: str | None = None
    credits: str | None = None
    diags: list[Diagnostic] = field(default_factory=list)


class Blocks:
    """The open blocks while lines[start:] are read, and the diagnostics so far."""

    def __init__(self, lines: Sequence[Line], start: int, hints: Mapping[int, str] | None = None):
        self.lines = lines
        self.kinds: list[Kind] = [classify(line) for line in lines]
        self.hints: Mapping[int, str] = hints or {}  # by index into lines (see hints.py)
        # what each line turned out to be (ParseResult.line_kinds): set by the rules
        self.roles: list[str] = ["blank" if line.blank else "" for line in lines]
        self.start = start
        self.out = Body()
        self.note: list[tuple[str, Span]] | None = None  # open 编者按 paragraphs
        self.note_done = False
        self.article: OpenArticle | None = None
        self.section: OpenSection | None = None
        self.in_end = False
        self.entries: list[tuple[str, str, Span]] = []

    def info(self, code: str, message: str, span: Span | None, hint: str | None = None) -> None:
        self.out.diags.append(Diagnostic(code, Severity.INFO, message, span, hint=hint))

    def warn(self, code: str, message: str, span: Span | None, hint: str | None = None) -> None:
        self.out.diags.append(Diagnostic(code, Severity.WARNING, message, span, hint=hint))

    def mark(self, i: int, role: str) -> None:
        if not self.lines[i].blank:
            self.roles[i] = role

    def kind(self, i: int) -> str:
        return self.kinds[i].name if i < len(self.lines) else "eof"

    def next_nonblank(self, i: int) -> int:
        while i < len(self.lines) and self.kinds[i].name in ("blank", "rule"):
            i += 1
        return i

    # -- closing blocks -----------------------------------------------------------------
    def close_note(self) -> None:
        if self.note is None:
            return
        paras = [t for t, _ in self.note if t]
        first, last = self.note[0][1], self.note[-1][1]
        if not paras:
            self.warn("BX131", "编者按 without text", first)
        else:
            self.out.editor_note = Paragraph("\n".join(paras), join_spans(first, last))
        self.note = None
        self.note_done = True

    def close_article(self) -> None:
        art = self.article
        if art is None:
            return
        self.article = None
        last = last_text(art)
        if art.source is None and last is not None:
            text, span, line = art.paragraphs[last][:3]
            found = trailing_source(text)
            if found:
                art.paragraphs[last] = art.paragraphs[last]._replace(text=found[0])
                spaced = trailing_source(compact(line.text))  # the writer apart: （社区　王丽）
                same = spaced and "".join(spaced[1].split()) == "".join(found[1].split())
                art.source = spaced[1] if same else found[1]  # type: ignore[index]
                open_at = max(line.text.rfind("（"), line.text.rfind("("))
                self.info("BX112", f"trailing parenthesis taken as the source: {art.source}",
                          line.span(max(open_at, 0)))
        if not art.paragraphs:
            self.warn("BX114", "article without paragraphs", art.start,
                      hint="a short line without final punctuation is read as a title")
        if self.section is None:
            self.section = OpenSection(None, None)
        if self.section.span is None:
            self.section.span = art.start
        self.section.articles.append(Article(
            art.title, art.subtitle, tuple(Paragraph(b.text, b.span, b.kind, b.level)
                                           for b in art.paragraphs if b.text),
            art.source, join_spans(art.start, art.end), art.run_in))
        self.section.end = art.end

    def close_section(self) -> None:
        self.close_article()
        sec = self.section
        if sec is None:
            return
        self.section = None
        if not sec.articles:
            self.warn("BX117", f"column 【{sec.heading or ''}】 has no articles", sec.span)
        span = sec.span if sec.end is None or sec.span is None else join_spans(sec.span, sec.end)
        self.out.sections.append(Section(sec.heading, tuple(sec.articles), span))

    def start_article(self, title: str | None, span: Span) -> OpenArticle:
        self.close_note()
        self.close_article()
        self.in_end = False
        self.article = OpenArticle(title, span, span)
        return self.article

    def add_paragraph(self, i: int, text: str, kind: str = "text", level: int | None = None) -> None:
        line = self.lines[i]
        span = line.span()
        if self.note is not None:
            self.note.append((text, span))
            self.mark(i, "note")
            return
        self.mark(i, _LINE_KIND[kind])
        art = self.article
        if art is None or art.closed:
            after = "after a source line" if art is not None else "before any title"
            art = self.start_article(None, span)
            self.warn("BX116", f"paragraph {after}: it starts an article without a title", span,
                      hint="give the article a title line, or join the text to the article above")
        art.paragraphs.append(OpenBlock(text, span, line, kind, level))
        art.end = span
