"""XML parts of an OFD package: the namespace, numbers in millimetres, one ID counter."""

from __future__ import annotations

from lxml import etree

NS = "http://www.ofdspec.org/2016"
PREFIX = "ofd"  # ofd.js and easyofd look elements up by the literal "ofd:" name
PT_TO_MM = 25.4 / 72
A4 = (210, 297)  # the document's PageArea in mm (a page of another size carries its own Area)


def mm(pt: float) -> float:
    """Points to millimetres (OFD's unit), rounded to the 0.001 mm the files are written in."""
    return round(pt * PT_TO_MM, 3)


def num(value: float, places: int = 3) -> str:
    """A number as written in the parts: fixed point, no exponent, no trailing zeros."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def nums(*values: float) -> str:
    return " ".join(num(v) for v in values)


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def root(name: str, attrs: dict | None = None, nsmap: dict | None = None):
    """A part's root element in the OFD namespace with the ``ofd:`` prefix."""
    return etree.Element(q(name), attrs or {}, nsmap={PREFIX: NS, **(nsmap or {})})


def sub(parent, name: str, attrs: dict | None = None, text: str | None = None):
    """A child element in the OFD namespace; attribute values are written as given."""
    el = etree.SubElement(parent, q(name), {k: str(v) for k, v in (attrs or {}).items()})
    if text is not None:
        el.text = text
    return el


def serialize(el) -> bytes:
    return etree.tostring(el, xml_declaration=True, encoding="UTF-8", standalone=True)


class Ids:
    """The one counter of a document: every ST_ID (fonts, colour spaces, pages, layers,
    objects) comes from here, so IDs are unique and ``largest`` is the MaxUnitID."""

    def __init__(self) -> None:
        self.largest = 0

    def next(self) -> int:
        self.largest += 1
        return self.largest
