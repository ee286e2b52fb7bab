"""Parsing untrusted XML bytes: no DTD, no entities, no network, bounded size and depth."""

from __future__ import annotations

import re

from lxml import etree

from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # far above any real bulletin (the seed issue is ~15 kB)
MAX_DEPTH = 32  # the schema needs 5 levels; libxml2 itself stops at 256


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers are not thread-safe and keep error state.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


_ROOT_START = re.compile(rb"<[A-Za-z_:\x80-\xff]")


def _declares_dtd(data: bytes) -> bool:
    """A DOCTYPE before the root element (ASCII-compatible encodings; checked before parsing)."""
    match = _ROOT_START.search(data)
    prolog = data[: match.start()] if match else data
    return b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper()


def parse_untrusted(data: bytes, file: str | None = None) -> etree._ElementTree:
    """Well-formed XML without DTD as a tree, or InputError (one line, with the line when known)."""
    if not isinstance(data, (bytes, bytearray)):
        raise InputError("XML input must be bytes", file=file)
    if len(data) > MAX_BYTES:
        raise InputError(f"XML file too large ({len(data)} bytes; the limit is {MAX_BYTES})", file=file)
    if not data.strip():
        raise InputError("XML file is empty", file=file)
    if _declares_dtd(data):
        raise InputError(_DTD_MESSAGE, file=file, line=_line_of(data, b"<!"))
    try:
        root = etree.fromstring(bytes(data), _parser())
    except etree.XMLSyntaxError as exc:
        msg = _POSITION_SUFFIX.sub("", getattr(exc, "msg", None) or str(exc))
        col = exc.position[1] if exc.position and exc.position[1] else None
        where = f" (column {col})" if col else ""
        raise InputError(f"not well-formed XML: {_first_line(msg)}{where}", file=file,
                         line=exc.lineno or None) from None
    except (ValueError, etree.LxmlError) as exc:
        raise InputError(f"cannot read XML: {_first_line(str(exc))}", file=file) from None
    tree = root.getroottree()
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise InputError(_DTD_MESSAGE, file=file, line=1)
    deep = _too_deep(root)
    if deep is not None:
        raise InputError(f"XML nested deeper than {MAX_DEPTH} elements", file=file, line=deep)
    return tree


_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+$")
_DTD_MESSAGE = "XML with a DOCTYPE/DTD is refused (entities and external references are not allowed)"


def _too_deep(root: etree._Element) -> int | None:
    """The source line of the first element nested deeper than MAX_DEPTH, else None."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            return el.sourceline or None
        stack.extend((child, depth + 1) for child in el)
    return None


def _line_of(data: bytes, needle: bytes) -> int | None:
    pos = data.find(needle)
    return data.count(b"\n", 0, pos) + 1 if pos >= 0 else None


def _first_line(text: str) -> str:
    return " ".join(text.split()) if text else "unknown error"
