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


def test_pasted_control_characters_warn_with_line_and_column_and_never_reach_the_xml(parse_file, tmp_path):
    text = ("【工作动态】\n市总召开工作会议\n\n"
            "日前，市总工会召开会议，部署下一阶段工作。\x07会议要求各级工会认真贯彻落实。\n\n"
            "会议强调，要把各项重点工作抓细抓实，\x1b确保取得实效。（市总办公室）\n")
    src = tmp_path / "pasted.txt"
    src.write_text(text, encoding="utf-8")
    issue, diags = parse_file(src)
    warned = sorted((d.span.line, d.span.col) for d in diags if d.code == "BX002")
    assert warned == [(4, 22), (6, 19)]
    data = write_issue(issue, build_time=BUILD_TIME, generator_version="x")
    assert validate(data) == [] and b"\x07" not in data and b"\x1b" not in data
    assert read_issue(data) == issue
