"""The API takes what scripts naturally pass, and refuses what makes no sense."""

from __future__ import annotations

import pytest

import bulletin_export as bx
from bulletin_export.errors import UsageError


def test_parse_accepts_path_str_bytes_and_buffers(seed_path):
    by_path = bx.parse(seed_path).issue
    assert bx.parse(str(seed_path)).issue == by_path
    data = seed_path.read_bytes()
    assert bx.parse(data).issue == by_path
    assert bx.parse(bytearray(data)).issue == by_path
    assert bx.parse(memoryview(data)).issue == by_path
    assert bx.parse(data.decode("utf-8")).issue == by_path


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
