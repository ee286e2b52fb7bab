"""The API takes what scripts naturally pass, and refuses what makes no sense."""

from __future__ import annotations

import pytest

import bulletin_export as bx
from bulletin_export.errors import UsageError


def test_parse_accepts_path_str_bytes_and_buffers(seed_path):
    by_path = bx.parse(seed_path).issue
    data = seed_path.read_bytes()
    assert bx.parse(data).issue == by_path
    assert bx.parse(bytearray(data)).issue == by_path
    assert bx.parse(memoryview(data)).issue == by_path
    assert bx.parse(data.decode("utf-8")).issue == by_path


def test_a_str_is_text_never_a_path(seed_path, tmp_path, monkeypatch):
    """bx.parse(str) parses the string: a server built on it never reads its own files."""
    res = bx.parse(str(seed_path))
    assert res.lines == (str(seed_path),)
    assert res.issue != bx.parse(seed_path).issue
    secret = tmp_path / "hostname"
    secret.write_text("SECRET-HOST\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: opened.append(f) or real_open(f, *a, **k))
    for text in ("hostname", str(secret), "/etc/hostname"):
        res = bx.parse(text)
        assert "SECRET-HOST" not in repr(res.issue)
        assert res.lines == (text,)
    assert not [f for f in opened if str(f).endswith("hostname")]


def test_cr_only_text_is_text_not_a_file_name():
    """issue 17: CR-only line ends once made the string a "file name too long"."""
    text = "\r".join(["苏州工会工作简报", "第4期", "", "标题", "", "正文一段。"] * 200)
    res = bx.parse(text)
    assert len(res.lines) > 1000


def test_path_reads_with_its_suffix_and_bytes_use_file(seed_path, tmp_path):
    xml = bx.render(bx.parse(seed_path).issue, "xml")
    target = tmp_path / "issue.xml"
    target.write_bytes(xml)
    assert bx.parse(target).issue == bx.parse(seed_path).issue
    assert bx.parse(xml, file="issue.xml").issue == bx.parse(seed_path).issue
    assert bx.parse(xml).issue == bx.parse(seed_path).issue  # sniffed
    res = bx.parse(seed_path.read_bytes(), file="draft.txt")
    assert all(d.file in (None, "draft.txt") for d in res.diagnostics)


@pytest.mark.parametrize("bad", [None, 5, 3.0, ["a"]])
def test_parse_refuses_other_types(bad):
    with pytest.raises(TypeError, match="path, bytes or text"):
        bx.parse(bad)


def test_override_values_need_not_be_strings(seed_path):
    issue = bx.parse(seed_path, overrides={"name": "工会工作简报", "issue": 5}).issue
    assert issue.masthead.issue_no == 5


def test_single_strings_for_formats_and_font_dirs(seed_path, tmp_path):
    report = bx.convert(str(seed_path), "xml", tmp_path)
    assert not report.failed and report.outputs == 1
    with pytest.raises(UsageError, match="no such folder"):
        bx.convert(str(seed_path), "xml", tmp_path, font_dirs=str(tmp_path / "nope"))


def test_api_misuse_is_one_clear_error(seed_path, tmp_path):
    from bulletin_export.errors import UsageError

    issue = bx.parse(seed_path).issue
    with pytest.raises(UsageError, match="whole number of seconds, not 'abc'"):
        bx.render(issue, "xml", source_date_epoch="abc")           # was ValueError from int()
    assert bx.render(issue, "xml", source_date_epoch="0") == bx.render(issue, "xml", source_date_epoch=0)
    with pytest.raises(TypeError, match=r"render\(\) takes an Issue"):
        bx.render("苏州工会工作简报", "pdf")                          # was AttributeError: 'str' ... 'source'
    with pytest.raises(UsageError, match=r"convert\(\): unknown option 'bogus'; options: .*source_date_epoch"):
        bx.convert([seed_path], ["xml"], tmp_path, bogus=1)        # was TypeError from BuildOptions
    assert not list(tmp_path.iterdir())
