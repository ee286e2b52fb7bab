"""The tolerant source parser: text in, `Issue` plus diagnostics out; never raises on text.

    from bulletin_export.parser import parse_text, parse_bytes, parse_file, parse_lines, ParseResult

Stages: decode once (decode.py) -> normalise lines (lines.py) -> header block (header.py)
-> masthead (masthead.py) -> body rules (rules.py) -> header and `--set` overrides applied.

`parse_lines(lines, hints)` is the entry for readers whose input is not text (a Word
draft): one string per paragraph, and per paragraph an optional hint of what it is, which
wins over its shape (no hint: read by shape, exactly as a text line). The vocabulary:

    masthead  title  subtitle  heading  heading_level:1..4  caption  source  note  end  paragraph
    run_in:N

(see hints.py for each). `unit="¶"` says the result's line numbers count paragraphs.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from ..decode import detect
from ..diagnostics import Diagnostic, Severity
from ..model import Issue, Masthead, SourceInfo, Span
from .header import ISSUE_KEYS, KNOWN_KEYS, MASTHEAD_KEYS, Header, is_fence, parse_overrides, read_header
from .hints import HINTS, hints_by_number
from .lines import Line, normalise
from .masthead import RULE_LINE, read_masthead
from .rules import BodyParser

__all__ = ["ParseResult", "LINE_KINDS", "HINTS", "parse_text", "parse_bytes", "parse_file", "parse_lines",
           "apply_overrides", "KNOWN_KEYS"]


@dataclass(frozen=True)
class ParseResult:
    issue: Issue
    diagnostics: tuple[Diagnostic, ...]
    lines: tuple[str, ...]  # the decoded source lines, for carets
    # what each source line is (same length as `lines`): one of LINE_KINDS. The checks read
    # it instead of guessing headings, end blocks and mastheads again.
    line_kinds: tuple[str, ...] = ()
    # what a line number counts: "line" (text) or "¶" (paragraphs of a Word draft, ¶1 = lines[0])
    unit: str = "line"
    # where each line is, for a reader whose input has no lines (one label per line: "¶12",
    # "¶12 (table 2, row 3, cell 1)"); () = line:col. diagnostics.locate applies it.
    places: tuple[str, ...] = ()


#: characters of one source line (one paragraph): a longer line is an error (BX151), so a
#: build stops with one line instead of laying out a paragraph of 70 pages. The parser
#: itself is linear in the line's length either way.
PARAGRAPH_MAX = 100_000

LINE_KINDS = ("blank", "header", "masthead", "rule", "contents", "note", "heading", "title",
              "subtitle", "paragraph", "subheading", "caption", "source", "end_block")


def parse_text(text: str, *, file: str | None = None,
               overrides: Mapping[str, str] | None = None) -> ParseResult:
    """Parse decoded text. `overrides` (`--set` keys) win over header and masthead;
    an unknown override key raises UsageError (it is a command-line mistake, not text)."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _parse(text, file, overrides, sha, [])


def parse_lines(lines: Sequence[str], hints: Sequence[str | None] | Mapping[int, str | None] | None = None,
                *, file: str | None = None, overrides: Mapping[str, str] | None = None,
                unit: str = "line") -> ParseResult:
    """Parse one string per paragraph, with optional hints (one per line, or a mapping of
    0-based indexes; None = by shape). `result.lines` has one entry per given line, so line
    N of a diagnostic is lines[N-1]. A line break inside a line is a soft break (joined).
    ValueError for an unknown hint (a reader's mistake); otherwise never raises on text."""
    flat = [_EOL_IN_LINE.sub("\u2028", line) for line in lines]
    text = "".join(line + "\n" for line in flat)
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    res = _parse(text, file, overrides, sha, [], hints_by_number(hints, len(flat)))
    return replace(res, unit=unit) if unit != res.unit else res


_EOL_IN_LINE = re.compile(r"\r\n|\r|\n")


def parse_bytes(data: bytes, *, file: str | None = None,
                overrides: Mapping[str, str] | None = None, encoding: str | None = None) -> ParseResult:
    """Decode (raising InputError for empty, binary or undecodable bytes) and parse;
    `encoding` (a codec name) reads the bytes as that instead of detecting it."""
    decoded = detect(data, file=file, encoding=encoding)
    note = Diagnostic("BX001", Severity.INFO, f"decoded as {decoded.encoding}")
    return _parse(decoded.text, file, overrides, hashlib.sha256(data).hexdigest(), [note])


def parse_file(path: str | os.PathLike[str], *, overrides: Mapping[str, str] | None = None,
               encoding: str | None = None) -> ParseResult:
    """Read and parse a file; InputError when it cannot be read."""
    from ..errors import InputError

    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=name) from None
    return parse_bytes(data, file=name, overrides=overrides, encoding=encoding)


