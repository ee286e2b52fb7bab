"""Decoding: encodings, BOMs, and the one-line errors for empty, binary and undecodable input."""

from __future__ import annotations

import pytest

from bulletin_export.decode import decode_bytes, detect
from bulletin_export.errors import InputError
from bulletin_export.parser import parse_bytes, parse_file

TEXT = "【工作动态】\n市总召开工作会议\n日前，市总工会召开会议。（市总办公室）\n"


@pytest.mark.parametrize("codec,label", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"), ("utf-16", "UTF-16 LE (BOM)"),
    ("utf-16-be", "UTF-16 BE"), ("utf-16-le", "UTF-16 LE"), ("utf-32", "UTF-32 LE (BOM)"),
    ("gb18030", "GB18030"), ("gbk", "GB18030"), ("gb2312", "GB18030"),
])
def test_encodings(codec: str, label: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-16-be":
        assert not data.startswith(b"\xfe\xff")
    got = detect(data)
    assert got.text == TEXT
    assert got.encoding == label


def test_utf16_be_with_bom() -> None:
    data = b"\xfe\xff" + TEXT.encode("utf-16-be")
    assert decode_bytes(data) == TEXT


def test_gb18030_only_characters() -> None:
    text = "𠮷字与䶮字均为GB18030所收。\n"
    assert decode_bytes(text.encode("gb18030")) == text


@pytest.mark.parametrize("data,words", [
    (b"", "empty input"),
    (b"  \r\n\t\n", "empty input"),
    ("\ufeff\u3000\n".encode("utf-8"), "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    (bytes(range(1, 32)) * 10, "binary file"),
    (b"\xff\xfe\xfd\x80\x80abc\xff", "undecodable input"),
])
def test_bad_input_is_one_line_naming_the_file(data: bytes, words: str) -> None:
    with pytest.raises(InputError) as info:
        parse_bytes(data, file="in/bad.txt")
    message = str(info.value)
    assert message.startswith("in/bad.txt: ")
    assert words in message
    assert "\n" not in message


def test_parse_file_missing(tmp_path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        parse_file(tmp_path / "nope.txt")


def test_sha256_of_raw_bytes_and_of_text() -> None:
    import hashlib

    data = TEXT.encode("gb18030")
    assert parse_bytes(data).issue.source.sha256 == hashlib.sha256(data).hexdigest()
    from bulletin_export.parser import parse_text

    res = parse_text(TEXT, file="dir/x.txt")
    assert res.issue.source.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert res.issue.source.name == "x.txt"


INPUTS = __import__("pathlib").Path(__file__).parent / "inputs"


def test_mostly_utf8_reports_the_bad_utf8_byte() -> None:
    """One bad byte in a UTF-8 file: the error names that byte, not GB18030's failure."""
    data = (INPUTS / "utf8-one-bad-byte.txt").read_bytes()
    assert data[66] == 0xE9
    with pytest.raises(InputError) as info:
        parse_bytes(data, file="bad.txt")
    assert str(info.value).startswith("bad.txt:2: undecodable input: invalid UTF-8 byte 0xE9 at column 18 "
                                      "(offset 66)")


def test_gb18030_is_still_gb18030() -> None:
    """A real GB18030 file is not 'mostly UTF-8' and still decodes."""
    text = TEXT * 20
    assert detect(text.encode("gb18030")).encoding == "GB18030"


@pytest.mark.parametrize("data", [
    (INPUTS / "binary-ab-nul.txt").read_bytes(),  # abc\0\0def: NULs on both byte parities
    b"\x01\x00\x00\x02ab\x00\x00",
])
def test_short_nul_input_is_binary_not_utf16(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file"):
        detect(data, file="x.bin")


def test_short_utf16_without_bom_still_reads() -> None:
    assert detect("报：\n".encode("utf-16-le")).text == "报：\n"
