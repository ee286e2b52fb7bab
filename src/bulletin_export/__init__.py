"""bulletin_export: typeset Chinese work bulletins (工作简报) from plain text.

    import bulletin_export as bx
    from pathlib import Path
    result = bx.parse(Path("samples/suzhou-union-2012-04.txt"))   # a str is the text itself
    pdf_bytes = bx.render(result.issue, "pdf")

Heavy libraries (reportlab, python-docx, lxml) load only when their renderer is used.
"""

from __future__ import annotations

# No import here (not even typing): the console script imports this package first, and a
# Ctrl-C in that moment would be a traceback; bulletin_export.cli installs its handlers next.
TYPE_CHECKING = False

__version__ = "0.1.0"

__all__ = ["__version__", "parse", "render", "convert", "formats", "ParseResult", "Issue"]

if TYPE_CHECKING:  # pragma: no cover
    from .api import convert, formats, parse, render
    from .model import Issue
    from .parser import ParseResult


def __getattr__(name: str) -> Any:
    if name in ("parse", "render", "convert", "formats"):
        from . import api

        return getattr(api, name)
    if name == "ParseResult":
        from .parser import ParseResult

        return ParseResult
    if name == "Issue":
        from .model import Issue

        return Issue
    raise AttributeError(name)
