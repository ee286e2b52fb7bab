"""Acceptance on the real issue (the seed) and its variants, and on the masthead sample."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bulletin_export.model import to_dict
from bulletin_export.parser import parse_bytes, parse_file, parse_text

SOURCES = ["综合来稿", "市总办公室、研究室", "市总宣教部", "市总宣教部、研究室", "太仓市总工会",
           "中核苏阀工会", "市总生活女工部", "常熟市总工会", "吴江市总工会", "相城区总工会"]


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_dict(seed_path: Path) -> dict:
    return to_dict(parse_file(seed_path).issue)


def test_seed_columns_and_articles(seed_dict: dict) -> None:
    assert [(s["heading"], len(s["articles"])) for s in seed_dict["sections"]] == [
        ("工作动态", 3), ("文化建设", 3), ("服务基层", 4)]
    articles = [a for s in seed_dict["sections"] for a in s["articles"]]
    assert [len(a["paragraphs"]) for a in articles] == [2, 2, 2, 3, 1, 1, 1, 2, 1, 1]
    assert [a["subtitle"] for a in articles] == [None, None, "部署“五一”期间集中宣传劳模先进典型"] + [None] * 7
    assert [a["source"] for a in articles] == SOURCES
    assert articles[0]["title"] == "省总张艳主席在苏考察调研"
    assert articles[-1]["title"] == "相城区总工会加强作风效能建设"


def test_seed_no_source_left_in_paragraphs(seed_dict: dict) -> None:
    for art in (a for s in seed_dict["sections"] for a in s["articles"]):
        for para in art["paragraphs"]:
            assert para == para.strip(" \u3000\t")
            assert not re.search(r"[（(][^（）()]*[)）]$", para), para
            for source in SOURCES:
                assert f"（{source}）" not in para


def test_seed_end_block_and_no_masthead(seed_dict: dict, seed_text: str) -> None:
    assert seed_dict["masthead"] is None
    assert seed_dict["editor_note"] is None
    last = [line for line in seed_text.splitlines() if line.strip()][-1]
    assert seed_dict["distribution"] == [
        {"label": "本期印发", "recipients": last.split("：", 1)[1].strip()}]
    assert seed_dict["copies"] is None


def test_seed_has_no_warnings(seed_path: Path) -> None:
    res = parse_file(seed_path)
    assert [d for d in res.diagnostics if d.severity.value != "info"] == []
    assert res.issue.source.name == seed_path.name
    import hashlib
    assert res.issue.source.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()


def _indent(text: str) -> str:
    return "\n".join("\u3000\u3000" + line.strip() if line.strip() else line for line in text.split("\n"))


VARIANTS = {
    "gb18030-crlf": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf16-bom": lambda t: t.encode("utf-16"),
    "utf8-bom-cr": lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r").encode("utf-8"),
    "fullwidth-indent": lambda t: _indent(t).encode("utf-8"),
    "no-blank-lines": lambda t: "\n".join(l for l in t.split("\n") if l.strip()).encode("utf-8"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_seed_variants_parse_the_same(variant: str, seed_text: str, seed_dict: dict) -> None:
    data = VARIANTS[variant](seed_text)
    assert data != seed_text.encode("utf-8")
    res = parse_bytes(data, file=f"seed-{variant}.txt")
    assert to_dict(res.issue) == seed_dict
    assert [d for d in res.diagnostics if d.severity.value != "info"] == []


def test_parse_text_spans_point_at_the_source(seed_text: str) -> None:
    res = parse_text(seed_text, file="seed.txt")
    lines = res.lines
    for sec in res.issue.sections:
        assert lines[sec.span.line - 1].strip() == f"【{sec.heading}】"
        for art in sec.articles:
            assert lines[art.span.line - 1][art.span.col - 1:].startswith(art.title)
            for para in art.paragraphs:
                assert lines[para.span.line - 1][para.span.col - 1:].startswith(para.text[:10])
    entry = res.issue.distribution[0]
    assert lines[entry.span.line - 1].startswith("本期印发")


def test_masthead_sample(masthead_path: Path) -> None:
    d = to_dict(parse_file(masthead_path).issue)
    assert d["masthead"] == {"name": "工会工作简报", "issue_no": 4, "total_no": 156, "supplement": False,
                             "editor": "苏州市总工会办公室", "date": "2012-04-28",
                             "classification": "内部资料 注意保存"}
    assert d["editor_note"].startswith("今年是全市工会") and d["editor_note"].count("\n") == 1
    assert [s["heading"] for s in d["sections"]] == ["工作动态", "维权帮扶", "职工文化"]
    articles = [a for s in d["sections"] for a in s["articles"]]
    assert len(articles) == 6
    assert articles[0]["title"] == "市总召开五一国际劳动节表彰大会"
    assert articles[1]["subtitle"] == "——市总机关干部深入基层一线听取职工意见"
    assert all(a["source"] for a in articles)
    assert [e["label"] for e in d["distribution"]] == ["报", "送", "发"]
    assert d["distribution"][2]["recipients"].endswith("各直属单位")
    assert d["copies"] == 120
