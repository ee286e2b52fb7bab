"""More Word drafts, made as secretaries of schools, hospitals, street offices, youth
leagues and unions make them (QA of issues 13 and 14): each one a construct that read wrong.

``SHAPES`` maps a name to a function returning the .docx bytes, like ``word_drafts.DRAFTS``;
goldens/<name>.json holds the expected model (written only with BX_UPDATE_GOLDENS=1).
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Inches, Pt
from word_drafts import _VML_WPS, RED, W_NS, _body_size, _bottom_border, _field, _grid_borders, _no_borders, _para, _png, _save

C = WD_ALIGN_PARAGRAPH.CENTER


def masthead_table_merged() -> bytes:
    """A school's masthead in a borderless table: 内部资料 / 注意保存 in two rows of the left
    column, the red letter-spaced name (typed with single spaces) in the right column's cell
    merged over both rows, unit and date in the last row; an end-block table whose last
    row is the credits with 共印X份 after them."""
    d = docx.Document()
    _body_size(d)
    t = d.add_table(rows=3, cols=2)
    _no_borders(t)
    t.cell(0, 0).paragraphs[0].add_run("内部资料")
    t.cell(1, 0).paragraphs[0].add_run("注意保存")
    run = t.cell(0, 1).merge(t.cell(1, 1)).paragraphs[0].add_run("教 学 工 作 简 报")
    run.font.color.rgb = RED
    run.font.size = Pt(36)
    t.cell(2, 0).paragraphs[0].add_run("实验中学校长办公室编")
    t.cell(2, 1).paragraphs[0].add_run("二〇二四年三月十五日")
    _bottom_border(_para(d, "第3期（总第41期）", align=C))
    _para(d, "我校召开新学期教学工作会议", align=C, bold=True, size=18)
    _para(d, "　　3月4日，我校召开新学期教学工作会议，全体教师参加。校长作了讲话。")
    _para(d, "（教务处供稿）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    t = d.add_table(rows=3, cols=1)
    _grid_borders(t)
    t.cell(0, 0).paragraphs[0].text = "报送：区教育局，区教研室"
    t.cell(1, 0).paragraphs[0].text = "分送：各年级组，各教研组"
    t.cell(2, 0).paragraphs[0].text = "责任编辑：王芳　审核：李明　　　共印50份"
    return _save(d)


def note_label_centred() -> bytes:
    """A youth league's issue: 编者按 centred and bold on a line of its own (it looks like a
    title: it is the editor's note); 简讯 with typed indentation before the bold run-in
    titles; a picture, its ▲ caption, then the source right-aligned."""
    d = docx.Document()
    _body_size(d)
    _para(d, "团委工作简报", align=C, size=40, color=RED)
    _para(d, "第4期", align=C)
    _bottom_border(_para(d, "团区委办公室\t2024年4月30日"))
    _para(d, "编者按", bold=True, align=C)
    _para(d, "　　本期集中报道各基层团组织开展“五四”系列活动情况。")
    _para(d, "【基层简讯】")
    for title, text in (("区一中举行成人礼。", "4月28日，区一中为800名高三学生举行成人礼。（区一中团委）"),
                        ("区医院团委开展义诊", "4月27日，区医院青年医生在社区开展义诊。（区医院团委）")):
        p = d.add_paragraph()
        p.add_run("　　")
        p.add_run(title).bold = True
        p.add_run(text)
    _para(d, "【图片新闻】")
    _para(d, "青年志愿者清理河道", align=C, bold=True, size=18)
    _para(d, "　　4月20日，50名青年志愿者参加河道清理活动。")
    pic = d.add_paragraph()
    pic.alignment = C
    pic.add_run().add_picture(io.BytesIO(_png()), width=Inches(2))
    _para(d, "▲图为志愿者在清理河道", align=C)
    _para(d, "（团区委）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return _save(d)


def columns_heading1_only() -> bytes:
    """A hospital's issue: the columns in Heading 1, the only heading style used, and the
    titles typed centred, bold and larger (Heading 1 names columns here, not titles)."""
    d = docx.Document()
    _body_size(d)
    _para(d, "医院工作简报", align=C, size=40, color=RED)
    _para(d, "第3期", align=C)
    _bottom_border(_para(d, "院办公室编\t2024年3月1日"))
    title = dict(align=C, bold=True, size=18)
    d.add_paragraph("工作动态", style="Heading 1")
    _para(d, "医院召开安全生产会议", **title)
    _para(d, "　　2月28日，医院召开安全生产专题会议，部署节后安全工作。")
    _para(d, "（保卫科）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(d, "开展消防演练", **title)
    _para(d, "　　2月29日，医院开展消防疏散演练，300余人参加。")
    d.add_paragraph("科室动态", style="Heading 1")
    _para(d, "护理部举办技能竞赛", **title)
    _para(d, "　　2月，护理部举办护理技能竞赛，80名护士参赛。（护理部）")
    return _save(d)


def symbols_breaks() -> bytes:
    """秘密★1年 with the star a Wingdings w:sym; Shift+Enter then typed indentation (two
    paragraphs); a page break at the start of a title; 报： with 共印X份 after a tab."""
    d = docx.Document()
    _body_size(d)
    p = _para(d, "秘密")
    p._p.append(parse_xml(f'<w:r {W_NS}><w:sym w:font="Wingdings" w:char="F0AB"/></w:r>'))
    p.add_run("1年")
    _para(d, "工会工作简报", align=C, size=40, color=RED)
    _bottom_border(_para(d, "第10期\t\t2024年10月10日"))
    _para(d, "市总举办职工书画展", align=C, bold=True, size=18)
    p = d.add_paragraph()
    p.add_run("　　10月8日，市总工会举办职工书画展。")
    p.add_run().add_break()
    p.add_run("　　展出作品200余幅。（市总宣教部）")
    p = d.add_paragraph()
    p.alignment = C
    p.add_run().add_break(WD_BREAK.PAGE)
    run = p.add_run("市总开展劳动竞赛")
    run.bold = True
    run.font.size = Pt(18)
    _para(d, "　　10月起，市总在重点工程开展劳动竞赛。（市总经济部）")
    _bottom_border(_para(d, ""))
    _para(d, "报：市委、市政府\t共印100份")
    _para(d, "送：各区总工会")
    return _save(d)


def bold_emphasis() -> bytes:
    """Bold emphasis at the start of paragraphs inside an article (会议指出，… ; a bold key
    sentence; a bold lead ending before ：) is no 简讯 title: the article stays one."""
    d = docx.Document()
    _body_size(d)
    _para(d, "工会工作简报", align=C, size=40, color=RED)
    _bottom_border(_para(d, "第3期\t市总工会办公室编\t2024年3月3日"))
    _para(d, "市总召开全委会议", align=C, bold=True, size=18)
    _para(d, "　　3月1日，市总工会召开全委会议，总结去年工作，部署今年任务。")
    for lead, rest in (("会议指出", "，过去一年全市工会工作取得新成效。"),
                       ("全年新建工会组织120家。", "新发展会员1.2万人，超额完成任务。"),
                       ("会议强调要抓好三项工作", "：一是加强组织建设，二是做好维权服务。")):
        p = d.add_paragraph()
        p.add_run("　　")
        p.add_run(lead).bold = True
        p.add_run(rest)
    _para(d, "（市总办公室）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(d, "【简讯】")
    for lead, rest in (("市总慰问劳模。", "春节前，市总工会走访慰问劳模50人。"),
                       ("太仓举办招聘会。", "2月20日，太仓市总工会举办春风行动招聘会。")):
        p = d.add_paragraph()
        p.add_run(lead).bold = True
        p.add_run(rest)
    return _save(d)


def plain_column_lines() -> bytes:
    """A street office's issue: column names typed as short bold lines at the left margin
    (no 【】, no heading style), each followed by a title centred, bold and larger; a title
    larger but not bold with a —— subtitle."""
    d = docx.Document()
    _body_size(d)
    _para(d, "街道工作简报", align=C, size=40, color=RED)
    _bottom_border(_para(d, "第4期\t城西街道办编\t2024年4月4日"))
    _para(d, "工作动态", bold=True)
    _para(d, "城西街道开展清明祭扫服务", align=C, bold=True, size=18)
    _para(d, "　　清明期间，街道组织志愿者开展文明祭扫宣传。")
    _para(d, "（城西街道）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(d, "社区风采", bold=True)
    _para(d, "和美社区举办读书会", align=C, size=22)
    _para(d, "——全民阅读进社区", align=C)
    _para(d, "　　4月2日，和美社区举办读书分享会。（和美社区）")
    return _save(d)


def contents_and_placeholders() -> bytes:
    """A template-made issue: a table of contents (Word's 目录 content control holding a TOC
    field, and a bare TOC field) and a content control still showing its placeholder
    (单击或点击此处输入文字。): none of them is body text."""
    d = docx.Document()
    _body_size(d)
    _para(d, "工会工作简报", align=C, size=40, color=RED)
    _bottom_border(_para(d, "第5期\t市总工会办公室编\t2024年5月5日"))
    end = d.element.body[-1]  # sectPr: content goes before it
    end.addprevious(parse_xml(
        f'<w:sdt {W_NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>市总召开会议\t1</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>太仓开展活动\t2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '</w:sdtContent></w:sdt>'))
    p = d.add_paragraph()
    for xml in _field('TOC \\o "1-2"', "市总召开会议\t1").split("</w:r>")[:-1]:
        p._p.append(parse_xml(xml + "</w:r>"))
    _para(d, "市总召开会议", align=C, bold=True, size=18)
    end.addprevious(parse_xml(f'<w:sdt {W_NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>'
                              '<w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    _para(d, "　　5月3日，市总工会召开会议。（市总办公室）")
    return _save(d)


_LINE = """<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" behindDoc="0" locked="0"
 layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">
<wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>
</wp:positionV><wp:extent cx="5600000" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="3" name="Line 3"/><wp:cNvGraphicFramePr/><a:graphic>
<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvCnPr/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5600000" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/>
</a:prstGeom><a:ln w="28575"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln></wps:spPr><wps:bodyPr/>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>
<v:line id="rule" from="0,0" to="441pt,0" strokecolor="red" strokeweight="2.25pt"/></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def drawn_rule() -> bytes:
    """A women's federation's issue: the red rule drawn as a line shape (DrawingML with its
    VML fallback) in an empty paragraph under a black issue line and editor line; the
    masthead ends at the drawn line, not at the red name."""
    d = docx.Document()
    _body_size(d)
    _para(d, "内部资料")
    _para(d, "妇联工作简报", align=C, size=40, color=RED)
    _para(d, "第6期", align=C)
    _para(d, "区妇联办公室\t2024年6月6日")
    d.add_paragraph()._p.append(parse_xml(_LINE.format(ns=nsdecls("w", "wp", "a") + " " + _VML_WPS)))
    _para(d, "区妇联开展“巾帼建功”活动", align=C, bold=True, size=18)
    _para(d, "　　6月以来，区妇联在全区开展“巾帼建功”活动，30家单位参加。（区妇联）")
    return _save(d)


