"""Normalisation: decoded text to structural lines, with a column map back to the source.

Line numbers and columns are those of the decoded text split at LF, CRLF and CR, so a
span points where an editor shows it. Within a line: zero-width characters are removed,
control characters XML cannot carry are dropped (warning), form feeds and U+2029 split the
line with a blank line between; VT / U+2028 / NEL (Word's soft line break) are joined into
the line: nothing between Chinese characters, one space between Latin words (info BX005).
HTML entities pasted from web pages (`&ldquo;`, `&nbsp;`, `&#12288;`) are read as their
characters with a warning (BX006) whose fix writes the character into the source. Spaces of every kind (ASCII,
tab, NBSP, U+3000, U+2000..U+200A) are white space for structure; `clean` decides what
white space a printed text keeps.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity
from ..model import Span

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufeff\u2060")
_BLANK_BREAKS = frozenset("\x0c\u2029")
_LINE_BREAKS = frozenset("\x0b\u2028\x85")
_EOL = re.compile(r"\r\n|\r|\n")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACE_NAMES = {"\u00a0": "a no-break space", "\u3000": "a full-width space", "\u2002": "an en space",
                "\u2003": "an em space", "\u2009": "a thin space"}


@dataclass(frozen=True)
class Line:
    """One structural line: its text (spaces kept as written) and each character's source column."""

    no: int
    text: str
    cols: tuple[int, ...]

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def stripped(self) -> str:
        return self.text.strip()

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """The span of text[start:end] without its surrounding white space."""
        end = len(self.text) if end is None else end
        seg = self.text[start:end]
        a = start + (len(seg) - len(seg.lstrip()))
        b = start + len(seg.rstrip())
        if b <= a:
            col = self.cols[start] if start < len(self.cols) else (self.cols[-1] + 1 if self.cols else 1)
            return Span(self.no, col, self.no, col + 1)
        return Span(self.no, self.cols[a], self.no, self.cols[b - 1] + 1)


def split_source_lines(text: str) -> tuple[str, ...]:
    """The decoded text's lines as an editor numbers them (for carets)."""
    parts = _EOL.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return tuple(parts)


def _bad_char(ch: str) -> bool:
    o = ord(ch)
    if o < 0x20:
        return ch not in "\t\x0c\x0b"
    return 0x7F <= o <= 0x9F and o != 0x85 or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF)


def entities(raw: str) -> dict[int, tuple[str, str, str]]:
    """HTML entities pasted from a web page (`&ldquo;` `&nbsp;` `&#12288;`), by start index:
    (entity, the character it stands for, the source fix). `&nbsp;` is fixed to nothing
    between Chinese characters and to one space next to Latin text (the first of a run)."""
    found: dict[int, tuple[str, str, str]] = {}
    for m in _ENTITY.finditer(raw):
        char = html.unescape(m.group())
        if char == m.group() or len(char) != 1 or char == "\ufffd" or _bad_char(char) or ord(char) < 0x20:
            continue
        found[m.start()] = (m.group(), char, char)
    ends = {start + len(e): (start, c) for start, (e, c, _) in found.items()}
    for start, (entity, char, _) in list(found.items()):
        if char != "\u00a0":
            continue
        after_space = start in ends and ends[start][1].isspace() or raw[start - 1: start].isspace()
        left, right = _neighbour(raw, start, ends, -1), _neighbour(raw, start + len(entity), found, 1)
        fix = " " if not after_space and (is_latin(left) or is_latin(right)) else ""
        found[start] = (entity, char, fix)
    return found


def _neighbour(raw: str, at: int, entities: dict, step: int) -> str:
    """The nearest character that is not white space (entities read as their character)
    before `at` (step -1, `entities` by end) or from `at` (step 1, by start)."""
    i = at
    while 0 < i if step < 0 else i < len(raw):
        if i in entities:
            start, char = entities[i] if step < 0 else (None, entities[i][1])
            if not char.isspace():
                return char
            i = start if step < 0 else i + len(entities[i][0])
            continue
        ch = raw[i - 1] if step < 0 else raw[i]
        if not ch.isspace():
            return ch
        i += step
    return ""


