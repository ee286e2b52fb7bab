"""The writer: valid, deterministic, UTF-8 with a declaration; what each field becomes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from lxml import etree

from bulletin_export import __version__, model
from bulletin_export.errors import RenderError
from bulletin_export.model import DistributionEntry, Issue, Masthead, Paragraph
from bulletin_export.renderers import RenderContext, get
from bulletin_export.xmlio import NAMESPACE, load_schema, schema_path, validate, write_issue

from xml_issues import BUILD_TIME, full_issue

N = {"b": NAMESPACE}


def write(issue: Issue, **kw) -> bytes:
    kw.setdefault("build_time", BUILD_TIME)
    kw.setdefault("generator_version", "9.9.9")
    return write_issue(issue, **kw)


def test_every_written_file_validates(hand_built, tmp_path):
    path = tmp_path / "issue.xml"
    path.write_bytes(write(hand_built))
    schema = load_schema()
    doc = etree.parse(str(path))
    assert schema.validate(doc), schema.error_log
    assert validate(path.read_bytes()) == []


def test_bytes_are_deterministic_utf8_with_declaration_and_final_newline():
    a = write(full_issue())
    b = write(full_issue())
    assert a == b
    assert a.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<issue ')
    assert a.endswith(b"</issue>\n") and not a.endswith(b"\n\n")
    text = a.decode("utf-8")
    assert "工会工作简报" in text  # written as characters, not &#...; references
    assert "\n    <masthead" not in text and "\n  <masthead" in text  # pretty-printed, 2 spaces


def test_metadata_fields():
    root = etree.fromstring(write(full_issue(), build_time=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)))
    assert root.get("version") == "1.0"
    meta = root.find("b:metadata", N)
    assert meta.findtext("b:title", namespaces=N) == "工会工作简报第4期（总第156期）"
    assert meta.findtext("b:documentType", namespaces=N) == "简报"
    assert meta.findtext("b:language", namespaces=N) == "zh-CN"
    gen = meta.find("b:generator", N)
    assert (gen.text, gen.get("version")) == ("bulletin_export", "9.9.9")
    assert meta.findtext("b:created", namespaces=N) == "2024-01-02T03:04:05Z"
    src = meta.find("b:sourceFile", N)
    assert (src.get("name"), src.get("sha256")) == ("union.txt", "0123456789abcdef" * 4)


def test_created_is_converted_to_utc():
    cst = dt.timezone(dt.timedelta(hours=8))
    root = etree.fromstring(write(Issue(), build_time=dt.datetime(2012, 4, 28, 8, 0, tzinfo=cst)))
    assert root.findtext("b:metadata/b:created", namespaces=N) == "2012-04-28T00:00:00Z"


def test_masthead_body_and_end_block_elements():
    root = etree.fromstring(write(full_issue()))
    m = root.find("b:masthead", N)
    assert [etree.QName(c).localname for c in m] == [
        "classification", "name", "issueNumber", "totalNumber", "editor", "date"]
    assert m.findtext("b:date", namespaces=N) == "2012-04-28"
    assert (m.get("line"), m.get("col")) == ("1", "1")
    assert m.get("supplement") is None
    arts = root.findall("b:body/b:section/b:article", N)
    assert len(arts) == 3
    assert arts[0].findtext("b:source", namespaces=N) == "市总办公室"
    assert [p.text or "" for p in arts[1].findall("b:p", N)] == [
        "  leading and trailing spaces\tand a tab  ", "", "carriage\r\nreturn"]
    dist = root.findall("b:endBlock/b:distribution", N)
    assert [d.get("label") for d in dist] == ["报", "送", "发", "本期印发"]
    assert dist[0].findtext("b:text", namespaces=N) == "全国总工会办公厅，省总工会办公室，市委、市人大领导"
    assert [r.text for r in dist[0].findall("b:recipient", N)] == [
        "全国总工会办公厅", "省总工会办公室", "市委", "市人大领导"]
    assert dist[1].findall("b:recipient", N) == []  # 各市（县、区）: ambiguous, text only
    assert root.findtext("b:endBlock/b:copies", namespaces=N) == "120"
    assert root.findtext("b:endBlock/b:printDate", namespaces=N) == "2012-04-29"


def test_supplement_attribute():
    root = etree.fromstring(write(Issue(masthead=Masthead(name="简报", issue_no=1, supplement=True))))
    assert root.find("b:masthead", N).get("supplement") == "true"


def test_characters_xml_cannot_carry_are_dropped(tmp_path):
    bad = "".join(chr(c) for c in range(0x20) if c not in (9, 10, 13)) + "\ufffe\uffff\ud800\udfff"
    issue = Issue(
        masthead=Masthead(name=f"工会{bad}简报", editor="x\x00y"),
        editor_note=Paragraph("按\x1b[0m语"),
        sections=(model.Section("栏\x0c目", (model.Article("标\x07题", None, (Paragraph(f"正{bad}文"),), "来\x08源"),)),),
        distribution=(DistributionEntry("报", "省总\x01工会、市委办公室"),),
        source=model.SourceInfo("a\x01b.txt", None),
    )
    data = write(issue)
    (tmp_path / "c.xml").write_bytes(data)
    assert validate((tmp_path / "c.xml").read_bytes()) == []
    root = etree.fromstring(data)
    assert root.findtext("b:masthead/b:name", namespaces=N) == "工会简报"
    assert root.findtext("b:masthead/b:editor", namespaces=N) == "xy"
    assert root.findtext("b:editorNote", namespaces=N) == "按[0m语"
    assert root.findtext("b:body/b:section/b:article/b:p", namespaces=N) == "正文"
    assert [r.text for r in root.findall("b:endBlock/b:distribution/b:recipient", N)] == ["省总工会", "市委办公室"]
    assert root.find("b:metadata/b:sourceFile", N).get("name") == "ab.txt"


@pytest.mark.parametrize("change", [
    {"copies": -1},
    {"distribution": (DistributionEntry("附件", "x"),)},
    {"masthead": Masthead(issue_no=-4)},
])
def test_values_the_schema_forbids_raise_instead_of_writing_an_invalid_file(change):
    with pytest.raises(RenderError, match="cannot write valid XML"):
        write(dataclasses.replace(Issue(), **change))


def test_schema_labels_are_the_models():
    doc = etree.parse(str(schema_path()))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    values = doc.xpath("//xs:simpleType[@name='DistributionLabel']//xs:enumeration/@value", namespaces=xs)
    assert tuple(values) == model.DISTRIBUTION_LABELS


def test_renderer_is_registered_and_uses_the_build_clock(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    renderer = get("xml")
    assert (renderer.name, renderer.extension) == ("xml", ".xml")
    issue = full_issue()
    by_date = etree.fromstring(renderer.render(issue, RenderContext()))
    assert by_date.findtext("b:metadata/b:created", namespaces=N) == "2012-04-28T00:00:00Z"
    assert by_date.find("b:metadata/b:generator", N).get("version") == __version__
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    by_env = renderer.render(issue, RenderContext())
    assert b"<created>2023-11-14T22:13:20Z</created>" in by_env
    assert renderer.render(issue, RenderContext(source_date_epoch=0)).count(b"1970-01-01T00:00:00Z") == 1


def test_block_kinds_run_in_and_credits_round_trip_as_format_1_1() -> None:
    from dataclasses import replace

    from bulletin_export.model import Article, Issue, Paragraph, Section
    from bulletin_export.xmlio import read_issue, validate, write_issue

    art = Article("市总召开例会", paragraphs=(
        Paragraph("4月6日，市总召开例会。"), Paragraph("一、总体要求", kind="heading", level=1),
        Paragraph("（一）加强领导", kind="heading", level=2), Paragraph("图为会议现场", kind="caption")),
        source="市总办公室")
    issue = Issue(sections=(Section(None, (art, replace(art, title="简讯", run_in=True))),),
                  credits="责任编辑：张三　审核：李四")
    data = write_issue(issue, build_time=BUILD_TIME, generator_version="x")
    assert validate(data) == []
    root = etree.fromstring(data)
    assert root.get("version") == "1.1"
    ns = "{urn:bulletin-export:issue:1}"
    kinds = [(p.get("kind"), p.get("level")) for p in root.iter(f"{ns}p")][:4]
    assert kinds == [(None, None), ("heading", "1"), ("heading", "2"), ("caption", None)]
    assert root.find(f"{ns}endBlock/{ns}credits").text == "责任编辑：张三　审核：李四"
    assert read_issue(data) == issue
    # without any of them the document stays format 1.0
    plain = Issue(sections=(Section(None, (replace(art, paragraphs=art.paragraphs[:1]),)),))
    assert etree.fromstring(write_issue(plain, build_time=BUILD_TIME, generator_version="x")).get("version") == "1.0"


def test_a_heading_level_out_of_range_is_refused_by_the_schema() -> None:
    from bulletin_export.model import Article, Issue, Paragraph, Section
    from bulletin_export.errors import RenderError
    from bulletin_export.xmlio import write_issue

    bad = Issue(sections=(Section(None, (Article("t", paragraphs=(Paragraph("x", kind="heading", level=5),)),)),))
    with pytest.raises(RenderError, match="cannot write valid XML"):
        write_issue(bad, build_time=BUILD_TIME, generator_version="x")
