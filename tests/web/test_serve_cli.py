"""`bulletin-export serve` as a user starts it: the printed URL answers, other hosts need
the token, bad options are one line and exit 2."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

CLI = [sys.executable, "-m", "bulletin_export"]


def start(tmp_path, *args):
    proc = subprocess.Popen(CLI + ["serve", "--port", "0", "--data", str(tmp_path / "data"), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    return proc, line


def get(url: str, **headers):
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_serve_prints_the_url_and_the_page_answers(tmp_path):
    proc, line = start(tmp_path)
    try:
        m = re.search(r"(http://127\.0\.0\.1:(\d+)/)\s", line)
        assert m, line
        assert "token" not in line and str(tmp_path / "data") in line
        status, body = get(m.group(1))
        assert status == 200 and "简报名称" in body
        status, _ = get(m.group(1), Host="evil.example")
        assert status == 400
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert (tmp_path / "data").is_dir()


def test_serve_off_localhost_prints_a_token_and_requires_it(tmp_path):
    proc, line = start(tmp_path, "--host", "0.0.0.0")
    try:
        m = re.search(r"http://0\.0\.0\.0:(\d+)/\?token=([\w-]{20,})", line)
        assert m, line
        port, token = m.groups()
        status, _ = get(f"http://127.0.0.1:{port}/")
        assert status == 403
        status, _ = get(f"http://127.0.0.1:{port}/", Cookie="bx_token=wrong")
        assert status == 403
        status, _ = get(f"http://127.0.0.1:{port}/", Cookie=f"bx_token={token}")
        assert status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("args, says", [
    (["--style", "no-such-style"], "--style no-such-style: style 'no-such-style' not found"),
    (["--style", "/etc/passwd"], "--style /etc/passwd: /etc/passwd:1: not valid TOML"),
    (["--font-dir", "/no/such/folder"], "--font-dir /no/such/folder"),
])
def test_bad_serve_options_are_one_line_and_exit_2(tmp_path, args, says):
    out = subprocess.run(CLI + ["serve", "--port", "0", "--data", str(tmp_path), *args],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bulletin-export: error: ") and says in lines[0]
    assert "Traceback" not in out.stderr


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        out = subprocess.run(CLI + ["serve", "--port", str(port), "--data", str(tmp_path)],
                             capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in out.stderr


def test_without_the_web_extra_serve_says_what_to_install():
    code = ("import sys; sys.modules['starlette'] = None; sys.modules['uvicorn'] = None; "
            "from bulletin_export.cli import main; sys.exit(main(['serve', '--port', '0']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.strip() == ("bulletin-export: error: serve needs the web extra (starlette, uvicorn "
                                  "missing): pip install 'bulletin-export[web]'")
