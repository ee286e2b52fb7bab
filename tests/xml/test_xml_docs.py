"""docs/xml.md describes every element and attribute the XSD declares."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from bulletin_export.xmlio import schema_path

DOC = Path(__file__).resolve().parents[2] / "docs" / "xml.md"
XS = {"xs": "http://www.w3.org/2001/XMLSchema"}


def test_every_schema_name_is_documented():
    doc = DOC.read_text(encoding="utf-8")
    paths = re.findall(r"`([a-zA-Z0-9/@]+)`", doc)  # `masthead`, `issue/@version`, ...
    documented = {part.lstrip("@") for path in paths for part in path.split("/")}
    xsd = etree.parse(str(schema_path()))
    names = set(xsd.xpath("//xs:element/@name | //xs:attribute/@name", namespaces=XS))
    assert names and names <= documented, sorted(names - documented)
