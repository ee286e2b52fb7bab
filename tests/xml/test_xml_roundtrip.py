"""Round trip on real documents: every sample and parser fixture, parse -> write -> read."""

from __future__ import annotations

import hashlib

from lxml import etree

from bulletin_export import model
from bulletin_export.xmlio import read_issue, validate, write_issue
from xml_issues import BUILD_TIME


def _without_positions(data: bytes) -> bytes:
    """The document without the informative line/col attributes."""
    root = etree.fromstring(data)
    for el in root.iter():
        for name in ("line", "col"):
            el.attrib.pop(name, None)
    return etree.tostring(root)


def test_parse_write_read_gives_the_parsed_issue(text_source, parse_file, tmp_path):
    issue, _ = parse_file(text_source)
    out = tmp_path / (text_source.stem + ".xml")
    out.write_bytes(write_issue(issue, build_time=BUILD_TIME, generator_version="1.2.3"))
    data = out.read_bytes()
    assert validate(data) == []
    back = read_issue(data, file=str(out))
    assert model.to_dict(back) == model.to_dict(issue)
    assert back == issue
    assert back.source == issue.source
    # written again from what was read: the same document (positions aside)
    again = write_issue(back, build_time=BUILD_TIME, generator_version="1.2.3")
    assert _without_positions(again) == _without_positions(data)


def test_source_fingerprint_is_the_sha256_of_the_decoded_text(seed_path, parse_file):
    issue, _ = parse_file(seed_path)
    root = etree.fromstring(write_issue(issue, build_time=BUILD_TIME, generator_version="x"))
    src = root.find("{urn:bulletin-export:issue:1}metadata/{urn:bulletin-export:issue:1}sourceFile")
    assert src.get("name") == seed_path.name
    text = seed_path.read_bytes().decode("utf-8")
    digests = {hashlib.sha256(t.encode("utf-8")).hexdigest()
               for t in (text, text.replace("\r\n", "\n"), text.lstrip("\ufeff"))}
    assert src.get("sha256") in digests
