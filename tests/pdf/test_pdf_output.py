"""Properties of the produced PDFs, read back with pdfplumber, pypdf and pdffonts."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict

import pypdf
import pytest

# FORMAT.md §3, spelled out here so a change to layout/rules.py cannot weaken the tests
from format_rules import NO_END, NO_START, PITCH
HANGABLE = frozenset("。，、")
COMPRESSIBLE = frozenset("。，、；：？！”’）〕】》〉」』“‘（〔【《〈「『")



def geometry(style):
    p = style.page
    left, top = p.margin_left, p.margin_top  # pdfplumber measures top-down
    return left, left + style.block_width, top, top + style.block_height


def text_lines(page, style):
    """Lines inside the text block: (top-of-baseline key, sorted chars), in reading order."""
    left, right, top, bottom = geometry(style)
    rows = defaultdict(list)
    for ch in page.chars:
        if ch["bottom"] <= bottom + 2:  # page numbers sit below the block
            rows[round(page.height - ch["matrix"][5], 1)].append(ch)  # the baseline
    return [(k, sorted(v, key=lambda c: c["x0"])) for k, v in sorted(rows.items())]


def face(ch) -> str:
    return ch["fontname"].split("+", 1)[-1]


def body_face(rendered) -> str:
    """The face most 16 pt characters are set in: the body's."""
    faces = Counter(face(c) for p in rendered.pages for c in p.chars if abs(c["size"] - 16) < 0.1)
    return faces.most_common(1)[0][0]


def is_body_line(chars, style, body=None):
    """A body-face 16 pt line starting at the block's left edge or after a two-character indent."""
    left = style.page.margin_left
    cell = style.char_pitch
    if not all(abs(c["size"] - 16) < 0.1 for c in chars):
        return False
    if body and face(chars[0]) != body:
        return False
    x = chars[0]["x0"]
    return abs(x - left) < 0.5 or abs(x - left - 2 * cell) < 0.5


def model_texts(issue):
    out = []
    if issue.masthead and issue.masthead.name:
        out.append(issue.masthead.name)
    if issue.editor_note:
        out += issue.editor_note.text.split("\n")
    for sec in issue.sections:
        if sec.heading:
            out.append(sec.heading)
        for art in sec.articles:
            out += [t for t in (art.title, art.subtitle, art.source) if t]
            out += [p.text for p in art.paragraphs]
    out += [d.recipients for d in issue.distribution]
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pages_are_a4(rendered):
    for page in rendered.pages:
        assert page.width == pytest.approx(595.28, abs=0.5)
        assert page.height == pytest.approx(841.89, abs=0.5)


def test_text_inside_the_block(rendered):
    left, right, top, bottom = geometry(rendered.style)
    cell = rendered.style.char_pitch
    for page in rendered.pages:
        for ch in page.chars:
            if ch["top"] > bottom:  # page number
                continue
            assert ch["top"] >= top - 0.5, ch["text"]
            assert ch["x0"] >= left - 0.5, ch["text"]
            if ch["x1"] > right + 0.5:  # only a hanging mark, within one character
                assert ch["text"] in HANGABLE and ch["x0"] <= right + 0.5, ch["text"]
                assert ch["x1"] <= right + cell + 0.5


def test_body_lines_are_flush_and_hold_28(rendered):
    style = rendered.style
    left, right, _, _ = geometry(style)
    lines = [ln for page in rendered.pages for ln in text_lines(page, style)]
    body_font = body_face(rendered)
    checked = 0
    for (key, chars), (_, nxt) in zip(lines, lines[1:]):
        if not (is_body_line(chars, style, body_font) and is_body_line(nxt, style, body_font)):
            continue
        if abs(nxt[0]["x0"] - left) > 0.5:  # next line is indented: this one ends a paragraph
            continue
        body = [c for c in chars if c["x0"] < right - 0.5]
        hang = chars[len(body):]
        assert len(hang) <= 1
        assert body[-1]["x1"] == pytest.approx(right, abs=0.5), "".join(c["text"] for c in chars)
        text = "".join(c["text"] for c in body)
        if all(ord(c) > 0x2000 for c in text):  # pure CJK: the grid's 28 characters
            cells = 28 - round((body[0]["x0"] - left) / style.char_pitch)  # less the indent
            nxt_text = "".join(c["text"] for c in nxt)
            pushed = nxt_text[:1] in NO_END or nxt_text[1:2] in NO_START or "——" in nxt_text[:3]
            # 28 on the grid; 27 when a unit had to move down; 29 when two marks were set in
            # half a cell to keep a unit up (compression before pushing, FORMAT.md §3)
            squeezed = len(text) == cells + 1 and sum(c in COMPRESSIBLE for c in text[1:-1]) >= 2
            assert len(text) == cells or (len(text) == cells - 1 and pushed) or squeezed, text
        checked += 1
    assert checked > 20


def test_at_most_22_lines_per_page_on_the_pitch(rendered):
    style = rendered.style
    for page in rendered.pages:
        body = [key for key, chars in text_lines(page, style) if is_body_line(chars, style)]
        assert len(body) <= 22
        for a, b in zip(body, body[1:]):
            steps = (b - a) / PITCH
            assert steps == pytest.approx(round(steps), abs=0.01)


def test_no_forbidden_line_starts_or_ends(rendered):
    starts_ok = {t[0] for t in model_texts(rendered.issue) if t}
    for page in rendered.pages:
        for _, chars in text_lines(page, rendered.style):
            text = "".join(c["text"] for c in chars).strip()
            first = text[0]
            if first in NO_START:
                assert first in starts_ok and any(
                    squash(text).startswith(squash(t)[:4]) for t in model_texts(rendered.issue)
                ), text
            assert text[-1] not in NO_END, text


