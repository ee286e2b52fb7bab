"""apply_fixes and encode_like: the library side of `check --fix`."""

from __future__ import annotations

import codecs

import pytest

from bulletin_export.checks import run_on_lines
from bulletin_export.checks.fixes import apply_fixes, encode_like
from bulletin_export.diagnostics import Diagnostic, Severity
from bulletin_export.model import Span


def _fix(line: int, col: int, length: int, new: str, code: str = "BX999") -> Diagnostic:
    return Diagnostic(code, Severity.WARNING, "m", Span.of_line(line, col, length), fix=new)


def test_fixes_on_one_line_apply_right_to_left() -> None:
    text = "日前,市总工会 “职工之家“建设\n"
    diags = run_on_lines(text.splitlines())
    new, changes = apply_fixes(text, diags)
    assert new == "日前，市总工会“职工之家”建设\n"
    assert [c.describe() for c in changes] == [
        "1:3 ',' → '，' [BX221]", "1:8 ' ' → '' [BX223]", "1:14 '“' → '”' [BX201]"]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_line_endings_are_kept(eol: str) -> None:
    text = eol.join(["第一行", "日前,市总", "", "今年２０１２年"]) + eol
    new, changes = apply_fixes(text, run_on_lines(text.replace(eol, "\n").split("\n")))
    assert new == eol.join(["第一行", "日前，市总", "", "今年2012年"]) + eol
    assert [(c.line, c.col) for c in changes] == [(2, 3), (4, 3)]


def test_overlapping_and_stale_fixes_are_skipped() -> None:
    text = "abcdef"
    diags = [_fix(1, 2, 3, "X"), _fix(1, 3, 1, "Y"), _fix(1, 6, 5, "Z"), _fix(2, 1, 1, "W"),
             Diagnostic("BX999", Severity.ERROR, "no fix", Span.of_line(1, 1, 1))]
    new, changes = apply_fixes(text, diags)
    assert new == "aXef"
    assert [(c.col, c.old, c.new) for c in changes] == [(2, "bcd", "X")]


def test_multi_line_spans_are_not_fixed() -> None:
    d = Diagnostic("BX999", Severity.WARNING, "m", Span(1, 1, 2, 1), fix="")
    assert apply_fixes("ab\ncd\n", [d]) == ("ab\ncd\n", [])


@pytest.mark.parametrize("label,prefix,codec", [
    ("UTF-8", b"", "utf-8"),
    ("UTF-8 (BOM)", codecs.BOM_UTF8, "utf-8"),
    ("UTF-16 LE (BOM)", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("UTF-16 BE", b"", "utf-16-be"),
    ("GB18030", b"", "gb18030"),
])
def test_encode_like_keeps_the_input_encoding(label: str, prefix: bytes, codec: str) -> None:
    data, used = encode_like("职工之家”", label)
    assert used == label
    assert data == prefix + "职工之家”".encode(codec)


def test_encode_like_falls_back_to_utf8() -> None:
    assert encode_like("职工", None) == ("职工".encode(), "UTF-8")
    assert encode_like("职工", "Latin-1?") == ("职工".encode(), "UTF-8")


INPUTS = __import__("pathlib").Path(__file__).parent / "inputs"


def _check_fix(path) -> tuple[str, list[str], str]:
    """What `check --fix` does: parser diagnostics and check findings, fixes applied."""
    from bulletin_export.checks import run_checks
    from bulletin_export.parser import parse_bytes

    res = parse_bytes(path.read_bytes(), file=path.name)
    text = path.read_text(encoding="utf-8")
    new, changes = apply_fixes(text, list(res.diagnostics) + run_checks(res))
    return new, [c.describe() for c in changes], next(res.issue.articles()).paragraphs[0].text


def test_html_entities_are_decoded_for_print_and_fixed_in_the_source() -> None:
    """QA 11: the parser reads the entities as characters (BX006), whose fixes correct the source."""
    new, changes, printed = _check_fix(INPUTS / "html-entities.txt")
    assert printed == "4月6日，市总工会召开例会，会上“三访三促”活动&成效。"
    assert new.splitlines()[1] == "4月6日，市总工会召开例会，会上“三访三促”活动&成效。（市总办公室）"
    assert changes[0] == "2:14 '&nbsp;' → '' [BX006]"
    assert {c.rsplit("[", 1)[1] for c in changes} == {"BX006]"}


def test_nbsp_entity_is_a_space_between_latin_words_once() -> None:
    from bulletin_export.parser import parse_text

    res = parse_text("使用Microsoft&nbsp;&nbsp;Word软件，日前&nbsp;市总召开会议。\n")
    assert [d.fix for d in res.diagnostics if d.code == "BX006"] == [" ", "", ""]


def test_spaces_before_chinese_marks_are_fixed() -> None:
    """QA 11: `例会 。` and `仪式 ，` are BX223 findings, the padding before the source is not."""
    new, changes, printed = _check_fix(INPUTS / "space-before-punct.txt")
    assert new.splitlines()[1] == "4月6日，市总工会召开例会。会前举行了揭牌仪式，效果很好。（市总办公室）"
    assert all(c.endswith("[BX223]") for c in changes) and len(changes) == 4
