"""The DOCX read back with python-docx and lxml: paragraphs, styles, grid, footers, package."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from docx_helpers import EPOCH, render
from docx.oxml.ns import qn

from bulletin_export.renderers.docx import ooxml
from bulletin_export.renderers.docx.story import source_fits
from bulletin_export.renderers.docx.styles import BASE_STYLE, ROLE_STYLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def expected_paragraphs(issue, style) -> list[tuple[str, str]]:
    """(role, text) of every paragraph the model asks for, in reading order."""
    out = []
    m = issue.masthead
    if m:
        if m.classification:
            out.append(("classification", m.classification))
        if m.name:
            out.append(("masthead_name", m.name))
        if m.issue_label:
            out.append(("issue_line", m.issue_label))
        if m.editor or m.date:
            unit = (m.editor or "") + ("编" if m.editor and not m.editor.endswith("编") else "")
            date = f"{m.date.year}年{m.date.month}月{m.date.day}日" if m.date else ""
            out.append(("editor_line", f"\t{unit}\t{date}"))
    if issue.editor_note:
        for n, text in enumerate(t for t in issue.editor_note.text.split("\n") if t.strip()):
            out.append(("editor_note", text if n or text.startswith("编者按") else "编者按：" + text))
    for sec in issue.sections:
        if sec.heading:
            out.append(("column_heading", sec.heading if sec.heading.startswith("【")
                        else f"【{sec.heading}】"))
        for art in sec.articles:
            if art.title:
                out.append(("title", art.title))
            if art.subtitle:
                out.append(("subtitle", art.subtitle))
            texts = [p.text for p in art.paragraphs]
            own = style.source_placement == "own_line" or not texts
            if art.source and not own and source_fits(texts[-1], f"（{art.source}）", style):
                texts[-1] += f"（{art.source}）"
            elif art.source and not own:  # a right-aligned body line of its own
                texts.append(f"（{art.source}）")
            out += [("body", t) for t in texts]
            if art.source and own:
                out.append(("source", f"（{art.source}）"))
    out += [("end_block", f"{d.label}：{d.recipients}") for d in issue.distribution]
    if issue.copies is not None and issue.distribution:  # at a right tab after the last line
        out[-1] = ("end_block", f"{out[-1][1]}\t共印{issue.copies}份")
    elif issue.copies is not None:
        out.append(("copies", f"共印{issue.copies}份"))
    return out


def read_paragraphs(document) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of the main story, table cells included, in order."""
    out = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    out += [(p.style.name, p.text) for p in cell.paragraphs]
        else:
            out.append((block.style.name, block.text.replace("\n", "")))  # a title's line breaks are layout
    return out


@pytest.mark.parametrize("which", ["seed", "masthead"])
def test_every_model_paragraph_in_order_with_its_role_style(which, request, style, open_docx):
    issue = request.getfixturevalue(f"{which}_issue")
    document = open_docx(request.getfixturevalue(f"{which}_docx"))
    got = read_paragraphs(document)
    assert got[-1] == (ROLE_STYLES["end_block"][0], "")  # the end block's anchor paragraph
    want = [(ROLE_STYLES[role][0], text) for role, text in expected_paragraphs(issue, style)]
    assert got[:-1] == want


def test_seed_has_the_parts_a_bulletin_needs(seed_issue):
    assert len(list(seed_issue.articles())) >= 10 and seed_issue.distribution


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize("which", ["seed_docx", "masthead_docx"])
def test_no_theme_fonts_anywhere(which, request):
    for name, xml in _parts(request.getfixturevalue(which)).items():
        if name.startswith("word/") and name.endswith(".xml") and "theme/" not in name:
            assert not re.search(rb"w:(asciiTheme|hAnsiTheme|eastAsiaTheme|cstheme)=", xml), name


def test_template_leftovers_are_gone(seed_docx):
    parts = _parts(seed_docx)
    assert not [n for n in parts if "thumbnail" in n or n.startswith("customXml")
                or "stylesWithEffects" in n]
    assert b"python-docx" not in parts["docProps/core.xml"]
    assert "ＭＳ 明朝".encode() not in parts["word/styles.xml"]


def test_word_grid_is_28_by_22(seed_docx, open_docx, style):
    sect = open_docx(seed_docx).sections[0]._sectPr
    grid = sect.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"
    want = (style.block_width / 28 - 16) * 4096
    assert abs(int(grid.get(qn("w:charSpace"))) - want) <= 1
    assert -860 < int(grid.get(qn("w:charSpace"))) < -840


def test_page_is_a4_with_the_style_margins(seed_docx, open_docx, style):
    sec = open_docx(seed_docx).sections[0]
    assert abs(sec.page_width.pt - 595.28) < 0.1 and abs(sec.page_height.pt - 841.89) < 0.1
    for name in ("top", "bottom", "left", "right"):
        assert abs(getattr(sec, f"{name}_margin").pt - getattr(style.page, f"margin_{name}")) < 0.1


