"""QA reproductions in PDF: nothing outside the text block, no pages of lone headings."""

from __future__ import annotations

import pytest

NAMES = ["long-url", "keep-chain-12-columns", "endblock-longer-than-page"]


def block(style):
    p = style.page
    left, top = p.margin_left, p.margin_top  # pdfplumber measures from the top
    return left, left + style.block_width, top, top + style.block_height


@pytest.mark.parametrize("name", NAMES)
def test_every_glyph_inside_the_text_block(qa_pdf, name):
    r = qa_pdf[name]
    left, right, top, bottom = block(r.style)
    cell = r.style.char_pitch
    for n, page in enumerate(r.pages, start=1):
        for c in page.chars:
            if c["top"] >= bottom:  # the page number, below the block
                assert c["text"] in "—0123456789 " and c["bottom"] <= page.height
                continue
            assert c["x0"] >= left - 0.5, (n, c["text"])
            # a hanging 。，、 may stand one cell into the margin, nothing else may
            limit = right + (cell if c["text"] in "。，、" else 0.0) + 0.5
            assert c["x1"] <= limit, (n, c["text"], c["x1"])
            assert c["top"] >= top - 1, (n, c["text"], c["top"])


def test_long_runs_extract_verbatim(qa_pdf):
    r = qa_pdf["long-url"]
    text = "".join(p.extract_text().replace("\n", "") for p in r.pages)
    for para in r.issue.sections[0].articles[0].paragraphs:
        assert para.text in text


def test_keep_chain_does_not_spread_headings_over_pages(qa_pdf):
    r = qa_pdf["keep-chain-12-columns"]
    assert len(r.pages) == 2
    per_page = [sum(1 for ln in p.extract_text().splitlines() if ln.startswith("【栏目"))
                for p in r.pages]
    assert per_page[0] >= 8 and sum(per_page) == 12
    last = r.pages[-1].extract_text()
    assert "市总召开主席例会" in last and "4月6日" in last  # the title keeps with its body


def test_end_block_longer_than_a_page_is_all_on_pages(qa_pdf):
    r = qa_pdf["endblock-longer-than-page"]
    _, _, _, bottom = block(r.style)
    text = "".join(p.crop((0, 0, p.width, bottom + 2)).extract_text().replace("\n", "")
                   for p in r.pages)  # the text block only: no page numbers
    assert len(r.pages) >= 2
    for d in r.issue.distribution:
        # every recipient is printed (lines wrap, so compare without line breaks)
        assert d.recipients.replace(" ", "") in text.replace(" ", "")
    last = r.pages[-1]
    thick = [e for e in last.lines if abs(e["top"] - e["bottom"]) < 2]
    assert max(e["top"] for e in thick) == pytest.approx(bottom, abs=1.0)
