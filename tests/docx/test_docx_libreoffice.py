"""What LibreOffice makes of the DOCX: the 28 x 22 grid, all text, end block, page numbers."""

from __future__ import annotations

import io
import re

import pytest

from bulletin_export.renderers.docx.section import DASH_DROP

from format_rules import NO_END, NO_START, PITCH
HANGING = set("。，、；：？！”’）")


def _block(style):
    p = style.page
    return {"left": p.margin_left, "right": p.width - p.margin_right,
            "top": p.margin_top, "bottom": p.height - p.margin_bottom}


def _in_block(line, b) -> bool:
    return b["top"] - 8 <= line.top < b["bottom"]


def grid_lines(doc, style):
    """(page index, line) of every body-size line starting near the block's left edge, in order."""
    b = _block(style)
    out = []
    for n, page in enumerate(doc.pages):
        for ln in page.lines:
            if _in_block(ln, b) and ln.size == style.page.body_size and ln.x0 < b["left"] + 40:
                out.append((n, ln))
    return out


def _continues(line, nxt, style) -> bool:
    """True when ``nxt`` is the next line of the same paragraph as ``line``."""
    b = _block(style)
    if nxt is None or abs(nxt.x0 - b["left"]) > 3:
        return False  # a new paragraph starts indented
    return nxt.font.partition("+")[2] == line.font.partition("+")[2]  # a heading has its own


#: Faces with the advances of Times New Roman (the DOCX's Latin font): fonts.conf or the
#: system must give LibreOffice one of them, else its digits are wider than Word's.
TIMES_METRICS = ("Times New Roman", "Liberation Serif", "TeX Gyre Termes", "Nimbus Roman")


def test_libreoffice_sets_latin_in_a_face_with_times_metrics(soffice):
    """What the DOCX names for Latin and digits (Times New Roman) reaches LibreOffice as a
    face with its advances. Without fonts-liberation2 (installed by scripts/bootstrap.sh),
    fontconfig falls back to DejaVu Serif, whose digits are 0.64 em instead of 0.5 em, and
    lines with digits lose a character or more (measured: 23.5 units on a line of the
    masthead sample)."""
    import os
    import shutil
    import subprocess
    from pathlib import Path

    if shutil.which("fc-match") is None:
        pytest.skip("fc-match (fontconfig) is not installed")
    conf = Path(__file__).resolve().parents[2] / "fonts" / "fonts.conf"  # as lo_pdfs uses it
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    family = subprocess.run(["fc-match", "-f", "%{family[0]}", "Times New Roman"], env=env,
                            capture_output=True, text=True, timeout=30).stdout
    assert family in TIMES_METRICS, \
        f"LibreOffice would set Times New Roman as {family!r}: install fonts-liberation2"


@pytest.mark.parametrize("which", ["seed", "masthead"])
def test_every_full_body_line_holds_28_characters(which, lo_pdfs, style):
    """Full body lines hold 28 characters in LibreOffice as in Word and the PDF.

    Lines with digits or Latin get a looser bound: LibreOffice always adds about a quarter
    em between CJK and Latin or digits (its DOCX import ignores w:autoSpaceDE/DN: they are
    no-ops in writerfilter's DomainMapper, so the DOCX cannot turn that off; Word honours
    them) and keeps a character together with the digit run after it (问|卷3200份), so
    such a line may end up to 4 units short (measured on the masthead sample: 24.5 units,
    with Liberation Serif for Times New Roman; see the test above)."""
    lines = grid_lines(lo_pdfs[which], style)
    b = _block(style)
    checked = 0
    for k, (page, ln) in enumerate(lines):
        nxt = lines[k + 1][1] if k + 1 < len(lines) else None
        if not _continues(ln, nxt, style):
            continue
        checked += 1
        where = f"page {page + 1}: {ln.text}"
        assert ln.x1 > b["right"] - 2, f"not justified to the right edge: {where}"
        if ln.units != len(ln.text):  # half-width digits or Latin: only a loose bound
            assert 24 <= ln.units <= 29.5, where
            continue
        n = len(ln.text) + round((ln.x0 - b["left"]) / style.char_pitch)  # + first-line indent
        if n == 29:
            assert ln.text[-1] in HANGING and ln.x1 > b["right"] + 8, where
        elif n == 27:  # a character pushed down by 避头尾
            assert nxt.text[0] in NO_START | NO_END or nxt.text[1] in NO_START \
                or ln.text[-1] in NO_END, where
        else:
            assert n == 28, where
    assert checked > (100 if which == "seed" else 40), "too few full lines found to judge"


