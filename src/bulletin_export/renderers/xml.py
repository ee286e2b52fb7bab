"""The XML renderer: the issue in the bulletin-export issue format (see docs/xml.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Issue
    from . import RenderContext


class XmlRenderer:
    name = "xml"
    extension = ".xml"
    description = "XML for document-management systems (urn:bulletin-export:issue:1, XSD included)"

    def render(self, issue: "Issue", ctx: "RenderContext") -> bytes:
        from .. import __version__
        from ..xmlio import write_issue

        return write_issue(issue, build_time=ctx.build_time(issue), generator_version=__version__)
