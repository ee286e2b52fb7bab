"""What a check sees: the source lines, the model when there is one, and text helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from ..model import Issue, Span
from ..parser.kinds import paren_tail

# Characters that make text "Chinese" for the checks: CJK ideographs (basic, extension A,
# compatibility) and 〇.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
CJK_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】〖〗［］「」『』…—·"
OPENERS = "“‘（《〔【〖［「『"
CLOSERS = "”’）》〕】〗］」』"
SPACES = " \t\u3000\u00a0\u2002\u2003\u2009"  # zero-width ones are the parser's (BX003)

_CJK_RE = re.compile("[〇" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES) + "]")


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (or 〇)."""
    return _CJK_RE.match(ch) is not None


def is_chinese(ch: str) -> bool:
    """True for a CJK ideograph or a full-width Chinese punctuation mark."""
    return is_cjk(ch) or ch in CJK_PUNCT


def span_lines(span: Span | None) -> range:
    if span is None:
        return range(0)
    return range(span.line, max(span.line, span.end_line) + 1)


def ends_with_paren(text: str) -> bool:
    """True when ``text`` is one parenthesised phrase up to the end of the line, in the shape
    the parser reads as a source (parser.kinds.paren_tail)."""
    return paren_tail(text) == 0


@dataclass
class CheckContext:
    """The input of every check; built once per file by ``run_checks``.

    ``kinds`` is the parser's verdict on each source line (ParseResult.line_kinds: header,
    masthead, heading, title, paragraph, end_block, ...); the checks do not guess it again.
    """

    lines: list[str]
    issue: Issue | None = None
    previous: Issue | None = None
    file: str | None = None
    kinds: tuple[str, ...] = ()
    skip: set[int] = field(default_factory=set)  # lines the text checks leave alone

    @classmethod
    def build(cls, lines: Sequence[str], issue: Issue | None = None, previous: Issue | None = None,
              file: str | None = None, kinds: Sequence[str] = ()) -> "CheckContext":
        clean = [t.rstrip("\r\n") for t in lines]
        kinds = tuple(kinds) + ("blank",) * (len(clean) - len(kinds))
        skip = {no for no, kind in enumerate(kinds, 1) if kind == "header"}  # never printed
        return cls(clean, issue, previous, file, kinds, skip)

    def kind(self, no: int) -> str:
        """The parser's kind of line ``no`` (1-based)."""
        return self.kinds[no - 1] if 0 < no <= len(self.kinds) else "blank"

    def text_lines(self) -> Iterator[tuple[int, str]]:
        """(line number, text) of every line the text checks look at."""
        for no, text in enumerate(self.lines, 1):
            if no not in self.skip and text.strip():
                yield no, text

    def paragraph_groups(self) -> list[list[int]]:
        """Line numbers grouped by article (body paragraphs), for series that span paragraphs.

        Without a model (or without spans) every non-empty line is its own group. Spans
        that point past the source lines (a model read from XML) are ignored.
        """
        last = len(self.lines)
        groups: list[list[int]] = []
        if self.issue is not None:
            for art in self.issue.articles():
                nos: list[int] = []
                for p in art.paragraphs:
                    nos.extend(n for n in span_lines(p.span) if n not in nos and n <= last)
                if nos:
                    groups.append(nos)
            note = self.issue.editor_note
            if note is not None and note.span is not None and note.span.end_line <= last:
                groups.append(list(span_lines(note.span)))
        if groups:
            return groups
        return [[no] for no, _ in self.text_lines()]
