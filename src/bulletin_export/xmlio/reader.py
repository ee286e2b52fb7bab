"""XML bytes in the issue format -> Issue, safely (see _safe.py) and checked against the XSD.

Text is taken exactly as written; an absent optional element is None, an empty one "".
Spans point at the XML file's own lines, so diagnostics on a read issue name the XML
file; the line/col attributes (positions in the original text) are informative only.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from ..errors import InputError
from ..model import Article, DistributionEntry, Issue, Masthead, Paragraph, Section, SourceInfo, Span
from ._safe import parse_untrusted
from .schema import FORMAT_VERSION, NAMESPACE, SCHEMA_FILE, schema_errors

_ROOT = f"{{{NAMESPACE}}}issue"


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    return el.find(_q(tag))


def _text(el: etree._Element | None) -> str | None:
    """None for an absent element, else its text ("" when empty)."""
    if el is None:
        return None
    return el.text or ""


def _child_text(el: etree._Element, tag: str) -> str | None:
    return _text(_child(el, tag))


def _int(el: etree._Element, tag: str) -> int | None:
    text = _child_text(el, tag)
    return None if text is None else int(text.strip())


def _date(el: etree._Element, tag: str) -> dt.date | None:
    text = _child_text(el, tag)
    return None if text is None else dt.date.fromisoformat(text.strip()[:10])


def _span(el: etree._Element) -> Span | None:
    line = el.sourceline
    return Span.of_line(line, 1, 1) if line else None


def _masthead(el: etree._Element) -> Masthead:
    return Masthead(
        name=_child_text(el, "name"),
        issue_no=_int(el, "issueNumber"),
        total_no=_int(el, "totalNumber"),
        supplement=(el.get("supplement") or "false").strip() in ("true", "1"),
        editor=_child_text(el, "editor"),
        date=_date(el, "date"),
        classification=_child_text(el, "classification"),
        span=_span(el),
    )


def _article(el: etree._Element) -> Article:
    return Article(
        title=_child_text(el, "title"),
        subtitle=_child_text(el, "subtitle"),
        paragraphs=tuple(_block(p) for p in el.iterchildren(_q("p"))),
        source=_child_text(el, "source"),
        span=_span(el),
        run_in=(el.get("runIn") or "false").strip() in ("true", "1"),
    )


def _block(p: etree._Element) -> Paragraph:
    kind = (p.get("kind") or "text").strip()
    level = p.get("level")
    return Paragraph(p.text or "", span=_span(p), kind=kind,
                     level=int(level) if level is not None else None)


def _section(el: etree._Element) -> Section:
    return Section(
        heading=_child_text(el, "heading"),
        articles=tuple(_article(a) for a in el.iterchildren(_q("article"))),
        span=_span(el),
    )


def _source(root: etree._Element) -> SourceInfo:
    meta = _child(root, "metadata")
    src = _child(meta, "sourceFile") if meta is not None else None
    if src is None:
        return SourceInfo()
    return SourceInfo(name=src.get("name"), sha256=src.get("sha256"))


def _distribution(el: etree._Element) -> DistributionEntry:
    # the recipient items are derived from the text (model.DistributionEntry.recipient_list)
    return DistributionEntry(el.get("label") or "", _child_text(el, "text") or "", span=_span(el))


def _issue(root: etree._Element) -> Issue:
    masthead = _child(root, "masthead")
    note = _child(root, "editorNote")
    body = _child(root, "body")
    end = _child(root, "endBlock")
    if end is None:
        end = etree.Element(_q("endBlock"))  # absent: no distribution, copies or print line
    return Issue(
        masthead=_masthead(masthead) if masthead is not None else None,
        editor_note=Paragraph(_text(note) or "", span=_span(note)) if note is not None else None,
        sections=tuple(_section(s) for s in body.iterchildren(_q("section"))),
        distribution=tuple(_distribution(d) for d in end.iterchildren(_q("distribution"))),
        copies=_int(end, "copies"),
        print_date=_date(end, "printDate"),
        print_unit=_child_text(end, "printUnit"),
        credits=_child_text(end, "credits"),
        source=_source(root),
    )


def _check_root(root: etree._Element, file: str | None) -> None:
    if root.tag != _ROOT:
        ns = etree.QName(root).namespace
        found = f"<{etree.QName(root).localname}>" + (f" in namespace {ns}" if ns else " without a namespace")
        raise InputError(f"not a bulletin-export issue file: root element is {found}, "
                         f"expected <issue> in namespace {NAMESPACE}", file=file, line=root.sourceline)
    version = root.get("version")
    if version is not None and version.split(".")[0] != FORMAT_VERSION.split(".")[0]:
        raise InputError(f"unsupported issue format version {version!r} (this reader reads 1.x)",
                         file=file, line=root.sourceline)


def read_issue(data: bytes, file: str | None = None) -> Issue:
    """The Issue in XML bytes; InputError (one line, with the line when known) for anything wrong."""
    tree = parse_untrusted(data, file)
    root = tree.getroot()
    _check_root(root, file)
    problems = schema_errors(tree)
    if problems:
        line, msg = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"invalid against {SCHEMA_FILE}: {msg}{more}", file=file, line=line)
    try:
        return _issue(root)
    except (ValueError, TypeError) as exc:  # e.g. a date the XSD accepts but Python does not
        raise InputError(f"cannot read the issue: {exc}", file=file) from None
