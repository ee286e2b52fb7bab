"""A 简讯 item's run-in title in the OFD: drawn bold at the start of its paragraph's first
line, and still tagged as the article's title (bx:Article/bx:Title), so a document system
finds it as it finds a centred title. Fixture tests/parser/fixtures/brief-run-in.txt."""

from __future__ import annotations

from pathlib import Path

from ofd_reader import OfdFile
from test_ofd_tags import T, tag_file, text_of

from bulletin_export.api import render
from bulletin_export.parser import parse_file

FIXTURE = Path(__file__).resolve().parents[1] / "parser" / "fixtures" / "brief-run-in.txt"
TITLES = ["市总召开主席例会。", "昆山推进工资集体协商。", "太仓开展职工读书活动。"]


def test_run_in_titles_are_bold_tagged_objects_on_their_paragraphs_lines():
    read = OfdFile(render(parse_file(FIXTURE).issue, "ofd", source_date_epoch=1))
    root = tag_file(read)
    articles = root.findall("bx:Article", T)
    assert [text_of(read, a.findall("bx:Title/ofd:ObjectRef", T)) for a in articles] == TITLES
    page = read.pages[0]
    objects = {o.get("ID"): o for o in page.text_objects}
    lines = read.lines(page)
    for art, title in zip(articles, TITLES):
        (ref,) = art.findall("bx:Title/ofd:ObjectRef", T)
        obj = objects[ref.text.strip()]
        assert obj.get("Weight") == "700" or obj.get("Stroke") == "true"
        line = next(ln for ln in lines if ln["text"].startswith(title))
        assert len(line["text"]) > len(title)  # the paragraph's text follows on the line
