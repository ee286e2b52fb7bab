"""Opening a .docx safely: what kind of file it is, bounded unzipping, XML without entities.

A .docx is a zip of XML parts. Before anything is inflated, the archive's directory is
checked: at most MAX_PARTS entries and at most MAX_TOTAL bytes declared unpacked. A part
is then read as a stream with a cap (MAX_PART), so a directory that lies about sizes
cannot make us inflate more either. XML is parsed with entities unresolved, no network,
no DTD loaded, and any DOCTYPE refused; external relationships (linked images, remote
templates) are never followed: only the main document's own parts are read.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from ...errors import InputError

MAX_PARTS = 2000  # a long real draft has a few dozen parts (plus its images)
MAX_TOTAL = 256 * 1024 * 1024  # declared unpacked size of the whole archive
MAX_PART = 32 * 1024 * 1024  # one XML part as inflated (a 300-page draft's document.xml: ~10 MB)
CHUNK = 1 << 16

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
ODF_TEXT = b"application/vnd.oasis.opendocument.text"

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
              "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
#: "Strict Open XML" (ISO 29500 strict) namespaces -> the transitional ones read here.
STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
)
#: Main parts of other Office formats, to say what a zip that is no Word document is.
_OTHER_OFFICE = {"xl/workbook.xml": "an Excel workbook", "ppt/presentation.xml": "a PowerPoint deck",
                 "visio/document.xml": "a Visio drawing"}


def kind_of(head: bytes) -> str:
    """'zip', 'odt' (an OpenDocument text zip), 'ole' (.doc/.wps/encrypted .docx), 'rtf' or ''."""
    if head.startswith(ZIP_MAGIC):
        # ODF puts an uncompressed "mimetype" entry first: its content follows the 30-byte header
        return "odt" if head[30:38] == b"mimetype" and ODF_TEXT in head[:200] else "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(RTF_MAGIC):
        return "rtf"
    return ""


def ole_is_encrypted(data: bytes) -> bool:
    """Whether an OLE file is a password-protected OOXML package (its directory names the
    EncryptedPackage stream, written in UTF-16-LE)."""
    return "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


@dataclass
class Package:
    """The parts of a Word package that are read, by name; relationships of the main part."""

    file: str | None
    zf: zipfile.ZipFile
    main: str  # word/document.xml, as the package's relationships say
    rels: dict[str, tuple[str, str, bool]] = field(default_factory=dict)  # id -> (type, target, external)

    def part_name(self, rel_type_suffix: str) -> str | None:
        """The part the main document relates to with a type ending in ``/rel_type_suffix``."""
        for rtype, target, external in self.rels.values():
            if not external and rtype.rsplit("/", 1)[-1] == rel_type_suffix:
                return _resolve(self.main, target)
        return None

    def external(self) -> list[tuple[str, str]]:
        """(type, target) of every external relationship of the main part (never followed)."""
        return [(t.rsplit("/", 1)[-1], target) for t, target, ext in self.rels.values() if ext]

    def xml(self, name: str | None) -> etree._Element | None:
        """A part parsed as untrusted XML; None when the package has no such part."""
        if name is None:
            return None
        data = self.read(name)
        if data is None:
            return None
        if b"purl.oclc.org/ooxml" in data:
            for strict, transitional in STRICT_NAMESPACES:
                data = data.replace(strict, transitional)
        return parse_xml(data, name, self.file)

    def read(self, name: str) -> bytes | None:
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART:
            raise InputError(f"{name} would unpack to {info.file_size} bytes (the limit is "
                             f"{MAX_PART}): refused as a possible zip bomb", file=self.file)
        out = bytearray()
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    if len(out) > MAX_PART:
                        raise InputError(f"{name} unpacks to more than {MAX_PART} bytes: refused "
                                         "as a possible zip bomb", file=self.file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
                NotImplementedError) as exc:
            raise InputError(f"damaged .docx: cannot unpack {name} ({_first_line(exc)})",
                             file=self.file) from None
        return bytes(out)


def open_package(data: bytes, file: str | None) -> Package:
    """The checked zip of a Word document, or InputError with one line saying what it is."""
    kind = kind_of(data[:4096])
    if kind == "ole":
        if ole_is_encrypted(data):
            raise InputError("the document is password-protected (encrypted); save it without a "
                             "password and try again", file=file)
        raise InputError("this is a Word 97-2003 (.doc) or WPS file, not a .docx; give it its .doc "
                         "or .wps name so that it is converted with LibreOffice", file=file)
    if kind == "rtf":
        raise InputError("this is an RTF file, not a .docx; give it the .rtf suffix so that it is "
                         "converted with LibreOffice", file=file)
    if kind == "odt":
        raise InputError("this is an OpenDocument text (.odt), not a .docx; give it the .odt suffix "
                         "so that it is converted with LibreOffice", file=file)
    if kind != "zip":
        raise InputError("not a Word document (a .docx starts with the zip signature PK)", file=file)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError(f"damaged .docx: not a readable zip archive ({_first_line(exc)})", file=file) from None
    if len(infos) > MAX_PARTS:
        raise InputError(f"the archive holds {len(infos)} parts (the limit is {MAX_PARTS}): refused "
                         "as a possible zip bomb", file=file)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise InputError(f"the archive would unpack to {total} bytes (the limit is {MAX_TOTAL}): "
                         "refused as a possible zip bomb", file=file)
    if any(i.flag_bits & 0x1 for i in infos):
        raise InputError("the archive is encrypted (password-protected zip); save the document "
                         "without a password", file=file)
    names = {i.filename for i in infos}
    pkg = Package(file, zf, "")
    main = _main_part(pkg, names)
    if main is None:
        other = next((what for part, what in _OTHER_OFFICE.items() if part in names), None)
        what = f"it is {other}" if other else "it has no word/document.xml"
        raise InputError(f"a zip archive but not a Word document ({what})", file=file)
    pkg.main = main
    pkg.rels = _relationships(pkg, main)
    return pkg


def _main_part(pkg: Package, names: set[str]) -> str | None:
    root = pkg.xml("_rels/.rels") if "_rels/.rels" in names else None
    if root is not None:
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type") in OFFICE_DOC and rel.get("TargetMode") != "External":
                name = _resolve("", rel.get("Target", ""))
                if name in names and name.endswith(".xml"):
                    return name
    return "word/document.xml" if "word/document.xml" in names else None


def _relationships(pkg: Package, part: str) -> dict[str, tuple[str, str, bool]]:
    folder, base = posixpath.split(part)
    root = pkg.xml(posixpath.join(folder, "_rels", base + ".rels"))
    out: dict[str, tuple[str, str, bool]] = {}
    if root is not None:
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            out[rel.get("Id", "")] = (rel.get("Type", ""), rel.get("Target", ""),
                                      rel.get("TargetMode") == "External")
    return out


def _resolve(source_part: str, target: str) -> str:
    """A relationship target as a part name inside the zip (never outside it)."""
    if target.startswith("/"):
        name = target[1:]
    else:
        name = posixpath.join(posixpath.dirname(source_part), target)
    name = posixpath.normpath(name)
    return "" if name.startswith("..") else name


def parse_xml(data: bytes, part: str, file: str | None) -> etree._Element:
    """One part as XML: a DOCTYPE (the door to entities) is refused, entities never resolved."""
    if _declares_dtd(data):
        raise InputError(f"{part} declares a DOCTYPE/entities, which a Word document never does: "
                         "refused (entities and external references are not resolved)", file=file)
    try:
        root = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"damaged .docx: {part} is not well-formed XML ({_first_line(exc)})",
                         file=file) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise InputError(f"{part} declares a DOCTYPE/entities: refused", file=file)
    return root


_ROOT_START = re.compile(rb"<[A-Za-z_:]")


def _declares_dtd(data: bytes) -> bool:
    """Whether the prolog (everything before the root element) holds a DOCTYPE or ENTITY."""
    if b"\x00" in data[:4]:
        data = data.replace(b"\x00", b"")
    match = _ROOT_START.search(data)
    prolog = (data[: match.start()] if match else data).upper()
    return b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog


def _first_line(exc: object) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__
