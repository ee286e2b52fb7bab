"""Pieces of the .docx reader on their own: numbering labels, styles, soft breaks, the
paragraph location in diagnostics as people and scripts see it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from lxml import etree
from word_drafts import DRAFTS

from bulletin_export.readers.docx.lines import _split_breaks
from bulletin_export.readers.docx.numbering import Numbering, chinese, format_number
from bulletin_export.readers.docx.styles import Styles

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"),
                                     (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n, text) -> None:
    assert chinese(n) == text


@pytest.mark.parametrize("fmt, n, text", [
    ("decimal", 3, "3"), ("chineseCountingThousand", 11, "十一"), ("taiwaneseCountingThousand", 2, "二"),
    ("chineseLegalSimplified", 12, "拾贰"), ("ideographTraditional", 3, "丙"),
    ("decimalEnclosedCircle", 4, "④"), ("decimalFullWidth", 7, "７"), ("upperRoman", 14, "XIV"),
    ("lowerLetter", 28, "bb"), ("ideographDigital", 105, "一〇五")])
def test_number_formats(fmt, n, text) -> None:
    assert format_number(n, fmt) == text


def _numbering(xml: str) -> Numbering:
    return Numbering(etree.fromstring(f'<w:numbering xmlns:w="{W}">{xml}</w:numbering>'))


LEVELS = """<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
  <w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
  <w:suff w:val="nothing"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>
</w:lvlOverride></w:num>"""


def test_levels_count_and_deeper_levels_restart() -> None:
    num = _numbering(LEVELS)
    got = [num.label("1", lvl) for lvl in (0, 1, 1, 0, 1, 2, 2)]
    # %1 in level 3 is printed in level 1's format, as Word does (without w:isLgl)
    assert got == ["一、", "（一）", "（二）", "二、", "（一）", "二.1\u3000", "二.2\u3000"]


def test_legal_numbering_prints_every_level_in_arabic() -> None:
    num = _numbering(LEVELS.replace('<w:lvlText w:val="%1.%3"/>', '<w:lvlText w:val="%1.%3"/><w:isLgl/>'))
    assert [num.label("1", 0), num.label("1", 2)] == ["一、", "1.1\u3000"]


def test_a_num_sharing_the_list_continues_it_and_a_start_override_restarts() -> None:
    num = _numbering(LEVELS)
    assert [num.label("1", 0), num.label("1", 0)] == ["一、", "二、"]
    assert [num.label("2", 0), num.label("2", 0)] == ["五、", "六、"]  # startOverride 5, once
    assert num.label("0", 0) == "" and num.label("9", 0) == ""  # numbering off / unknown list


def test_bullets_in_a_symbol_font_print_nothing() -> None:
    num = _numbering('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
                     '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
                     '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    assert num.label("1", 0) == ""


def test_styles_resolve_through_based_on_and_name_heading_levels() -> None:
    styles = Styles(etree.fromstring(
        f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr>'
        '</w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:styleId="a" w:default="1"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>'
        '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="x"><w:name w:val="我的标题"/><w:basedOn w:val="2"/>'
        '<w:rPr><w:color w:val="ff0000"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="o"><w:name w:val="要点"/><w:pPr><w:outlineLvl w:val="2"/>'
        '</w:pPr></w:style></w:styles>'))
    assert styles.heading_level("x") == 2 and styles.heading_level("o") == 3
    assert styles.heading_level("a") is None and styles.heading_level(None) is None
    assert styles.first("x", "align") == "center"
    look = styles.run_base("x", None)
    assert (look.bold, look.size, look.color) == (True, 16.0, "FF0000")


@pytest.mark.parametrize("text, pieces", [
    ("市总工会召开\n会议。", ["市总工会召开会议。"]),
    ("推广 Microsoft\nWord 培训。", ["推广 Microsoft Word 培训。"]),
    ("第一段。\n\u3000\u3000第二段。", ["第一段。", "\u3000\u3000第二段。"]),
    ("第一段。\n  第二段。\n第二段续。", ["第一段。", "  第二段。第二段续。"]),
    ("\n\u3000\u3000开头的换行", ["开头的换行"]),  # indentation is white space anyway
])
def test_soft_breaks(text, pieces) -> None:
    assert _split_breaks(text) == pieces


def test_cli_shows_the_paragraph_and_cell(tmp_path) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(DRAFTS["cell-diagnostics"]())
    proc = subprocess.run([sys.executable, "-m", "bulletin_export", "parse", str(path)],
                          capture_output=True, text=True, timeout=60)
    lines = proc.stderr.splitlines()
    at = lines.index(f"{path}:¶7 (table 1, row 2, cell 1): warning[BX123]: 送： has no recipients")
    assert lines[at + 1] == "    ¶7 | 送："
    # the proofreading checks' findings are located the same way, also in JSON
    proc = subprocess.run([sys.executable, "-m", "bulletin_export", "check", str(path), "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    found = {d["code"]: d for d in json.loads(proc.stdout)}
    assert found["BX123"]["where"] == "¶7 (table 1, row 2, cell 1)"
    assert found["BX251"]["where"] == "¶4" and found["BX251"]["line"] == 4


def test_strict_open_xml_reads_as_transitional() -> None:
    """Word's "Strict Open XML Document" writes ISO 29500 strict namespaces."""
    import io
    import zipfile

    from bulletin_export.model import to_dict
    from bulletin_export.readers.docx import read_docx
    from bulletin_export.readers.docx.package import STRICT_NAMESPACES

    data = DRAFTS["heading-styles"]()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for strict, transitional in STRICT_NAMESPACES:
                    part = part.replace(transitional, strict)
            dst.writestr(info.filename, part)
    strict = out.getvalue()
    assert b"purl.oclc.org/ooxml/wordprocessingml/main" in zipfile.ZipFile(io.BytesIO(strict)).read(
        "word/document.xml")
    assert to_dict(read_docx(strict).issue) == to_dict(read_docx(data).issue)
    assert read_docx(strict).issue.sections[0].heading == "工作动态"


