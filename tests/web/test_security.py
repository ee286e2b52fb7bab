"""The security rules of docs/web.md, each against the real app: Host, Origin, token,
sizes, zip bombs, client-given paths, busy and slow builds, no tracebacks, headers."""

from __future__ import annotations

import builtins
import io
import logging
import os
import time
import zipfile

import pytest

from web_drafts import draft
from web_support import ORIGIN, make_client


def post_preview(client, text="【工作动态】\n标题\n\n正文。", headers=ORIGIN, **body):
    return client.post("/api/preview", json={"text": text, **body}, headers=headers)


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil:8000", "10.0.0.1"])
def test_a_foreign_host_header_is_400(client, host):
    assert client.get("/", headers={"host": host}).status_code == 400
    assert post_preview(client, headers={**ORIGIN, "host": host}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"])
def test_loopback_hosts_are_served(client, host):
    assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://127.0.0.1:9999",
                                    "https://127.0.0.1:8000", None])
def test_a_foreign_null_or_missing_origin_is_403(client, origin):
    headers = {"origin": origin} if origin else {}
    for r in (post_preview(client, headers=headers),
              client.post("/api/next", json={}, headers=headers),
              client.post("/api/open", files=[("files", ("a.txt", b"x", "text/plain"))], headers=headers)):
        assert r.status_code == 403, r.text
    assert post_preview(client).status_code == 200


def test_oversized_bodies_are_413(tmp_path):
    from bulletin_export.web.inputs import Limits

    client, _ = make_client(tmp_path, limits=Limits(body=64 * 1024, text_chars=10_000))
    big = "正文。" * 40_000
    assert post_preview(client, text=big).status_code == 413  # Content-Length over the limit

    def chunks():  # no Content-Length: counted while read
        for _ in range(200):
            yield b"x" * 1024

    r = client.post("/api/preview", content=chunks(), headers={**ORIGIN, "content-type": "application/json"})
    assert r.status_code == 413
    def upload():  # a dropped file without Content-Length, over the limit
        yield b'--XX\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        for _ in range(100):
            yield b"x" * 1024
        yield b"\r\n--XX--\r\n"

    r = client.post("/api/open", content=upload(),
                    headers={**ORIGIN, "content-type": "multipart/form-data; boundary=XX"})
    assert r.status_code == 413
    r = post_preview(client, text="正文。" * 4000)  # under the body limit, over the text limit
    assert r.status_code == 413 and "正文过长" in r.json()["error"]


def _bomb(member_bytes: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * member_bytes)
    return buf.getvalue()


def test_a_zip_bomb_docx_is_refused_before_any_reader(client, monkeypatch):
    from bulletin_export import readers

    def never(*a, **k):
        raise AssertionError("a reader saw the bomb")

    monkeypatch.setattr(readers, "for_input", never)
    bomb = _bomb(8 * 1024 * 1024)
    assert len(bomb) < 64 * 1024
    r = client.post("/api/open", files=[("files", ("draft.docx", bomb, "application/octet-stream"))],
                    headers=ORIGIN)
    assert r.status_code == 400 and "压缩炸弹" in r.json()["error"]


def test_a_docx_over_the_unzipped_limit_and_too_many_files_are_refused(tmp_path):
    from bulletin_export.web.inputs import Limits

    client, _ = make_client(tmp_path, limits=Limits(unzipped=20_000, files=2))
    big = draft("标题", ["正文" * 5000], None)
    r = client.post("/api/open", files=[("files", ("a.docx", big, "application/octet-stream"))], headers=ORIGIN)
    assert r.status_code == 400 and "解压后超过" in r.json()["error"]
    three = [("files", (f"{i}.docx", b"PK", "application/octet-stream")) for i in range(3)]
    r = client.post("/api/open", files=three, headers=ORIGIN)
    assert r.status_code == 400 and "最多 2 个文件" in r.json()["error"]
    r = client.post("/api/open", files=[("files", ("a.docx", b"not a zip", "application/octet-stream"))],
                    headers=ORIGIN)
    assert r.status_code == 400 and "不是有效的 Word 文档" in r.json()["error"]


def test_a_path_in_any_field_is_never_read(client, tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT-42\n", encoding="utf-8")
    path = str(secret)
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *a, **k):
        opened.append(os.fspath(file) if isinstance(file, (str, os.PathLike)) else "")
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", spy)
    answers = [
        post_preview(client, text=path),
        post_preview(client, form={k: path for k in ("name", "issue", "total", "editor", "date",
                                                     "classification", "copies", "print_unit",
                                                     "print_date", "distribution")}),
        post_preview(client, style=path),
        post_preview(client, doc=path),
        post_preview(client, doc="../" * 5 + "etc/passwd"),
        client.post("/api/open", files=[("files", (path, b"\xef\xbb\xbf" + "标题\n\n正文。".encode(), "text/plain"))],
                    headers=ORIGIN),
        client.post("/api/open", files=[("files", ("../../" + path, b"x", "text/plain"))], headers=ORIGIN),
        client.get(f"/api/history/{path}"),
        client.get("/api/history/..%2F..%2Fetc%2Fpasswd"),
        client.get(f"/api/result/{path}/file.pdf"),
        client.get("/static/../../../../etc/passwd"),
        client.post("/api/next", json={"doc": path}, headers=ORIGIN),
    ]
    for r in answers:
        assert "SECRET-CONTENT-42" not in r.text
        assert "root:x:" not in r.text
    assert not [p for p in opened if "secret" in p or p.startswith("/etc")]
    assert answers[2].status_code == 400  # a style is a name from the list, never a path
    for odd in ([path], {"a": path}, 7):  # not even a string
        assert post_preview(client, style=odd).status_code == 400


