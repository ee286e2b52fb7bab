"""The page's routes: the page itself, preview, page images, downloads, files, history, 下一期.

Every answer to the page is JSON with Chinese messages; no traceback and no document text
is ever logged or sent back in an error (``_guarded``).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from . import forms, history as _history, messages
from .engine import SCALE_LARGE, SCALE_SMALL
from .inputs import InputRefused, accepted
from .security import BodyTooLarge

log = logging.getLogger("bulletin_export.web")
MEDIA = {"pdf": "application/pdf", "xml": "application/xml",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "ofd": "application/ofd"}
SCALES = {"s": SCALE_SMALL, "l": SCALE_LARGE}


def _error(status: int, text: str) -> JSONResponse:
    return JSONResponse({"error": text}, status_code=status)


def _guarded(handler):
    @functools.wraps(handler)
    async def wrapped(request: Request):
        try:
            return await handler(request)
        except BodyTooLarge:
            return _error(413, "内容过大")
        except InputRefused as exc:
            return _error(400, str(exc))
        except HTTPException as exc:  # python-multipart limits (files, fields, part size)
            return _error(exc.status_code, "文件或字段过多、过大" if exc.status_code < 500 else "内部错误")
        except Exception as exc:  # never a traceback, never the text: the type is enough
            log.error("%s %s failed: %s", request.method, request.url.path, type(exc).__name__)
            return _error(500, "内部错误，请重试；如仍出错请把原文发给维护人员")
    return wrapped


class Busy(Exception):
    pass


class Worker:
    """Runs builds off the event loop, at most ``slots`` at once, each within ``seconds``."""

    def __init__(self, slots: int, seconds: float):
        self._slots = threading.BoundedSemaphore(slots)
        self.seconds = seconds

    async def run(self, func, *args):
        if not self._slots.acquire(blocking=False):
            raise Busy()
        loop = asyncio.get_running_loop()

        def job():
            try:
                return func(*args)
            finally:
                self._slots.release()  # only when the build has really ended

        fut = loop.run_in_executor(None, job)
        return await asyncio.wait_for(asyncio.shield(fut), self.seconds)


async def _json(request: Request) -> dict:
    try:
        body = await request.json()
    except BodyTooLarge:
        raise
    except Exception:
        raise InputRefused("请求格式不正确") from None
    if not isinstance(body, dict):
        raise InputRefused("请求格式不正确")
    return body


def setup(app, state) -> None:
    """Register the routes on a Starlette app; ``state`` is the server's `web.server.State`."""
    cfg = state.config

    async def index(request: Request):
        page = state.templates.get_template("index.html").render(
            styles=state.styles, default_style=state.default_style, formats=state.engine.formats(),
            accept=",".join(accepted()))
        return HTMLResponse(page)

    async def preview(request: Request):
        body = await _json(request)
        text = body.get("text")
        if not isinstance(text, str):
            return _error(400, "请求格式不正确")
        if len(text) > cfg.limits.text_chars:
            return _error(413, f"正文过长（超过 {cfg.limits.text_chars} 字）")
        style = body.get("style") or state.default_style
        if not isinstance(style, str) or style not in state.style_names:
            return _error(400, "没有这个样式")
        raw_form = body.get("form") if isinstance(body.get("form"), dict) else {}
        form, field_errors = forms.clean_form(raw_form)
        doc = _history.valid_id(body.get("doc")) or _history.new_id()
        if not text.strip():
            return JSONResponse({"id": None, "doc": doc, "pages": 0, "findings": [], "kinds": [],
                                 "fields": {}, "field_errors": field_errors,
                                 "blocked": "请先输入或拖入简报正文", "stand_ins": state.stand_ins(style)})
        try:
            built = await state.worker.run(_build, state, text, form, style)
        except Busy:
            return _error(503, "服务器正忙，请稍候再试")
        except asyncio.TimeoutError:
            return _error(504, f"排版超时（超过 {cfg.limits.render_seconds:g} 秒）")
        if built.issue is None:  # not readable as text at all (binary, control characters)
            reason = (built.error or "").split(": ", 1)[-1]
            reason = "其中含有二进制数据（如 NUL 字符），不是文本" if "binary" in reason else reason
            return JSONResponse({"id": None, "doc": doc, "pages": 0, "findings": [], "kinds": [],
                                 "fields": {}, "field_errors": field_errors,
                                 "blocked": f"无法读取正文（{reason}）", "stand_ins": state.stand_ins(style)})
        fields = forms.found_fields(built.issue)
        n = len(text.split("\n"))
        blocked = None
        if built.error is not None:
            first = next((d for d in built.diagnostics if messages.is_error(d)), None)
            blocked = messages.blocking(first, built.lines) if first else "无法生成：排版出错，请检查正文后重试"
        else:
            state.history.save(doc, text=text, form=form, fields=fields, style=style)
        found = [messages.finding(d, built.lines, n) for d in built.diagnostics]
        return JSONResponse({
            "id": built.id, "doc": doc, "pages": built.pages, "seconds": round(built.seconds, 3),
            "findings": found, "kinds": list(built.line_kinds[:n]), "fields": fields,
            "field_errors": field_errors, "blocked": blocked, "stand_ins": state.stand_ins(style),
            "filename": forms.download_name(fields, "pdf")[:-4],
        })

    async def page(request: Request):
        built = state.engine.store.get(request.path_params["rid"])
        size = SCALES.get(request.query_params.get("size", "s"))
        if built is None or size is None or "pdf" not in built.outputs:
            return _error(404, "预览已过期，请刷新")
        png = await asyncio.get_running_loop().run_in_executor(
            None, state.engine_page, built, request.path_params["n"] - 1, size)
        if png is None:
            return _error(404, "没有这一页")
        return Response(png, media_type="image/png")

    async def download(request: Request):
        built = state.engine.store.get(request.path_params["rid"])
        fmt = request.path_params["fmt"]
        if built is None:
            return _error(404, "预览已过期，请刷新")
        if fmt not in state.engine.formats():
            return _error(404, "没有这种格式")
        if built.error is not None:
            return _error(409, "有错误未解决，不能生成文件")
        try:
            data = built.outputs.get(fmt)  # the previewed PDF is there already
            if data is None:
                data = await state.worker.run(state.engine.output, built, fmt)
        except Busy:
            return _error(503, "服务器正忙，请稍候再试")
        except asyncio.TimeoutError:
            return _error(504, "生成超时")
        name = forms.download_name(forms.found_fields(built.issue), fmt)
        inline = request.query_params.get("inline") == "1" and fmt == "pdf"
        disposition = "inline" if inline else "attachment"
        ascii_name = f"bulletin.{fmt}"
        return Response(data, media_type=MEDIA.get(fmt, "application/octet-stream"), headers={
            "content-disposition": f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"})

    async def fix(request: Request):
        body = await _json(request)
        built = state.engine.store.get(str(body.get("id", "")))
        if built is None:
            return _error(404, "预览已过期，请刷新")
        if body.get("text") != built.text:  # typed since this preview: its spans are stale
            return _error(409, "正文已改动，请等预览刷新后再修正")
        which = body.get("index")
        diags = [d for d in built.diagnostics if d.fix is not None]
        if which != "all":
            if not isinstance(which, int) or not 0 <= which < len(built.diagnostics):
                return _error(400, "没有这条修改建议")
            diags = [built.diagnostics[which]]
        from ..checks.fixes import apply_fixes

        n = len(built.text.split("\n"))
        text, changes = apply_fixes(built.text, [d for d in diags if d.span and d.span.line <= n])
        return JSONResponse({"text": text, "changes": len(changes)})

    async def open_files(request: Request):
        limits = cfg.limits
        async with request.form(max_files=limits.files + 1, max_fields=limits.fields,
                                max_part_size=limits.body) as form:
            files = []
            for item in form.getlist("files"):
                if isinstance(item, str):
                    continue
                files.append((str(item.filename or ""), await item.read()))
        try:
            text, fields = await state.worker.run(state.read_files, files)
        except Busy:
            return _error(503, "服务器正忙，请稍候再试")
        return JSONResponse({"text": text, "form": fields})

    async def history_list(request: Request):
        return JSONResponse({"entries": state.history.entries()})

    async def history_get(request: Request):
        rec = state.history.load(request.path_params["doc"])
        if rec is None:
            return _error(404, "没有这条记录")
        return JSONResponse({k: rec.get(k) for k in ("id", "text", "form", "style", "title")})

    async def next_issue(request: Request):
        body = await _json(request)
        rec = state.history.load(str(body.get("doc", ""))) or state.history.latest()
        if rec is None:
            return _error(404, "还没有上一期：先排一期，再点“下一期”")
        fields = forms.next_issue(rec.get("fields") or {})
        return JSONResponse({"doc": _history.new_id(), "form": fields, "text": "",
                             "style": rec.get("style")})

    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    g = _guarded
    app.router.routes.extend([
        Route("/", g(index)),
        Route("/api/preview", g(preview), methods=["POST"]),
        Route("/api/result/{rid:str}/page/{n:int}.png", g(page)),
        Route("/api/result/{rid:str}/file.{fmt:str}", g(download)),
        Route("/api/fix", g(fix), methods=["POST"]),
        Route("/api/open", g(open_files), methods=["POST"]),
        Route("/api/history", g(history_list)),
        Route("/api/history/{doc:str}", g(history_get)),
        Route("/api/next", g(next_issue), methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=str(state.static_dir)), name="static"),
    ])


def _build(state, text: str, form: dict, style: str):
    from ..parser import parse_text

    kinds = parse_text(text).line_kinds if form.get("distribution") else ()
    source, overrides = forms.compose(text, form, kinds)
    built = state.engine.build(source, overrides, style)
    built.text = text
    return built
