"""An independent reader draws our OFD like the PDF: ofd.js (npm) in headless Chromium renders
every page of both samples, pdftoppm renders the PDF at the same size, and the ink of each
agrees with the other's within one pixel on more than 90 % of its pixels (both ways).

One browser start for the session; the PNGs are written to the session's temporary folder
(``pytest --basetemp=DIR`` keeps them for a look)."""

from __future__ import annotations

import shutil
import subprocess

import ofd_js
import ofd_pixels
import pytest
from PIL import Image

PX_PER_MM = 4.0  # ofd.js scales by tenths of a pixel per mm: 4.0 = 101.6 dpi
THRESHOLD = 0.90


@pytest.fixture(scope="session")
def browser():
    why = ofd_js.missing()
    if why:
        pytest.skip(why)
    b = ofd_js.Browser()
    yield b
    b.close()


@pytest.fixture(scope="session")
def rendered(samples, browser, tmp_path_factory):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    out = tmp_path_factory.mktemp("ofd-png")
    result = {}
    for name, s in samples.items():
        ofd_pngs = browser.render(s.ofd, PX_PER_MM)
        w, h = ofd_pngs[0].size
        subprocess.run(["pdftoppm", "-png", "-scale-to-x", str(w), "-scale-to-y", str(h),
                        str(s.pdf_path), str(out / f"{name}-pdf")], check=True, timeout=120)
        pdf_pngs = [p.read_bytes() for p in sorted(out.glob(f"{name}-pdf-*.png"))]
        for n, img in enumerate(ofd_pngs, 1):
            img.save(out / f"{name}-ofd-{n:02d}.png", compress_level=1)
        result[name] = (ofd_pngs, pdf_pngs)
    return result


def test_ofd_js_draws_every_page_like_the_pdf(sample, rendered):
    ofd_pngs, pdf_pngs = rendered[sample.name]
    assert len(ofd_pngs) == len(pdf_pngs) == len(sample.display.pages)
    scores = []
    for n, (o, p) in enumerate(zip(ofd_pngs, pdf_pngs), 1):
        pdf_ink = ofd_pixels.ink(p)
        ofd_ink = ofd_pixels.ink(o, pdf_ink.size)
        assert ofd_pixels.count(pdf_ink) > 5000, f"page {n}: the PDF page is blank"
        scores.append((n, round(ofd_pixels.covered(pdf_ink, ofd_ink), 3), round(ofd_pixels.covered(ofd_ink, pdf_ink), 3)))
    bad = [s for s in scores if min(s[1:]) <= THRESHOLD]
    assert not bad, f"pages whose ink differs (page, PDF on OFD, OFD on PDF): {bad}"


def test_overlap_measure_tells_a_shifted_page_apart(rendered):
    """The measure is not blind: the same page moved by 2 mm scores far below the threshold."""
    _, pdf_pngs = rendered["masthead"]
    page = ofd_pixels.ink(pdf_pngs[1])
    shifted = Image.new("L", page.size, 0)
    shifted.paste(page, (0, round(2 * PX_PER_MM)))
    assert ofd_pixels.overlap(page, shifted) < 0.6
    assert ofd_pixels.overlap(page, page) == 1.0
