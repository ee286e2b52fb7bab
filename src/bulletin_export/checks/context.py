"""What a check sees: the source lines, the model when there is one, and text helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from ..model import Issue, Span

# Characters that make text "Chinese" for the checks: CJK ideographs (basic, extension A,
# compatibility) and 〇.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
CJK_PUNCT = "，。、；：？！“”‘’（）《》〔〕【】〖〗［］「」『』…—·"
OPENERS = "“‘（《〔【〖［「『"
CLOSERS = "”’）》〕】〗］」』"
SPACES = " \t\u3000\u00a0\u2002\u2003\u2009"  # zero-width ones are the parser's (BX003)

_FENCE = re.compile(r"^\s*-{3,}\s*$")
_DATE_TAIL = re.compile(
    r"^[0-9０-９〇零○一二三四五六七八九十]{2,4}年[0-9０-９〇零○一二三四五六七八九十]{1,3}月"
    r"[0-9０-９〇零○一二三四五六七八九十]{1,3}日(印发|编印|印|发)?\s*$"
)
_TRAILING_PAREN = re.compile(r"^[（(][^（）()]+[）)]\s*$")


_CJK_RE = re.compile("[〇" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES) + "]")


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph (or 〇)."""
    return _CJK_RE.match(ch) is not None


def is_chinese(ch: str) -> bool:
    """True for a CJK ideograph or a full-width Chinese punctuation mark."""
    return is_cjk(ch) or ch in CJK_PUNCT


def is_date_tail(text: str) -> bool:
    """True when ``text`` is a date (optionally followed by 印发) up to the end of the line."""
    return bool(_DATE_TAIL.match(text))


def is_trailing_paren(text: str) -> bool:
    """True when ``text`` is one parenthesised phrase up to the end of the line (a source)."""
    return bool(_TRAILING_PAREN.match(text))


def header_block_lines(lines: Sequence[str]) -> set[int]:
    """Line numbers (1-based) of a leading ``---`` fenced header block, fences included."""
    first = next((i for i, t in enumerate(lines) if t.strip()), None)
    if first is None or not _FENCE.match(lines[first]):
        return set()
    for j in range(first + 1, len(lines)):
        if _FENCE.match(lines[j]):
            return set(range(first + 1, j + 2))
    return set()


def span_lines(span: Span | None) -> range:
    if span is None:
        return range(0)
    return range(span.line, max(span.line, span.end_line) + 1)


@dataclass
class CheckContext:
    """The input of every check; built once per file by ``run_checks``."""

    lines: list[str]
    issue: Issue | None = None
    previous: Issue | None = None
    file: str | None = None
    skip: set[int] = field(default_factory=set)  # lines the text checks leave alone
    masthead_lines: set[int] = field(default_factory=set)
    end_lines: set[int] = field(default_factory=set)

    @classmethod
    def build(cls, lines: Sequence[str], issue: Issue | None = None, previous: Issue | None = None,
              file: str | None = None) -> "CheckContext":
        clean = [t.rstrip("\r\n") for t in lines]
        skip = header_block_lines(clean)
        masthead: set[int] = set()
        end: set[int] = set()
        if issue is not None:
            if issue.masthead is not None:
                masthead.update(span_lines(issue.masthead.span))
            for entry in issue.distribution:
                end.update(span_lines(entry.span))
        return cls(clean, issue, previous, file, skip, masthead, end)

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