@pytest.mark.parametrize("which", ["seed", "masthead"])
def test_at_most_22_lines_a_page_on_the_grid_pitch(which, lo_pdfs, style):
    b = _block(style)
    for n, page in enumerate(lo_pdfs[which].pages):
        rows = [ln for ln in page.lines if _in_block(ln, b)]
        assert len(rows) <= 22, f"page {n + 1}"
        body = [ln.top for ln in rows if ln.size == style.page.body_size]
        for a, c in zip(body, body[1:]):
            steps = (c - a) / PITCH
            assert abs(steps - round(steps)) < 0.05, f"page {n + 1}: off the grid at {c}"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _reading_order(issue):
    """Every text of the model in the order it is printed (the end block's recipients last)."""
    m = issue.masthead
    if m:
        yield from (t for t in (m.classification, m.name, m.issue_label, m.editor) if t)
    if issue.editor_note:
        yield from issue.editor_note.text.split("\n")
    for sec in issue.sections:
        if sec.heading:
            yield sec.heading
        for art in sec.articles:
            yield from (t for t in (art.title, art.subtitle) if t)
            yield from (p.text for p in art.paragraphs)
            if art.source:
                yield art.source
    for entry in issue.distribution:
        yield entry.recipients


@pytest.mark.parametrize("which", ["seed", "masthead"])
def test_all_text_is_there_in_order(which, lo_pdfs, style, request):
    """No line-end punctuation (or anything else) lost: every text of the model, in order."""
    issue = request.getfixturevalue(f"{which}_issue")
    b = _block(style)
    text = _squash("".join(ln.text for page in lo_pdfs[which].pages for ln in page.lines
                           if ln.top < b["bottom"]))
    pos = 0
    for piece in _reading_order(issue):
        found = text.find(_squash(piece), pos)
        assert found >= 0, f"missing or out of order: {piece[:30]}"
        pos = found + len(_squash(piece))


@pytest.mark.parametrize("which", ["seed", "masthead"])
def test_end_block_at_the_bottom_of_the_last_page(which, lo_pdfs, style, request):
    issue = request.getfixturevalue(f"{which}_issue")
    last = lo_pdfs[which].pages[-1]
    b = _block(style)
    assert _squash(issue.distribution[-1].recipients)[-6:] in _squash(last.text)
    rules = [r for r in last.rules if r.x1 - r.x0 > 400]
    assert len(rules) == len(issue.distribution) + 1
    for r in rules:
        assert abs(r.x0 - b["left"]) < 1.5 and abs(r.x1 - b["right"]) < 1.5
    assert abs(max(r.y for r in rules) - b["bottom"]) <= 2
    thick = [r for r in rules if abs(r.width - style.rules.end_thick) < 0.15]
    assert {min(r.y for r in rules), max(r.y for r in rules)} <= {r.y for r in thick}
    if issue.copies is not None:
        copies = [ln for ln in last.lines if ln.text.endswith(f"共印{issue.copies}份")][0]
        assert abs(copies.x1 - (b["right"] - style.roles["copies"].size)) < 2


def test_masthead_red_rule_across_the_block(lo_pdfs, style):
    b = _block(style)
    first = lo_pdfs["masthead"].pages[0]
    red = [r for r in first.rules if r.color[:3] == (1, 0, 0) or r.color == (1.0, 0.0, 0.0)]
    assert red, first.rules
    assert abs(red[0].x0 - b["left"]) < 1.5 and abs(red[0].x1 - b["right"]) < 1.5
    name = [ln for ln in first.lines if ln.text == "工会工作简报"][0]
    assert name.size == style.roles["masthead_name"].size
    assert abs((name.x0 + name.x1) / 2 - (b["left"] + b["right"]) / 2) < 2
    editor = [ln for ln in first.lines if ln.text.startswith("苏州市总工会办公室编")][0]
    one = style.roles["editor_line"].size
    assert abs(editor.x0 - (b["left"] + one)) < 2 and abs(editor.x1 - (b["right"] - one)) < 2
    assert editor.top < red[0].y < editor.top + 2 * PITCH


@pytest.mark.parametrize("which", ["seed", "masthead"])
def test_page_numbers_odd_right_even_left(which, lo_pdfs, style):
    b = _block(style)
    one = style.page_number.indent_chars * style.roles["page_number"].size
    for n, page in enumerate(lo_pdfs[which].pages, start=1):
        nums = [ln for ln in page.lines if re.fullmatch(r"—\s*\d+\s*—", ln.text)]
        assert len(nums) == 1, f"page {n}"
        ln = nums[0]
        assert int(re.sub(r"\D", "", ln.text)) == n
        assert ln.size == style.roles["page_number"].size
        dash_top = ln.top + DASH_DROP * ln.size  # GB/T 9704: the dash's top 7 mm under the block
        assert abs(dash_top - (b["bottom"] + style.page_number.below_block)) < 3
        if n % 2:
            assert abs(ln.x1 - (b["right"] - one)) < 2, f"page {n} not right"
        else:
            assert abs(ln.x0 - (b["left"] + one)) < 2, f"page {n} not left"


def test_page_count_equals_our_pdf(lo_pdfs, seed_issue):
    """The issue's acceptance: LibreOffice's page count of the seed is the PDF renderer's."""
    pytest.importorskip("bulletin_export.renderers.pdf")
    import pypdf

    from bulletin_export.renderers import RenderContext, get

    ours = get("pdf").render(seed_issue, RenderContext())
    assert len(pypdf.PdfReader(io.BytesIO(ours)).pages) == len(lo_pdfs["seed"].pages)