def empty_rule_line() -> bytes:
    """The red rule as the bottom border of an empty paragraph under the black issue and
    editor lines (the masthead ends there, not at the red name); the end block's rule the
    same way, further down (it does not pull the body into the masthead)."""
    d = docx.Document()
    _body_size(d)
    _para(d, "社区工作简报", align=C, size=40, color=RED)
    _para(d, "第7期", align=C)
    _para(d, "幸福社区居委会编\t2024年7月7日")
    _bottom_border(d.add_paragraph())
    _para(d, "社区开展暑期托管服务", align=C, bold=True, size=18)
    _para(d, "　　7月起，社区为双职工家庭开展暑期托管服务。（幸福社区）")
    _bottom_border(d.add_paragraph())
    _para(d, "报：街道办事处")
    _para(d, "幸福社区居委会　　2024年7月7日印发")
    return _save(d)


def unit_date_lines() -> bytes:
    """A street office's masthead typed as centred lines: the letter-spaced name in red, the
    zero-padded issue number, the unit (without 编) and a zero-padded date on separate lines;
    numbered columns (一、工作动态) in bold; the end block with 共印X份 first, 主送 and 抄送."""
    d = docx.Document()
    _body_size(d)
    _para(d, "工　作　简　报", align=C, size=36, color=RED)
    _para(d, "第02期", align=C)
    _para(d, "城南街道办事处", align=C)
    _bottom_border(_para(d, "2024年03月08日", align=C))
    _para(d, "一、工作动态", bold=True)
    _para(d, "城南街道开展环境整治", align=C, bold=True, size=18)
    _para(d, "　　3月以来，街道组织各社区开展环境卫生整治行动。一是清理卫生死角，二是整治占道经营。")
    _para(d, "　　共清理垃圾200余吨。（城管科供稿）")
    _para(d, "二、社区风采", bold=True)
    _para(d, "幸福社区举办邻里节", align=C, bold=True, size=18)
    _para(d, "　　3月5日，幸福社区举办第三届邻里节，居民300余人参加。")
    _para(d, "▲图为邻里节现场")
    _para(d, "（幸福社区）")
    _bottom_border(_para(d, ""))
    _para(d, "共印30份")
    _para(d, "主送：区委办、区政府办")
    _para(d, "抄送：区民政局")
    _para(d, "城南街道党政办公室　　2024年3月8日印发")
    return _save(d)


