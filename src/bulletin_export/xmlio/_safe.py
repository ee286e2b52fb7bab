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
_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+$")
_DTD_MESSAGE = "XML with a DOCTYPE/DTD is refused (entities and external references are not allowed)"


def _dtd_line(data: bytes) -> int | None:
    """The line of a DOCTYPE or ENTITY before the root element, checked before parsing.

    For UTF-16/32 the zero bytes are dropped, which leaves the ASCII markup readable.
    """
    if b"\x00" in data[:4]:
        data = data.replace(b"\x00", b"")
    match = _ROOT_START.search(data)
    prolog = (data[: match.start()] if match else data).upper()
    found = [pos for pos in (prolog.find(b"<!DOCTYPE"), prolog.find(b"<!ENTITY")) if pos >= 0]
    return prolog.count(b"\n", 0, min(found)) + 1 if found else None


def parse_untrusted(data: bytes, file: str | None = None) -> etree._ElementTree:
    """Well-formed XML without DTD as a tree, or InputError (one line, with the line when known)."""
    if not isinstance(data, (bytes, bytearray)):
        raise InputError("XML input must be bytes", file=file)
    if len(data) > MAX_BYTES:
        raise InputError(f"XML file too large ({len(data)} bytes; the limit is {MAX_BYTES})", file=file)
    if not data.strip():
        raise InputError("XML file is empty", file=file)
    dtd_line = _dtd_line(data)
    if dtd_line is not None:
        raise InputError(_DTD_MESSAGE, file=file, line=dtd_line)
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


def _too_deep(root: etree._Element) -> int | None:
    """The source line of the first element nested deeper than MAX_DEPTH, else None."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            return el.sourceline or None
        stack.extend((child, depth + 1) for child in el)
    return None


def _first_line(text: str) -> str:
    return " ".join(text.split()) if text else "unknown error"
