"""The `serve` command: the local web page for secretaries (docs/web.md; extra `[web]`)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ...errors import EXIT_USAGE
from .._app import app, fail


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; any other than 127.0.0.1/localhost requires the printed token."),
    port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="Port; 0 picks a free one."),
    open_browser: bool = typer.Option(False, "--open", "-o", help="Open the page in the default browser."),
    data: Optional[Path] = typer.Option(None, "--data", help="Folder for the history of issues (default: the user data folder)."),
    style: Optional[str] = typer.Option(None, "--style", help="Style sheet selected at first: a name `styles` lists or a .toml file; the page offers these."),
    font_dirs: List[Path] = typer.Option([], "--font-dir", help="Extra folder to search for fonts first (repeatable)."),
) -> None:
    r"""Start the local web page: paste or drop a draft, see the real pages, fix, download.

    Prints the URL. Binds 127.0.0.1 unless --host says otherwise; then the URL carries a
    token that every browser must use once. Needs the web extra:
    pip install 'bulletin-export\[web]'. Stop with Ctrl-C.
    """
    missing = [m for m in ("starlette", "uvicorn", "jinja2", "multipart", "pypdfium2", "PIL") if not _has(m)]
    if missing:
        raise fail(f"serve needs the web extra ({', '.join(missing)} missing): pip install 'bulletin-export[web]'",
                   EXIT_USAGE)
    from ...errors import BulletinError
    from ...stylesheet import load_style
    from ...web import server

    for folder in font_dirs:
        if not folder.is_dir():
            raise fail(f"--font-dir {folder}: no such folder", EXIT_USAGE)
    if style is not None:
        try:
            load_style(style)  # a name `styles` lists, or a .toml file given here
        except BulletinError as exc:
            raise fail(f"--style {style}: {exc}", EXIT_USAGE)
    data_dir = (data or server.default_data_dir()).expanduser()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise fail(f"--data {data_dir}: {exc.strerror or exc}", EXIT_USAGE)
    try:
        sock = server.bind(host, port)
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_USAGE)
    token = server.make_token(host)
    config = server.WebConfig(data_dir=data_dir, host=host, style=style,
                              font_dirs=tuple(d.expanduser().resolve() for d in font_dirs), token=token)
    asgi = server.create_app(config)
    url = server.url_of(host, sock, token)
    srv = server.make_server(asgi, sock)
    typer.echo(f"bulletin-export serve: {url}  (history in {data_dir}; Ctrl-C stops)")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    import threading

    threading.Thread(target=_warm, args=(asgi,), daemon=True).start()
    srv.run(sockets=[sock])


def _has(module: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):  # ValueError: blocked in sys.modules
        return False


def _warm(asgi) -> None:
    """Load the style sheet and fonts in the background so the first preview is quick."""
    try:
        asgi.app.state.bx.engine.warm()
    except Exception:
        pass
