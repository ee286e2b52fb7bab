"""An OFD reader of our own for the tests: the package's parts, its IDs and references, the
embedded fonts (fontTools), and every glyph's position, so the tests check the invariants
of /work/shared/OFD.md themselves and compare text lines with the PDF's.

Written from GB/T 33190-2016 and the schemas, independently of renderers/ofd (it reads
what is in the file, follows DocRoot, BaseLoc and ST_Loc rules, expands "g N v" in
DeltaX), so a mistake in the writer is not repeated here.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

NS = "http://www.ofdspec.org/2016"
N = {"ofd": NS}


def floats(text: str) -> list[float]:
    return [float(t) for t in text.split()]


def expand(delta: str | None) -> list[float]:
    if not delta:
        return []
    toks, out, i = delta.split(), [], 0
    while i < len(toks):
        if toks[i] == "g":
            out += [float(toks[i + 2])] * int(toks[i + 1])
            i += 3
        else:
            out.append(float(toks[i]))
            i += 1
    return out


def resolve(base_dir: str, loc: str) -> str:
    loc = loc.strip()
    return posixpath.normpath(loc[1:] if loc.startswith("/") else posixpath.join(base_dir, loc))


@dataclass
class Font:
    id: str
    name: str
    family: str | None
    file: str
    data: bytes

    @cached_property
    def tt(self):
        from fontTools.ttLib import TTFont

        return TTFont(io.BytesIO(self.data))

    @cached_property
    def cmap(self) -> dict[int, str]:
        return self.tt.getBestCmap()

    def advance(self, ch: str) -> float:
        """Advance of a character in em."""
        return self.tt["hmtx"][self.cmap[ord(ch)]][0] / self.tt["head"].unitsPerEm

    def ink(self, ch: str) -> tuple[float, float, float, float] | None:
        """(xMin, yMin, xMax, yMax) of the glyph's outline in em; None for an empty glyph."""
        glyf = self.tt["glyf"]
        g = glyf[self.cmap[ord(ch)]]
        if g.numberOfContours == 0:
            return None
        g.recalcBounds(glyf)
        upem = self.tt["head"].unitsPerEm
        return g.xMin / upem, g.yMin / upem, g.xMax / upem, g.yMax / upem


@dataclass
class Glyph:
    ch: str
    x: float  # page mm, the origin
    y: float  # page mm, the baseline
    size: float  # mm
    font: Font
    object_id: str
    boundary: tuple[float, float, float, float]
    color: tuple[int, ...] | None


@dataclass
class Page:
    id: str
    part: str
    root: object
    glyphs: list[Glyph] = field(default_factory=list)
    paths: list[dict] = field(default_factory=list)
    text_objects: list[object] = field(default_factory=list)


class OfdFile:
    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = [i.filename for i in self.zip.infolist()]
        self.ofd = self.xml("OFD.xml")
        body = self.ofd.find("ofd:DocBody", N)
        self.doc_info = body.find("ofd:DocInfo", N)
        self.doc_name = resolve("", body.findtext("ofd:DocRoot", namespaces=N))
        self.doc = self.xml(self.doc_name)
        self.doc_dir = posixpath.dirname(self.doc_name)
        common = self.doc.find("ofd:CommonData", N)
        self.max_unit_id = int(common.findtext("ofd:MaxUnitID", namespaces=N))
        self.page_box = floats(common.findtext("ofd:PageArea/ofd:PhysicalBox", namespaces=N))
        self.res_parts = [resolve(self.doc_dir, e.text) for e in
                          common.findall("ofd:PublicRes", N) + common.findall("ofd:DocumentRes", N)]
        self.fonts: dict[str, Font] = {}
        self.colour_spaces: set[str] = set()
        self.resource_ids: list[str] = []
        for name in self.res_parts:
            res = self.xml(name)
            base = resolve(posixpath.dirname(name), res.get("BaseLoc", ""))
            for cs in res.iterfind(".//ofd:ColorSpace", N):
                self.colour_spaces.add(cs.get("ID"))
                self.resource_ids.append(cs.get("ID"))
            for f in res.iterfind(".//ofd:Font", N):
                file = resolve(base, f.findtext("ofd:FontFile", namespaces=N))
                self.fonts[f.get("ID")] = Font(f.get("ID"), f.get("FontName"), f.get("FamilyName"),
                                               file, self.zip.read(file))
                self.resource_ids.append(f.get("ID"))
        self.default_cs = common.findtext("ofd:DefaultCS", namespaces=N)
        self.pages: list[Page] = []
        for p in self.doc.iterfind("ofd:Pages/ofd:Page", N):
            part = resolve(self.doc_dir, p.get("BaseLoc"))
            page = Page(p.get("ID"), part, self.xml(part))
            self._read_page(page)
            self.pages.append(page)

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    # ------------------------------------------------------------------ pages
    def _read_page(self, page: Page) -> None:
        for obj in page.root.iterfind(".//ofd:TextObject", N):
            page.text_objects.append(obj)
            box = tuple(floats(obj.get("Boundary")))
            font = self.fonts[obj.get("Font")]
            size = float(obj.get("Size"))
            fill = obj.find("ofd:FillColor", N)
            color = tuple(int(v) for v in fill.get("Value").split()) if fill is not None else None
            x = y = 0.0
            for code in obj.iterfind("ofd:TextCode", N):
                x = float(code.get("X", x))
                y = float(code.get("Y", y))
                dx = expand(code.get("DeltaX"))
                text = code.text or ""
                gx = x
                for k, ch in enumerate(text):
                    if k:
                        gx += dx[k - 1]
                    page.glyphs.append(Glyph(ch, box[0] + gx, box[1] + y, size, font, obj.get("ID"), box, color))
        for obj in page.root.iterfind(".//ofd:PathObject", N):
            box = floats(obj.get("Boundary"))
            ops = obj.findtext("ofd:AbbreviatedData", namespaces=N).split()
            stroke = obj.find("ofd:StrokeColor", N)
            page.paths.append({"id": obj.get("ID"), "box": box, "ops": ops,
                               "width": float(obj.get("LineWidth", "0.353")),
                               "color": tuple(int(v) for v in stroke.get("Value").split()) if stroke is not None else None})

    def ids(self) -> list[tuple[str, str]]:
        """(ID, where) of every ST_ID in the document."""
        out = [(i, "resource") for i in self.resource_ids]
        for p in self.doc.iterfind("ofd:Pages/ofd:Page", N):
            out.append((p.get("ID"), "page"))
        for page in self.pages:
            for el in page.root.iter():
                if isinstance(el.tag, str) and el.get("ID") is not None:
                    out.append((el.get("ID"), f"{page.part} {etree.QName(el).localname}"))
        return out

    def lines(self, page: Page, tol: float = 0.3) -> list[dict]:
        """The page's text lines (glyphs on one baseline within ``tol`` mm), spaces left out:
        text, baseline, x0 (first origin) and x1 (last origin + advance), in mm."""
        rows: list[list[Glyph]] = []
        for g in sorted((g for g in page.glyphs if not g.ch.isspace()), key=lambda g: (g.y, g.x)):
            if rows and abs(g.y - rows[-1][0].y) < tol:
                rows[-1].append(g)
            else:
                rows.append([g])
        out = []
        for r in rows:
            r.sort(key=lambda g: g.x)
            last = r[-1]
            out.append({"text": "".join(g.ch for g in r), "baseline": r[0].y, "x0": r[0].x,
                        "x1": last.x + last.font.advance(last.ch) * last.size})
        return out