def photo_table() -> bytes:
    """Photos laid out in a borderless 2×2 table, each caption under its photo: captions of
    the article (not a table of figures printed as 图为…｜图为…)."""
    d = docx.Document()
    _body_size(d)
    _para(d, "工会工作简报", align=C, size=40, color=RED)
    _bottom_border(_para(d, "第9期\t市总工会办公室编\t2024年9月9日"))
    _para(d, "市总举办职工运动会", align=C, bold=True, size=18)
    _para(d, "　　9月7日，市第十届职工运动会开幕，3000余名职工参加。")
    t = d.add_table(rows=2, cols=2)
    _no_borders(t)
    for j in range(2):
        p = t.cell(0, j).paragraphs[0]
        p.alignment = C
        p.add_run().add_picture(io.BytesIO(_png()), width=Inches(1.5))
    t.cell(1, 0).paragraphs[0].text = "图为开幕式现场"
    t.cell(1, 1).paragraphs[0].text = "图为拔河比赛"
    _para(d, "（市总宣教部）", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return _save(d)


def end_label_cells() -> bytes:
    """版记 as a two-column grid: the label in one cell and the recipients in the next, the
    credits beside 共印X份, the print unit beside its date 印发 (a row is one entry)."""
    d = docx.Document()
    _body_size(d)
    _para(d, "工会工作简报", align=C, size=40, color=RED)
    _bottom_border(_para(d, "第9期\t市总工会办公室编\t2024年9月9日"))
    _para(d, "市总举办职工运动会", align=C, bold=True, size=18)
    _para(d, "　　9月7日，市第十届职工运动会开幕，3000余名职工参加。（市总宣教部）")
    t = d.add_table(rows=4, cols=2)
    _grid_borders(t)
    for i, (left, right) in enumerate((("报送：", "市委办公室、市政府办公室"), ("抄送：", "各区总工会"),
                                       ("编辑：王芳", "共印60份"), ("市总工会办公室", "2024年9月9日印发"))):
        t.cell(i, 0).paragraphs[0].text = left
        t.cell(i, 1).paragraphs[0].text = right
    return _save(d)


def soft_break_masthead() -> bytes:
    """The masthead typed with Shift+Enter: the red name and the issue line in one centred
    paragraph, the unit and the date in one (each break is a line of the masthead)."""
    d = docx.Document()
    _body_size(d)
    p = d.add_paragraph()
    p.alignment = C
    run = p.add_run("工会工作简报")
    run.font.color.rgb = RED
    run.font.size = Pt(40)
    run.add_break()
    p.add_run("第5期（总第60期）")
    p = d.add_paragraph()
    p.add_run("市总工会办公室编")
    p.add_run().add_break()
    p.add_run("2024年5月5日")
    _bottom_border(p)
    _para(d, "市总召开会议", align=C, bold=True, size=18)
    _para(d, "　　5月3日，市总工会召开会议。（市总办公室）")
    return _save(d)


SHAPES = {
    "soft-break-masthead": soft_break_masthead,
    "end-label-cells": end_label_cells,
    "photo-table": photo_table,
    "unit-date-lines": unit_date_lines,
    "empty-rule-line": empty_rule_line,
    "drawn-rule": drawn_rule,
    "contents-and-placeholders": contents_and_placeholders,
    "plain-column-lines": plain_column_lines,
    "bold-emphasis": bold_emphasis,
    "columns-heading1-only": columns_heading1_only,
    "symbols-breaks": symbols_breaks,
    "note-label-centred": note_label_centred,
    "masthead-table-merged": masthead_table_merged,
}
