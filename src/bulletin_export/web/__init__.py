"""The local web page of `bulletin-export serve` (optional extra ``[web]``).

Starlette + uvicorn + Jinja2 + python-multipart + pypdfium2, imported only by the
`serve` command. ``create_app(WebConfig(...))`` is the ASGI app (tests use it with
Starlette's TestClient); docs/web.md describes the page, what it keeps and its security.

    server.py    the app factory, the configuration, binding and the uvicorn server
    security.py  Host, token, Origin, body size, response headers
    routes.py    the routes (JSON in Chinese), builds off the event loop, 503 when busy
    engine.py    the one door into the library: build, render, page images (pypdfium2)
    forms.py     masthead and end-block forms, --set overrides, 下一期, download names
    inputs.py    dropped files (.txt, .docx, .xml; several .docx = one issue), zip limits
    history.py   every issue built, kept under the data folder
    messages.py  the findings in Chinese
"""

from .server import WebConfig, create_app, default_data_dir

__all__ = ["WebConfig", "create_app", "default_data_dir"]