def test_defaults_give_libreoffice_the_body_size(seed_docx, open_docx):
    styles = open_docx(seed_docx).styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    assert ppr.find(qn("w:kinsoku")) is not None
    normal = [s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == "Normal"][0]
    assert normal.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "32"


def test_role_styles(seed_docx, open_docx, style):
    document = open_docx(seed_docx)
    base = document.styles[BASE_STYLE[0]]
    assert base.base_style.name == "Normal"
    for role, (name, style_id) in ROLE_STYLES.items():
        st = document.styles[name]
        assert st.style_id == style_id and st.base_style.name == BASE_STYLE[0]
        font = st.element.find(qn("w:rPr")).find(qn("w:rFonts"))
        rs = style.roles[role]
        assert font.get(qn("w:eastAsia")) == style.fonts[rs.font].official
        latin = style.fonts[rs.font].official if role == "page_number" else "Times New Roman"
        assert font.get(qn("w:ascii")) == font.get(qn("w:hAnsi")) == latin
        assert st.font.size.pt == rs.size
        spacing = st.element.find(qn("w:pPr")).find(qn("w:spacing"))
        assert spacing.get(qn("w:lineRule")) == "exact"
        assert int(spacing.get(qn("w:line"))) == round(579 * rs.lines)
    body = document.styles[ROLE_STYLES["body"][0]].element.find(qn("w:pPr"))
    assert body.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert body.find(qn("w:jc")).get(qn("w:val")) == "both"
    bppr = base.element.find(qn("w:pPr"))
    assert bppr.find(qn("w:kinsoku")) is not None
    normal = document.styles["Normal"].element
    assert normal.find(qn("w:pPr")).find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
    assert normal.find(qn("w:rPr")).find(qn("w:spacing")).get(qn("w:val")) == "-6"
    assert normal.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    red = document.styles[ROLE_STYLES["masthead_name"][0]].font.color.rgb
    assert str(red) == style.colors["red"].lstrip("#").upper()


def test_body_paragraphs_carry_only_their_style(seed_docx, open_docx):
    body = [p for p in open_docx(seed_docx).paragraphs if p.style.name == ROLE_STYLES["body"][0]]
    assert len(body) >= 15
    for p in body:
        if re.fullmatch(r"（[^（）]+）", p.text):  # a source on its own line: see test_docx_sources
            continue
        ppr = p._p.pPr
        assert [c.tag for c in ppr] == [qn("w:pStyle")]
        assert all(r._r.rPr is None for r in p.runs)


ORDERS = {"pPr": ooxml.PPR_ORDER, "rPr": ooxml.RPR_ORDER, "sectPr": ooxml.SECTPR_ORDER,
          "tblPr": ooxml.TBLPR_ORDER, "tcPr": ooxml.TCPR_ORDER, "trPr": ooxml.TRPR_ORDER,
          "style": ooxml.STYLE_ORDER, "pBdr": ooxml.BORDER_ORDER, "tblBorders": ooxml.BORDER_ORDER}


@pytest.mark.parametrize("which", ["seed_docx", "masthead_docx"])
def test_elements_in_schema_order(which, request):
    from lxml import etree

    for name, xml in _parts(request.getfixturevalue(which)).items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        for elm in etree.fromstring(xml).iter():
            local = etree.QName(elm).localname if isinstance(elm.tag, str) else None
            if local not in ORDERS or not elm.tag.startswith(W):
                continue
            if local == "rPr" and elm.getparent() is not None and \
                    etree.QName(elm.getparent()).localname == "pPr":
                order = ORDERS["rPr"]  # paragraph-mark run properties: same sequence
            else:
                order = ORDERS[local]
            seq = [order.index(etree.QName(c).localname) for c in elm
                   if isinstance(c.tag, str) and c.tag.startswith(W)]
            assert seq == sorted(seq), f"{name}: {local} children out of schema order"


def test_odd_right_even_left_page_numbers(seed_docx, open_docx, style):
    document = open_docx(seed_docx)
    assert document.settings.odd_and_even_pages_header_footer
    sec = document.sections[0]
    for footer, jc, side in ((sec.footer, "right", "right"), (sec.even_page_footer, "left", "left")):
        p = footer.paragraphs[0]
        assert p.style.name == ROLE_STYLES["page_number"][0]
        ppr = p._p.pPr
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == jc
        assert ppr.find(qn("w:ind")).get(qn(f"w:{side}")) == "280"  # one 14 pt character
        instr = "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        assert p.text.startswith("— ") and p.text.endswith(" —")
    assert document.styles[ROLE_STYLES["page_number"][0]].font.size.pt == 14
    assert sec.different_first_page_header_footer is (not style.page_number.first_page)


def test_end_block_is_a_table_floating_at_the_bottom(seed_docx, open_docx, style):
    tbl = open_docx(seed_docx).tables[0]._tbl
    pos = tbl.tblPr.find(qn("w:tblpPr"))
    assert pos.get(qn("w:vertAnchor")) == "margin" and pos.get(qn("w:tblpYSpec")) == "bottom"
    borders = tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:top")).get(qn("w:sz")) == str(round(style.rules.end_thick * 8))
    assert borders.find(qn("w:insideH")).get(qn("w:sz")) == str(round(style.rules.end_thin * 8))
    assert int(tbl.tblPr.find(qn("w:tblW")).get(qn("w:w"))) == round(style.block_width * 20)


