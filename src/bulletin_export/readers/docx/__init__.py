"""The Word-draft reader: a .docx in, the same model and diagnostics as for text out.

    from bulletin_export.readers.docx import DocxReader, read_docx
    result = read_docx(data, file="draft.docx")

Stages: the checked package (``package.py``: zip bounds, no entities, no external
relationships) -> styles and numbering (``styles.py``, ``numbering.py``) -> the main story
as paragraphs and tables in document order (``walk.py``) -> one line per paragraph
(``lines.py``: soft breaks, run-in titles, tables) -> what Word shows as parser hints
(``hints.py``) -> ``parser.parse_lines`` (unit "¶"). Diagnostics name the paragraph,
``draft.docx:¶12: ...``, and the table cell, ``draft.docx:¶12 (table 2, row 3, cell 1): ...``.
docs/word-input.md says what is read and what is left out.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from typing import TYPE_CHECKING, Mapping

from ...diagnostics import Diagnostic, Severity, locate
from ...model import SourceInfo, Span

if TYPE_CHECKING:  # pragma: no cover
    from ...parser import ParseResult

__all__ = ["DocxReader", "read_docx", "read_lines"]

#: Characters a line handed to the parser may not hold (they would split or join lines).
_LINE_CONTROL = str.maketrans({"\r": " ", "\x0b": " ", "\x0c": " ", "\u2028": " ",
                               "\u2029": " ", "\x85": " "})


class DocxReader:
    name = "docx"
    suffixes = (".docx", ".docm", ".dotx")
    description = "Word draft (.docx): paragraphs, tables, text boxes as Word shows them"
    has_source_lines = True  # one line per paragraph: carets and proofreading work on them
    fixable = False  # a corrected copy would have to be a .docx

    def sniff(self, head: bytes) -> bool:
        from .package import kind_of

        return kind_of(head) == "zip" and (b"word/" in head or b"[Content_Types].xml" in head)

    def read(self, data: bytes, *, file: str | None = None,
             overrides: Mapping[str, str] | None = None) -> "ParseResult":
        return read_docx(data, file=file, overrides=overrides)


def read_lines(data: bytes, file: str | None = None):
    """The document's lines (``lines.Line``) and the reader's own diagnostics."""
    from .hints import (drop_contents_heading, hints_for, join_split_titles, own_document,
                        split_own_sources, unspace_masthead)
    from .lines import flatten
    from .numbering import Numbering
    from .package import open_package
    from .styles import Styles, w
    from .walk import Walker

    pkg = open_package(data, file)
    styles = Styles(pkg.xml(pkg.part_name("styles")))
    numbering = Numbering(pkg.xml(pkg.part_name("numbering")))
    root = pkg.xml(pkg.main)
    body = root.find(w("body")) if root is not None else None
    if body is None:
        from ...errors import InputError

        raise InputError(f"damaged .docx: {pkg.main} has no w:body", file=file)
    walker = Walker(styles, numbering)
    lines = flatten(walker.blocks(body))
    own = own_document(lines)
    if own:
        lines = split_own_sources(lines)
    else:
        lines = drop_contents_heading(lines)
    hints = hints_for(lines)
    lines, hints = unspace_masthead(lines, hints, own)
    if not own:
        lines, hints = join_split_titles(lines, hints)
    return lines, hints, _reader_diagnostics(lines, pkg.external(), walker.alt_chunks)


def read_docx(data: bytes, *, file: str | None = None,
              overrides: Mapping[str, str] | None = None) -> "ParseResult":
    lines, hints, own = read_lines(data, file)
    texts = [ln.text.translate(_LINE_CONTROL) for ln in lines]
    result = _parse(texts, hints, file, overrides)
    places = tuple(f"¶{ln.number}" + (f" ({ln.para.place})" if ln.para.place else "") for ln in lines)
    diags = locate(result.diagnostics, places) + [d.with_file(file) for d in own]
    diags.sort(key=lambda d: (d.span.line, d.span.col) if d.span else (0, 0))
    issue = replace(_run_in(result.issue, lines), source=SourceInfo(name=os.path.basename(file) if file else None,
                                                    sha256=hashlib.sha256(data).hexdigest()))
    return replace(result, issue=issue, diagnostics=tuple(diags), places=places)


def _parse(texts: list[str], hints: list[str | None], file: str | None,
           overrides: Mapping[str, str] | None) -> "ParseResult":
    from ... import parser

    parse_lines = getattr(parser, "parse_lines", None)
    if parse_lines is not None:
        return parse_lines(texts, hints, file=file, overrides=overrides, unit="¶")
    # Before parser.parse_lines existed: the lines as text, decided by shape alone.
    return parser.parse_text("\n".join(texts), file=file, overrides=overrides)


def _run_in(issue, lines):
    """Articles whose title was a bold start of their paragraph (lines.py) are run in (简讯)."""
    def mark(art):
        line = art.span.line if art.span else 0
        runin = 1 <= line <= len(lines) and lines[line - 1].part == "runin_title"
        return replace(art, run_in=True) if runin and not art.run_in else art

    sections = tuple(replace(s, articles=tuple(mark(a) for a in s.articles)) for s in issue.sections)
    return replace(issue, sections=sections)


def _reader_diagnostics(lines, external: list[tuple[str, str]], alt_chunks: int = 0) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if alt_chunks:
        out.append(Diagnostic(
            "BX174", Severity.WARNING,
            f"{alt_chunks} imported part(s) (w:altChunk: HTML or RTF pasted in by another program) not read",
            hint="open the document in Word or WPS and save it again: the imported text becomes paragraphs"))
    for k, ln in enumerate(lines, start=1):
        info = ln.table
        if info is not None and info.kind == "figures" and info.first_row:
            out.append(Diagnostic(
                "BX170", Severity.WARNING,
                f"table {info.index} ({info.rows} rows, {info.cols} columns) is printed as text, "
                f"one paragraph per row, cells separated by ｜",
                Span.of_line(k, 1, len(ln.text)), where=f"¶{ln.number} ({ln.para.place})",
                hint="a table of figures keeps its text but not its grid; check the printed rows"))
    for k, ln in enumerate(lines, start=1):
        if ln.part == "joined_title":
            out.append(Diagnostic(
                "BX173", Severity.INFO, f"two centred title paragraphs read as one title: {ln.text}",
                Span.of_line(k, 1, len(ln.text)), where=f"¶{ln.number}",
                hint="a title of two lines may be one paragraph with a soft break (Shift+Enter)"))
    for kind, target in external:
        if kind in ("image", "attachedTemplate", "oleObject", "subDocument", "frame", "package"):
            out.append(Diagnostic(
                "BX171", Severity.INFO,
                f"external {kind} {target[:80]} is not fetched (linked content stays out)",
                hint="embed linked pictures in the document if they belong to the bulletin"))
    return out
