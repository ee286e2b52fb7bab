"""What Word shows about a line, as a parser hint (CONTRACTS §5): masthead, title, heading,
source, end, caption, heading_level:N; None leaves the line to its shape, as in text.

Our own DOCX names a style per role (``BulletinTitle`` ...): those styles are the hints.
Another draft is read by what its author sees:

- the masthead: the leading paragraphs up to the last one that is red, has a bottom
  border (the red rule), is in a text box or in a borderless table at the top;
- heading styles (Heading 1/2, 标题 1/2, or an outline level): when the top level used is
  followed by the next one somewhere, the top level names columns and the next one titles;
  otherwise the top level is the titles; deeper levels are in-article headings (level 1..);
- a centred paragraph that is bold or larger than the body and has no sentence-final
  punctuation is a title; a bold start run into a paragraph is a title (lines.py);
- a right-aligned short paragraph after the text is a source;
- a short paragraph right after an image, centred or starting with 图/表/▲, is a caption;
- every line of an end-block table is in the end block.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .lines import _END_LINE, _ENUM, CELL_SEPARATOR, Line, _is_red

#: Our writer's styles (renderers/docx/styles.py ROLE_STYLES: name, id) -> role and hint.
#: LibreOffice keeps the names but not the ids (Style21) when it saves a copy.
OWN_STYLES = {
    ("简报报头", "BulletinMastheadName"): "masthead", ("简报期号", "BulletinIssueLine"): "masthead",
    ("简报编印单位", "BulletinEditorLine"): "masthead",
    ("简报密级", "BulletinClassification"): "masthead",
    ("简报栏目", "BulletinColumnHeading"): "heading", ("简报标题", "BulletinTitle"): "title",
    ("简报副标题", "BulletinSubtitle"): "subtitle", ("简报编者按", "BulletinEditorNote"): "note",
    ("简报正文", "BulletinBody"): "body", ("简报来源", "BulletinSource"): None,
    ("简报版记", "BulletinEndBlock"): "end", ("简报印数", "BulletinCopies"): "end",
}
_OWN_BY_KEY = {key: hint for pair, hint in OWN_STYLES.items() for key in pair}
#: The in-article heading levels' styles (一级标题 BulletinHeading1 ... 四级标题).
_OWN_LEVEL = re.compile(r"^(?:BulletinHeading([1-4])|([一二三四])级标题)$")
_FINAL = tuple("。！？；!?;")
_CAPTION = re.compile(r"^\s*(?:[（(]?图为|图\s*[0-9一二三四五六七八九十]|表\s*[0-9一二三四五六七八九十]|▲)")
_PAREN = re.compile(r"^\s*[（(].+[)）]\s*$")
_SOURCE_LABEL = re.compile(r"^\s*(?:供稿|来源|撰稿|通讯员)\s*[：:]")
#: The editor's note label on a line of its own (【编者按】, 编者按：), often centred bold.
_NOTE_LABEL = re.compile(r"^[【\[〔]?\s*编\s*者\s*按\s*[】\]〕]?\s*[：:]?$")
#: A credits line of the end block (责任编辑：… 审核：…), read by shape as in text.
_CREDITS = re.compile(r"^\s*(?:责任编辑|编辑|审核|审稿|核稿|校对|签发|主编|编审|撰稿)\s*[：:]")
#: A column's name typed as a plain line: a few words of Chinese (工作动态, 基层·声音).
_COLUMN_NAME = re.compile(r"^[\u4e00-\u9fff·“”]{2,16}$")
#: A letter-spaced name typed with single spaces (教 学 工 作 简 报).
_SPACED = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}$")
_DATE_ONLY = re.compile(r"^\s*[0-9〇一二三四五六七八九十○]{2,4}\s*年.*日\s*$")


def own_role(para) -> str | None:
    """The role hint of a paragraph in one of our styles ("body" for the body style), else None."""
    for key in (para.style_id, para.style_name):
        if key in _OWN_BY_KEY:
            return _OWN_BY_KEY[key] or "source"
        m = _OWN_LEVEL.match(key or "")
        if m:
            level = m.group(1) or m.group(2)
            return f"heading_level:{'一二三四'.find(level) + 1 if level in '一二三四' else level}"
    return None


def own_document(lines: list[Line]) -> bool:
    """Whether the draft uses our role styles (the level names 一级标题 alone are not enough)."""
    return any(ln.para.style_id in _OWN_BY_KEY or ln.para.style_name in _OWN_BY_KEY for ln in lines)


_TAIL = re.compile(r"^(.*\S)\s*([（(][^（()）]{1,40}[)）])$")
_SENTENCE_END = tuple("。！？”!?")
_NOT_SOURCE = re.compile(r"^[（(]\s*(?:完|续|待续|未完|共印.*份)\s*[)）]$")


def split_own_sources(lines: list[Line]) -> list[Line]:
    """In our own DOCX a source ends the article's last paragraph, in its text
    (renderers/docx/document.py): the last body paragraph before a title, heading, the end
    block or the end that ends in （…） gives that group back as a source line of its own."""
    out: list[Line] = []
    for k, ln in enumerate(lines):
        nxt = next((n for n in lines[k + 1:] if n.text.strip()), None)
        last = nxt is None or own_role(nxt.para) not in ("body", "source")
        m = _TAIL.match(ln.text.strip()) if own_role(ln.para) == "body" else None
        if m and (last or m.group(1).endswith(_SENTENCE_END)) and ln.para.align != "right" \
                and not _NOT_SOURCE.match(m.group(2)):
            out.append(replace(ln, text=m.group(1)))
            out.append(replace(ln, text=m.group(2), part="source_tail"))
        else:
            out.append(ln)
    return out


def hints_for(lines: list[Line]) -> list[str | None]:
    if own_document(lines):
        return [_own(ln) for ln in lines]
    hints: list[str | None] = [None] * len(lines)
    top = _masthead_end(lines)
    for k in range(top + 1):
        if lines[k].text.strip():
            hints[k] = "masthead"
    levels = _heading_roles(lines[top + 1:])
    body = _body_size(lines)
    _columns_over_formatted_titles(lines[top + 1:], levels, body)
    seen_text = False
    prev: int | None = None  # the last line with text
    for k in range(top + 1, len(lines)):
        ln = lines[k]
        p, text = ln.para, ln.text.strip()
        if not text:
            continue
        if ln.table is not None:
            hints[k] = {"end": "end", "figures": "paragraph", "pictures": "caption"}.get(ln.table.kind)
            if hints[k] == "end" and (_END_LINE.search(text) or _CREDITS.match(text)):
                hints[k] = None  # an entry, 共印, the print line, credits: read by shape, as in text
            continue
        if _NOTE_LABEL.match(text):
            pass  # 编者按 on a line of its own, however it looks: read by shape, as in text
        elif ln.part == "runin_title":
            hints[k] = "title"
        elif ln.part in ("runin_rest", "continued"):
            pass
        elif p.heading and p.heading in levels:
            hints[k] = levels[p.heading]
            if hints[k].startswith("heading_level:"):
                hints[k] = _level_by_number(text) or hints[k]
        elif prev is not None and hints[prev] == "title" and text.startswith(("——", "--", "—")):
            hints[k] = "subtitle"
        elif _style_title(p.style_name) and len(text) <= 60:
            hints[k] = "title"
        elif _formatted_title(p, text, body):
            hints[k] = "title"
        elif _column_line(p, text) and _formatted_title_next(lines, k, body):
            hints[k] = "heading"  # 工作动态 on a line of its own, then a title centred bold
        elif k > 0 and lines[k - 1].para.has_image and len(text) <= 80 and (
                p.align == "center" or _CAPTION.match(text)):
            hints[k] = "caption"
        elif p.align == "right" and seen_text and _source_like(text):
            hints[k] = "source"
        seen_text = seen_text or hints[k] is None
        prev = k
    return hints


_CONTENTS = re.compile(r"^[\s\u3000]*(?:本期)?(?:目[\s\u3000]*录|要[\s\u3000]*目)[\s\u3000]*$")


def drop_contents_heading(lines: list[Line]) -> list[Line]:
    """A draft's contents heading on its own (目录, 本期要目) heads a table of contents,
    whose entries are left out (the TOC field): it goes too. (Not in our own DOCX, where
    such a line is an article's title.)"""
    return [replace(ln, text="") if ln.part == "whole" and ln.table is None and _CONTENTS.match(ln.text)
            else ln for ln in lines]


def unspace_masthead(lines: list[Line], hints: list[str | None],
                     own: bool = False) -> tuple[list[Line], list[str | None]]:
    """A masthead name letter-spaced with single spaces reads as one spaced with full-width
    spaces (工　作　简　报), which the parser closes up; a soft break in a masthead paragraph
    starts a line of its own (not in our DOCX, which breaks a long name so); the editing unit on a line of its own
    with the date on the next (城南街道办事处 / 2024年03月08日) reads as one editor line."""
    split_lines: list[Line] = []
    split_hints: list[str | None] = []
    for ln, hint in zip(lines, hints):
        pieces = [t for t in ln.para.text.split("\n") if t.strip()]
        if not own and hint == "masthead" and ln.part == "whole" and ln.table is None and len(pieces) > 1:
            # a soft break in the masthead shows two lines (工会工作简报 / 第5期)
            split_lines += [replace(ln, text=t) for t in pieces]
            split_hints += [hint] * len(pieces)
        else:
            split_lines.append(ln)
            split_hints.append(hint)
    lines, hints = split_lines, split_hints
    lines = [replace(ln, text=ln.text.strip().replace(" ", "\u3000"))
             if hint == "masthead" and _SPACED.match(ln.text.strip()) else ln
             for ln, hint in zip(lines, hints)]
    out_lines: list[Line] = []
    out_hints: list[str | None] = []
    for ln, hint in zip(lines, hints):
        prev = out_lines[-1] if out_lines else None
        if (prev is not None and hint == out_hints[-1] == "masthead" and _DATE_ONLY.match(ln.text)
                and _unit_line(prev)):
            out_lines[-1] = replace(prev, text=f"{prev.text.strip()}\u3000\u3000{ln.text.strip()}")
            continue
        out_lines.append(ln)
        out_hints.append(hint)
    return out_lines, out_hints


_NOT_UNIT = re.compile(r"第.{0,8}期|简报|快报|通讯|专报|动态|增刊|[0-9０-９]|^\s*(?:内部|秘密|机密|绝密|注意保存)")


def _unit_line(ln: Line) -> bool:
    """A masthead line that can only be the editing unit: not red (the name), no issue
    number, no bulletin word, no digits, no classification."""
    text = ln.text.strip()
    return (0 < len(text) <= 30 and not _is_red(ln.para.color) and ln.table is None
            and not _NOT_UNIT.search(text) and "\t" not in text and "\u3000\u3000" not in text)


def join_split_titles(lines: list[Line], hints: list[str | None]) -> tuple[list[Line], list[str | None]]:
    """A long title typed as two paragraphs of the same look (centred, bold or large) is one
    title: two adjacent title lines are joined when the first has no final punctuation,
    the second is no subtitle (——) and together they hold at most 60 characters."""
    out_lines: list[Line] = []
    out_hints: list[str | None] = []
    for ln, hint in zip(lines, hints):
        if out_lines and hint == "title" == out_hints[-1] and _same_title(out_lines[-1], ln):
            prev = out_lines[-1]
            out_lines[-1] = replace(prev, text=prev.text.strip() + ln.text.strip(), part="joined_title")
            continue
        out_lines.append(ln)
        out_hints.append(hint)
    return out_lines, out_hints


def _same_title(a: Line, b: Line) -> bool:
    pa, pb = a.para, b.para
    ta, tb = a.text.strip(), b.text.strip()
    return (a.part == "whole" and b.part == "whole" and pa.align == pb.align == "center"
            and (pa.size, pa.bold, pa.style_id) == (pb.size, pb.bold, pb.style_id)
            and not ta.endswith(_FINAL + ("：", ":")) and not tb.startswith(("——", "—", "--"))
            and len(ta) + len(tb) <= 60)


#: GB/T 9704's in-article heading levels by their numbers: 一、 （一） 1. （1）.
_LEVEL_NUMBERS = ((re.compile(r"^[一二三四五六七八九十]+、"), 1),
                  (re.compile(r"^[（(][一二三四五六七八九十]+[)）]"), 2),
                  (re.compile(r"^[0-9０-９]+[.．、]"), 3), (re.compile(r"^[（(][0-9０-９]+[)）]"), 4))


def _level_by_number(text: str) -> str | None:
    for pattern, level in _LEVEL_NUMBERS:
        if pattern.match(text):
            return f"heading_level:{level}"
    return None


def _own(ln: Line) -> str | None:
    role = own_role(ln.para)
    if ln.part == "runin_title":
        return "title"
    if ln.part == "source_tail" or role == "source" or role == "body" and ln.para.align == "right":
        # a source split off its paragraph, on a line of its own, or one that did not fit
        # its paragraph's last line (document.py): read by shape, as in the text
        return None
    if role == "body":
        # a paragraph in （） would read as a source by shape, a row of a table printed as
        # text (昆山｜480｜12) as a title; the rest reads as in text
        if CELL_SEPARATOR in ln.text:
            return "paragraph"
        return "paragraph" if _PAREN.match(ln.text) and not _CAPTION.match(ln.text) else None
    if role == "end":
        return None  # entries, 共印, the print line and credits read by shape, as in text
    return role


def _style_title(name: str) -> bool:
    return name.strip().lower() in ("title", "标题")


def _masthead_end(lines: list[Line]) -> int:
    """Index of the last line of the masthead region (-1: none) among the first lines."""
    end = -1
    shown = 0
    for k, ln in enumerate(lines):
        p = ln.para
        if not ln.text.strip():
            if (p.has_rule or p.border_bottom) and shown and not ln.table:
                end = k  # the red rule under the masthead: a line shape or an empty bordered line
                break
            continue
        shown += 1
        if shown > 10 or p.heading:
            break
        in_table = ln.table is not None and ln.table.kind == "masthead"
        if p.has_rule or p.border_bottom:  # the red rule (drawn, or this line's border) ends it
            end = k
            break
        if _is_red(p.color) or p.where == "textbox" or in_table:
            end = k
        elif p.where == "body" and len(ln.text.strip()) > 40:
            break  # body text: the masthead is over
    return end


def _heading_roles(lines: list[Line]) -> dict[int, str]:
    """Heading level -> hint, decided by the levels the document uses."""
    used = sorted({ln.para.heading for ln in lines if ln.para.heading and ln.text.strip()
                   and ln.part == "whole"})
    if not used:
        return {}
    roles: dict[int, str] = {}
    top = used[0]
    second = used[1] if len(used) > 1 else None
    seq = [ln.para.heading for ln in lines if ln.text.strip()]
    columns = second is not None and any(a == top and b == second for a, b in zip(seq, seq[1:]))
    if columns:
        # in-article headings (一、 （一） 1.) under titles are no titles under columns
        texts = [ln.text.strip() for ln in lines if ln.para.heading == second and ln.text.strip()]
        columns = sum(bool(_ENUM.match(t)) for t in texts) * 2 <= len(texts)
    if columns:
        roles[top] = "heading"
        roles[second] = "title"
        deeper = [lv for lv in used if lv > second]
    else:
        roles[top] = "title"
        deeper = [lv for lv in used if lv > top]
    for n, level in enumerate(deeper, start=1):
        roles[level] = f"heading_level:{min(n, 4)}"
    return roles


def _formatted_title(p, text: str, body: float) -> bool:
    """Centred, bold or larger than the body text, no sentence-final punctuation: a title."""
    return (p.align == "center" and (p.bold or (p.size or 0) > body + 0.5) and not p.heading
            and len(text) <= 60 and not text.endswith(_FINAL))


def _column_line(p, text: str) -> bool:
    """A short line, not centred, without sentence punctuation or a number (一、 is read by
    shape), that may name a column."""
    return (p.align not in ("center", "right") and not p.heading and _COLUMN_NAME.match(text) is not None
            and not _ENUM.match(text) and not _NOTE_LABEL.match(text))


def _formatted_title_next(lines: list[Line], k: int, body: float) -> bool:
    nxt = next((n for n in lines[k + 1:] if n.text.strip()), None)
    return (nxt is not None and nxt.part == "whole" and nxt.table is None
            and _formatted_title(nxt.para, nxt.text.strip(), body))


def _columns_over_formatted_titles(lines: list[Line], levels: dict[int, str], body: float) -> None:
    """One heading level only, each followed by a title made by formatting (centred, bold):
    that level names the columns (工作动态 in Heading 1, the titles typed centred bold)."""
    if len(levels) != 1:
        return
    (level, role), = levels.items()
    if role != "title":
        return
    shown = [ln for ln in lines if ln.text.strip()]
    after = [shown[k + 1] if k + 1 < len(shown) else None
             for k, ln in enumerate(shown) if ln.para.heading == level and ln.part == "whole"]
    if after and all(n is not None and n.part == "whole" and _formatted_title(n.para, n.text.strip(), body)
                     for n in after):
        levels[level] = "heading"


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        if ln.para.size:
            sizes[ln.para.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _source_like(text: str) -> bool:
    if _PAREN.match(text) or _SOURCE_LABEL.match(text):
        return True
    return len(text) <= 20 and not _DATE_ONLY.match(text) and not any(c in text for c in "。，；！？")
