"""Hostile characters through the whole pipeline (found by a mutation run over the samples
through app.build_one in all four formats): invisible format and control characters the
face has no glyph for, in text and in XML inputs, and messages that must stay one line."""

from __future__ import annotations

import pytest

from bulletin_export import api, app

ALL = app.BuildOptions(formats=("pdf", "ofd", "docx", "xml"), out_dir=None, source_date_epoch=0)

# LRM, RLO and LRI come with text pasted from web pages and Word; U+180E, a language tag;
# U+2001 and U+2028 reach the layout from XML (the text parser turns them into spaces/joins)
INVISIBLE = ["\u200e", "\u202e", "\u2066", "\u180e", "\U000e0001", "\u200b", "\u2001", "\u2028"]


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_an_invisible_character_is_not_drawn_and_does_not_crash(ch):
    text = f"苏州工会工作简报\n第4期\n\n【工作动态】\n市总召开会议\n市总工会{ch}召开全委会议{ch}{ch}，部署全年工作。（市总办公室）\n"
    res = app.build_one(app.Source("t.txt", text.encode("utf-8")), ALL)
    assert res.error is None, res.error          # was "internal error: KeyError: '\u200e'"
    assert set(res.outputs) == {"pdf", "ofd", "docx", "xml"}
    # the same character inside an XML input (the XML reader keeps what the file has)
    issue = api.parse(text).issue
    xml = api.render(issue, "xml", source_date_epoch=0).decode("utf-8")
    xml = xml.replace("召开全委会议", f"召开{ch}全委会议", 1)
    res = app.build_one(app.Source("t.xml", xml.encode("utf-8")), ALL)
    assert res.error is None, res.error
    assert set(res.outputs) == {"pdf", "ofd", "docx", "xml"}


def test_the_pdf_text_is_the_visible_text(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    import io

    text = "苏州工会工作简报\n第4期\n\n【工作动态】\n市总召开会议\n市总工会\u200e召开\u202e全委会议。（市总办公室）\n"
    res = app.build_one(app.Source("t.txt", text.encode("utf-8")), ALL)
    page = pypdf.PdfReader(io.BytesIO(res.outputs["pdf"])).pages[0].extract_text()
    assert "市总工会召开全委会议" in page.replace("\n", "").replace(" ", "")


def test_an_error_message_is_one_line_even_when_it_quotes_a_line_break():
    from bulletin_export.errors import InputError

    exc = InputError("'2000-0\n1-01' is not a valid value\u2028of xs:dateTime", file="a\nb.xml", line=8)
    assert str(exc) == "a\\nb.xml:8: '2000-0\\n1-01' is not a valid value\\u2028of xs:dateTime"
    xml = api.render(api.parse("苏州工会工作简报\n第4期\n\n标题\n正文。（甲）\n").issue, "xml", source_date_epoch=0)
    bad = xml.replace(b"<created>1970-0", b"<created>1970-0\n", 1)
    assert bad != xml
    res = app.build_one(app.Source("bad.xml", bad), ALL)
    assert res.error is not None and "\n" not in res.error and "invalid" in res.error
    assert app.display("new\nline.txt") == "new\\nline.txt"