def test_the_token_is_required_off_localhost(tmp_path):
    client, state = make_client(tmp_path, host="0.0.0.0", token="t0k3n-abc", base_url="http://192.168.1.20:8000")
    origin = {"origin": "http://192.168.1.20:8000"}
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    assert post_preview(client, headers=origin).status_code == 403
    r = client.get("/?token=t0k3n-abc", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # the TestClient keeps the cookie: now the page and the API answer
    assert client.get("/").status_code == 200
    assert post_preview(client, headers=origin).status_code == 200
    # the cookie does not lift the Origin check
    assert post_preview(client, headers={"origin": "http://evil.example"}).status_code == 403


def test_a_named_host_is_checked_and_needs_the_token(tmp_path):
    from bulletin_export.web.server import make_token

    assert make_token("127.0.0.1") is None and make_token("localhost") is None
    assert len(make_token("192.168.1.20")) >= 24
    client, _ = make_client(tmp_path, host="192.168.1.20", token="abc", base_url="http://192.168.1.20:8000")
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/").status_code == 403


def test_busy_is_503_and_a_slow_build_is_504(tmp_path, monkeypatch):
    import threading

    from bulletin_export.web.inputs import Limits

    client, state = make_client(tmp_path, limits=Limits(renders=1, render_seconds=0.2))
    assert state.worker._slots.acquire(blocking=False)  # a build is running
    r = post_preview(client)
    assert r.status_code == 503 and "忙" in r.json()["error"]
    state.worker._slots.release()
    ready = post_preview(client).json()
    assert state.worker._slots.acquire(blocking=False)  # busy again: the previewed PDF still downloads
    assert client.get(f"/api/result/{ready['id']}/file.pdf").status_code == 200
    assert client.get(f"/api/result/{ready['id']}/file.docx").status_code == 503
    state.worker._slots.release()
    real, go, done = state.engine.build, threading.Event(), threading.Event()

    def slow(*args):
        go.wait(10)  # a build that outlives the time limit
        try:
            return real(*args)
        finally:
            done.set()

    monkeypatch.setattr(state.engine, "build", slow)
    with client:  # one event loop for the block, as under uvicorn
        started = time.monotonic()
        r = post_preview(client)
        assert r.status_code == 504 and "超时" in r.json()["error"]
        assert time.monotonic() - started < 5  # answered at the limit, not when the build ends
        assert post_preview(client).status_code == 503  # the slow build still holds its slot
        go.set()
        assert done.wait(10)
        monkeypatch.setattr(state.engine, "build", real)
        state.worker.seconds = 60.0
        for _ in range(100):  # the slot is given back when the build has really ended
            r = post_preview(client)
            if r.status_code != 503:
                break
            time.sleep(0.05)
        assert r.status_code == 200


def test_no_traceback_and_no_text_reaches_the_browser_or_the_log(client_state, monkeypatch, caplog):
    client, state = client_state

    def boom(text, *a):
        raise RuntimeError(f"failed on {text!r}")

    monkeypatch.setattr(state.engine, "build", boom)
    with caplog.at_level(logging.DEBUG):
        r = post_preview(client, text="【工作动态】\n机密标题文字\n\n正文。")
    assert r.status_code == 500
    assert "Traceback" not in r.text and "机密标题文字" not in r.text and "RuntimeError" not in r.text
    assert "内部错误" in r.json()["error"]
    assert "机密标题文字" not in caplog.text and "Traceback" not in caplog.text


def test_security_headers_and_no_cors(client):
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    for part in ("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'",
                 "form-action 'self'", "connect-src 'self'"):
        assert part in csp
    api = post_preview(client, headers={**ORIGIN, "access-control-request-method": "POST"})
    for r in (page, api, client.get("/static/app.css")):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["cache-control"] == "no-store"
        assert r.headers["referrer-policy"] == "same-origin"
        assert r.headers["cross-origin-resource-policy"] == "same-origin"
        assert not any(h.lower().startswith("access-control-") for h in r.headers)
    assert client.options("/api/preview", headers=ORIGIN).status_code in (403, 405)


def test_the_web_extra_loads_only_with_serve():
    import subprocess
    import sys

    code = ("import sys, bulletin_export.cli as c; c.main(['styles']); "
            "print([m for m in ('starlette','uvicorn','jinja2','pypdfium2','multipart') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("body", [
    [], "text", 7, None, {"text": 7}, {"text": ["a"]}, {"text": "标题\n\n正文。", "form": ["x"]},
    {"text": "标题\n\n正文。", "form": {"issue": 5, "name": ["x"], "date": {"y": 1}, "supplement": True,
                                    "copies": None, "unknown": "x", "distribution": 3}},
    {"text": "标题\n\n正文。", "doc": 12345}, {"text": "标题\n\n正文。", "style": None},
])
def test_odd_json_is_an_answer_never_a_500(client, body):
    r = client.post("/api/preview", json=body, headers=ORIGIN)
    assert r.status_code in (200, 400), r.text
    assert "error" in r.json() or r.json()["doc"]
    for route, payload in (("/api/fix", body), ("/api/next", body)):
        assert client.post(route, json=payload, headers=ORIGIN).status_code in (200, 400, 404)
    r = client.post("/api/preview", content=b"{not json", headers={**ORIGIN, "content-type": "application/json"})
    assert r.status_code == 400