def test_every_paragraph_extracts_verbatim(rendered):
    style = rendered.style
    joined = "".join(
        "".join(c["text"] for c in chars)
        for page in rendered.pages
        for _, chars in text_lines(page, style)
    )
    joined = squash(joined)
    for text in model_texts(rendered.issue):
        assert squash(text) in joined, text


def test_pdftotext_gives_every_text_back(rendered):
    """poppler reads the Identity-H fonts through their ToUnicode maps: every printed text
    comes back verbatim (page numbers, which interrupt a paragraph running over a page, and
    the grid's spaces aside)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    out = subprocess.run(["pdftotext", str(rendered.path), "-"], capture_output=True,
                         text=True, check=True).stdout
    body = squash(re.sub(r"—\s*\d+\s*—", "", out))
    for text in model_texts(rendered.issue):
        assert squash(text) in body, text


def test_fonts_embedded_as_subsets(rendered):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) not installed")
    out = subprocess.run(["pdffonts", str(rendered.path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out
    for row in out:
        name = row.split()[0]
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+", name), row


def test_end_block_on_last_page_bottom(rendered):
    issue = rendered.issue
    if not issue.distribution:
        pytest.skip("no end block")
    left, right, _, bottom = geometry(rendered.style)
    last = rendered.pages[-1]
    text = squash(last.extract_text())
    for d in issue.distribution:
        assert squash(d.label + "：" + d.recipients)[:8] in text
    if issue.copies:
        assert f"共印{issue.copies}份" in text
    rules = [ln for ln in last.lines + last.rects if abs(ln["x1"] - ln["x0"] - (right - left)) < 1]
    lowest = max(r["bottom"] - (r["bottom"] - r["top"]) / 2 for r in rules)
    assert lowest == pytest.approx(bottom, abs=1.0)
    for page in rendered.pages[:-1]:
        assert "印发" not in page.extract_text() or issue.distribution[0].label != "本期印发"


def test_page_numbers_odd_right_even_left(rendered):
    style = rendered.style
    left, right, _, bottom = geometry(style)
    size = style.roles["page_number"].size
    for n, page in enumerate(rendered.pages, start=1):
        chars = sorted((c for c in page.chars if c["top"] > bottom), key=lambda c: c["x0"])
        assert squash("".join(c["text"] for c in chars)) == f"—{n}—"
        assert chars[0]["top"] < bottom + style.page_number.below_block  # the em box starts above
        if n % 2:
            assert chars[-1]["x1"] == pytest.approx(right - size, abs=1)
        else:
            assert chars[0]["x0"] == pytest.approx(left + size, abs=1)


def test_document_information_and_outline(rendered, epoch):
    reader = pypdf.PdfReader(rendered.path)
    meta = reader.metadata
    issue = rendered.issue
    assert meta.title == issue.title
    stamp = dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).strftime("D:%Y%m%d%H%M%S")
    assert meta["/CreationDate"].startswith(stamp)
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    if issue.masthead and issue.masthead.editor:
        assert meta.author == issue.masthead.editor

    def flatten(items):
        for it in items:
            if isinstance(it, list):
                yield from flatten(it)
            else:
                yield it.title

    titles = list(flatten(reader.outline))
    expected = [t for s in issue.sections for t in [s.heading] + [a.title for a in s.articles] if t]
    assert len(titles) == len(expected)
    for t, e in zip(titles, expected):
        assert e in t


def test_same_bytes_in_another_process(seed_pdf, seed_path, epoch):
    code = (
        "import sys\n"
        "from bulletin_export.parser import parse_file\n"
        "from bulletin_export.renderers import RenderContext\n"
        "from bulletin_export.renderers.pdf import PdfRenderer\n"
        "issue = parse_file(sys.argv[1]).issue\n"
        "sys.stdout.buffer.write(PdfRenderer().render(issue, RenderContext()))\n"
    )
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    out = subprocess.run([sys.executable, "-c", code, str(seed_path)], capture_output=True,
                         env=env, check=True).stdout
    assert out == seed_pdf.data


def test_seed_pdf_embeds_subsets_only(seed_pdf):
    # issue 18's bar: the seed (~700 characters in 4-5 faces, each a whole CJK face of
    # 10-20 MB) at most 200 KB: one font per face, object streams, Noto Serif CJK as body
    assert len(seed_pdf.data) <= 200_000


def _pgm(path):
    """Width, height and gray bytes of a binary PGM (what `pdftoppm -gray` writes)."""
    data = path.read_bytes()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:]


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) not installed")
def test_page_number_dash_ink_is_7mm_below_the_block(seed_pdf, tmp_path):
    """GB/T 9704 §7.5: the top of the 一字线 is 7 mm below the text block's bottom edge."""
    style = seed_pdf.style
    dpi = 288
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", str(seed_pdf.path),
                    str(tmp_path / "p")], check=True)
    width, height, gray = _pgm(next(tmp_path.glob("p*.pgm")))
    scale = dpi / 72
    _, _, _, bottom = geometry(style)
    right = style.page.margin_left + style.block_width
    size = style.roles["page_number"].size  # odd page: "— 1 —" ends one character in
    x0, x1 = int((right - 2 * size + 2) * scale), int((right - size - 2) * scale)  # the last dash
    first_ink = next(y for y in range(int(bottom * scale) + 2, height)
                     if min(gray[y * width + x0: y * width + x1]) < 128)
    measured = first_ink / scale - bottom
    assert measured == pytest.approx(style.page_number.below_block, abs=0.6)
