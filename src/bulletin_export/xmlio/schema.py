"""The XSD of the issue format: where it is, its text, a cached validator, `validate`."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ._safe import parse_untrusted

NAMESPACE = "urn:bulletin-export:issue:1"
FORMAT_VERSION = "1.0"
SCHEMA_FILE = "bulletin-issue-1.xsd"


def schema_path() -> Path:
    """The XSD shipped inside the package (a real file: the package is not zipped)."""
    return Path(str(resources.files(__package__).joinpath(SCHEMA_FILE)))


def schema_bytes() -> bytes:
    """The XSD as shipped."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_bytes()


@lru_cache(maxsize=1)
def load_schema() -> etree.XMLSchema:
    """The compiled XSD, once per process."""
    doc = etree.fromstring(schema_bytes(), etree.XMLParser(resolve_entities=False, no_network=True))
    return etree.XMLSchema(doc)


def schema_errors(tree: etree._ElementTree) -> list[tuple[int | None, str]]:
    """(line, message) for each way the tree breaks the XSD; empty when valid."""
    schema = load_schema()
    if schema.validate(tree):
        return []
    return [(e.line or None, e.message.replace("{%s}" % NAMESPACE, "")) for e in schema.error_log]


def validate(data: bytes) -> list[str]:
    """Messages (`line N: ...`) for everything wrong with XML bytes; empty when they are valid."""
    try:
        tree = parse_untrusted(data)
    except InputError as exc:
        return [f"line {exc.line}: {exc.message}" if exc.line else exc.message]
    return [f"line {line}: {msg}" if line else msg for line, msg in schema_errors(tree)]
