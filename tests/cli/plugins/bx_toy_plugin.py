"""A third-party reader and a fixed-layout renderer used by the tests, written against the
public seams only (readers protocol, parser.parse_lines, layout.display_list, RenderContext).

- ToyReader reads ".bxj": a bulletin as JSON ({"bulletin": {...}}), by turning it into
  lines with hints for the parser.
- ToySvgRenderer draws the display list as one SVG (pages stacked), every glyph at the x
  the layout chose: a fixed-layout format that does not import any other renderer.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr


class ToyReader:
    name = "toy"
    suffixes = (".bxj",)
    description = "a bulletin as JSON (test plug-in)"
    has_source_lines = False
    fixable = False

    def sniff(self, head: bytes) -> bool:
        return head.lstrip()[:1] == b"{" and b'"bulletin"' in head

    def read(self, data, *, file=None, overrides=None):
        from bulletin_export.errors import InputError
        from bulletin_export.parser import parse_lines

        try:
            doc = json.loads(data.decode("utf-8"))["bulletin"]
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not a toy bulletin: {exc}", file=file) from None
        lines, hints = [doc["name"], doc["issue"], ""], ["masthead", "masthead", None]
        for section in doc["sections"]:
            lines += [f"【{section['heading']}】", ""]
            hints += ["heading", None]
            for art in section["articles"]:
                lines += [art["title"], *art["paragraphs"], f"（{art['source']}）", ""]
                hints += ["title", *[None] * len(art["paragraphs"]), "source", None]
        return parse_lines(lines, hints, file=file, overrides=overrides)


RENDERS: list[bool] = []  # glyphs_checked() seen by each render in this process


class ToySvgRenderer:
    name = "toysvg"
    extension = ".toy.svg"
    description = "the display list as SVG (test plug-in)"
    uses_fonts = True

    def render(self, issue, ctx) -> bytes:
        from bulletin_export.layout import display_list

        checked = ctx.glyphs_checked(issue)
        RENDERS.append(checked)
        dl = display_list(issue, ctx.style, ctx.fonts)
        width = max(p.width for p in dl.pages)
        height = sum(p.height for p in dl.pages)
        out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.2f}pt" height="{height:.2f}pt" '
               f'data-glyphs-checked="{"yes" if checked else "no"}">']
        top = 0.0
        for page in dl.pages:
            out.append(f'<g class="page" data-number="{page.number}" transform="translate(0 {top:.2f})">')
            for run in page.runs:
                family = dl.faces[run.face].family
                xs = " ".join(f"{x:.2f}" for x in run.x)
                out.append(f'<text x={quoteattr(xs)} y="{run.baseline:.2f}" font-family={quoteattr(family)} '
                           f'font-size="{run.size:.2f}" fill="{run.color}" data-element={quoteattr(run.element)}>'
                           f"{escape(run.text)}</text>")
            for rule in page.rules:
                out.append(f'<line x1="{rule.x0:.2f}" x2="{rule.x1:.2f}" y1="{rule.y:.2f}" y2="{rule.y:.2f}" '
                           f'stroke="{rule.color}" stroke-width="{rule.thickness:.2f}"/>')
            out.append("</g>")
            top += page.height
        out.append("</svg>")
        return ("\n".join(out) + "\n").encode("utf-8")
