"""Issue 17, the parser's part: time linear in the input on the pathological lines that
took 10-81 s; zero-width entities removed; headlines on one line; CR-only text; the limit.

The timing tests compare the same shape at 1x and 4x (best of several runs, garbage
collected first) and allow up to 6x plus a small constant: a quadratic step gives 16x,
and the lines below took tens of seconds at these sizes before the fix.
"""

from __future__ import annotations

import gc
import time

import pytest

import bulletin_export as bx
from bulletin_export.checks import run_checks
from bulletin_export.parser import PARAGRAPH_MAX, parse_text

BODY = "市总召开例会\n4月6日，市总工会召开例会，部署二季度工作。\n"

SHAPES = {
    # issue 17: "a masthead line with 3,000 spaces: 81 s"
    "masthead-spaces": lambda n: "工会工作简报" + " " * n + "第4期\n" + BODY,
    "masthead-line-spaces": lambda n: "工会工作简报\n2012年第4期" + " " * n + "苏州市总工会编\n" + BODY,
    # "a paragraph of 20,000 spaces: 16 s; 5,000 NBSPs: 10 s"
    "paragraph-spaces": lambda n: BODY + "日前" + " " * n + "召开会议。\n",
    "paragraph-nbsp": lambda n: BODY + "开头" + "\u00a0" * n + "结尾。\n",
    "paragraph-ideographic-spaces": lambda n: BODY + "开头" + "\u3000" * n + "结尾。\n",
    "paragraph-nbsp-entities": lambda n: BODY + "开头" + "&nbsp;" * (n // 6) + "结尾。\n",
    "soft-breaks": lambda n: BODY + "Word" + " \u2028" * (n // 8) + "x\n",
    # "one 50,000-character line: 27 s to parse"
    "long-line": lambda n: BODY + ("市总工会召开会议，部署全年工作。" * (n // 16 + 1))[:n] + "\n",
    "header-value-spaces": lambda n: "---\nname: 工会" + " " * n + "简报\n---\n" + BODY,
    "header-bad-lines": lambda n: "---\n" + "不是键值\n" * (n // 20) + "---\n" + BODY,
    "contents-dots": lambda n: "本期要目\n" + "…" * n + "x\n" + BODY,
    "many-short-lines": lambda n: "".join(f"标题{k}\n" for k in range(n // 20)),
}


def _best(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        t = time.perf_counter()
        parse_text(text)
        best = min(best, time.perf_counter() - t)
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_parse_time_is_linear(shape: str) -> None:
    make = SHAPES[shape]
    parse_text(make(1000))  # warm up
    small, big = _best(make(20_000)), _best(make(80_000))
    assert big < 6 * small + 0.05, f"{shape}: 20k {small:.3f}s, 80k {big:.3f}s"


def test_the_issue_17_lines_parse_at_once() -> None:
    for text in (SHAPES["masthead-spaces"](3000), SHAPES["paragraph-spaces"](20_000),
                 SHAPES["paragraph-nbsp"](5000), SHAPES["long-line"](50_000)):
        assert _best(text, runs=1) < 2.0  # 81 s, 16 s, 10 s and 27 s before


@pytest.mark.parametrize("entity", ["&#65279;", "&#xFEFF;", "&#x200B;", "&#8203;", "&#x200c;", "&#x2060;"])
def test_zero_width_entities_are_removed_like_the_characters(entity: str) -> None:
    res = parse_text(f"市总召开{entity}例会\n4月6日，市总{entity}召开例会。\n")
    art = res.issue.sections[0].articles[0]
    assert art.title == "市总召开例会" and art.paragraphs[0].text == "4月6日，市总召开例会。"
    assert [d.code for d in res.diagnostics] .count("BX003") == 2
    assert not any(d.code == "BX006" for d in res.diagnostics)


@pytest.mark.parametrize("brk", ["&#8232;", "&#x2028;", "&#x2029;", "&#8233;", "\u2028", "\u2029", "\x85", "\x0b"])
def test_no_headline_carries_a_line_break(brk: str) -> None:
    text = (f"---\nna{brk}me: x\n---\n工会{brk}工作简报\n第4期\n【工作{brk}动态】\n市总召开{brk}例会\n"
            f"4月6日，市总{brk}召开例会 ，部署工作。\n（市总{brk}办公室）\n报：全总{brk}办公厅\n")
    res = parse_text(text, file=f"odd{brk}.txt")
    found = list(res.diagnostics) + run_checks(res)
    assert found
    for d in found:
        assert len(d.headline().splitlines()) == 1, d.headline()
    for p in res.issue.articles():
        for para in p.paragraphs:
            assert len(para.text.splitlines()) == 1


def test_a_line_break_entity_reads_as_the_break_it_stands_for() -> None:
    soft = parse_text("市总召开例会\n4月6日，市总&#8232;召开例会。\n")
    assert soft.issue.sections[0].articles[0].paragraphs[0].text == "4月6日，市总召开例会。"
    assert "BX005" in {d.code for d in soft.diagnostics}
    hard = parse_text("市总召开例会\n4月6日，市总召开例会。&#x2029;会议要求各级工会抓好落实。\n")
    assert [p.text for p in hard.issue.sections[0].articles[0].paragraphs] == [
        "4月6日，市总召开例会。", "会议要求各级工会抓好落实。"]


def test_cr_only_text_parses_through_the_api() -> None:
    text = ("工会工作简报\r第4期\r\r【工作动态】\r市总召开例会\r4月6日，市总工会召开例会，部署二季度工作。"
            "（市总办公室）\r") * 20  # far over any path length
    res = bx.parse(text)
    assert res.issue.masthead is not None and res.issue.masthead.issue_no == 4
    assert len(res.lines) == 120 and res.lines[0] == "工会工作简报"
    assert [a.title for a in res.issue.articles()][:1] == ["市总召开例会"]


def test_a_line_over_the_limit_is_one_error() -> None:
    res = parse_text(BODY + "会" * (PARAGRAPH_MAX + 1) + "。\n")
    (err,) = [d for d in res.diagnostics if d.code == "BX151"]
    assert err.severity.value == "error" and err.span.line == 3
    assert "100,000" in err.headline() and len(err.headline().splitlines()) == 1
    assert not any(d.code == "BX151" for d in parse_text(BODY + "会" * PARAGRAPH_MAX + "\n").diagnostics)
