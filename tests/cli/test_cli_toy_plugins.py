"""A toy reader and a toy fixed-layout renderer, added through the public seams only
(entry points, the Reader protocol, layout.display_list), build from the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lxml import etree

import bulletin_export as bx

SVG = "{http://www.w3.org/2000/svg}"
TOY = {"bulletin": {
    "name": "苏州工会工作简报", "issue": "第4期",
    "sections": [{"heading": "工作动态", "articles": [
        {"title": "市总工会召开全委会议", "paragraphs": ["4月20日，市总工会召开全委会议，部署全年工作。"] * 12,
         "source": "市总办公室"},
        {"title": "基层工会开展读书活动", "paragraphs": ["各基层工会组织职工读书，交流心得体会。"] * 30,
         "source": "宣教部"}]}]}}


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bulletin_export", *args], capture_output=True, text=True,
                          env=None)


def _write_toy(folder: Path, name: str = "toy.bxj") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(TOY, ensure_ascii=False), encoding="utf-8")
    return path


def test_toy_reader_is_registered_and_reads(toy_site, tmp_path):
    from bulletin_export import readers

    assert ".bxj" in readers.suffixes()
    res = bx.parse(_write_toy(tmp_path))
    assert res.issue.masthead.name == "苏州工会工作简报"
    assert [a.title for a in res.issue.articles()] == ["市总工会召开全委会议", "基层工会开展读书活动"]
    assert [a.source for a in res.issue.articles()] == ["市总办公室", "宣教部"]
    assert bx.parse(json.dumps(TOY, ensure_ascii=False).encode("utf-8")).issue == res.issue  # sniffed


def test_toy_formats_build_from_the_cli(toy_site, tmp_path):
    tree = tmp_path / "in"
    _write_toy(tree / "office")
    (tree / "office" / "notes.md").write_text("not an input", encoding="utf-8")
    out = tmp_path / "out"
    proc = _cli("build", str(tree), "-f", "toysvg,pdf", "-o", str(out), "-j", "1")
    assert proc.returncode == 0, proc.stderr
    assert "1 inputs, 2 outputs" in proc.stderr
    svg = etree.parse(str(out / "office" / "toy.toy.svg")).getroot()
    # the application layer checked the glyph coverage once, before this render
    assert svg.get("data-glyphs-checked") == "yes"
    pages = svg.findall(f"{SVG}g")
    from bulletin_export import app
    from bulletin_export.layout import display_list

    ctx = app.context(app.BuildOptions())
    expected = display_list(bx.parse(tree / "office" / "toy.bxj").issue, ctx.style, ctx.fonts)
    assert len(pages) == len(expected.pages) >= 2
    for page in pages:  # every page carries its number, placed by the layout
        assert any(t.get("data-element") == "page_number" for t in page.iter(f"{SVG}text"))
    assert (out / "office" / "toy.pdf").read_bytes().startswith(b"%PDF")
    texts = {t.get("data-element"): t.text for t in svg.iter(f"{SVG}text")}
    assert texts["masthead.name"].replace(" ", "") == "苏州工会工作简报"
    assert "市总工会召开全委会议" in "".join(texts.values())
    # every glyph has its own x, from the layout
    first = next(svg.iter(f"{SVG}text"))
    assert len(first.get("x").split()) == len(first.text)


def test_toy_input_is_not_proofread(toy_site, tmp_path):
    """has_source_lines=False: the proofreading checks do not run on it; --fix refuses."""
    path = _write_toy(tmp_path)
    proc = _cli("check", str(path), "--format", "json", "--no-glyphs")
    assert proc.returncode == 0, proc.stderr
    assert not [d for d in json.loads(proc.stdout) if d["code"].startswith("BX2")]
    proc = _cli("check", str(path), "--fix", "--no-glyphs")
    assert "cannot be fixed" in proc.stderr and not list(tmp_path.glob("*.fixed*"))
