"""The XML reader: bulletin XML (namespace urn:bulletin-export:issue:1, docs/xml.md), read
safely; it has no source lines, so the proofreading checks do not run on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from ..parser import ParseResult


class XmlReader:
    name = "xml"
    suffixes = (".xml",)
    description = "bulletin XML (urn:bulletin-export:issue:1)"
    has_source_lines = False
    fixable = False

    def sniff(self, head: bytes) -> bool:
        stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
        return stripped[:5] == b"<?xml" or (stripped[:1] == b"<" and b"urn:bulletin-export:issue" in head)

    def read(self, data: bytes, *, file: str | None = None,
             overrides: Mapping[str, str] | None = None) -> "ParseResult":
        from .. import parser
        from ..xmlio import read_issue

        issue = read_issue(data, file)
        if overrides:
            issue = parser.apply_overrides(issue, overrides)
        return parser.ParseResult(issue=issue, diagnostics=(), lines=())
