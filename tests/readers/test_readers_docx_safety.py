"""Hostile and mistaken .docx inputs: one clear line, exit 1, quickly; nothing outside the
package is ever read (no entities, no external relationships)."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile

import pytest
from word_drafts import DRAFTS

from bulletin_export.errors import InputError
from bulletin_export.readers.docx import package, read_docx

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                 b'</Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _document(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}"><w:body>{body}'
            "</w:body></w:document>").encode()


def _docx(document: bytes, **extra: bytes) -> bytes:
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                 "word/document.xml": document, **extra})


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A zip bomb: a 40 MB document.xml (over the per-part limit) deflated to ~40 kB."""
    head = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        with zf.open("word/document.xml", "w") as fh:
            fh.write(head)
            chunk = b"\xe5\xb7\xa5" * (1 << 18)  # 工, 768 kB
            for _ in range(55):
                fh.write(chunk)
    return buf.getvalue()


def _cli(tmp_path, name: str, data: bytes) -> tuple[int, list[str], float]:
    path = tmp_path / name
    path.write_bytes(data)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "bulletin_export", "parse", str(path)],
                          capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stderr.strip().splitlines(), time.perf_counter() - start


def _one_line_error(tmp_path, name: str, data: bytes, expected: str) -> None:
    code, err, _ = _cli(tmp_path, name, data)
    assert code == 1, err
    assert len(err) == 1, err
    assert name in err[0] and expected in err[0], err[0]
    assert "Traceback" not in err[0]


def test_zip_bomb_renamed_docx_is_refused_before_inflating(tmp_path, bomb) -> None:
    assert len(bomb) < 200_000
    start = time.perf_counter()
    with pytest.raises(InputError, match="zip bomb"):
        read_docx(bomb, file="bomb.docx")
    assert time.perf_counter() - start < 1.0
    _one_line_error(tmp_path, "bomb.docx", bomb, "zip bomb")


def test_archive_declaring_more_than_the_total_limit_is_refused(monkeypatch, bomb) -> None:
    monkeypatch.setattr(package, "MAX_TOTAL", 10_000_000)
    monkeypatch.setattr(package, "MAX_PART", 100_000_000)
    with pytest.raises(InputError, match="would unpack to .* bytes .*zip bomb"):
        read_docx(bomb, file="bomb.docx")


def _claim_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with ``name``'s uncompressed size rewritten to ``size`` in its local header
    and in the central directory (a directory that lies)."""
    out = bytearray(data)
    raw = name.encode()
    for sig, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = out.find(sig)
        while pos >= 0:
            if out[pos + name_at: pos + name_at + len(raw)] == raw:
                out[pos + size_at: pos + size_at + 4] = size.to_bytes(4, "little")
            pos = out.find(sig, pos + 4)
    return bytes(out)


def test_a_directory_that_lies_about_sizes_gets_no_more_inflated(tmp_path) -> None:
    """A part claiming 100 bytes but holding 1.2 MB: never inflated past the claim (zipfile
    stops there, the CRC fails): one line, damaged."""
    data = _docx(_document("<w:p><w:r><w:t>" + "工" * 400_000 + "</w:t></w:r></w:p>"))
    lying = _claim_size(data, "word/document.xml", 100)
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo("word/document.xml").file_size == 100
    _one_line_error(tmp_path, "lying.docx", lying, "damaged .docx: cannot unpack word/document.xml")


def test_too_many_parts(monkeypatch) -> None:
    monkeypatch.setattr(package, "MAX_PARTS", 50)
    parts = {f"word/media/x{k}.bin": b"x" for k in range(60)}
    with pytest.raises(InputError, match="holds 63 parts"):
        read_docx(_docx(_document("<w:p/>"), **parts), file="many.docx")


def test_external_entity_in_document_xml(tmp_path) -> None:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    data = _docx(_document("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog))
    start = time.perf_counter()
    with pytest.raises(InputError, match="DOCTYPE"):
        read_docx(data, file="xxe.docx")
    assert time.perf_counter() - start < 1.0
    _one_line_error(tmp_path, "xxe.docx", data, "word/document.xml declares a DOCTYPE")


def test_entity_in_another_part_is_refused_too() -> None:
    styles = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><w:styles xmlns:w="' + W.encode() + b'"/>'
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/styles" Target="styles.xml"/></Relationships>')
    data = _docx(_document("<w:p/>"), **{"word/styles.xml": styles, "word/_rels/document.xml.rels": rels})
    with pytest.raises(InputError, match="word/styles.xml declares a DOCTYPE"):
        read_docx(data, file="x.docx")


def test_external_relationships_are_never_followed() -> None:
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/image" Target="http://127.0.0.1:9/logo.png" TargetMode="External"/>'
            b'<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/styles" Target="file:///etc/passwd" TargetMode="External"/></Relationships>')
    body = "<w:p><w:r><w:t>市总召开工作会议</w:t></w:r></w:p><w:p><w:r><w:t>日前，会议召开。</w:t></w:r></w:p>"
    res = read_docx(_docx(_document(body), **{"word/_rels/document.xml.rels": rels}), file="linked.docx")
    assert [a.title for a in res.issue.articles()] == ["市总召开工作会议"]
    notes = [d for d in res.diagnostics if d.code == "BX171"]
    assert len(notes) == 1 and "http://127.0.0.1:9/logo.png" in notes[0].message  # named, not fetched


@pytest.mark.parametrize("name, data, expected", [
    ("notes.docx", "这不是Word文档".encode(), "not a Word document (a .docx starts with the zip signature PK)"),
    ("sheet.docx", _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"}),
     "a zip archive but not a Word document (it is an Excel workbook)"),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word 97-2003 (.doc) or WPS file"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"),
     "password-protected"),
    ("cut.docx", DRAFTS["heading-styles"]()[:3000], "damaged .docx"),
])
def test_files_that_only_claim_to_be_a_docx(tmp_path, name, data, expected) -> None:
    _one_line_error(tmp_path, name, data, expected)
