"""Encodings that are not GB18030: Shift-JIS, Big5 and EUC-KR are refused in one line that
names the likely encoding (never mojibake, never a "missing glyph" later), read on purpose
with ``encoding=``; GB18030 text keeps decoding as before; the input size limit."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bulletin_export import decode
from bulletin_export.decode import detect
from bulletin_export.errors import InputError, UsageError
from bulletin_export.parser import parse_bytes, parse_file

HERE = Path(__file__).parent
INPUTS = HERE / "inputs"
ROOT = HERE.parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))

FOREIGN = [("shift-jis.txt", "shift_jis", "Shift-JIS", "労働組合の春季研修会が開催されました"),
           ("big5.txt", "big5", "Big5", "市總工會召開春季工作會議"),
           ("euc-kr.txt", "euc_kr", "EUC-KR", "시 노동조합 봄철 연수회 개최")]


@pytest.mark.parametrize("name,codec,label,title", FOREIGN)
def test_foreign_encoding_is_refused_naming_it(name, codec, label, title) -> None:
    data = (INPUTS / name).read_bytes()
    data.decode("gb18030")  # the trap: GB18030 decodes these bytes without an error
    with pytest.raises(InputError) as info:
        parse_bytes(data, file=f"in/{name}")
    message = str(info.value)
    assert message.startswith(f"in/{name}: undecodable input: this looks like {label}")
    assert f"--encoding {codec}" in message
    assert "\n" not in message


@pytest.mark.parametrize("name,codec,label,title", FOREIGN)
def test_foreign_encoding_read_on_purpose(name, codec, label, title) -> None:
    res = parse_file(INPUTS / name, encoding=codec)
    assert res.issue.sections[0].articles[0].title == title
    assert res.diagnostics[0].message == f"decoded as {codec} (as asked)"
    assert res.issue.source.sha256 == hashlib.sha256((INPUTS / name).read_bytes()).hexdigest()


def test_reader_passes_encoding() -> None:
    from bulletin_export.readers.text import TextReader

    res = TextReader().read((INPUTS / "big5.txt").read_bytes(), file="b.txt", encoding="big5")
    assert res.lines[1] == "市總工會召開春季工作會議"


def test_forced_encoding_errors() -> None:
    with pytest.raises(UsageError, match="unknown encoding 'klingon'"):
        detect(b"abc", encoding="klingon")
    with pytest.raises(InputError) as info:
        detect(b"ok\n\x82\xa0\xff\xff\n", file="x.txt", encoding="shift_jis")
    assert str(info.value).startswith("x.txt:2: undecodable input: invalid shift_jis byte 0x")
    assert detect("\ufeff标题\n".encode("utf-8"), encoding="utf-8").text == "标题\n"
    assert detect("标题\n".encode("gb18030"), encoding="GB18030").text == "标题\n"


def _encodable(path: Path, codec: str) -> bool:
    try:
        path.read_text("utf-8").encode(codec)
        return True
    except UnicodeEncodeError:
        return False


GB_CASES = [(p, c) for p in SAMPLES for c in ("gb18030", "gbk", "gb2312") if _encodable(p, c)]


@pytest.mark.parametrize("path,codec", GB_CASES, ids=lambda v: getattr(v, "name", v))
def test_samples_in_gb_still_decode_as_gb18030(path: Path, codec: str) -> None:
    text = path.read_text("utf-8")
    got = detect(text.encode(codec))
    assert (got.text, got.encoding) == (text, "GB18030")


@pytest.mark.parametrize("path", sorted((ROOT / "tests/parser/fixtures").glob("*.txt")),
                         ids=lambda p: p.name)
def test_every_parser_fixture_decodes_as_before(path: Path) -> None:
    """Each parser fixture (UTF-8, GB18030, UTF-16) and its GB18030 form decode unrefused."""
    text = detect(path.read_bytes()).text
    gb = text.encode("gb18030", "surrogatepass")
    assert detect(gb).text == text


def test_gb_prose_mixing_gbk_only_characters() -> None:
    text = "𠮷字与䶮字均为GB18030所收，镕、喆、堃、昇也常见于人名。\n" * 3
    assert detect(text.encode("gb18030")).encoding == "GB18030"


def test_gb_guess_is_fast_on_a_large_file() -> None:
    import time

    data = SAMPLES[0].read_text("utf-8").encode("gb18030") * 200  # ~3 MB
    t = time.perf_counter()
    assert detect(data).encoding == "GB18030"
    assert time.perf_counter() - t < 1.0


def test_size_limit_one_line(monkeypatch) -> None:
    monkeypatch.setattr(decode, "MAX_INPUT_BYTES", 2 * 2**20)
    with pytest.raises(InputError) as info:
        parse_bytes(b"x" * 3 * 2**20, file="big.txt")
    assert str(info.value) == ("big.txt: input too large: 3 MB (the limit for text is 2 MB) "
                               "(split the file into issues)")
    monkeypatch.undo()
    assert decode.MAX_INPUT_BYTES == 64 * 2**20
    decode.check_size(64 * 2**20)
    with pytest.raises(InputError, match="input too large: 500 MB"):
        decode.check_size(500 * 2**20, file="huge.txt")
