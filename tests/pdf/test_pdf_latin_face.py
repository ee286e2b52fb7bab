"""Latin letters and digits in the style's Latin face (Times New Roman -> Liberation Serif),
as the DOCX names it for w:ascii; CJK stays on its 28-cell grid."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from bulletin_export.renderers import RenderContext


def face(ch) -> str:
    return ch["fontname"].split("+", 1)[-1]


@pytest.fixture(scope="session")
def latin_family():
    latin = RenderContext().fonts.latin_face("fangsong")
    if latin is None:
        pytest.skip("no Latin face installed for the style's Latin font")
    return latin.family.replace(" ", "")


def _below_block(rendered, c) -> bool:
    p = rendered.style.page
    return c["top"] >= p.margin_top + rendered.style.block_height


def test_ascii_letters_and_digits_use_the_latin_face(rendered, latin_family):
    chars = [c for p in rendered.pages for c in p.chars]
    digits = [c for c in chars if c["text"].isascii() and c["text"].isalnum()
              and not _below_block(rendered, c)]
    assert len(digits) > 20
    assert {face(c).rsplit("-", 1)[0] for c in digits} == {latin_family}
    cjk = [c for c in chars if not c["text"].isascii()]
    assert not any(face(c).startswith(latin_family) for c in cjk)


def test_page_numbers_keep_half_width_song_digits(rendered, latin_family):
    """GB/T 9704 §7.5: 4号 half-width 宋体 digits (the DOCX sets the page number in 宋体)."""
    numbers = [c for p in rendered.pages for c in p.chars if _below_block(rendered, c)]
    assert any(c["text"].isdigit() for c in numbers)
    assert not any(face(c).startswith(latin_family) for c in numbers)


def test_digit_runs_extract_and_sit_on_the_line(seed_pdf):
    text = "".join(p.extract_text() for p in seed_pdf.pages)
    for s in ("85%", "300名", "75%"):
        assert s in text
    for page in seed_pdf.pages:
        for line in page.extract_text_lines():
            chars = line["chars"]
            bases = {round(c["matrix"][5], 1) for c in chars if abs(c["size"] - 16) < 0.1}
            assert len(bases) <= 1, line["text"]  # Latin and CJK on one baseline


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_latin_face_embedded_as_subset(rendered, latin_family):
    out = subprocess.run(["pdffonts", str(rendered.path)], capture_output=True, text=True,
                         check=True).stdout
    rows = [r.split() for r in out.splitlines()[2:] if r.strip()]
    latin = [r for r in rows if r[0].split("+", 1)[-1].startswith(latin_family)]
    assert latin and all(re.match(r"[A-Z]{6}\+", r[0]) for r in latin)
    assert all(r[-5:-2] == ["yes", "yes", "yes"] for r in rows)  # emb sub uni, every font
