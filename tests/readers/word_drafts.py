"""Word drafts made the ways real drafts are made, one per construct of issue 13, built
with python-docx (and raw WordprocessingML where python-docx has no API: text boxes,
tracked changes, fields, content controls, numbering).

``DRAFTS`` maps a name to a function returning the .docx bytes; goldens/<name>.json holds
the expected model and diagnostics (written only with BX_UPDATE_GOLDENS=1).
"""

from __future__ import annotations

import io
import struct
import zlib

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY_TEXT = "日前，市总工会召开会议，部署下一阶段工作。会议要求各级工会认真贯彻落实。"
RED = RGBColor(0xFF, 0x00, 0x00)


def _save(document) -> bytes:
    document.core_properties.author = "test"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _para(document_or_cell, text: str = "", *, align=None, bold=None, size=None, color=None,
          style=None):
    p = document_or_cell.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    if align:
        p.alignment = align
    return p


def _body_size(document, size: float = 16) -> None:
    document.styles["Normal"].font.size = Pt(size)


def _masthead(document) -> None:
    """The common masthead of paragraphs: red name, issue line, editor and date at a tab,
    the red rule as the last line's bottom border."""
    _para(document, "工会工作简报", align=WD_ALIGN_PARAGRAPH.CENTER, size=42, color=RED)
    _para(document, "第4期（总第156期）", align=WD_ALIGN_PARAGRAPH.CENTER)
    p = _para(document, "苏州市总工会办公室编\t2012年4月28日")
    _bottom_border(p)


