"""A PDF read back as pages of text lines (characters grouped by baseline), and its rules."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TextLine:
    top: float
    x0: float
    x1: float
    size: float
    font: str
    text: str

    @property
    def units(self) -> float:
        """Width in full-width characters: CJK and full-width marks 1, anything else 1/2."""
        return sum(1 if unicodedata.east_asian_width(c) in "WFA" and ord(c) > 0x2000 else 0.5
                   for c in self.text)


@dataclass(frozen=True)
class Rule:
    y: float
    x0: float
    x1: float
    width: float
    color: tuple


@dataclass(frozen=True)
class PdfPage:
    height: float
    lines: tuple[TextLine, ...]
    rules: tuple[Rule, ...]

    @property
    def text(self) -> str:
        return "".join(ln.text for ln in self.lines)


@dataclass(frozen=True)
class PdfDoc:
    pages: tuple[PdfPage, ...]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pages)


def read_pdf(path: Path) -> PdfDoc:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            rows: dict[int, list[dict]] = {}
            for ch in page.chars:
                if ch["text"].strip():
                    rows.setdefault(round(ch["bottom"]), []).append(ch)
            lines = []
            for key in sorted(rows):
                chars = sorted(rows[key], key=lambda c: c["x0"])
                sizes = [round(c["size"], 1) for c in chars]
                lines.append(TextLine(
                    top=min(c["top"] for c in chars), x0=chars[0]["x0"], x1=chars[-1]["x1"],
                    size=max(set(sizes), key=sizes.count),
                    font=max({c["fontname"] for c in chars},
                             key=[c["fontname"] for c in chars].count),
                    text="".join(c["text"] for c in chars)))
            rules = []
            for ln in page.lines + [r for r in page.rects if r["height"] < 3]:
                if abs(ln["top"] - ln["bottom"]) < 3:
                    rules.append(Rule(y=(ln["top"] + ln["bottom"]) / 2, x0=ln["x0"], x1=ln["x1"],
                                      width=float(ln.get("linewidth") or ln["bottom"] - ln["top"]),
                                      color=tuple(ln.get("stroking_color") or ())))
            pages.append(PdfPage(height=float(page.height), lines=tuple(lines), rules=tuple(rules)))
    return PdfDoc(tuple(pages))
