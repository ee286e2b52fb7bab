"""Dropped files become the editor's text and the form: the issue written back as source
text must read as the same issue (the masthead goes to the form)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from web_support import MASTHEAD, ORIGIN, SEED


@pytest.mark.parametrize("sample", [SEED, MASTHEAD], ids=lambda p: p.stem)
def test_an_issue_written_back_as_text_reads_as_the_same_issue(sample):
    import bulletin_export as bx
    from bulletin_export.web.forms import clean_form
    from bulletin_export.web.inputs import _form_of, issue_text

    issue = bx.parse(sample).issue
    form, errors = clean_form(_form_of(issue))
    assert not errors
    back = bx.parse(issue_text(issue), overrides=form).issue
    assert replace(back, masthead=None) == replace(issue, masthead=None)
    assert back.masthead == issue.masthead


def test_a_dropped_xml_fills_the_text_and_the_form(client):
    import bulletin_export as bx

    issue = bx.parse(MASTHEAD).issue
    xml = bx.render(issue, "xml")
    r = client.post("/api/open", files=[("files", ("工会工作简报.xml", xml, "application/xml"))], headers=ORIGIN)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["form"]["name"] == "工会工作简报" and data["form"]["total"] == "156"
    assert data["form"]["classification"] == "内部资料 注意保存"
    assert "编者按：" in data["text"] and "（共印120份）" in data["text"]
    preview = client.post("/api/preview", json={"text": data["text"], "form": data["form"]}, headers=ORIGIN).json()
    assert preview["blocked"] is None
    assert bx.parse(MASTHEAD).issue == _rebuilt(client, preview)


def _rebuilt(client, preview):
    state = client.app.app.state.bx
    return state.engine.store.get(preview["id"]).issue


def test_a_file_of_another_kind_is_refused_in_chinese(client):
    r = client.post("/api/open", files=[("files", ("a.pdf", b"%PDF-1.4", "application/pdf"))], headers=ORIGIN)
    assert r.status_code == 400 and "只接受" in r.json()["error"] and ".docx" in r.json()["error"]
    two = [("files", ("a.docx", b"PK", "x")), ("files", ("b.txt", b"x", "text/plain"))]
    r = client.post("/api/open", files=two, headers=ORIGIN)
    assert r.status_code == 400 and "多个文件只能是 Word 文档" in r.json()["error"]
