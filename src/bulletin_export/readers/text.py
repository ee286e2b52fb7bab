"""The plain-text reader: the source format of docs/source-format.md (any of UTF-8,
UTF-16, GB18030); its diagnostics point at lines and the proofreading checks run on it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from ..parser import ParseResult


class TextReader:
    name = "text"
    suffixes = (".txt",)
    description = "plain-text bulletin source (UTF-8, UTF-16 or GB18030)"
    has_source_lines = True
    fixable = True

    def sniff(self, head: bytes) -> bool:
        """Any bytes may be text: the text reader is asked last, and decode decides
        (empty, binary or undecodable input is an InputError naming the file)."""
        return True

    def read(self, data: bytes, *, file: str | None = None,
             overrides: Mapping[str, str] | None = None,
             encoding: str | None = None) -> "ParseResult":
        """`encoding` (a codec name, e.g. "big5") reads the bytes as that instead of detecting."""
        from ..parser import parse_bytes

        return parse_bytes(data, file=file, overrides=overrides, encoding=encoding)
