"""The page's routes through Starlette's TestClient: preview, pages, downloads, fixes,
dropped files, history and 下一期, on the samples."""

from __future__ import annotations

import io
import json

import pytest

from web_drafts import draft
from web_support import ORIGIN, docx_text



def preview(client, text, form=None, **extra):
    r = client.post("/api/preview", json={"text": text, "form": form or {}, **extra}, headers=ORIGIN)
    assert r.status_code == 200, r.text
    return r.json()


def test_page_is_chinese_autoescaped_and_offline(client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert '<html lang="zh-CN">' in html and "简报名称" in html and "全部修正" in html
    assert "http://" not in html and "https://" not in html  # no CDN, nothing fetched elsewhere
    assert "<script>" not in html  # no inline script (the CSP forbids it)
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "fetch(" in js.text and "https://" not in js.text


def test_preview_of_the_seed_with_the_masthead_form(client, seed_text):
    form = {"name": "苏州工会工作简报", "issue": "4", "total": "156", "date": "2012年4月28日",
            "editor": "苏州市总工会办公室"}
    data = preview(client, seed_text, form)
    assert data["blocked"] is None and data["pages"] >= 5
    assert data["fields"]["name"] == "苏州工会工作简报" and data["fields"]["total"] == "156"
    # the end block the text has fills the end-block form
    assert data["fields"]["distribution"].startswith("本期印发：市四套班子有关领导")
    # the line kinds colour the text: the seed opens with a column heading and a title
    assert data["kinds"][:2] == ["heading", "title"]
    assert len(data["kinds"]) == len(seed_text.split("\n"))
    # findings in Chinese with their lines; the wrong-way quote of line 33 carries a fix
    quote = next(f for f in data["findings"] if f["code"] == "BX201")
    assert quote["line"] == 33 and quote["message"].startswith("引号方向错误") and quote["fix"] == "”"
    assert all(f["severity"] in ("error", "warning", "info") for f in data["findings"])
    assert not any(f["code"] == "BX001" and "decoded" in f["message"] for f in data["findings"])

    png = client.get(f"/api/result/{data['id']}/page/1.png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/api/result/{data['id']}/page/{data['pages'] + 1}.png").status_code == 404

    pdf = client.get(f"/api/result/{data['id']}/file.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    # RFC 5987 Chinese file name, an ASCII fallback, and the page count the preview said
    cd = pdf.headers["content-disposition"]
    assert cd.startswith("attachment;") and "filename*=UTF-8''" in cd
    from urllib.parse import unquote

    assert unquote(cd.split("filename*=UTF-8''")[1]) == "苏州工会工作简报第4期.pdf"
    import pypdf

    assert len(pypdf.PdfReader(io.BytesIO(pdf.content)).pages) == data["pages"]
    # the preview images come from this very PDF
    import pypdfium2

    assert len(pypdfium2.PdfDocument(pdf.content)) == data["pages"]


def test_form_overrides_what_the_text_says(client, masthead_text):
    data = preview(client, masthead_text)
    assert data["fields"]["name"] == "工会工作简报" and data["fields"]["issue"] == "4"
    data = preview(client, masthead_text, {"name": "职工工作简报", "issue": "5", "date": "2012-05-02"})
    assert (data["fields"]["name"], data["fields"]["issue"], data["fields"]["date"]) == \
        ("职工工作简报", "5", "2012年5月2日")
    import pdfplumber

    pdf = client.get(f"/api/result/{data['id']}/file.pdf").content
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first = doc.pages[0].extract_text().replace(" ", "")
    assert "职工工作简报" in first and "第5期" in first and "2012年5月2日" in first


def test_a_bad_form_value_is_named_and_ignored(client, seed_text):
    data = preview(client, seed_text, {"issue": "abc", "date": "2012年2月30日"})
    assert set(data["field_errors"]) == {"issue", "date"}
    assert "期号" in data["field_errors"]["issue"]
    assert data["blocked"] is None and data["fields"]["issue"] == ""


def test_end_block_form_replaces_the_text_s_distribution(client, seed_text):
    data = preview(client, seed_text, {"distribution": "报：市委办公室\n送：各区总工会", "copies": "80"})
    assert data["fields"]["distribution"] == "报：市委办公室\n送：各区总工会"
    assert data["fields"]["copies"] == "80"
    docx = client.get(f"/api/result/{data['id']}/file.docx").content
    body = docx_text(docx)
    assert "市委办公室" in body and "市四套班子" not in body


def test_findings_never_block_but_empty_text_and_missing_glyphs_do(client, seed_text):
    data = preview(client, "  \n\n")
    assert data["blocked"] == "请先输入或拖入简报正文" and data["id"] is None
    data = preview(client, seed_text)  # a wrong-way quote (BX201): a finding, not a gate
    assert data["blocked"] is None and any(f["code"] == "BX201" for f in data["findings"])
    text = seed_text.replace("日前，", "日前\U000F0041，", 1)  # a private-use character no font has
    data = preview(client, text)
    assert data["blocked"] is not None
    assert "U+F0041" in data["blocked"] and "第4行第3列" in data["blocked"]
    assert client.get(f"/api/result/{data['id']}/file.pdf").status_code == 409


def test_text_that_is_not_text_is_a_message_not_an_error(client):
    data = preview(client, "标题\n\n正文\x00\x00。")
    assert data["id"] is None and data["blocked"].startswith("无法读取正文")
    assert "NUL" in data["blocked"]


def test_one_fix_and_all_fixes(client, seed_text):
    data = preview(client, seed_text)
    idx = next(i for i, f in enumerate(data["findings"]) if f["code"] == "BX201")
    stale = client.post("/api/fix", json={"id": data["id"], "index": idx, "text": seed_text + "又"},
                        headers=ORIGIN)
    assert stale.status_code == 409  # typed since the preview: the fix waits for the next one
    r = client.post("/api/fix", json={"id": data["id"], "index": idx, "text": seed_text}, headers=ORIGIN)
    fixed = r.json()["text"]
    assert r.json()["changes"] == 1
    assert fixed.split("\n")[32][221] == "”" and seed_text.split("\n")[32][221] == "“"
    r = client.post("/api/fix", json={"id": data["id"], "index": "all", "text": seed_text}, headers=ORIGIN)
    assert r.json()["changes"] == sum(1 for f in data["findings"] if f["fix"] is not None) >= 2
    after = preview(client, r.json()["text"])
    assert not [f for f in after["findings"] if f["fix"] is not None]


def test_downloads_of_every_listed_format(client, seed_text):
    from bulletin_export import renderers

    data = preview(client, seed_text, {"name": "工会工作简报", "issue": "4"})
    for fmt in ("docx", "xml") + (("ofd",) if "ofd" in renderers.formats() else ()):
        r = client.get(f"/api/result/{data['id']}/file.{fmt}")
        assert r.status_code == 200, fmt
        assert r.headers["content-disposition"].endswith(f"%E7%AC%AC4%E6%9C%9F.{fmt}")
    assert client.get(f"/api/result/{data['id']}/file.exe").status_code == 404
    inline = client.get(f"/api/result/{data['id']}/file.pdf?inline=1")
    assert inline.headers["content-disposition"].startswith("inline;")


def test_a_dropped_txt_in_gb18030(client, seed_text):
    r = client.post("/api/open", files=[("files", ("简报.txt", seed_text.encode("gb18030"), "text/plain"))],
                    headers=ORIGIN)
    assert r.status_code == 200 and r.json()["text"].split("\n")[0] == seed_text.split("\n")[0]


def test_two_word_drafts_make_one_issue_of_two_articles(client):
    files = [("files", ("一.docx", draft("市总召开主席例会", ["4月6日，市总工会召开主席例会。"], "市总办公室"),
                        "application/octet-stream")),
             ("files", ("二.docx", draft("太仓市总加强职工文化建设", ["一是开展教育。"], None),
                        "application/octet-stream"))]
    r = client.post("/api/open", files=files, headers=ORIGIN)
    assert r.status_code == 200, r.text
    text = r.json()["text"]
    data = preview(client, text)
    assert data["blocked"] is None
    titles = [line for line, kind in zip(text.split("\n"), data["kinds"]) if kind == "title"]
    assert titles == ["市总召开主席例会", "太仓市总加强职工文化建设"]
    assert "（市总办公室）" in text


def test_history_newest_first_reopen_and_next_issue(client, masthead_text, seed_text):
    first = preview(client, masthead_text)
    second = preview(client, seed_text, {"name": "另一简报"})
    entries = client.get("/api/history").json()["entries"]
    assert [e["id"] for e in entries[:2]] == [second["doc"], first["doc"]]
    assert entries[1]["title"] == "工会工作简报第4期"
    rec = client.get(f"/api/history/{first['doc']}").json()
    assert rec["text"] == masthead_text
    nxt = client.post("/api/next", json={"doc": first["doc"]}, headers=ORIGIN).json()
    assert nxt["doc"] not in (first["doc"], second["doc"]) and nxt["text"] == ""
    assert (nxt["form"]["name"], nxt["form"]["issue"], nxt["form"]["total"]) == ("工会工作简报", "5", "157")
    assert nxt["form"]["editor"] == first["fields"]["editor"] and nxt["form"]["distribution"]
    # the history file on disk holds the text and the fields, under the server's id only
    data_dir = client.app.app.state.bx.config.data_dir
    assert sorted(p.name for p in (data_dir / "history").iterdir()) == \
        sorted(f"{d}.json" for d in (first["doc"], second["doc"]))
    assert json.loads((data_dir / "history" / f"{first['doc']}.json").read_text("utf-8"))["fields"]["total"] == "156"


@pytest.mark.parametrize("doc", ["../../etc/passwd", "x" * 32, None])
def test_a_client_document_id_is_used_only_when_it_is_ours(client, seed_text, doc):
    data = preview(client, seed_text, doc=doc)
    assert data["doc"] != doc and len(data["doc"]) == 32


def test_the_page_says_when_free_stand_ins_replace_the_official_fonts(client, seed_text):
    # no official font is installed here (none is kept in the repository): the body's
    # 仿宋_GB2312 is drawn by a free face, and the page says which
    from bulletin_export.fonts import resolve_fonts
    from bulletin_export.stylesheet import load_style

    style = load_style(None)
    body = resolve_fonts(style).face("fangsong").family
    data = preview(client, seed_text)
    assert ["仿宋_GB2312", body] in data["stand_ins"]
    assert all(official in {f.official for f in style.fonts.values()} for official, _ in data["stand_ins"])


def test_a_style_sheet_file_given_to_serve_is_offered_and_used(tmp_path, seed_text):
    from web_support import make_client

    from bulletin_export.stylesheet import list_styles

    builtin = dict((n, p) for n, _, p in list_styles())["bulletin-compact"]
    mine = tmp_path / "office.toml"
    mine.write_text(builtin.read_text(encoding="utf-8"), encoding="utf-8")
    client, state = make_client(tmp_path, style=str(mine))
    page = client.get("/").text
    assert f'<option value="{mine}" selected' in page and 'value="bulletin"' in page
    assert preview(client, seed_text)["blocked"] is None  # the default: the file
    assert preview(client, seed_text, style="bulletin")["blocked"] is None
    r = client.post("/api/preview", json={"text": seed_text, "style": str(tmp_path / "other.toml")},
                    headers=ORIGIN)
    assert r.status_code == 400  # only the sheets the server offers
