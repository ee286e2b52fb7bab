"""The four in-article heading levels and the credits line as LibreOffice draws the DOCX.

From the session's one conversion (``lo_pdfs["headings"]``: tests/core's heading-levels
fixture): through fonts/fonts.conf, 一级标题 reaches LibreOffice as 黑体's stand-in (the
face of the 【工作动态】 column heading), 二级标题 as 楷体's (the face of the 编者按),
三级标题 and 四级标题 as 仿宋's (the face of the body text); each level starts two
characters in, as the body's first lines; the credits are the last line of the end block.
"""

from __future__ import annotations

import pytest


def _line(doc, start: str):
    for page in doc.pages:
        for ln in page.lines:
            if ln.text.startswith(start):
                return ln
    raise AssertionError(f"no line starting {start!r}")


def _face(line) -> str:
    return line.font.partition("+")[2] or line.font  # the subset tag is per document


@pytest.fixture(scope="module")
def faces(lo_pdfs):
    doc = lo_pdfs["headings"]
    return doc, {"heiti": _face(_line(doc, "【工作动态】")), "kaiti": _face(_line(doc, "编者按")),
                 "fangsong": _face(_line(doc, "今年以来"))}


def test_reference_faces_differ(faces):
    _, f = faces
    assert len(set(f.values())) == 3, f


@pytest.mark.parametrize("level, start, font", [
    (1, "一、主要做法", "heiti"), (2, "（一）健全服务网络", "kaiti"),
    (3, "1.规范阵地建设", "fangsong"), (4, "（1）完善窗口功能", "fangsong"),
])
def test_each_level_in_its_face_at_the_body_indent(faces, style, headings_issue, level, start,
                                                   font):
    doc, f = faces
    assert any(p.kind == "heading" and p.level == level and p.text == start
               for s in headings_issue.sections for a in s.articles for p in a.paragraphs)
    line = _line(doc, start[:3])
    assert _face(line) == f[font], (level, line)
    body = _line(doc, "今年以来")  # a first line: indented two characters
    assert abs(line.x0 - body.x0) < 2, (line.x0, body.x0)
    assert line.size == style.roles[f"heading_{level}"].size


def test_credits_are_the_last_line_of_the_end_block(lo_pdfs, headings_issue):
    last = lo_pdfs["headings"].pages[-1]
    texts = [ln.text for ln in last.lines]
    at = next(k for k, t in enumerate(texts) if t.startswith("责任编辑"))
    assert texts[at].replace("\u3000", "").replace(" ", "") == \
        headings_issue.credits.replace("\u3000", "")
    assert texts[at - 1].startswith("发：")
    assert all(t.strip("— 0123456789") == "" for t in texts[at + 1:])  # only the page number