def normalise(text: str) -> tuple[tuple[str, ...], list[Line], list[Diagnostic]]:
    """Split and clean `text`: (source lines, structural lines, diagnostics)."""
    source = split_source_lines(text)
    out: list[Line] = []
    diags: list[Diagnostic] = []
    for no, raw in enumerate(source, start=1):
        chars: list[str] = []
        cols: list[int] = []
        zero_width = 0
        pasted = entities(raw) if "&" in raw else {}
        skip_to = 0
        for i, ch in enumerate(raw):
            col = i + 1
            if i < skip_to:
                continue
            if i in pasted:
                entity, char, fix = pasted[i]
                shown = _SPACE_NAMES.get(char, f"{char} (U+{ord(char):04X})")
                diags.append(Diagnostic("BX006", Severity.WARNING, f"HTML entity {entity} read as {shown}",
                                        Span.of_line(no, col, len(entity)),
                                        hint="write the character itself", fix=fix))
                chars.append(char)
                cols.append(col)
                skip_to = i + len(entity)
            elif ch in ZERO_WIDTH:
                zero_width += 1
            elif ch in _LINE_BREAKS:
                # a Word soft line break inside a paragraph: join the halves
                left = next((c for c in reversed(chars) if not c.isspace()), "")
                right = raw[i + 1:].lstrip()[:1]
                if is_latin(left) and is_latin(right) and chars and not chars[-1].isspace():
                    chars.append(" ")
                    cols.append(col)
                diags.append(Diagnostic("BX005", Severity.INFO,
                                        f"soft line break U+{ord(ch):04X} joined into its line",
                                        Span.of_line(no, col, 1),
                                        hint="a soft break (Shift+Enter in Word) does not end a paragraph"))
            elif ch in _BLANK_BREAKS:
                out.append(Line(no, "".join(chars), tuple(cols)))
                out.append(Line(no, "", ()))
                diags.append(Diagnostic("BX004", Severity.INFO,
                                        f"page break U+{ord(ch):04X} read as a blank line",
                                        Span.of_line(no, col, 1)))
                chars, cols = [], []
            elif _bad_char(ch):
                diags.append(Diagnostic(
                    "BX002", Severity.WARNING,
                    f"control character U+{ord(ch):04X} removed (XML cannot carry it)",
                    Span.of_line(no, col, 1), hint="delete the character from the source", fix=""))
            else:
                chars.append(ch)
                cols.append(col)
        if zero_width:
            diags.append(Diagnostic("BX003", Severity.INFO,
                                    f"{zero_width} zero-width character(s) removed",
                                    Span.of_line(no, 1, len(raw))))
        out.append(Line(no, "".join(chars), tuple(cols)))
    return source, out, diags


def is_latin(ch: str) -> bool:
    """ASCII letters, digits and punctuation: text that keeps a space between words."""
    return ch.isascii() and not ch.isspace()


def clean(text: str) -> str:
    """A printed text: trimmed; inner white space kept as one ASCII space next to Latin text
    or as a single space the author typed; runs of padding between Chinese characters
    (two or more spaces, or any tab / U+3000 / NBSP) removed."""
    text = text.strip()
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if not ch.isspace():
            out.append(ch)
            i += 1
            continue
        j = i
        while j < n and text[j].isspace():
            j += 1
        run = text[i:j]
        left, right = text[i - 1], text[j]
        if is_latin(left) or is_latin(right) or run == " ":
            out.append(" ")
        i = j
    return "".join(out)


def squeeze(text: str) -> str:
    """A heading or label: `clean`, then no space between two non-Latin characters (【 工 作 动 态 】)."""
    text = clean(text)
    return "".join(ch for i, ch in enumerate(text)
                   if ch != " " or is_latin(text[i - 1]) and is_latin(text[i + 1]))
