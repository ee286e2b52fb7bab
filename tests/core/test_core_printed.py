"""printed: the text of every printed element and the metadata, decided once for all renderers."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pypdf
import pytest

from bulletin_export.model import (Article, DistributionEntry, Issue, Masthead, Paragraph,
                                   Section)
from bulletin_export.parser import parse_file
from bulletin_export.printed import (MAX_PROPERTY, clip, copies_text, date_text,
                                     distribution_label, distribution_text, editor_text,
                                     editor_note_paragraphs, heading_name, heading_text,
                                     metadata, page_number_text, print_line, printed_texts,
                                     source_text)
from bulletin_export.renderers import RenderContext
from bulletin_export.renderers.docx import DocxRenderer
from bulletin_export.renderers.docx.styles import CHAR_STYLES, ROLE_STYLES
from bulletin_export.renderers.pdf import PdfRenderer, layout_for
from bulletin_export.stylesheet import load_style

EPOCH = 1335571200
UNITS = ["苏州市总工会办公室", "中共苏州市委组织部", "苏州市人力资源和社会保障局",
         "共青团苏州市委员会", "苏州市妇女联合会", "苏州市工商业联合会", "苏州市科学技术协会"]
#: A jointly issued bulletin: an editing unit of 300 characters.
JOINT_EDITOR = "、".join(UNITS * 5)[:300]


def test_element_texts():
    assert date_text(dt.date(2012, 4, 8)) == "2012年4月8日"
    assert heading_text("工作动态") == "【工作动态】"
    assert heading_text("〖专题〗") == "〖专题〗" and heading_text("[动态]") == "[动态]"
    assert heading_name("〖专题〗") == heading_name("【专题】") == "专题"
    assert editor_text("苏州市总工会办公室") == "苏州市总工会办公室编"
    assert editor_text("苏州市总工会办公室编印") == "苏州市总工会办公室编印"
    assert editor_text("") is None and editor_text(None) is None
    assert source_text("市总办公室") == "（市总办公室）"
    entry = DistributionEntry("报", "市委、市政府")
    assert distribution_label(entry) == "报：" and distribution_text(entry) == "报：市委、市政府"
    assert copies_text(120) == "共印120份"
    assert page_number_text(load_style(None), 3) == "— 3 —"


def test_editor_note_paragraphs():
    note = Paragraph("近期各地工会……\n\n  \n请各地参照执行。")
    assert editor_note_paragraphs(note) == ["编者按：近期各地工会……", "请各地参照执行。"]
    assert editor_note_paragraphs("编者按：已有标签") == ["编者按：已有标签"]
    assert editor_note_paragraphs(None) == []


@pytest.mark.parametrize("unit, date, expected", [
    ("苏州市总工会办公室", dt.date(2012, 4, 29), ("苏州市总工会办公室", "2012年4月29日印发")),
    (None, dt.date(2012, 4, 29), (None, "2012年4月29日印发")),
    ("", None, (None, None)),
])
def test_print_line(unit, date, expected):
    assert print_line(Issue(print_unit=unit, print_date=date)) == expected


def test_clip_cuts_after_a_separator_with_an_ellipsis():
    assert clip("短") == "短"
    cut = clip(JOINT_EDITOR)
    assert len(cut) <= MAX_PROPERTY and cut.endswith("…") and cut[-2] != "、"
    assert JOINT_EDITOR.startswith(cut[:-1] + "、")  # whole units, cut at a 、
    assert clip("字" * 300) == "字" * 254 + "…"  # no separator: cut mid-word


def _joint_issue() -> Issue:
    sections = tuple(Section(f"【栏目第{k}号】", (Article(f"标题{k}", paragraphs=(Paragraph("正文。"),)),))
                     for k in range(40))
    return Issue(masthead=Masthead(name="工会工作简报", issue_no=4, editor=JOINT_EDITOR,
                                   date=dt.date(2012, 4, 28)), sections=sections)


def test_metadata_fits_a_core_property():
    meta = metadata(_joint_issue())
    assert meta.title == "工会工作简报第4期" and meta.subject == "工会工作简报"
    assert meta.author == clip(JOINT_EDITOR) and len(meta.author) <= MAX_PROPERTY
    assert len(meta.keywords) <= MAX_PROPERTY and meta.keywords.endswith("号…")
    assert meta.keywords.startswith("简报; 栏目第0号; 栏目第1号; ")
    assert meta.language == "zh-CN"


def test_keywords_strip_every_bracket_and_name_a_column_once():
    issue = Issue(sections=(Section("【专题】"), Section("〖专题〗"), Section("［动态］"), Section(None)))
    assert metadata(issue).keywords == "简报; 专题; 动态"
    assert metadata(issue).author == "" and metadata(issue).subject == "简报"


@pytest.fixture(scope="module")
def joint_outputs():
    """The 300-character editor, 40 columns: DOCX and PDF (a DOCX once failed to write)."""
    issue, ctx = _joint_issue(), RenderContext(source_date_epoch=EPOCH)
    return issue, DocxRenderer().render(issue, ctx), PdfRenderer().render(issue, ctx)


def test_docx_and_pdf_write_the_same_clipped_metadata(joint_outputs):
    issue, docx_bytes, pdf_bytes = joint_outputs
    meta = metadata(issue)
    cp = docx.Document(io.BytesIO(docx_bytes)).core_properties
    info = pypdf.PdfReader(io.BytesIO(pdf_bytes)).metadata
    assert (cp.title, cp.author, cp.subject, cp.keywords) == \
        (meta.title, meta.author, meta.subject, meta.keywords)
    assert (info.title, info.author, info.subject, info["/Keywords"]) == \
        (meta.title, meta.author, meta.subject, meta.keywords)


@pytest.fixture(scope="module")
def masthead_printed(masthead_path):
    """The masthead sample: its printed texts, its PDF layout and its DOCX paragraphs."""
    issue = parse_file(masthead_path).issue
    ctx = RenderContext(source_date_epoch=EPOCH)
    layout = layout_for(issue, ctx)
    document = docx.Document(io.BytesIO(DocxRenderer().render(issue, ctx)))
    return issue, ctx.style, layout, document


def _chars_by_role(pairs) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for role, text in pairs:
        out.setdefault(role, set()).update(ch for ch in text if not ch.isspace())
    return out


def test_printed_texts_in_print_order(masthead_printed):
    issue, style, _, _ = masthead_printed
    texts = [(role, text) for role, text, _ in printed_texts(issue, style)]
    m = issue.masthead
    assert texts[:5] == [("classification", m.classification), ("masthead_name", m.name),
                         ("issue_line", m.issue_label), ("editor_line", editor_text(m.editor)),
                         ("editor_line", date_text(m.date))]
    assert texts[5][0] == "editor_note" and texts[5][1].startswith("编者按：")
    headings = [t for r, t in texts if r == "column_heading"]
    assert headings == [heading_text(s.heading) for s in issue.sections if s.heading]
    assert all(h.startswith("【") for h in headings)
    assert texts[-1] == ("page_number", "— 0123456789 —")


def test_the_pdf_prints_what_printed_texts_says(masthead_printed):
    """Role by role, the PDF layout's characters are those of printed_texts (coverage checks
    the fonts for exactly what is drawn)."""
    issue, style, layout, _ = masthead_printed
    drawn = _chars_by_role((pl.role, pl.line.text) for page in layout.pages for pl in page.lines)
    told = _chars_by_role((r, t) for r, t, _ in printed_texts(issue, style) if r != "page_number")
    assert drawn == told


def _docx_pieces(document):
    """(role, text) of every run of the body and the end-block table: the role of the run's
    character style when it has one, else the role of its paragraph's style."""
    role_of = {names[0]: role for role, names in ROLE_STYLES.items()}
    role_of.update({names[0]: role for role, names in CHAR_STYLES.items()})
    paragraphs = [p for p in document.paragraphs]
    paragraphs += [p for t in document.tables for c in t._cells for p in c.paragraphs]
    for p in paragraphs:
        for run in p.runs:
            style = run.style.name if run._r.rPr is not None and run._r.rPr.rStyle is not None \
                else p.style.name
            yield role_of[style], run.text


