"""Small pieces: numerals, dates, cleaning, header keys and --set overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin_export.errors import UsageError
from bulletin_export.model import to_dict
from bulletin_export.parser import KNOWN_KEYS, LINE_KINDS, apply_overrides, parse_text
from bulletin_export.parser.lines import clean, squeeze
from bulletin_export.parser.numerals import BadDate, parse_date, parse_number

BODY = "【工作动态】\n市总召开工作会议\n日前，市总工会召开会议。（市总办公室）\n"


@pytest.mark.parametrize("text,value", [
    ("12", 12), ("１２", 12), ("十", 10), ("十二", 12), ("二十", 20), ("一百五十六", 156),
    ("一百零五", 105), ("两千", 2000), ("一五六", 156), ("二〇一二", 2012), ("一万二千", 12000), ("X", None),
])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["2012年4月28日", "二〇一二年四月二十八日", "2012-04-28", "2012/4/28",
                                  "2012.4.28", "２０１２年４月２８日", "2012 年 4 月 28 日"])
def test_parse_date(text: str) -> None:
    assert parse_date(text) == dt.date(2012, 4, 28)


def test_bad_date() -> None:
    assert parse_date("四月二十八日") is None
    with pytest.raises(BadDate):
        parse_date("2012年13月1日")


@pytest.mark.parametrize("raw,want", [
    ("\u3000\u3000正文。\u3000 ", "正文。"),
    ("企业    （单位）", "企业（单位）"),
    ("企业\u3000单位", "企业单位"),
    ("企业 “职工之家”", "企业 “职工之家”"),
    ("Mini   Program  平台", "Mini Program 平台"),
    ("\xa0拨打\xa0\xa012351\t热线", "拨打 12351 热线"),
])
def test_clean(raw: str, want: str) -> None:
    assert clean(raw) == want


def test_squeeze_heading() -> None:
    assert squeeze(" 工 作\u3000动 态 ") == "工作动态"
    assert squeeze("New  Year 专栏") == "New Year专栏"


def test_overrides_win_over_header_and_masthead() -> None:
    text = "---\nname: 甲简报\nissue: 3\n---\n乙简报\n第4期\n" + BODY
    res = parse_text(text, overrides={"name": "工会工作简报", "期号": "第十二期", "copies": "120",
                                      "date": "二〇一二年四月二十八日"})
    m = to_dict(res.issue)["masthead"]
    assert (m["name"], m["issue_no"], m["date"]) == ("工会工作简报", 12, "2012-04-28")
    assert res.issue.copies == 120


def test_overrides_alone_make_a_masthead() -> None:
    res = parse_text(BODY, overrides={"name": "工会工作简报"})
    assert res.issue.masthead is not None and res.issue.masthead.name == "工会工作简报"
    assert parse_text(BODY).issue.masthead is None


def test_unknown_override_key_is_usage_error_listing_keys() -> None:
    with pytest.raises(UsageError) as info:
        parse_text(BODY, overrides={"colour": "red"})
    assert "'colour'" in str(info.value)
    for key in KNOWN_KEYS:
        assert key in str(info.value)


def test_bad_override_value_is_usage_error() -> None:
    with pytest.raises(UsageError, match="date"):
        parse_text(BODY, overrides={"date": "2012年2月30日"})
    with pytest.raises(UsageError, match="issue"):
        parse_text(BODY, overrides={"issue": "many"})


def test_apply_overrides_to_a_read_issue() -> None:
    issue = parse_text(BODY).issue
    out = apply_overrides(issue, {"name": "工会工作简报", "print_date": "2012-04-29"})
    assert out.masthead.name == "工会工作简报" and out.print_date == dt.date(2012, 4, 29)
    assert out.sections == issue.sections


@pytest.mark.parametrize("text,codes", [
    ("", {"BX150"}), ("\n\n", {"BX150"}), ("（）", {"BX110", "BX114"}), ("【】", {"BX118", "BX117"}),
    ("---", {"BX150", "BX105"}), ("---\n---", {"BX150"}), ("编者按：", {"BX150", "BX131"}),
    ("报：", {"BX123"}), ("\x00\x01", {"BX150", "BX002"}), ("\ud800", {"BX150", "BX002"}),
    ("第期", {"BX110", "BX114"}), ("（共印份）", {"BX110", "BX114"}), ("——", {"BX110", "BX114"}),
    ("一、", {"BX116"}), ("\u2028\u2029\x85", {"BX150", "BX005", "BX004"}),
])
def test_parse_text_never_raises_on_odd_text(text: str, codes: set[str]) -> None:
    res = parse_text(text)
    assert {d.code for d in res.diagnostics} == codes
    assert len(res.line_kinds) == len(res.lines)
    assert all(kind in LINE_KINDS for kind in res.line_kinds)
    assert all("\n" not in d.headline() for d in res.diagnostics)
    empty = not (res.issue.masthead or res.issue.sections or res.issue.distribution or res.issue.editor_note)
    assert empty == ("BX150" in codes)  # nothing to print is an error, and only then


def test_surrogates_and_controls_are_dropped_with_warnings() -> None:
    res = parse_text("市总召开工作会议\n日前\ud800，会议召开\x01。\n")
    assert res.issue.sections[0].articles[0].paragraphs[0].text == "日前，会议召开。"
    assert [(d.code, d.span.line, d.span.col) for d in res.diagnostics if d.code == "BX002"] == [
        ("BX002", 2, 3), ("BX002", 2, 9)]


def test_parser_imports_no_renderer_library() -> None:
    import subprocess
    import sys

    code = ("import sys, bulletin_export.parser, bulletin_export.decode; "
            "print(sorted(m for m in ('docx', 'reportlab', 'lxml', 'fontTools') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_parser_code_is_documented() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    src = root / "src" / "bulletin_export"
    used = set()
    for path in [src / "decode.py", *sorted((src / "parser").glob("*.py"))]:
        used |= set(re.findall(r'"(BX[0-9]{3})"', path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"^\| (BX[0-9]{3}) \|", (root / "docs" / "source-format.md").read_text(
        encoding="utf-8"), re.M))
    assert used and used == documented


def test_line_kinds_one_per_source_line(masthead_path) -> None:
    from bulletin_export.parser import LINE_KINDS, parse_file

    res = parse_file(masthead_path)
    assert len(res.line_kinds) == len(res.lines)
    assert set(res.line_kinds) <= set(LINE_KINDS)
    by_text = {t.strip(): k for t, k in zip(res.lines, res.line_kinds)}
    assert by_text["内部资料　注意保存"] == "masthead"
    assert by_text["【工作动态】"] == "heading"
    assert by_text["（市总组织部）"] == "source"
    assert by_text["——市总机关干部深入基层一线听取职工意见"] == "subtitle"
    assert [k for k in res.line_kinds if k == "end_block"] == ["end_block"] * 3


def test_line_kinds_header_contents_and_form_feed() -> None:
    text = ("---\nname: 工会工作简报\n---\n本期要目\n1. 市总召开例会……1\n\n[工作 动态]\n"
            "市总召开例会\n日前，市总工会召开会议。\x0c（市总办公室）\n")
    res = parse_text(text)
    assert res.line_kinds == ("header", "header", "header", "contents", "contents", "blank",
                              "heading", "title", "paragraph")


@pytest.mark.parametrize("line,key", [
    ("1. 市总召开例会……3", "市总召开例会"), ("（二）市总 召开例会", "市总召开例会"),
    ("● 市总召开例会 12", "市总召开例会"), ("三、市总召开例会……第2版", "市总召开例会"),
    ("市总召开例会", "市总召开例会"),
])
def test_contents_key(line: str, key: str) -> None:
    from bulletin_export.parser.kinds import contents_key

    assert contents_key(line) == key


def test_a_labelled_source_right_under_the_title_is_the_source() -> None:
    res = parse_text("市总召开例会\n来源：市总办公室\n4月6日，市总召开例会，部署工作。\n")
    (art,) = res.issue.sections[0].articles
    assert (art.title, art.source, [p.text for p in art.paragraphs]) == (
        "市总召开例会", "市总办公室", ["4月6日，市总召开例会，部署工作。"])
    # a parenthesised line there stays text (a subtitle-like note, not a source)
    res = parse_text("市总召开例会\n（市总办公室）\n4月6日，市总召开例会，部署工作。\n")
    assert res.issue.sections[0].articles[0].source is None


def test_zhusong_above_the_text_is_no_end_block() -> None:
    res = parse_text("主送：各市（县）、区总工会\n市总召开例会\n4月6日，市总召开例会，部署工作。（市总办公室）\n")
    assert res.issue.distribution == ()
    assert [a.title for a in res.issue.articles()][-1] == "市总召开例会"
    after = parse_text("市总召开例会\n4月6日，市总召开例会，部署工作。（市总办公室）\n主送：各市（县）、区总工会\n")
    assert [(d.label, d.recipients) for d in after.issue.distribution] == [("主送", "各市（县）、区总工会")]