def test_masthead_rule_and_tabs(masthead_docx, open_docx, style):
    document = open_docx(masthead_docx)
    editor = [p for p in document.paragraphs if p.style.name == ROLE_STYLES["editor_line"][0]][0]
    bottom = editor._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "FF0000"
    stops = document.styles[ROLE_STYLES["editor_line"][0]].paragraph_format.tab_stops
    assert round(stops[-1].position.pt) == round(style.block_width - 16)


def test_core_properties(masthead_docx, masthead_issue, open_docx):
    cp = open_docx(masthead_docx).core_properties
    assert cp.title == "工会工作简报第4期（总第156期）"
    assert cp.author == masthead_issue.masthead.editor == cp.last_modified_by
    assert cp.subject == "工会工作简报" and "工作动态" in cp.keywords
    when = dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc)
    assert cp.created == cp.modified == when and cp.revision == 1


def test_same_input_same_bytes(seed_issue, seed_docx):
    assert render(seed_issue) == seed_docx
    with zipfile.ZipFile(io.BytesIO(seed_docx)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_build_time_changes_only_the_dates(seed_issue, seed_docx):
    other = _parts(render(seed_issue, epoch=EPOCH + 86400))
    mine = _parts(seed_docx)
    assert other.keys() == mine.keys()
    assert [n for n in mine if mine[n] != other[n]] == ["docProps/core.xml"]


def test_compact_style_puts_sources_on_their_own_line(seed_issue, open_docx):
    document = open_docx(render(seed_issue, style_name="bulletin-compact"))
    sources = [p.text for p in document.paragraphs if p.style.name == ROLE_STYLES["source"][0]]
    assert sources[0] == "（综合来稿）"
    assert document.sections[0].different_first_page_header_footer


def test_font_table_names_the_official_families(seed_docx, style):
    from lxml import etree

    root = etree.fromstring(_parts(seed_docx)["word/fontTable.xml"])
    fonts = {f.get(f"{W}name"): f for f in root.iter(f"{W}font")}
    for role in style.fonts.values():
        assert fonts[role.official].find(f"{W}charset").get(f"{W}val") == "86"
    assert fonts["仿宋_GB2312"].find(f"{W}altName").get(f"{W}val") == "仿宋"
    assert not [n for n in fonts if "明朝" in n or "ゴシック" in n]


def test_an_empty_issue_still_has_a_paragraph(open_docx):
    from bulletin_export.model import Issue

    assert len(open_docx(render(Issue())).paragraphs) == 1


def test_control_character_is_a_render_error_with_its_line():
    from bulletin_export.errors import RenderError
    from bulletin_export.model import Article, Issue, Paragraph, Section, Span

    issue = Issue(sections=(Section(None, (Article("标题", paragraphs=(
        Paragraph("甲\x0b乙", span=Span(7, 1, 7, 4)),)),)),))
    with pytest.raises(RenderError) as err:
        render(issue)
    assert err.value.line == 7 and "U+000B" in err.value.message


def test_headings_and_titles_have_outline_levels(seed_docx, open_docx):
    styles = open_docx(seed_docx).styles
    for role, level in (("column_heading", "0"), ("title", "1")):
        ppr = styles[ROLE_STYLES[role][0]].element.find(qn("w:pPr"))
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == level


def test_copies_stand_at_a_right_tab_one_character_in(masthead_docx, open_docx, style):
    cell = open_docx(masthead_docx).tables[0].rows[-1].cells[0]
    last = cell.paragraphs[-1]
    assert last.text.endswith("\t共印120份")
    stop = last.paragraph_format.tab_stops[0]
    assert abs(stop.position.pt - (style.block_width - style.roles["copies"].size)) < 0.1


def test_copies_alone_get_their_own_style(open_docx):
    from bulletin_export.model import Issue

    document = open_docx(render(Issue(copies=80)))
    p = document.tables[0].rows[0].cells[0].paragraphs[0]
    assert (p.style.name, p.text) == (ROLE_STYLES["copies"][0], "共印80份")


def test_copies_get_their_own_line_when_the_last_line_is_full(open_docx):
    from bulletin_export.model import DistributionEntry, Issue

    long = ("各市（县）、区总工会，各产业（系统）工会，市总各部室、各直属单位，各市（县）、区总工会，"
            "各产业（系统）工会，市总各部室，市委办公室，市政府办公室，市委宣传部办公室")
    document = open_docx(render(Issue(distribution=(DistributionEntry("发", long),), copies=120)))
    paras = document.tables[0].rows[0].cells[0].paragraphs
    assert [p.style.name for p in paras] == [ROLE_STYLES["end_block"][0], ROLE_STYLES["copies"][0]]
    assert "\t" not in paras[0].text and paras[1].text == "共印120份"