def test_the_docx_prints_what_printed_texts_says(masthead_printed):
    """Run by run, the DOCX's characters are those of printed_texts, each in its role: the
    masthead sample's 共印X份 stands at a tab on the last 发 line, in a run of the copies role."""
    issue, style, _, document = masthead_printed
    pieces = list(_docx_pieces(document))
    assert ("copies", "\t" + copies_text(issue.copies)) in pieces
    written = _chars_by_role(pieces)
    told = _chars_by_role((r, t) for r, t, _ in printed_texts(issue, style) if r != "page_number")
    assert written == told


def test_coverage_points_at_the_source_of_a_printed_text(masthead_path):
    """A glyph no font has is reported where the source has it, though the printed text adds
    编 to the editor, 【】 to a heading and 编者按： to the note."""
    from bulletin_export.parser import parse_text

    text = masthead_path.read_text(encoding="utf-8")
    text = text.replace("苏州市总工会办公室编", "苏州\ue000总工会办公室编", 1)
    text = text.replace("取长补短", "取长\ue001短", 1).replace("【工作动态】", "【工作\ue002态】", 1)
    lines = text.split("\n")
    issue = parse_text(text).issue
    diags = RenderContext().fonts.coverage(issue, lines)
    where = {chr(int(d.message.split("U+")[1][:4], 16)): (d.span.line, d.span.col)
             for d in diags if d.code == "BX401"}
    expected = {}
    for ch in "\ue000\ue001\ue002":
        no = next(n for n, line in enumerate(lines, 1) if ch in line)
        expected[ch] = (no, lines[no - 1].index(ch) + 1)
    assert where == expected


def test_one_line_size_shrinks_a_long_name_to_the_block():
    from bulletin_export.printed import one_line_size

    assert one_line_size("工会工作简报", 42, 442.2) == 42
    long = "苏州市吴江区盛泽镇人民政府办公室工作简报"  # 20 characters
    assert one_line_size(long, 42, 442.2) == pytest.approx(442.2 / 20)
    assert one_line_size(long, 42, 442.2, minimum=26) == 26
