"""The guard in front of every route (docs/web.md, "Security model").

- Host: only 127.0.0.1, localhost, [::1] or the host the server was started on (DNS rebinding).
- Token: when the server listens beyond the loopback, every request needs the printed
  token, once as ``?token=`` (swapped for an HttpOnly SameSite=Strict cookie) or the cookie.
- Origin: every request that is not GET/HEAD must carry an Origin equal to ours; ``null``
  and a missing Origin are refused.
- Size: a body over the limit is answered 413 (Content-Length, and counted while read).
- Headers on every answer: CSP (HTML), nosniff, no-store, same-origin referrers, no framing,
  no embedding by other sites (Cross-Origin-Resource-Policy).
  No CORS headers are ever sent.
"""

from __future__ import annotations

import hmac
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
COOKIE = "bx_token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SAFE_METHODS = {"GET", "HEAD"}


def host_name(host: str) -> str:
    """`127.0.0.1:8000` -> `127.0.0.1`, `[::1]:8000` -> `[::1]`."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware applying the rules above."""

    def __init__(self, app, *, bind_host: str, token: str | None, max_body: int):
        self.app = app
        self.token = token
        self.max_body = max_body
        bind = host_name(bind_host)
        self.any_host = bind in ("0.0.0.0", "::", "[::]")
        self.hosts = LOOPBACK | {bind, f"[{bind}]"}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if not host or (not self.any_host and host_name(host) not in self.hosts):
            return await _plain(send, 400, "请求的主机名不被接受（Host）")
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get("token")
            if given is not None and scope["method"] == "GET":
                if not hmac.compare_digest(given.encode(), self.token.encode()):
                    return await _plain(send, 403, "令牌不正确")
                rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                location = scope.get("path", "/") + (f"?{rest}" if rest else "")
                cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
                return await _plain(send, 303, "", [(b"location", location.encode()),
                                                     (b"set-cookie", cookie.encode())])
            jar = SimpleCookie()
            try:
                jar.load(headers.get("cookie", ""))
            except Exception:
                jar = SimpleCookie()
            have = jar[COOKIE].value if COOKIE in jar else ""
            if not hmac.compare_digest(have.encode(), self.token.encode()):
                return await _plain(send, 403, "需要令牌：请使用启动时打印的完整网址")
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            scheme = scope.get("scheme", "http")
            if not origin or origin == "null" or origin.lower() != f"{scheme}://{host}".lower():
                return await _plain(send, 403, "请求来源不被接受（Origin）")
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                return await _plain(send, 413, "内容过大")
        return await self.app(scope, self._bounded(receive), _with_headers(send))

    def _bounded(self, receive):
        seen = 0
        limit = self.max_body

        async def wrapped():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        return wrapped


class BodyTooLarge(Exception):
    """Raised while reading a body (without Content-Length) that passed the limit."""


def _with_headers(send):
    async def wrapped(message):
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            extra = [(b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store"),
                     (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY"),
                     (b"cross-origin-resource-policy", b"same-origin")]
            if ctype.startswith(b"text/html"):
                extra.append((b"content-security-policy", CSP.encode()))
            headers += [(k, v) for k, v in extra if k not in names]
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


async def _plain(send, status: int, text: str, extra=()):
    body = text.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"),
               (b"content-length", str(len(body)).encode()),
               (b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store"), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
