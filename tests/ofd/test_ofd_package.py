"""Every OFD we write is valid: each part against the GB/T 33190 schemas, the package
invariants of ../shared/OFD.md checked here with our own reader (unique IDs, MaxUnitID,
references, fonts, DeltaX, ink inside Boundary), and ofdcheck.py --strict agrees."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from io import BytesIO

import pytest
from lxml import etree
from ofd_env import OFDCHECK, SCHEMAS
from ofd_reader import N, NS, OfdFile, resolve

XSD = {"OFD.xml": "OFD.xsd", "Document.xml": "Document.xsd", "PublicRes.xml": "Res.xsd",
       "DocumentRes.xml": "Res.xsd", "Content.xml": "Page.xsd", "CustomTags.xml": "CustomTags.xsd"}
OFFICIAL = ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体", "Times New Roman")
_schemas: dict[str, etree.XMLSchema] = {}


def schema(name: str) -> etree.XMLSchema:
    if name not in _schemas:
        _schemas[name] = etree.XMLSchema(etree.parse(str(SCHEMAS / name)))
    return _schemas[name]


def files(sample, hand):
    return [(sample.name, sample.ofd, sample.ofd_path), ("hand", hand[1], hand[2])]


def test_every_xml_part_validates_against_its_schema(sample, hand, shared):
    for label, data, _ in files(sample, hand):
        zf = zipfile.ZipFile(BytesIO(data))
        xml_parts = [n for n in zf.namelist() if n.endswith(".xml")]
        checked = 0
        for name in xml_parts:
            root = etree.fromstring(zf.read(name))
            assert root.prefix == "ofd" and etree.QName(root).namespace == NS or "Tags/" in name, name
            xsd = XSD.get(name.rsplit("/", 1)[-1])
            if xsd is None:
                assert name.endswith("Tags/Bulletin.xml"), f"{label}: {name} has no schema"
                continue
            s = schema(xsd)
            assert s.validate(root), f"{label}: {name}: {s.error_log.last_error}"
            checked += 1
        assert checked >= 6


def test_ofdcheck_strict_finds_nothing(sample, hand, shared):
    for label, _, path in files(sample, hand):
        proc = subprocess.run([sys.executable, str(OFDCHECK), "--strict", str(path)],
                              capture_output=True, text=True, timeout=60)
        report = json.loads(proc.stdout)
        assert proc.returncode == 0 and report["ok"], (label, report["errors"][:5])


def test_root_version_doc_type_and_zip_layout(sample):
    zf = zipfile.ZipFile(BytesIO(sample.ofd))
    infos = zf.infolist()
    assert infos[0].filename == "OFD.xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert not any(n.endswith(".ttc") for n in zf.namelist())
    ofd = sample.read.ofd
    assert (ofd.get("Version"), ofd.get("DocType")) == ("1.0", "OFD")
    common = sample.read.doc.find("ofd:CommonData", N)
    assert [etree.QName(c).localname for c in common] == [
        "MaxUnitID", "PageArea", "PublicRes", "DocumentRes", "DefaultCS"]
    assert common.findtext("ofd:PageArea/ofd:PhysicalBox", namespaces=N) == "0 0 210 297"
    assert sample.read.default_cs in sample.read.colour_spaces


def test_ids_unique_and_max_unit_id_is_the_largest(sample, hand):
    for read in (sample.read, hand[3]):
        ids = read.ids()
        values = [int(i) for i, _ in ids]
        assert len(values) == len(set(values)), [i for i in values if values.count(i) > 1][:5]
        assert read.max_unit_id == max(values)
        assert len(values) > 10


def test_references_resolve(sample, hand):
    for read in (sample.read, hand[3]):
        names = set(read.names)
        page_ids = {p.id for p in read.pages}
        objects = {}
        for page in read.pages:
            assert page.part in names
            for el in page.root.iter():
                if isinstance(el.tag, str) and el.get("ID"):
                    objects[el.get("ID")] = page.id
            for obj in page.text_objects:
                assert obj.get("Font") in read.fonts
        for font in read.fonts.values():
            assert font.file in names
        for dest in read.doc.iterfind(".//ofd:Dest", N):
            assert dest.get("PageID") in page_ids
        tags_loc = read.doc.findtext("ofd:CustomTags", namespaces=N)
        tags = read.xml(resolve(read.doc_dir, tags_loc))
        tag_files = [resolve(read.doc_dir, t.findtext("ofd:FileLoc", namespaces=N))
                     for t in tags.iterfind("ofd:CustomTag", N)]
        refs = [r for f in tag_files for r in read.xml(f).iterfind(".//ofd:ObjectRef", N)]
        assert refs
        for r in refs:
            assert objects.get(r.text.strip()) == r.get("PageRef"), etree.tostring(r)


def test_fonts_are_truthful_single_face_subsets_covering_every_character(sample, hand):
    for read in (sample.read, hand[3]):
        drawn: dict[str, set[str]] = {}
        for page in read.pages:
            for g in page.glyphs:
                drawn.setdefault(g.font.id, set()).add(g.ch)
        for font in read.fonts.values():
            assert font.data[:4] in (b"\0\1\0\0", b"true"), f"{font.file} is no single TrueType face"
            tt = font.tt
            for table in ("cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "glyf", "loca"):
                assert table in tt, f"{font.file} lacks {table}"
            family = tt["name"].getDebugName(1)
            assert font.family == font.name == family, (font.family, font.name, family)
            assert not re.match(r"^[A-Z]{6}\+", font.name) and font.name not in OFFICIAL
            missing = [c for c in drawn.get(font.id, ()) if ord(c) not in font.cmap]
            assert not missing, f"{font.name} lacks {missing}"
            assert tt["maxp"].numGlyphs < 2000  # a subset, not the whole face


def test_text_codes_delta_x_and_ink_inside_boundary(sample, hand):
    for read in (sample.read, hand[3]):
        for page in read.pages:
            for obj in page.text_objects:
                codes = obj.findall("ofd:TextCode", N)
                assert len(codes) == 1
                text = codes[0].text
                assert text == text.strip() and text
                dx = codes[0].get("DeltaX")
                assert len(dx.split()) == len(text) - 1 if dx else len(text) == 1
            for g in page.glyphs:
                bx, by, bw, bh = g.boundary
                ink = g.font.ink(g.ch)
                x0, x1 = g.x, g.x + g.font.advance(g.ch) * g.size
                if ink:
                    x0, x1 = min(x0, g.x + ink[0] * g.size), max(x1, g.x + ink[2] * g.size)
                    top, bottom = g.y - ink[3] * g.size, g.y - ink[1] * g.size
                    assert by - 0.01 <= top and bottom <= by + bh + 0.01, (g.ch, g.object_id)
                assert bx - 0.01 <= x0 and x1 <= bx + bw + 0.01, (g.ch, g.object_id)


def test_rules_have_their_width_colour_and_a_real_boundary(sample):
    rules = [r for p in sample.display.pages for r in p.rules]
    paths = [p for page in sample.read.pages for p in page.paths]
    assert len(paths) == len(rules) >= 2
    for rule, path in zip(rules, paths):
        assert path["width"] == pytest.approx(rule.thickness * 25.4 / 72, abs=0.002)
        assert path["box"][3] >= path["width"] > 0
        assert path["box"][2] == pytest.approx((rule.x1 - rule.x0) * 25.4 / 72, abs=0.002)
        assert path["ops"][0] == "M" and path["ops"][3] == "L"
        want = tuple(int(rule.color[i : i + 2], 16) for i in (1, 3, 5))
        assert path["color"] == want
    masthead = [p for r, p in zip(rules, paths) if r.element.startswith("masthead.rule")]
    assert bool(masthead) == bool(sample.issue.masthead)
    assert all(p["color"][0] > 150 and p["color"][1] < 80 for p in masthead)  # red
    end = [round(p["width"], 2) for r, p in zip(rules, paths) if r.element.startswith("end.rule")]
    # 版记 (GB/T 9704): the first and last rules thick, those between thin
    assert len(end) >= 2 and end[0] == end[-1] == 0.35 and set(end[1:-1]) <= {0.25}
    assert 0.25 in end or sample.name == "seed"  # the masthead sample's end block has entries


def test_masthead_name_is_red_and_every_page_has_its_number(sample):
    read = sample.read
    name = sample.issue.masthead.name if sample.issue.masthead else ""
    red = [g for g in read.pages[0].glyphs if g.color and g.color[0] > 150 and g.color[1] < 80]
    assert "".join(g.ch for g in red) == name.replace(" ", "")
    for n, page in enumerate(read.pages, 1):
        bottom = max(read.lines(page), key=lambda line: line["baseline"])
        assert str(n) in bottom["text"] and bottom["baseline"] > 260


def test_doc_info(sample):
    from bulletin_export.printed import metadata

    info = sample.read.doc_info
    meta = metadata(sample.issue)
    get = lambda tag: info.findtext(f"ofd:{tag}", namespaces=N)  # noqa: E731
    assert re.fullmatch(r"[0-9a-f]{32}", get("DocID"))
    assert (get("Title"), get("Author") or "", get("Subject")) == (meta.title, meta.author, meta.subject)
    assert get("CreationDate") == "2012-04-28"  # SOURCE_DATE_EPOCH of the context
    assert get("Creator") == "bulletin_export" and get("CreatorVersion")
    words = [k.text for k in info.iterfind("ofd:Keywords/ofd:Keyword", N)]
    assert words[0] == "简报" and len(words) >= 2
    order = [etree.QName(c).localname for c in info]
    want = ["DocID", "Title", "Author", "Subject", "CreationDate", "Keywords", "Creator", "CreatorVersion"]
    assert order == [t for t in want if t != "Author" or meta.author]  # no empty Author


def test_same_input_same_bytes_and_doc_id_follows_content(sample):
    from bulletin_export.renderers import RenderContext, get

    again = get("ofd").render(sample.issue, RenderContext(source_date_epoch=1335571200))
    assert again == sample.ofd
    later = get("ofd").render(sample.issue, RenderContext(source_date_epoch=1335571200 + 86400 * 3))
    other = OfdFile(later)
    assert other.doc_info.findtext("ofd:CreationDate", namespaces=N) == "2012-05-01"
    # the content did not change: the same DocID
    assert other.doc_info.findtext("ofd:DocID", namespaces=N) == sample.read.doc_info.findtext("ofd:DocID", namespaces=N)


def test_spaces_are_never_drawn_and_a_space_only_run_writes_nothing(hand):
    dl, _, _, read = hand
    texts = [o.findtext("ofd:TextCode", namespaces=N) for p in read.pages for o in p.text_objects]
    assert "关于开展劳动竞赛的通知" in texts and "GB/T 9704" in texts
    drawn = sum(1 for p in dl.pages for r in p.runs if r.text.strip())
    assert len(texts) == drawn
    title = next(o for p in read.pages for o in p.text_objects
                 if o.findtext("ofd:TextCode", namespaces=N).startswith("关于"))
    run = next(r for r in dl.pages[0].runs if r.element == "article.1.title")
    box = [float(v) for v in title.get("Boundary").split()]
    x = box[0] + float(title.find("ofd:TextCode", N).get("X"))
    assert x == pytest.approx(run.x[2] * 25.4 / 72, abs=0.001)  # the first glyph after the spaces


def test_bold_faces_and_synthetic_bold(hand):
    _, _, _, read = hand
    by_text = {o.findtext("ofd:TextCode", namespaces=N): o for p in read.pages for o in p.text_objects}
    bold = by_text["加粗"]
    assert bold.get("Stroke") == "true" and bold.get("Weight") == "700"
    assert bold.find("ofd:StrokeColor", N) is not None and float(bold.get("LineWidth")) > 0
    assert by_text["第4期"].get("Stroke") is None and by_text["第4期"].get("Weight") is None
