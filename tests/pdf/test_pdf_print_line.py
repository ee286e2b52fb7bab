"""The print line (印发机关 left, 2012年4月29日印发 right) in the PDF: last line of the end block.

The masthead sample with a print line added after its 发：… （共印120份） line, rendered
once per module; a second render has the date alone (印发日期：2012年4月29日).
"""

from __future__ import annotations

from dataclasses import dataclass

import pdfplumber
import pytest

from bulletin_export.model import Issue
from bulletin_export.parser import parse_text
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.pdf import PdfRenderer

UNIT = "苏州市总工会办公室"
DATE = "2012年4月29日印发"


@dataclass
class Printed:
    issue: Issue
    style: object
    pages: list  # pdfplumber pages


def _render(text: str, name: str, out_dir, epoch: int):
    issue = parse_text(text).issue
    ctx = RenderContext(source_date_epoch=epoch)
    path = out_dir / f"{name}.pdf"
    path.write_bytes(PdfRenderer().render(issue, ctx))
    doc = pdfplumber.open(path)
    return Printed(issue, ctx.style, list(doc.pages)), doc


@pytest.fixture(scope="module")
def with_unit(masthead_path, pdf_out, epoch):
    text = masthead_path.read_text(encoding="utf-8").rstrip("\n") + f"\n{UNIT}　　　　　　2012年4月29日印发\n"
    printed, doc = _render(text, "print-line-unit", pdf_out, epoch)
    yield printed
    doc.close()


@pytest.fixture(scope="module")
def date_only(masthead_path, pdf_out, epoch):
    text = masthead_path.read_text(encoding="utf-8").rstrip("\n") + "\n印发日期：2012年4月29日\n"
    printed, doc = _render(text, "print-line-date", pdf_out, epoch)
    yield printed
    doc.close()


def _text_lines(page) -> list[dict]:
    return page.extract_text_lines(strip=True)


def _rules(page) -> list[dict]:
    """Horizontal rules, top to bottom."""
    return sorted((ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.01), key=lambda r: r["top"])


def _words(page, text: str) -> list[dict]:
    """The characters of the line holding ``text`` that spell it, as one box."""
    for line in _text_lines(page):
        chars = [c for c in line["chars"] if not c["text"].isspace()]
        joined = "".join(c["text"] for c in chars)
        at = joined.find(text)
        if at >= 0:
            part = chars[at: at + len(text)]
            return [{"x0": part[0]["x0"], "x1": part[-1]["x1"], "top": min(c["top"] for c in part),
                     "bottom": max(c["bottom"] for c in part),
                     "baselines": {round(c["matrix"][5], 2) for c in part}}]
    return []


def _block(style) -> tuple[float, float, float]:
    """Left and right edge of the text block and the size of one end-block character."""
    left = style.page.margin_left
    return left, left + style.block_width, style.roles["end_block"].size


def test_print_date_only_on_the_last_page(with_unit):
    assert with_unit.issue.print_unit == UNIT
    for page in with_unit.pages[:-1]:  # (the unit is also the masthead's editor, on page 1)
        assert DATE not in page.extract_text().replace(" ", "")
    assert _words(with_unit.pages[-1], UNIT) and _words(with_unit.pages[-1], DATE)


def test_print_line_sits_between_the_last_thin_rule_and_the_closing_thick_rule(with_unit):
    page = with_unit.pages[-1]
    unit, date = _words(page, UNIT)[0], _words(page, DATE)[0]
    # one line: one baseline (box tops differ where the date's digits are in the Latin face)
    assert len(unit["baselines"] | date["baselines"]) == 1
    rules = _rules(page)
    thick = with_unit.style.rules.end_thick
    thin = with_unit.style.rules.end_thin
    last, above = rules[-1], rules[-2]
    assert last["linewidth"] == pytest.approx(thick, abs=0.01)
    assert above["linewidth"] == pytest.approx(thin, abs=0.01)
    assert above["bottom"] < unit["top"] and unit["bottom"] < last["top"]
    # the closing rule is the block's bottom edge, and no text of the end block is below it
    style = with_unit.style
    assert last["top"] == pytest.approx(style.page.margin_top + style.block_height, abs=0.1)
    # every other end-block line (报/送/发 and 共印120份) is above the print line
    copies = _words(page, "共印120份")[0]
    assert copies["bottom"] <= above["top"]
    for line in _text_lines(page):
        if line["top"] > rules[0]["top"] and line["bottom"] < last["top"] and UNIT not in line["text"]:
            assert line["bottom"] <= above["top"] + 0.1, line["text"]


def test_unit_one_character_in_from_the_left_date_from_the_right(with_unit):
    page = with_unit.pages[-1]
    left, right, char = _block(with_unit.style)
    unit, date = _words(page, UNIT)[0], _words(page, DATE)[0]
    assert unit["x0"] == pytest.approx(left + char, abs=1.0)
    assert date["x1"] == pytest.approx(right - char, abs=1.0)
    copies = _words(page, "共印120份")[0]
    assert copies["x1"] == pytest.approx(date["x1"], abs=1.0)  # 共印 and the date share the right edge


def test_date_alone_at_the_right(date_only):
    assert date_only.issue.print_unit is None
    page = date_only.pages[-1]
    left, right, char = _block(date_only.style)
    (date,) = _words(page, DATE)
    assert date["x1"] == pytest.approx(right - char, abs=1.0)
    assert date["x0"] > (left + right) / 2
    rules = _rules(page)
    assert rules[-2]["bottom"] < date["top"] and date["bottom"] < rules[-1]["top"]
    line = next(ln for ln in _text_lines(page) if DATE in ln["text"].replace(" ", ""))
    assert line["text"].replace(" ", "") == DATE  # nothing else on that line
