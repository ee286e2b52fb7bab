"""The app factory and the server loop of `bulletin-export serve`."""

from __future__ import annotations

import os
import secrets
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import Limits

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class WebConfig:
    """What the command line decides; nothing here ever comes from a browser."""

    data_dir: Path
    host: str = "127.0.0.1"
    style: str | None = None
    font_dirs: tuple[Path, ...] = ()
    token: str | None = None  # required when not None (the server listens beyond loopback)
    limits: Limits = field(default_factory=Limits)


def default_data_dir() -> Path:
    """The user data folder: $XDG_DATA_HOME/bulletin-export (~/.local/share/bulletin-export)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "bulletin-export"


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


class State:
    """The server's long-lived parts, shared by the routes."""

    def __init__(self, config: WebConfig):
        import jinja2

        from ..stylesheet import list_styles
        from .engine import Engine
        from .history import History
        from .routes import Worker

        self.config = config
        self.styles = [(name, desc) for name, desc, _ in list_styles()]
        self.style_names = {name for name, _ in self.styles}
        self.default_style = config.style or ("bulletin" if "bulletin" in self.style_names
                                              else (self.styles[0][0] if self.styles else None))
        if self.default_style not in self.style_names:  # a .toml given to --style
            self.styles.insert(0, (self.default_style, "--style"))
            self.style_names.add(self.default_style)
        self.engine = Engine(config.font_dirs, self.default_style)
        self.history = History(config.data_dir)
        self.worker = Worker(config.limits.renders, config.limits.render_seconds)
        self.static_dir = HERE / "static"
        self.templates = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                                            autoescape=True)
        self._stand_ins: dict[str | None, list] = {}
        self._lock = threading.Lock()

    def stand_ins(self, style):
        with self._lock:
            if style not in self._stand_ins:
                try:
                    self._stand_ins[style] = [list(p) for p in self.engine.stand_ins(style)]
                except Exception:
                    self._stand_ins[style] = []
            return self._stand_ins[style]

    def engine_page(self, built, index: int, scale: float):
        from .engine import page_png

        return page_png(built.outputs["pdf"], index, scale)

    def read_files(self, files):
        from .inputs import read_files

        return read_files(files, self.config.limits)


def create_app(config: WebConfig):
    """The Starlette application (routes, the security guard, no debug pages)."""
    from starlette.applications import Starlette

    from . import routes
    from .security import Guard

    state = State(config)
    app = Starlette(debug=False)
    app.state.bx = state
    routes.setup(app, state)
    return Guard(app, bind_host=config.host, token=config.token, max_body=config.limits.body)


def make_token(host: str) -> str | None:
    return None if is_loopback(host) else secrets.token_urlsafe(24)


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def url_of(host: str, sock: socket.socket, token: str | None) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def make_server(app, sock: socket.socket):
    """A uvicorn server for ``app`` on an already bound socket (no access log: no URLs, no text)."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            server_header=False, date_header=False)
    return uvicorn.Server(config)


class Background:
    """The server in a thread of this process, on a free port (tests, the screenshot tool):

        with Background(WebConfig(data_dir=d)) as url: ...
    """

    def __init__(self, config: WebConfig, port: int = 0):
        self.config, self.port = config, port

    def __enter__(self) -> str:
        import time

        self.app = create_app(self.config)
        sock = bind(self.config.host, self.port)
        self.server = make_server(self.app, sock)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)
        self.url = url_of(self.config.host, sock, self.config.token)
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