def _bottom_border(p) -> None:
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:pBdr {W_NS}><w:bottom w:val="single" w:sz="18" w:space="1" '
                         'w:color="FF0000"/></w:pBdr>'))


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    tbl_pr.append(parse_xml(f'<w:tblBorders {W_NS}>' + "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))


def _grid_borders(table) -> None:
    table._tbl.tblPr.append(parse_xml(f'<w:tblBorders {W_NS}>' + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"))


# -- drafts ------------------------------------------------------------------------------------

def heading_styles() -> bytes:
    """Columns styled Heading 1 (no brackets), titles Heading 2, a source right-aligned."""
    d = docx.Document()
    _body_size(d)
    _masthead(d)
    d.add_paragraph("工作动态", style="Heading 1")
    d.add_paragraph("市总召开工作会议，部署下一阶段任务", style="Heading 2")
    _para(d, BODY_TEXT)
    _para(d, "（市总办公室）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    d.add_paragraph("太仓市总开展读书活动", style="Heading 2")
    _para(d, "4月，太仓市总工会在全市职工中开展读书活动。")
    _para(d, "太仓市总工会", align=WD_ALIGN_PARAGRAPH.RIGHT)
    d.add_paragraph("基层声音", style="Heading 1")
    d.add_paragraph("昆山市总推进工资集体协商", style="Heading 2")
    _para(d, "今年以来，昆山市总工会把工资集体协商作为重点工作。（昆山市总工会）")
    return _save(d)


def chinese_heading_style() -> bytes:
    """WPS-style ids (标题 1 named in Chinese, id "1"): one heading level, the titles;
    columns in 【】 as plain text."""
    d = docx.Document()
    _body_size(d)
    styles = d.styles.element
    styles.append(parse_xml(f'<w:style {W_NS} w:type="paragraph" w:styleId="1"><w:name w:val="标题 1"/>'
                            '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/>'
                            '<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/>'
                            '</w:rPr></w:style>'))
    _para(d, "【工作动态】")
    heading = d.styles["标题 1"]
    d.add_paragraph("关于进一步加强基层工会建设的意见，经市总常委会审议通过", style=heading)
    _para(d, BODY_TEXT)
    d.add_paragraph("市总开展送温暖活动", style=heading)
    _para(d, "春节前夕，市总工会开展送温暖活动。（市总保障部）")
    return _save(d)


def formatted_titles() -> bytes:
    """Titles by direct formatting only: centred, bold, 二号; a title with a comma (not a
    title by its shape), sources right-aligned; a centred bold line ending in 。 stays text."""
    d = docx.Document()
    _body_size(d)
    _para(d, "【工作动态】")
    _para(d, "市总召开主席例会，部署二季度工作", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22)
    _para(d, BODY_TEXT)
    _para(d, "（市总办公室）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(d, "吴江市总工会强化服务型窗口建设", align=WD_ALIGN_PARAGRAPH.CENTER, size=22)
    _para(d, "吴江市总工会把窗口建设作为服务职工的重要抓手。")
    _para(d, "请各单位认真抓好落实。", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(d, "吴江市总工会", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return _save(d)


def run_in_titles() -> bytes:
    """简讯: each item's title bold at the start of its only paragraph."""
    d = docx.Document()
    _body_size(d)
    _para(d, "【简讯】")
    for title, text, source in (
            ("市总召开劳模座谈会。", "4月26日，市总工会召开劳模座谈会，20名劳模参加。", "（市总办公室）"),
            ("太仓举办职工运动会", "4月20日，太仓市第五届职工运动会开幕。", "（太仓市总工会）"),
            ("昆山开展法律咨询", "4月，昆山市总工会在12个镇开展法律咨询活动。", "")):
        p = d.add_paragraph()
        p.add_run(title).bold = True
        p.add_run(text + source)
    p = d.add_paragraph()
    p.add_run("一是").bold = True
    p.add_run("加强组织领导，这不是标题。")
    return _save(d)


_NUMBERING = """<w:numbering {ns}>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
  <w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
  <w:suff w:val="nothing"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>
 </w:lvlOverride></w:num>
</w:numbering>"""


def _numbered(p, num_id: int, ilvl: int = 0) -> None:
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def numbering() -> bytes:
    """Column headings numbered 一、 二、 by numbering.xml only; in-article 1. 2. restarting
    in the next article (a new w:num with a startOverride); a level-2 （一） label."""
    d = docx.Document()
    _body_size(d)
    part = d.part.numbering_part
    part._element = parse_xml(_NUMBERING.format(ns=nsdecls("w")))
    p = _para(d, "工作动态")
    _numbered(p, 1)
    _para(d, "市总召开工作会议")
    _para(d, "会议提出三项要求：")
    for text in ("加强组织领导。", "狠抓工作落实。"):
        _numbered(_para(d, text), 2)
    _para(d, "（市总办公室）")
    p = _para(d, "基层声音")
    _numbered(p, 1)
    _para(d, "太仓市总部署读书活动")
    _para(d, "4月，太仓市总工会部署全市职工读书活动。")
    _numbered(_para(d, "活动安排"), 1, 1)
    _para(d, "活动分两个阶段进行。")
    for text in ("启动阶段。", "总结阶段。"):
        _numbered(_para(d, text), 3)
    return _save(d)


def soft_breaks() -> bytes:
    """Shift+Enter: joined inside a paragraph (nothing between Chinese, a space between
    Latin words); a break followed by typed full-width indentation starts a new paragraph."""
    d = docx.Document()
    _body_size(d)
    _para(d, "市总召开工作会议")
    p = d.add_paragraph()
    p.add_run("日前，市总工会召开会议，")
    p.add_run().add_break()
    p.add_run("部署下一阶段工作，推广 Microsoft")
    p.add_run().add_break()
    p.add_run("Word 培训。")
    p.add_run().add_break()
    p.add_run("\u3000\u3000会议要求各级工会认真贯彻落实。")
    _para(d, "（市总办公室）")
    return _save(d)


def masthead_paragraphs() -> bytes:
    d = docx.Document()
    _body_size(d)
    _para(d, "内部资料\u3000注意保存")
    _masthead(d)
    _para(d, "市总召开工作会议")
    _para(d, BODY_TEXT + "（市总办公室）")
    return _save(d)


def masthead_table() -> bytes:
    """The name red above, the issue line, then unit and date in two cells of a borderless table."""
    d = docx.Document()
    _body_size(d)
    _para(d, "工会工作简报", align=WD_ALIGN_PARAGRAPH.CENTER, size=42, color=RED)
    _para(d, "第4期", align=WD_ALIGN_PARAGRAPH.CENTER)
    table = d.add_table(rows=1, cols=2)
    _no_borders(table)
    table.cell(0, 0).paragraphs[0].add_run("苏州市总工会办公室编")
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("2012年4月28日")
    cell.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _para(d, "市总召开工作会议")
    _para(d, BODY_TEXT + "（市总办公室）")
    return _save(d)


_VML_WPS = ('xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
_TEXTBOX = """<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"
 locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>
<wp:positionV relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="4000000" cy="800000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="4000000" cy="800000"/>
</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
<wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:color w:val="FF0000"/>
<w:sz w:val="84"/></w:rPr><w:t>工会工作简报</w:t></w:r></w:p></w:txbxContent></wps:txbx>
<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape id="tb1" style="width:315pt;height:63pt" stroked="f">
<v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:color w:val="FF0000"/>
<w:sz w:val="84"/></w:rPr><w:t>工会工作简报</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>
</mc:Fallback></mc:AlternateContent></w:r>"""


def masthead_textbox() -> bytes:
    """The name in a floating text box (mc:Choice and its VML Fallback: read once)."""
    d = docx.Document()
    _body_size(d)
    anchor = d.add_paragraph()
    anchor._p.append(parse_xml(_TEXTBOX.format(ns=nsdecls("w", "wp", "a") + " " + _VML_WPS)))
    _para(d, "第12期", align=WD_ALIGN_PARAGRAPH.CENTER)
    _bottom_border(_para(d, "苏州市总工会办公室编\t2012年4月28日"))
    _para(d, "市总召开工作会议")
    _para(d, BODY_TEXT + "（市总办公室）")
    return _save(d)


def end_block_table() -> bytes:
    """版记 in a table: one row per entry, 共印 after a tab, the print line in the last row."""
    d = docx.Document()
    _body_size(d)
    _para(d, "市总召开工作会议")
    _para(d, BODY_TEXT + "（市总办公室）")
    table = d.add_table(rows=4, cols=1)
    _grid_borders(table)
    rows = ("报：全国总工会办公厅，省总工会办公室", "送：市委办公室，市政府办公室",
            "发：各市（县）、区总工会\t（共印120份）", "苏州市总工会办公室\t2012年4月29日印发")
    for k, text in enumerate(rows):
        table.cell(k, 0).paragraphs[0].add_run(text)
    d.add_paragraph()  # Word always ends the body with a paragraph, also after a table
    return _save(d)


def end_block_paragraphs() -> bytes:
    d = docx.Document()
    _body_size(d)
    _para(d, "市总召开工作会议")
    _para(d, BODY_TEXT + "（市总办公室）")
    _para(d, "报送：市委办公室")
    _para(d, "抄送：市政府办公室，市人大办公室")
    _para(d, "共印80份")
    return _save(d)


def figures_table() -> bytes:
    """A table of figures inside an article: each row a paragraph, with a warning."""
    d = docx.Document()
    _body_size(d)
    _para(d, "一季度困难职工帮扶情况")
    _para(d, "一季度各地帮扶情况如下：")
    table = d.add_table(rows=3, cols=3)
    _grid_borders(table)
    for r, row in enumerate((("地区", "走访户数", "帮扶资金（万元）"), ("张家港", "620", "15.5"),
                             ("昆山", "480", "12"))):
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(text)
    _para(d, "各地将继续做好帮扶工作。（市总保障部）")
    return _save(d)


def _png() -> bytes:
    """A 2x2 white PNG."""
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def image_caption() -> bytes:
    """A picture on a paragraph of its own, its caption centred below it."""
    d = docx.Document()
    _body_size(d)
    _para(d, "市总举办职工书画展")
    _para(d, "4月28日，市总工会举办职工书画展，展出作品200余件。")
    d.add_picture(io.BytesIO(_png()))
    _para(d, "展览现场", align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(d, "（市总宣教部）")
    return _save(d)


def _field(instr: str, result: str) -> str:
    return (f'<w:r {W_NS}><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r {W_NS}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r {W_NS}><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r {W_NS}><w:t>{result}</w:t></w:r>'
            f'<w:r {W_NS}><w:fldChar w:fldCharType="end"/></w:r>')


def left_out() -> bytes:
    """Headers, footers, a page-number field in the body, a comment, deleted text, hidden
    text and a WordArt watermark stay out; inserted text is read."""
    d = docx.Document()
    _body_size(d)
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "页眉：内部资料不得外传"
    sec.footer.paragraphs[0].text = "页脚：第1页"
    _para(d, "市总召开工作会议")
    p = d.add_paragraph()
    p.add_run("日前，市总工会召开会议，")
    p._p.append(parse_xml(f'<w:del {W_NS} w:id="1" w:author="a" w:date="2012-04-01T00:00:00Z">'
                          '<w:r><w:delText>删掉的话，</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {W_NS} w:id="2" w:author="a" w:date="2012-04-01T00:00:00Z">'
                          '<w:r><w:t>部署下一阶段工作。</w:t></w:r></w:ins>'))
    hidden = p.add_run("隐藏的文字")
    hidden.font.hidden = True
    run = p.add_run("会议要求各级工会认真贯彻落实。")
    d.add_comment(run, text="批注：此处要核实", author="审稿人")
    p = d.add_paragraph()
    p._p.append(parse_xml(f'<w:r {nsdecls("w")} {_VML_WPS}><w:pict><v:shape id="wm" type="#_x0000_t136">'
                          '<v:textpath string="样稿"/></v:shape></w:pict></w:r>'))
    p = _para(d, "（市总办公室）")
    for xml in _field("PAGE", "3").split("</w:r>")[:-1]:
        p._p.append(parse_xml(xml + "</w:r>"))
    return _save(d)


def fields_links() -> bytes:
    """A hyperlink, a simple and a complex field (their results), a smart tag and content
    controls (block and inline): their visible text."""
    d = docx.Document()
    _body_size(d)
    sdt = parse_xml(f'<w:sdt {W_NS}><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>'
                    '<w:p><w:r><w:t>市总召开工作会议</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    d.element.body.insert(0, sdt)
    p = d.add_paragraph()
    p.add_run("日前，")
    r_id = d.part.relate_to("https://example.org/news", "http://schemas.openxmlformats.org/"
                            "officeDocument/2006/relationships/hyperlink", is_external=True)
    p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:t>市总工会</w:t>'
                          '</w:r></w:hyperlink>'))
    p._p.append(parse_xml(f'<w:fldSimple {W_NS} w:instr=" DOCPROPERTY 地点 "><w:r><w:t>在会议中心</w:t>'
                          '</w:r></w:fldSimple>'))
    p._p.append(parse_xml(f'<w:smartTag {W_NS} w:uri="urn:x" w:element="date"><w:r><w:t>召开会议</w:t>'
                          '</w:r></w:smartTag>'))
    for xml in _field('REF 要求 \\h', "，部署下一阶段工作。").split("</w:r>")[:-1]:
        p._p.append(parse_xml(xml + "</w:r>"))
    p._p.append(parse_xml(f'<w:sdt {W_NS}><w:sdtPr/><w:sdtContent><w:r><w:t>会议要求各级工会认真贯彻落实。'
                          '</w:t></w:r></w:sdtContent></w:sdt>'))
    _para(d, "（市总办公室）")
    return _save(d)


def cell_diagnostics() -> bytes:
    """Diagnostics name the paragraph and the table cell: an entry without recipients in
    the end-block table, an empty column heading in the body."""
    d = docx.Document()
    _body_size(d)
    _para(d, "市总召开工作会议")
    _para(d, BODY_TEXT + "（市总办公室）")
    _para(d, "【】")
    _para(d, "市总开展读书活动")
    _para(d, "4月，市总工会开展职工读书活动。")
    table = d.add_table(rows=2, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("报：市委办公室")
    table.cell(1, 0).paragraphs[0].add_run("送：")
    d.add_paragraph()
    return _save(d)


DRAFTS = {f.__name__.replace("_", "-"): f for f in (
    heading_styles, chinese_heading_style, formatted_titles, run_in_titles, numbering,
    soft_breaks, masthead_paragraphs, masthead_table, masthead_textbox, end_block_table,
    end_block_paragraphs, figures_table, image_caption, left_out, fields_links,
    cell_diagnostics)}


def heading_levels_in_articles() -> bytes:
    """Titles styled Heading 1, in-article headings (一、 二、) Heading 2, (一) Heading 3:
    the second level is no title (it is enumerated), so the top level is the titles."""
    d = docx.Document()
    _body_size(d)
    d.add_paragraph("市总关于职工服务工作的调研报告", style="Heading 1")
    d.add_paragraph("一、基本情况", style="Heading 2")
    _para(d, "全市现有职工服务中心120个，覆盖全部镇（街道）。")
    d.add_paragraph("（一）阵地建设", style="Heading 3")
    _para(d, "各地按照有场所、有人员、有制度的要求推进阵地建设。")
    d.add_paragraph("二、存在问题", style="Heading 2")
    _para(d, "部分服务中心人员不足，服务内容单一。（市总研究室）")
    d.add_paragraph("太仓市总开展读书活动", style="Heading 1")
    _para(d, "4月，太仓市总工会在全市职工中开展读书活动。（太仓市总工会）")
    return _save(d)


DRAFTS["heading-levels-in-articles"] = heading_levels_in_articles


def two_line_title() -> bytes:
    """A long title typed as two centred bold paragraphs, then a title with a subtitle line
    of the same look (——…), which stays a subtitle."""
    d = docx.Document()
    _body_size(d)
    big = dict(align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=22)
    _para(d, "市总工会召开全市工会系统", **big)
    _para(d, "深化产业工人队伍建设改革推进会", **big)
    _para(d, BODY_TEXT + "（市总办公室）")
    _para(d, "太仓市总开展读书活动", **big)
    _para(d, "——“书香太仓”职工读书月启动", **big)
    _para(d, "4月，太仓市总工会在全市职工中开展读书活动。（太仓市总工会）")
    return _save(d)


DRAFTS["two-line-title"] = two_line_title
