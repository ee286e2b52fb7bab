"""More Word drafts, made as secretaries of schools, hospitals, street offices, youth
leagues and unions make them (QA of issues 13 and 14): each one a construct that read wrong.

``SHAPES`` maps a name to a function returning the .docx bytes, like ``word_drafts.DRAFTS``;
goldens/<name>.json holds the expected model (written only with BX_UPDATE_GOLDENS=1).
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches, Pt
from word_drafts import RED, _body_size, _bottom_border, _grid_borders, _no_borders, _para, _png, _save

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


SHAPES = {
    "note-label-centred": note_label_centred,
    "masthead-table-merged": masthead_table_merged,
}
