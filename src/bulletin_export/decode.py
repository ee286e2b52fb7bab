"""Bytes to text, once: BOMs, UTF-8, UTF-16 without BOM when clear, else GB18030.

Raises `InputError` (one line, naming the file) for empty, binary, undecodable or too
large input (`MAX_INPUT_BYTES`). Text that is not UTF-8 and reads as GB18030 only as
mojibake, but plainly as Shift-JIS, Big5 or EUC-KR (see `foreign.py`), is refused with
the likely encoding named; ``encoding=`` (the CLI's ``--encoding``) reads it on purpose.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .errors import InputError, UsageError

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE (BOM)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE (BOM)"),
)

# C0 controls that text files do carry; everything else below 0x20 counts as binary noise.
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c\x0b\x1a\x1b")
_SAMPLE = 8192
#: The largest input read (64 MiB, about 20 million Chinese characters, thousands of pages):
#: a bigger file is refused in one line instead of taking minutes and gigabytes.
MAX_INPUT_BYTES = 64 * 1024 * 1024


_HIGH = bytes(range(0x80, 0x100))
_CODEC_BOMS = {"utf-8": codecs.BOM_UTF8, "gb18030": b"\x84\x31\x95\x33",
               "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
               "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding it was read as (for an info diagnostic)."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, file: str | None = None, encoding: str | None = None) -> str:
    """Decode source bytes; see `detect` for the rules."""
    return detect(data, file=file, encoding=encoding).text


def check_size(size: int, *, file: str | None = None) -> None:
    """InputError when an input of `size` bytes is over `MAX_INPUT_BYTES` (callers may
    check a file's size before reading it)."""
    if size > MAX_INPUT_BYTES:
        raise InputError(f"input too large: {size / 2**20:.0f} MB (the limit for text is "
                         f"{MAX_INPUT_BYTES // 2**20} MB)", file=file,
                         hint="split the file into issues")


def detect(data: bytes, *, file: str | None = None, encoding: str | None = None) -> Decoded:
    """Decode `data` once, or raise InputError naming `file`. With `encoding` (a Python
    codec name such as "shift_jis", "big5", "euc_kr", "gb18030") the bytes are read as
    that, strictly; an unknown name is a UsageError."""
    check_size(len(data), file=file)
    if encoding:
        return _forced(data, encoding, file)
    if not data.strip():
        raise InputError("empty input: the file has no text", file=file)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _finish(_strict(data[len(bom):], codec, label, file), label, file)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        codec, label = utf16
        return _finish(_strict(data, codec, label, file), label, file)
    if b"\x00" in data:
        raise InputError("binary file: it contains NUL bytes, not text", file=file)
    head = data[:_SAMPLE]
    noise = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    if noise * 20 > len(head):
        raise InputError(f"binary file: {noise} control bytes in the first {len(head)}", file=file)
    try:
        return _finish(data.decode("utf-8"), "UTF-8", file)
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise _utf8_error(data, exc, file) from None
    from .foreign import guess

    likely = guess(data)
    if likely is not None:
        codec, label = likely
        raise InputError(f"undecodable input: this looks like {label}, not UTF-8 or GB18030",
                         file=file, hint=f"save it as UTF-8, or read it with --encoding {codec}")
    try:
        return _finish(data.decode("gb18030"), "GB18030", file)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"undecodable input: not UTF-8, UTF-16 or GB18030 (byte 0x{data[exc.start]:02X} "
            f"at offset {exc.start})",
            file=file,
            hint="save the file as UTF-8",
        ) from None


def _forced(data: bytes, encoding: str, file: str | None) -> Decoded:
    """`data` read as the caller's `encoding` (a BOM of that encoding is dropped)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r} (try utf-8, gb18030, big5, shift_jis, "
                         "euc_kr)") from None
    name = info.name
    bom = _CODEC_BOMS.get(name)
    if bom and data.startswith(bom):
        data = data[len(bom):]
    label = f"{name} (as asked)"
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        raise InputError(f"undecodable input: invalid {name} byte 0x{data[exc.start]:02X} at "
                         f"offset {exc.start}", file=file, line=before.count(b"\n") + 1) from None
    if not text.strip():
        raise InputError("empty input: the file has no text", file=file)
    return _finish(text, label, file)


def _mostly_utf8(data: bytes) -> bool:
    """True when nearly all non-ASCII bytes form valid UTF-8 sequences: a UTF-8 file with a
    few bad bytes, whose error is best reported where UTF-8 failed (not GB18030's guess)."""
    non_ascii = len(data) - len(data.translate(None, _HIGH))
    if not non_ascii:
        return False
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    valid = len(text.encode("utf-8")) - len(text) - 2 * text.count("\ufffd")  # continuation bytes
    return bad > 0 and valid >= 9 * bad


def _utf8_error(data: bytes, exc: UnicodeDecodeError, file: str | None) -> InputError:
    """The first invalid UTF-8 byte as line:col (columns count decoded characters)."""
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    col = len(before[start:].decode("utf-8", "replace")) + 1
    return InputError(
        f"undecodable input: invalid UTF-8 byte 0x{data[exc.start]:02X} at column {col} (offset "
        f"{exc.start})", file=file, line=line, hint="save the file as UTF-8")


def _strict(data: bytes, codec: str, label: str, file: str | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"undecodable input: invalid {label} at offset {exc.start}", file=file) from None


def _plausible(ch: str) -> bool:
    o = ord(ch)
    return (0x20 <= o < 0x7F or ch in "\t\n\r\x0c" or 0x2000 <= o <= 0x206F or 0x3000 <= o <= 0x303F
            or 0x4E00 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF or 0xA0 <= o <= 0xFF)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 is 'clearly so' when there are NUL bytes, the length is even, more than half
    of the NULs are high bytes in that byte order and it decodes to text that is almost all
    ASCII, CJK and CJK punctuation."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    head = data[: _SAMPLE * 2]
    nuls = [i for i, b in enumerate(head) if b == 0]
    for codec, label, high in (("utf-16-le", "UTF-16 LE", 1), ("utf-16-be", "UTF-16 BE", 0)):
        # ASCII (newlines, digits) has a NUL high byte, so most NULs sit at the high byte's
        # parity (开 U+5F00 puts a few on the other); `abc\0\0def` (NULs on both) is binary, not text.
        if sum(1 for i in nuls if i % 2 == high) * 2 <= len(nuls):
            continue
        try:
            text = head.decode(codec, "replace")  # the cut may split a pair
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        good = sum(1 for ch in text if _plausible(ch))
        if good >= 0.95 * len(text):
            return codec, label
    return None


def _finish(text: str, label: str, file: str | None) -> Decoded:
    if not text.strip("\ufeff\u200b\u200c\u200d\u2060 \t\r\n\x0c\x0b\u3000\xa0"):
        raise InputError("empty input: the file has only white space", file=file)
    return Decoded(text, label)
