"""The masthead: name lines longer than 20 characters, `--set name=…` finding the name line,
the year in the issue line (BX108)."""

from __future__ import annotations

import datetime as dt

from bulletin_export.parser import parse_text

REST = "中共苏州市委全面深化改革委员会办公室编　　2024年7月1日\n\n全市推进营商环境改革工作会议召开\n" \
       "6月28日，全市推进营商环境改革工作会议召开，会议部署了下一阶段重点任务。（市委改革办）\n"


def titles(res) -> list[str | None]:
    return [a.title for s in res.issue.sections for a in s.articles]


def test_a_40_character_name_followed_by_an_issue_line() -> None:
    name = "中共苏州市委全面深化改革委员会办公室" * 2 + "工作简报"  # 40 characters
    res = parse_text(f"{name}\n第8期\n{REST}")
    assert res.issue.masthead is not None and res.issue.masthead.name == name
    assert titles(res) == ["全市推进营商环境改革工作会议召开"]


def test_a_long_name_and_issue_on_one_line() -> None:
    name = "中共苏州市委全面深化改革委员会办公室改革工作简报"
    res = parse_text(f"{name}　第8期（总第102期）\n{REST}")
    m = res.issue.masthead
    assert m is not None and (m.name, m.issue_no, m.total_no) == (name, 8, 102)


def test_a_long_line_with_a_weak_suffix_and_no_issue_line_is_no_name() -> None:
    # 工作 ends many titles: a 30-character line ending in it needs an issue line after it
    text = "关于进一步做好全市营商环境改革试点的重点工作\n2024年7月1日\n\n日前，全市召开会议。（市委改革办）\n"
    res = parse_text(text)
    assert res.issue.masthead is None or res.issue.masthead.name is None


def test_a_long_title_ending_in_jianbao_followed_by_text_is_a_title() -> None:
    text = "关于全市推进营商环境改革工作情况的工作简报\n6月28日，全市召开会议，部署了重点任务。（市委改革办）\n"
    res = parse_text(text)
    assert res.issue.masthead is None
    assert titles(res) == ["关于全市推进营商环境改革工作情况的工作简报"]


def test_set_name_finds_a_name_line_longer_than_any_limit() -> None:
    name = "中共苏州市委全面深化改革委员会办公室与苏州市发展和改革委员会联合编印的改革工作简报"
    for rest in (f"第8期\n{REST}", REST):  # before an issue line; before the editor line only
        plain = parse_text(f"{name}\n{rest}")
        assert len(name) > 40 and plain.line_kinds[0] != "masthead"  # not a name without --set
        res = parse_text(f"{name}\n{rest}", overrides={"name": "深改简报"} if rest != REST else {"name": name})
        assert res.issue.masthead is not None and res.issue.masthead.editor == "中共苏州市委全面深化改革委员会办公室"
        assert titles(res) == ["全市推进营商环境改革工作会议召开"]
        assert res.line_kinds[0] == "masthead"


def test_the_year_warning_says_what_the_date_line_does() -> None:
    def bx108(masthead: str) -> list[str]:
        res = parse_text(masthead + "\n市总召开例会\n4月6日，市总召开例会。\n")
        return [d.message for d in res.diagnostics if d.code == "BX108"]

    assert bx108("工会工作简报\n2012年第4期\n市总办编　2012年4月28日\n") == [
        "the year in the issue line (2012) is not printed; the date line carries it"]
    assert bx108("工会工作简报\n（2011）第4期\n市总办编　2012年4月28日\n") == [
        "the year in the issue line (2011) is not printed; the date line says 2012"]
    assert bx108("工会工作简报\n二〇一二年第4期\n") == [
        "the year in the issue line (2012) is not printed; the masthead has no date"]
    assert bx108("工会工作简报\n第4期\n市总办编　2012年4月28日\n") == []


def test_the_year_is_a_warning_only_when_the_date_line_does_not_carry_it() -> None:
    def severity(masthead: str) -> list[str]:
        res = parse_text(masthead + "\n市总召开例会\n4月6日，市总召开例会。\n")
        return [d.severity.value for d in res.diagnostics if d.code == "BX108"]

    assert severity("工作简报\n2024年第3期\n校长办公室编　2024年3月15日\n") == ["info"]
    assert severity("工作简报\n（2023）第3期\n校长办公室编　2024年3月15日\n") == ["warning"]
    assert severity("工作简报\n2024年第3期\n") == ["warning"]


CLASSIFIED = "内部资料\n苏州工会\n苏州市总工会编　2012年4月28日\n\n市总召开例会\n4月6日，市总召开例会，部署二季度工作。（市总办公室）\n"


def test_set_name_after_a_classification_line_keeps_the_whole_masthead() -> None:
    # issue 12: the loop variable overwrote the --set name from the second masthead line on
    for overrides in ({"name": "苏州工会"}, {"name": "工会工作简报"}, None):
        res = parse_text(CLASSIFIED, overrides=overrides)
        m = res.issue.masthead
        assert m is not None
        want = overrides["name"] if overrides else "苏州工会"
        assert (m.classification, m.name, m.editor, m.date) == ("内部资料", want, "苏州市总工会", dt.date(2012, 4, 28))
        assert titles(res) == ["市总召开例会"]
        assert res.line_kinds[:3] == ("masthead",) * 3


def test_a_long_line_with_a_comma_after_a_classification_is_no_name() -> None:
    line = "关于开展全市职工技能竞赛、劳动竞赛和合理化建议等活动情况的汇报材料"
    assert len(line) == 33
    res = parse_text(f"内部资料\n{line}\n第4期\n苏州市总工会编　2012年4月28日\n\n市总召开例会\n4月6日，市总召开例会。\n")
    assert res.issue.masthead is not None and res.issue.masthead.name is None
    assert line in titles(res)
    # with --set name=… the same line is the name line and the given name wins
    forced = parse_text(f"内部资料\n{line}\n第4期\n苏州市总工会编　2012年4月28日\n\n市总召开例会\n4月6日，市总召开例会。\n",
                        overrides={"name": "苏州工会"})
    m = forced.issue.masthead
    assert (m.name, m.issue_no, m.editor) == ("苏州工会", 4, "苏州市总工会")
    assert titles(forced) == ["市总召开例会"]
