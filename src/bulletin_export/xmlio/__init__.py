"""XML for document-management systems: a versioned XSD, a writer and a safe reader.

    from bulletin_export.xmlio import read_issue, write_issue, validate
    data = write_issue(issue, build_time=ctx.build_time(issue), generator_version=__version__)
    issue2 = read_issue(data, file="x.xml")   # == issue
"""

from __future__ import annotations

from ._safe import MAX_BYTES, MAX_DEPTH
from .reader import read_issue
from .schema import FORMAT_VERSION, NAMESPACE, SCHEMA_FILE, load_schema, schema_bytes, schema_path, validate
from .writer import write_issue, xml_safe

__all__ = [
    "FORMAT_VERSION", "MAX_BYTES", "MAX_DEPTH", "NAMESPACE", "SCHEMA_FILE",
    "load_schema", "read_issue", "schema_bytes", "schema_path", "validate", "write_issue", "xml_safe",
]
