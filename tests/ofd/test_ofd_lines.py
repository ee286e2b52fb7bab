"""The OFD and the PDF of an issue have the same lines at the same places: for both samples,
every text line of every page (glyphs on one baseline) has the same text, a baseline within
0.1 mm and an x extent within 0.2 mm. The PDF is read with pdfplumber, the OFD with our
own reader (ofd_reader.py): glyph origins from TextCode X/Y and DeltaX, advances from the
embedded font."""

from __future__ import annotations

import pdfplumber
import pytest

MM = 25.4 / 72


def pdf_lines(page, tol: float = 0.3) -> list[dict]:
    """Text lines of a pdfplumber page in mm, top-down baselines, spaces left out."""
    rows: list[list[tuple[float, dict]]] = []
    chars = [(round((page.height - c["matrix"][5]) * MM, 4), c) for c in page.chars if not c["text"].isspace()]
    for y, c in sorted(chars, key=lambda t: (t[0], t[1]["x0"])):
        if rows and abs(y - rows[-1][0][0]) < tol:
            rows[-1].append((y, c))
        else:
            rows.append([(y, c)])
    out = []
    for r in rows:
        r.sort(key=lambda t: t[1]["x0"])
        out.append({"text": "".join(c["text"] for _, c in r), "baseline": r[0][0],
                    "x0": r[0][1]["x0"] * MM, "x1": r[-1][1]["x1"] * MM})
    return out


@pytest.fixture(scope="module")
def compared(samples):
    out = {}
    for name, s in samples.items():
        with pdfplumber.open(s.pdf_path) as pdf:
            out[name] = [(s.read.lines(op), pdf_lines(pp)) for op, pp in zip(s.read.pages, pdf.pages)], len(pdf.pages)
    return out


def test_same_pages(sample, compared):
    pages, pdf_pages = compared[sample.name]
    assert len(sample.read.pages) == pdf_pages == len(sample.display.pages) >= 5


def test_every_line_matches_the_pdf(sample, compared):
    pages, _ = compared[sample.name]
    worst = {"baseline": 0.0, "x0": 0.0, "x1": 0.0}
    count = 0
    for n, (ofd, pdf) in enumerate(pages, 1):
        assert [line["text"] for line in ofd] == [line["text"] for line in pdf], f"page {n}"
        for a, b in zip(ofd, pdf):
            for key in worst:
                worst[key] = max(worst[key], abs(a[key] - b[key]))
            count += 1
    assert count > 50
    assert worst["baseline"] <= 0.1, worst
    assert worst["x0"] <= 0.2 and worst["x1"] <= 0.2, worst


def test_lines_are_the_display_lists(sample):
    """Every glyph of the display list is drawn where the display list puts it."""
    placed = {}
    for page, dpage in zip(sample.read.pages, sample.display.pages):
        got = [(g.ch, round(g.x, 2), round(g.y, 2)) for g in page.glyphs if not g.ch.isspace()]
        want = [(ch, round(x * MM, 2), round(run.baseline * MM, 2))
                for run in dpage.runs for ch, x in zip(run.text, run.x) if not ch.isspace()]
        assert len(got) == len(want)
        for (c1, x1, y1), (c2, x2, y2) in zip(got, want):
            assert c1 == c2 and abs(x1 - x2) <= 0.011 and abs(y1 - y2) <= 0.011
        placed[dpage.number] = len(got)
    assert sum(placed.values()) > 1000