def _one_paragraph(runs: str) -> str:
    from bulletin_export.readers.docx.numbering import Numbering as _N
    from bulletin_export.readers.docx.walk import Walker

    body = etree.fromstring(f'<w:body xmlns:w="{W}"><w:p>{runs}</w:p></w:body>')
    (para,) = Walker(Styles(None), _N(None)).blocks(body)
    return para.text


@pytest.mark.parametrize("runs, text", [
    # Word: a w:sym of Wingdings; LibreOffice: the private-use character in a Wingdings run
    ('<w:r><w:t>秘密</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0AB"/></w:r><w:r><w:t>1年</w:t></w:r>',
     "秘密★1年"),
    ('<w:r><w:t>秘密</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/></w:rPr>'
     '<w:t>\uf0ab</w:t></w:r><w:r><w:t>1年</w:t></w:r>', "秘密★1年"),
    # an unknown symbol of a symbol font prints as nothing we know: left out
    ('<w:r><w:rPr><w:rFonts w:ascii="Symbol"/></w:rPr><w:t>\uf0e8</w:t></w:r><w:r><w:t>会议</w:t></w:r>', "会议"),
    # a private-use character in a text font (a rare character of a name) is kept
    ('<w:r><w:t>张\ue123同志</w:t></w:r>', "张\ue123同志"),
])
def test_symbols(runs, text) -> None:
    assert _one_paragraph(runs) == text


def test_ruby_reads_its_base_text() -> None:
    runs = ('<w:r><w:t>市总工会</w:t></w:r><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>pǔ</w:t></w:r></w:rt>'
            '<w:rubyBase><w:r><w:t>濮</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>阳分会</w:t></w:r>')
    assert _one_paragraph(runs) == "市总工会濮阳分会"


def test_an_imported_chunk_is_named_not_dropped_silently() -> None:
    import io

    import docx
    from docx.oxml import parse_xml

    from bulletin_export.readers.docx import read_docx

    d = docx.Document()
    d.add_paragraph("市总召开工作会议")
    d.add_paragraph("日前，市总工会召开会议，部署下一阶段工作。（市总办公室）")
    d.element.body[-1].addprevious(parse_xml(
        '<w:altChunk xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChunk"/>'))
    buf = io.BytesIO()
    d.save(buf)
    res = read_docx(buf.getvalue(), file="exported.docx")
    (warning,) = [x for x in res.diagnostics if x.code == "BX174"]
    assert warning.headline().startswith("exported.docx: warning[BX174]: 1 imported part(s)")
    assert res.issue.sections[0].articles[0].title == "市总召开工作会议"


def test_a_list_using_a_list_style_takes_its_levels() -> None:
    """w:numStyleLink: the abstract list the paragraphs use has no levels of its own; the
    one with the matching w:styleLink holds them (Word writes this for list styles)."""
    numbering = _numbering(
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="BulletinList"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="BulletinList"/></w:abstractNum>'
        '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>')
    assert [numbering.label("5", 0) for _ in range(3)] == ["一、", "二、", "三、"]
