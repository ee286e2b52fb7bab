"""One module per command (or command group); importing registers them on the app."""

from . import build, check, fonts, formats, parse, schema, serve, styles  # noqa: F401
