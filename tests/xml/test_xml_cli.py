"""The CLI around the XML format: `schema`, `parse FILE.xml`, `build -f xml`."""

from __future__ import annotations

import json

import pytest
from lxml import etree
from typer.testing import CliRunner

from bulletin_export.cli import app
from bulletin_export.xmlio import NAMESPACE, schema_path, validate, write_issue
from xml_issues import BUILD_TIME, full_issue

runner = CliRunner()


def test_schema_prints_the_shipped_xsd_and_it_compiles():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data == schema_path().read_bytes()
    doc = etree.fromstring(data)
    assert doc.get("targetNamespace") == NAMESPACE
    etree.XMLSchema(doc)  # raises XMLSchemaParseError when the XSD is broken


def test_schema_path_is_inside_the_package():
    result = runner.invoke(app, ["schema", "--path"])
    assert result.exit_code == 0
    path = result.stdout.strip()
    assert path.endswith("bulletin_export/xmlio/bulletin-issue-1.xsd")
    assert path == str(schema_path()) and schema_path().is_file()


def test_schema_check_reports_each_invalid_file(tmp_path):
    good = tmp_path / "good.xml"
    good.write_bytes(write_issue(full_issue(), build_time=BUILD_TIME, generator_version="x"))
    bad = tmp_path / "bad.xml"
    bad.write_bytes(good.read_bytes().replace(b"<copies>120</copies>", b"<copies>many</copies>"))
    assert validate(bad.read_bytes()) != []
    result = runner.invoke(app, ["schema", "--check", str(good)])
    assert result.exit_code == 0 and "good.xml: valid" in result.output
    result = runner.invoke(app, ["schema", "--check", str(good), "--check", str(bad)])
    assert result.exit_code == 1
    line = bad.read_bytes().decode().splitlines().index("    <copies>many</copies>") + 1
    assert f"bad.xml:{line}: Element 'copies': 'many' is not a valid value" in result.output


def _samples(seed_path):
    return sorted(seed_path.parent.glob("*.txt"))


def test_build_xml_then_parse_xml_gives_the_json_of_the_text(seed_path, tmp_path):
    sources = _samples(seed_path)
    result = runner.invoke(app, ["build", *map(str, sources), "-f", "xml", "-o", str(tmp_path), "-j", "1",
                                 "--no-checks"])
    assert result.exit_code == 0, result.output
    for src in sources:
        out = tmp_path / (src.stem + ".xml")
        assert validate(out.read_bytes()) == [], out
        from_txt = runner.invoke(app, ["parse", str(src), "--json"])
        from_xml = runner.invoke(app, ["parse", str(out), "--json"])
        assert from_txt.exit_code == 0 and from_xml.exit_code == 0, from_xml.output
        assert json.loads(from_xml.stdout) == json.loads(from_txt.stdout)


@pytest.mark.parametrize("payload, expected", [
    ('<?xml version="1.0"?>\n<!DOCTYPE issue [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<issue>&xxe;</issue>',
     "DOCTYPE"),
    ("<issue><unclosed></issue>", "not well-formed"),
])
def test_parse_of_a_hostile_xml_is_one_error_line_and_exit_1(tmp_path, payload, expected):
    bad = tmp_path / "hostile.xml"
    bad.write_text(payload, encoding="utf-8")
    result = runner.invoke(app, ["parse", str(bad), "--json"])
    assert result.exit_code == 1
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("bulletin-export: error: ")
    assert str(bad) in err[0] and expected in err[0]
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_build_pdf_from_the_xml_equals_build_pdf_from_the_text(masthead_path, tmp_path):
    assert runner.invoke(app, ["build", str(masthead_path), "-f", "xml", "-o", str(tmp_path / "xml"),
                               "-j", "1", "--no-checks"]).exit_code == 0
    xml_file = tmp_path / "xml" / (masthead_path.stem + ".xml")
    for src, out in ((masthead_path, "from-txt"), (xml_file, "from-xml")):
        result = runner.invoke(app, ["build", str(src), "-f", "pdf", "-o", str(tmp_path / out), "-j", "1",
                                     "--no-checks"])
        assert result.exit_code == 0, result.output
    pdf = masthead_path.stem + ".pdf"
    assert (tmp_path / "from-xml" / pdf).read_bytes() == (tmp_path / "from-txt" / pdf).read_bytes()