def _parse(text: str, file: str | None, overrides: Mapping[str, str] | None, sha: str,
           diags: list[Diagnostic], hints: Mapping[int, str] | None = None) -> ParseResult:
    forced = parse_overrides(overrides)
    source_lines, lines, norm_diags = normalise(text)
    diags.extend(norm_diags)
    diags.extend(Diagnostic("BX151", Severity.ERROR,
                            f"a line of {len(line):,} characters is longer than the limit of {PARAGRAPH_MAX:,}",
                            Span.of_line(no, 1, 1),
                            hint="no paragraph is that long: write one paragraph per line (is the file text?)")
                 for no, line in enumerate(source_lines, 1) if len(line) > PARAGRAPH_MAX)
    # hints by line number -> by index into the structural lines
    hinted = {k: hints[line.no] for k, line in enumerate(lines) if hints and line.no in hints and not line.blank}
    i = 0
    while i < len(lines) and lines[i].blank:
        i += 1
    header: Header | None = None
    roles: dict[int, str] = {}
    if i < len(lines) and is_fence(lines[i]) and i not in hinted:
        start = i
        header, i, header_diags = read_header(lines, i)
        diags.extend(header_diags)
        roles.update((k, "header") for k in range(start, i))
    start = i
    masthead_parts, i = read_masthead(lines, i, forced.get("name"), hinted)
    roles.update((k, "rule" if RULE_LINE.match(lines[k].stripped) else "masthead")
                 for k in range(start, i) if not lines[k].blank)
    parser = BodyParser(lines, i, hinted)
    body = parser.parse()
    roles.update((k, role) for k, role in enumerate(parser.roles) if k >= i and role)
    if masthead_parts:
        diags.extend(masthead_parts.diags)
    diags.extend(body.diags)

    values: dict[str, Any] = dict(masthead_parts.values) if masthead_parts else {}
    values.update({"copies": body.copies, "print_date": body.print_date,
                   "print_unit": body.print_unit})
    if header:
        for key, value in header.values.items():
            if values.get(key) is not None and values[key] != value:
                diags.append(Diagnostic("BX106", Severity.WARNING,
                                        f"header {key} differs from the text ({values[key]}); the header wins",
                                        header.spans[key]))
            values[key] = value
    values.update(forced)

    masthead = None
    fields = {MASTHEAD_KEYS[k]: v for k, v in values.items() if k in MASTHEAD_KEYS and v is not None}
    if fields:
        masthead = Masthead(**fields, span=masthead_parts.span if masthead_parts else
                            (header.span if header else None))
    issue = Issue(
        masthead=masthead,
        editor_note=body.editor_note,
        sections=tuple(body.sections),
        distribution=tuple(body.distribution),
        copies=values.get("copies"),
        print_date=values.get("print_date"),
        print_unit=values.get("print_unit"),
        credits=body.credits,
        source=SourceInfo(name=os.path.basename(file) if file else None, sha256=sha),
    )
    if not (masthead or issue.editor_note or issue.sections or issue.distribution
            or issue.copies is not None or issue.print_date is not None):
        diags.append(Diagnostic("BX150", Severity.ERROR,
                                "nothing to print: no masthead, article or end block",
                                hint="the file holds only a header block, rules or blank lines"))
    ordered = sorted(diags, key=lambda d: (d.span.line, d.span.col) if d.span else (0, 0))
    return ParseResult(issue, tuple(d.with_file(file) for d in ordered), source_lines,
                       _line_kinds(source_lines, lines, roles))


def _line_kinds(source: tuple[str, ...], lines: list[Line], roles: dict[int, str]) -> tuple[str, ...]:
    """One kind per source line: the first non-blank role of the structural lines on it."""
    kinds = ["blank"] * len(source)
    for k, line in enumerate(lines):
        if line.blank or not 0 < line.no <= len(source) or kinds[line.no - 1] != "blank":
            continue
        kinds[line.no - 1] = roles.get(k) or ("rule" if RULE_LINE.match(line.stripped) else "paragraph")
    return tuple(kinds)


def apply_overrides(issue: Issue, overrides: Mapping[str, str]) -> Issue:
    """Apply `--set` values to an issue read elsewhere (XML); UsageError for a bad key."""
    forced = parse_overrides(overrides)
    m = issue.masthead or Masthead()
    fields = {MASTHEAD_KEYS[k]: v for k, v in forced.items() if k in MASTHEAD_KEYS}
    top = {ISSUE_KEYS[k]: v for k, v in forced.items() if k in ISSUE_KEYS}
    return replace(issue, masthead=replace(m, **fields) if fields or issue.masthead else None, **top)
