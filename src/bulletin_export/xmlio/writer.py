"""Issue -> XML bytes in the issue format (urn:bulletin-export:issue:1).

Deterministic: the same issue, build time and version give the same bytes. Characters
XML 1.0 cannot carry are dropped (the parser already warns about them with line:col;
this is the safety net), and every document is checked against the XSD before it is
returned, so no invalid file is ever written.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from ..errors import RenderError
from ..model import Article, DistributionEntry, Issue, Masthead, Section, Span
from .schema import FORMAT_VERSION, NAMESPACE, schema_errors

_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
GENERATOR = "bulletin_export"
DOCUMENT_TYPE = "简报"  # 文种
LANGUAGE = "zh-CN"

# Not in the XML 1.0 Char production: C0 controls but tab/LF/CR, surrogates, U+FFFE/FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str | None = None,
         span: Span | None = None) -> etree._Element:
    el = etree.SubElement(parent, _q(tag))
    if text is not None:
        el.text = xml_safe(text)
    _position(el, span)
    return el


def _position(el: etree._Element, span: Span | None) -> None:
    """The optional line/col attributes: where the element came from in the source text."""
    if span is not None:
        el.set("line", str(span.line))
        el.set("col", str(span.col))


def _opt(parent: etree._Element, tag: str, value: object) -> None:
    """A child only when the value is given (None means absent; "" gives an empty element)."""
    if value is None:
        return
    if isinstance(value, dt.date):
        value = value.isoformat()
    _add(parent, tag, str(value))


def _created(build_time: dt.datetime) -> str:
    if build_time.tzinfo is None:
        build_time = build_time.replace(tzinfo=dt.timezone.utc)
    utc = build_time.astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    return utc.isoformat() + "Z"


def _metadata(root: etree._Element, issue: Issue, build_time: dt.datetime, version: str) -> None:
    meta = _add(root, "metadata")
    _add(meta, "title", issue.title)
    _add(meta, "documentType", DOCUMENT_TYPE)
    _add(meta, "language", LANGUAGE)
    _add(meta, "generator", GENERATOR).set("version", xml_safe(version))
    _add(meta, "created", _created(build_time))
    src = issue.source
    if src is not None and (src.name is not None or src.sha256 is not None):
        el = _add(meta, "sourceFile")
        if src.name is not None:
            el.set("name", xml_safe(src.name))
        if src.sha256 is not None:
            el.set("sha256", src.sha256.lower())


def _masthead(root: etree._Element, m: Masthead) -> None:
    el = _add(root, "masthead")
    if m.supplement:
        el.set("supplement", "true")
    _position(el, m.span)
    _opt(el, "classification", m.classification)
    _opt(el, "name", m.name)
    _opt(el, "issueNumber", m.issue_no)
    _opt(el, "totalNumber", m.total_no)
    _opt(el, "editor", m.editor)
    _opt(el, "date", m.date)


def _article(parent: etree._Element, art: Article) -> None:
    el = _add(parent, "article", span=art.span)
    if art.run_in:
        el.set("runIn", "true")
    _opt(el, "title", art.title)
    _opt(el, "subtitle", art.subtitle)
    for para in art.paragraphs:
        p = _add(parent=el, tag="p", text=para.text, span=para.span)
        if para.kind != "text":
            p.set("kind", para.kind)
        if para.level is not None:
            p.set("level", str(para.level))
    _opt(el, "source", art.source)


def uses_1_1(issue: Issue) -> bool:
    """Does the issue need format 1.1 (block kinds, run-in titles, credits, the labels 分送
    and 主送)? Else the file
    is written as 1.0, byte for byte as before, for readers that know only 1.0."""
    if issue.credits is not None or any(d.label in ("分送", "主送") for d in issue.distribution):
        return True
    return any(
        art.run_in or any(p.kind != "text" or p.level is not None for p in art.paragraphs)
        for art in issue.articles())


def _section(body: etree._Element, sec: Section) -> None:
    el = _add(body, "section", span=sec.span)
    _opt(el, "heading", sec.heading)
    for art in sec.articles:
        _article(el, art)


def _distribution(parent: etree._Element, entry: DistributionEntry) -> None:
    el = _add(parent, "distribution")
    el.set("label", xml_safe(entry.label))
    _position(el, entry.span)
    _add(el, "text", entry.recipients)
    recipients = entry.recipient_list
    if recipients is not None:
        for name in recipients:
            _add(el, "recipient", name)


def build_tree(issue: Issue, *, build_time: dt.datetime, generator_version: str) -> etree._Element:
    """The document as an lxml element (not yet checked against the XSD)."""
    root = etree.Element(_q("issue"), nsmap={None: NAMESPACE})
    root.set("version", "1.1" if uses_1_1(issue) else FORMAT_VERSION)
    _metadata(root, issue, build_time, generator_version)
    if issue.masthead is not None:
        _masthead(root, issue.masthead)
    if issue.editor_note is not None:
        _add(root, "editorNote", issue.editor_note.text, span=issue.editor_note.span)
    body = _add(root, "body")
    for sec in issue.sections:
        _section(body, sec)
    if (issue.distribution or issue.copies is not None or issue.print_date is not None
            or issue.print_unit is not None or issue.credits is not None):
        end = _add(root, "endBlock")
        for entry in issue.distribution:
            _distribution(end, entry)
        _opt(end, "copies", issue.copies)
        _opt(end, "printUnit", issue.print_unit)
        _opt(end, "printDate", issue.print_date)
        _opt(end, "credits", issue.credits)
    return root


def write_issue(issue: Issue, *, build_time: dt.datetime, generator_version: str) -> bytes:
    """The issue as UTF-8 XML with a declaration, pretty-printed, ending in a newline.

    Raises RenderError when the issue holds a value the schema forbids (a negative
    number of copies, an unknown distribution label), rather than writing an invalid file.
    """
    root = build_tree(issue, build_time=build_time, generator_version=generator_version)
    problems = schema_errors(root.getroottree())
    if problems:
        raise RenderError(f"cannot write valid XML for this issue: {problems[0][1]}")
    data = _DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return data if data.endswith(b"\n") else data + b"\n"
