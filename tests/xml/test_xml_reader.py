"""The reader: hand-built issues come back equal; hostile or wrong files give one clear line."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bulletin_export import model
from bulletin_export.errors import InputError
from bulletin_export.xmlio import _safe
from bulletin_export.xmlio import MAX_BYTES, MAX_DEPTH, NAMESPACE, read_issue, validate, write_issue
from xml_issues import BUILD_TIME, full_issue


def write(issue: model.Issue) -> bytes:
    return write_issue(issue, build_time=BUILD_TIME, generator_version="0.0.0")


def test_hand_built_issues_round_trip(hand_built):
    back = read_issue(write(hand_built), file="x.xml")
    assert model.to_dict(back) == model.to_dict(hand_built)
    assert back == hand_built
    assert back.source == hand_built.source


def test_none_and_empty_are_kept_apart():
    issue = full_issue()
    back = read_issue(write(issue))
    assert back.sections[1].heading is None and back.sections[2].heading == ""
    assert back.sections[0].articles[1].source is None
    assert back.sections[0].articles[1].paragraphs[1].text == ""
    assert back.distribution[2].recipients == ""


def test_spans_point_at_the_xml_lines():
    data = write(full_issue())
    back = read_issue(data)
    lines = data.decode().splitlines()
    assert lines[back.masthead.span.line - 1].lstrip().startswith("<masthead")
    para = back.sections[0].articles[0].paragraphs[1]
    assert lines[para.span.line - 1].lstrip().startswith("<p")


def test_a_hand_edited_file_with_other_prefixes_and_comments_reads():
    data = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- made by hand -->
<x:issue xmlns:x="{NAMESPACE}" version="1.3">
  <x:metadata><x:title>t</x:title><x:documentType>简报</x:documentType><x:language>zh-CN</x:language>
    <x:generator version="1">hand</x:generator><x:created>2012-04-28T00:00:00+08:00</x:created></x:metadata>
  <x:masthead supplement="1"><x:issueNumber> 3 </x:issueNumber><x:date>2012-04-28Z</x:date></x:masthead>
  <x:body><x:section><x:article><x:p>正<!-- c -->文</x:p><?pi x?></x:article></x:section></x:body>
</x:issue>
""".encode()
    issue = read_issue(data, file="hand.xml")
    assert issue.masthead == model.Masthead(issue_no=3, supplement=True, date=dt.date(2012, 4, 28))
    assert [p.text for p in issue.sections[0].articles[0].paragraphs] == ["正文"]


def _valid_body(inner: str = "") -> str:
    return (f'<issue xmlns="{NAMESPACE}" version="1.0"><metadata><title>t</title>'
            "<documentType>简报</documentType><language>zh-CN</language>"
            '<generator version="1">g</generator><created>2000-01-01T00:00:00Z</created></metadata>'
            f"<body>{inner}</body></issue>")


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE issue [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
""" + _valid_body("<section><heading>&lol9;</heading></section>")

HOSTILE = {
    "external-entity-file": (
        '<?xml version="1.0"?>\n<!DOCTYPE issue [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + _valid_body("<section><heading>&xxe;</heading></section>"), "DOCTYPE", 2),
    "external-entity-http": (
        '<!DOCTYPE issue [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>\n'
        + _valid_body(), "DOCTYPE", 1),
    "external-dtd": ('<!DOCTYPE issue SYSTEM "http://127.0.0.1:9/x.dtd">' + _valid_body(), "DOCTYPE", 1),
    "billion-laughs": (LAUGHS, "DOCTYPE", 2),
    "not-xml": ("本期印发：市委\n", "not well-formed", 1),
    "not-well-formed": (_valid_body().replace("</body>", "</bod>", 1), "not well-formed", 1),
    "undefined-entity": (_valid_body("<section><heading>&nbsp;</heading></section>"), "not well-formed", 1),
    "wrong-namespace": (_valid_body().replace(NAMESPACE, "urn:other:1"), "not a bulletin-export issue file", 1),
    "no-namespace": ('<issue version="1.0"><body/></issue>', "without a namespace", 1),
    "other-root": (f'<feed xmlns="{NAMESPACE}"/>', "root element is <feed>", 1),
    "future-version": (_valid_body().replace('version="1.0"', 'version="2.0"', 1), "unsupported issue format version", 1),
    "invalid-by-schema": (_valid_body("<section><article><para>x</para></article></section>"),
                          "invalid against bulletin-issue-1.xsd: Element 'para'", 1),
    "bad-date": (_valid_body().replace("<body>", "<endBlock/><body>"), "invalid against", 1),
    "empty": ("", "empty", None),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_bad_files_give_one_clear_line(name):
    text, expected, line = HOSTILE[name]
    with pytest.raises(InputError) as info:
        read_issue(text.encode("utf-8"), file=f"{name}.xml")
    err = info.value
    message = str(err)
    assert "\n" not in message
    assert message.startswith(f"{name}.xml:")
    assert expected in message
    assert err.line == line
    assert err.exit_code == 1
    assert validate(text.encode()) != []


def test_a_dtd_in_a_utf16_file_is_refused_too():
    data = LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16")
    with pytest.raises(InputError, match="DOCTYPE") as info:
        read_issue(data, file="u16.xml")
    assert info.value.line == 2


@pytest.mark.parametrize("name", ["external-entity-file", "billion-laughs", "external-dtd"])
def test_the_parsed_doctype_is_refused_when_the_prolog_scan_misses_it(monkeypatch, name):
    monkeypatch.setattr(_safe, "_dtd_line", lambda data: None)
    # libxml2 itself stops the laughs (entity amplification); otherwise the doctype check does
    with pytest.raises(InputError, match="DOCTYPE|entity amplification") as info:
        read_issue(HOSTILE[name][0].encode(), file="x.xml")
    assert "passwd" not in str(info.value) and "lollol" not in str(info.value)


def test_too_large():
    data = _valid_body().encode() + b" " * MAX_BYTES
    with pytest.raises(InputError, match="too large"):
        read_issue(data, file="big.xml")


def test_too_deep():
    depth = MAX_DEPTH + 5
    inner = "<p>" * depth + "x" + "</p>" * depth
    with pytest.raises(InputError, match=re.escape(f"nested deeper than {MAX_DEPTH}")) as info:
        read_issue(_valid_body(inner).encode(), file="deep.xml")
    assert info.value.line == 1


def test_libxml2_depth_limit_is_also_one_line():
    depth = 5000
    data = ("<a>" * depth + "</a>" * depth).encode()
    with pytest.raises(InputError) as info:
        read_issue(data, file="deeper.xml")
    assert "\n" not in str(info.value)
