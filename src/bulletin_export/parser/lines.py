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
    cols: tuple[int, ...] | range  # a range when nothing was removed (one int per char costs)

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
    between Chinese characters and to one space next to Latin text (the first of a run).
    Zero-width characters written as entities (`&#65279;`, `&#x200B;`) are found too: the
    caller removes them like the literal ones. Linear in the line's length."""
    found: dict[int, tuple[str, str, str]] = {}
    for m in _ENTITY.finditer(raw):
        char = html.unescape(m.group())
        if char == m.group() or len(char) != 1 or char == "\ufffd" or _bad_char(char) or ord(char) < 0x20:
            continue
        found[m.start()] = (m.group(), char, char)
    if not any(c == "\u00a0" for _, c, _ in found.values()):
        return found
    # the line as tokens (a character, or an entity read as its character), then the nearest
    # character that is not white space on each side of every token, in two passes
    tokens: list[tuple[int, int, str]] = []  # (start, end, char)
    i = 0
    while i < len(raw):
        if i in found:
            end = i + len(found[i][0])
            tokens.append((i, end, found[i][1]))
            i = end
        else:
            tokens.append((i, i + 1, raw[i]))
            i += 1
    left: list[str] = []
    last = ""
    for _, _, char in tokens:
        left.append(last)
        if not char.isspace():
            last = char
    right: list[str] = [""] * len(tokens)
    last = ""
    for k in range(len(tokens) - 1, -1, -1):
        right[k] = last
        if not tokens[k][2].isspace():
            last = tokens[k][2]
    for k, (start, _, char) in enumerate(tokens):
        if start not in found or char != "\u00a0":
            continue
        after_space = k > 0 and tokens[k - 1][2].isspace()
        fix = " " if not after_space and (is_latin(left[k]) or is_latin(right[k])) else ""
        found[start] = (found[start][0], char, fix)
    return found


# every character normalise does more with than keep it (entities start with &)
_SPECIAL = re.compile("[&\u200b\u200c\u200d\ufeff\u2060\x0c\u2029\x0b\u2028\x85\x00-\x08\x0a-\x1f"
                      "\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def normalise(text: str) -> tuple[tuple[str, ...], list[Line], list[Diagnostic]]:
    """Split and clean `text`: (source lines, structural lines, diagnostics). An entity that
    stands for a zero-width character or a line break (`&#x200B;`, `&#8232;`, `&#x2029;`,
    `&#133;`) is handled as that character, so no structural line carries a break."""
    source = split_source_lines(text)
    out: list[Line] = []
    diags: list[Diagnostic] = []
    for no, raw in enumerate(source, start=1):
        if not _SPECIAL.search(raw):  # nothing to remove, join or decode: columns are 1..n
            out.append(Line(no, raw, range(1, len(raw) + 1)))
            continue
        chars: list[str] = []
        cols: list[int] = []
        zero_width = 0
        pasted = entities(raw) if "&" in raw else {}
        skip_to = 0
        last_solid = ""  # the last character kept that is not white space
        next_solid = _next_solid(raw) if any(c in _LINE_BREAKS for c in raw) or pasted else []
        for i, ch in enumerate(raw):
            col = i + 1
            if i < skip_to:
                continue
            width = 1
            entity = None
            if i in pasted:
                entity, ch, fix = pasted[i]
                width = len(entity)
                skip_to = i + width
            if ch in ZERO_WIDTH:
                zero_width += 1
            elif ch in _LINE_BREAKS:
                # a Word soft line break inside a paragraph: join the halves
                right = raw[next_solid[i + width]] if next_solid[i + width] < len(raw) else ""
                if is_latin(last_solid) and is_latin(right) and chars and not chars[-1].isspace():
                    chars.append(" ")
                    cols.append(col)
                diags.append(Diagnostic("BX005", Severity.INFO,
                                        f"soft line break U+{ord(ch):04X} joined into its line",
                                        Span.of_line(no, col, width),
                                        hint="a soft break (Shift+Enter in Word) does not end a paragraph"))
            elif ch in _BLANK_BREAKS:
                out.append(Line(no, "".join(chars), tuple(cols)))
                out.append(Line(no, "", ()))
                last_solid = ""
                diags.append(Diagnostic("BX004", Severity.INFO,
                                        f"page break U+{ord(ch):04X} read as a blank line",
                                        Span.of_line(no, col, width)))
                chars, cols = [], []
            elif entity is not None:
                shown = _SPACE_NAMES.get(ch, f"{ch} (U+{ord(ch):04X})")
                diags.append(Diagnostic("BX006", Severity.WARNING, f"HTML entity {entity} read as {shown}",
                                        Span.of_line(no, col, width),
                                        hint="write the character itself", fix=fix))
                chars.append(ch)
                cols.append(col)
                if not ch.isspace():
                    last_solid = ch
            elif _bad_char(ch):
                diags.append(Diagnostic(
                    "BX002", Severity.WARNING,
                    f"control character U+{ord(ch):04X} removed (XML cannot carry it)",
                    Span.of_line(no, col, 1), hint="delete the character from the source", fix=""))
            else:
                chars.append(ch)
                cols.append(col)
                if not ch.isspace():
                    last_solid = ch
        if zero_width:
            diags.append(Diagnostic("BX003", Severity.INFO,
                                    f"{zero_width} zero-width character(s) removed",
                                    Span.of_line(no, 1, len(raw))))
        out.append(Line(no, "".join(chars), tuple(cols)))
    return source, out, diags


def _next_solid(raw: str) -> list[int]:
    """For every index (and len(raw)), the index of the first character from there that is
    not white space (U+2028 and NEL count as white space), or len(raw): one backward pass."""
    out = [len(raw)] * (len(raw) + 1)
    for k in range(len(raw) - 1, -1, -1):
        out[k] = out[k + 1] if raw[k].isspace() else k
    return out


_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")


def compact(text: str) -> str:
    """`text` stripped, with every run of white space but a single ASCII space written as
    one U+3000: the same for `clean` and for every pattern that reads `\\s*`, and linear
    to match (a pattern of `\\s*` parts over a run of 20,000 spaces is quadratic or worse)."""
    return _SPACE_RUN.sub("\u3000", text.strip())


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
