"""Lines of the PDF: no loose justified lines (a Latin run or URL that fits a line is broken rather
than moved whole when that would spread the line before it, QA r4); a long masthead name on
one line (QA r6)."""

from __future__ import annotations

import pytest

from bulletin_export.layout.rules import is_wide


def _body_lines(r):
    """(page, text, chars) of each justified body line: body size, inside the text block,
    flush with its right edge (a paragraph's last line is flush left and not spread)."""
    s = r.style
    left, right = s.page.margin_left, s.page.margin_left + s.block_width
    bottom = s.page.margin_top + s.block_height
    for n, page in enumerate(r.pages, start=1):
        for ln in page.extract_text_lines():
            cs = [c for c in ln["chars"] if c["text"].strip()]
            if not cs or cs[0]["bottom"] > bottom:
                continue
            if any(abs(c["size"] - s.page.body_size) > 0.01 for c in cs):
                continue
            if cs[0]["x0"] < left - 0.5 or cs[-1]["x1"] < right - 1.0:
                continue
            yield n, ln["text"], cs


def _cjk_gaps(cs):
    """Gaps in pt between two adjacent characters, neither of them Latin (next to Latin
    text a word space or the gap at a run's edge may be wider)."""
    for a, b in zip(cs, cs[1:]):
        if is_wide(a["text"]) and is_wide(b["text"]):
            yield b["x0"] - a["x1"], a["text"] + b["text"]


@pytest.mark.parametrize("name", ["seed", "masthead", "latin-runs"])
def test_no_loose_justified_body_lines(request, qa_pdf, name):
    r = qa_pdf[name] if name in qa_pdf else request.getfixturevalue(f"{name}_pdf")
    half = r.style.char_pitch / 2
    lines = list(_body_lines(r))
    assert len(lines) > 5
    for n, text, cs in lines:
        for gap, pair in _cjk_gaps(cs):
            assert gap <= half, (n, text, pair, round(gap, 1))


def test_url_that_fits_a_line_is_broken_to_fill_the_line_before(qa_pdf):
    r = qa_pdf["latin-runs"]
    text = r.pages[0].extract_text()
    assert "活动网址为https://opensource.sipac.\ngov.cn/day2024。" in text
    # a long plain word breaks (no hyphen); a telephone number moves whole
    both = text + r.pages[-1].extract_text() if len(r.pages) > 1 else text
    assert "ContainerOr\nchestration" in both
    assert "\n051266681234" in both


def test_long_masthead_name_on_one_line_inside_the_block(qa_pdf):
    r = qa_pdf["long-masthead-name"]
    name = r.issue.masthead.name
    s = r.style
    chars = [c for c in r.pages[0].chars if c["size"] > s.roles["title"].size - 0.01]
    chars = chars[: len(name)]
    assert "".join(c["text"] for c in chars) == name == "苏州市吴江区盛泽镇人民政府办公室工作简报"
    assert len({round(c["top"], 1) for c in chars}) == 1  # one line (QA r6)
    assert chars[0]["x0"] >= s.page.margin_left - 0.5
    assert chars[-1]["x1"] <= s.page.margin_left + s.block_width + 0.5
