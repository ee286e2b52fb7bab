"""The masthead (版头) at the top: classification, name, issue line, editing unit and date.

Only lines at the very top that look like a masthead count, and the block must hold a
strong line (a name followed by masthead lines, an issue line, a classification, or an
editor line with a date), so a file that starts with an article title has no masthead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from ..diagnostics import Diagnostic, Severity
from ..model import Span
from .header import classification_text
from .lines import Line, clean, compact, is_latin
from .numerals import DATE, NUM, BadDate, parse_date, parse_number

_CLASS_WORD = r"(?:内部资料|内部刊物|内部参阅|内部参考|注意保存|妥善保管|秘密|机密|绝密)(?:★\S*)?"
_CLASSIFICATION = re.compile(rf"^[（(]?\s*{_CLASS_WORD}(?:[\s，,、·•・]+{_CLASS_WORD})*\s*[)）]?$")
_ISSUE = re.compile(
    rf"^(?:[（(〔\[]\s*(?P<pyear>[0-9〇零○一二三四五六七八九]{{4}})\s*年?\s*[)）〕\]]\s*)?"
    rf"[（(]?\s*(?:(?P<year>[0-9〇零○一二三四五六七八九]{{4}})\s*年\s*)?(?P<sup1>增\s*刊)?\s*"
    rf"(?:第\s*(?P<no>{NUM})\s*期)?\s*[)）]?\s*(?P<sup2>增\s*刊)?\s*"
    rf"(?:[（(]?\s*总\s*第\s*(?P<total>{NUM})\s*期\s*[)）]?)?\s*")
_EDITOR = re.compile(rf"^(?P<editor>\S.*?)\s*(?P<suffix>编印|编)(?:\s*(?P<date>{DATE}))?$")
_EDITOR_DATE = re.compile(rf"^(?P<editor>\S.*?)\s+(?P<date>{DATE})$")
_DATE_ONLY = re.compile(rf"^(?P<date>{DATE})$")
_NAME_SUFFIX = re.compile(r"(简报|快报|动态|通讯|工作|信息|情况|专报|要情|参考|周报|月报|通报|简讯|交流)$")
_LONG_NAME_SUFFIX = re.compile(r"(简报|快报|动态|通讯|专报|要情|周报|月报|通报|简讯)$")
NAME_MAX = 20  # characters of a name line, any suffix
NAME_LONG_MAX = 40  # characters of a name line followed by an issue line or ending in 简报, 快报, …
_PUNCT = re.compile(r"[。！？；，、：:;,!?]")
_NAME_THEN_ISSUE = re.compile(rf"^(\S.*?)\s*(?=[（(]?\s*(?:增\s*刊|第\s*{NUM}\s*期))")
_UNIT_SUFFIX = re.compile(r"(办公室|办|委员会|委|局|厅|处|科|部|室|中心|会|院|校|所|站|队|政府|街道|社区|公司|集团)$")
_BODY_START = re.compile(r"^(?:[【〖［\[]|编\s*者\s*按|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")
RULE_LINE = re.compile(r"^[\s\-—─━－=＝_＿*＊★☆·•~～]{3,}$")


@dataclass
class MastheadParts:
    """What the masthead lines said, by canonical header key, with spans and diagnostics."""

    values: dict[str, Any] = field(default_factory=dict)
    first: int | None = None  # index of the first and last masthead line
    last: int | None = None
    span: Span | None = None
    diags: list[Diagnostic] = field(default_factory=list)


def match_issue(text: str) -> tuple[dict[str, Any], str] | None:
    """An issue line at the start of `text`: (fields, rest of the line) or None."""
    m = _ISSUE.match(text)
    if not m or not (m.group("no") or m.group("total") or m.group("sup1") or m.group("sup2")):
        return None
    fields: dict[str, Any] = {}
    if m.group("no"):
        fields["issue"] = parse_number(m.group("no"))
    if m.group("total"):
        fields["total"] = parse_number(m.group("total"))
    if m.group("sup1") or m.group("sup2"):
        fields["supplement"] = True
    year = m.group("year") or m.group("pyear")
    if year and parse_number(year) is not None:
        fields["year"] = parse_number(year)  # not a model field: read_masthead warns (BX108)
    if None in fields.values():
        return None
    return fields, text[m.end():].strip()


def match_editor(text: str) -> tuple[dict[str, Any], bool] | None:
    """An editor/date line: (fields, strong) where strong means it has both unit and date."""
    text = text.strip()
    for regex in (_EDITOR, _EDITOR_DATE, _DATE_ONLY):
        m = regex.match(text)
        if not m:
            continue
        groups = m.groupdict()
        fields: dict[str, Any] = {}
        editor = groups.get("editor")
        if editor is not None:
            editor = clean(editor)
            if len(editor) > 30 or _PUNCT.search(editor):
                continue
            fields["editor"] = editor
        if groups.get("date"):
            fields["date"] = groups["date"]  # parsed later, so a bad date is a diagnostic
        return fields, bool(editor and groups.get("date"))
    return None


_LETTER_SPACED = re.compile(r"^\S(?:\s+\S){2,}$")


def name_text(text: str) -> str:
    """A name as printed: `clean`, and a name letter-spaced with single spaces
    (工 作 简 报) without them, as 工　作　简　报 is."""
    t = clean(text)
    if _LETTER_SPACED.match(t) and not any(is_latin(ch) for ch in t):
        return "".join(t.split())
    return t


def is_classification(text: str) -> bool:
    return bool(_CLASSIFICATION.match(text.strip()))


def _name_like(text: str, limit: int = NAME_MAX) -> bool:
    t = clean(text)
    return 0 < len(t) <= limit and not _PUNCT.search(t) and not t.startswith(("【", "〖", "［", "["))


def _name_line(text: str, following: tuple[str, dict[str, Any], bool] | None, forced: str | None,
               after_classification: bool = False) -> bool:
    """Is `text` the bulletin's name, given the kind of the next masthead line?

    Up to NAME_MAX characters: followed by an issue line, or ending in a name suffix and
    followed by another masthead line. Up to NAME_LONG_MAX (中共苏州市委全面深化改革委员会
    办公室改革工作简报): followed by an issue line, or ending in a bulletin word (简报, 快报,
    动态, …) and followed by a strong masthead line. Right after a classification line
    (内部资料): any short name-like line followed by a strong masthead line (苏州工会, then
    the editor and date). With `--set name=…`: the line that reads as that name, or any
    line followed by an issue line."""
    t = clean(text)
    if forced is not None and following and following[0] == "issue" and 0 < len(t) <= 2 * NAME_LONG_MAX:
        return True
    if forced is not None and "".join(t.split()) == "".join(forced.split()):
        return True
    if not following or following[0] == "rule":
        return False
    if _name_like(t):
        return (following[0] == "issue" or bool(_NAME_SUFFIX.search(t))
                or after_classification and following[2])
    if _name_like(t, NAME_LONG_MAX):
        return following[0] == "issue" or bool(_LONG_NAME_SUFFIX.search(t)) and following[2]
    return False


MASTHEAD_LINE_MAX = 200  # characters: a longer line is no masthead line (and is never matched)


def _kind(text: str) -> tuple[str, dict[str, Any], bool] | None:
    """('classification'|'issue'|'editor'|'rule', fields, strong) for a masthead line, else None.
    White space is compacted first (lines.compact) so every pattern here is linear."""
    text = compact(text)
    if len(text) > MASTHEAD_LINE_MAX:
        return None
    if RULE_LINE.match(text) and not re.match(r"^\s*-{3}\s*$", text):
        return "rule", {}, False
    if is_classification(text):
        return "classification", {"classification": classification_text(text.strip("（()） \t\u3000"))}, True
    issue = match_issue(text.strip())
    if issue:
        fields, rest = issue
        if not rest:
            return "issue", fields, True
        editor = match_editor(rest)
        if editor:
            return "issue", {**fields, **editor[0]}, True
        return None
    editor = match_editor(text)
    if editor:
        return "editor", *editor
    m = _NAME_THEN_ISSUE.match(text.strip())
    if m and _name_like(m.group(1), NAME_LONG_MAX):
        rest = _kind(text.strip()[m.end(1):])
        if rest and rest[0] == "issue":
            return "issue", {"name": name_text(m.group(1)), **rest[1]}, True
    return None


def read_masthead(lines: Sequence[Line], start: int, name: str | None = None,
                  hints: Mapping[int, str] | None = None) -> tuple[MastheadParts | None, int]:
    """Recognise masthead lines from lines[start]; (parts or None, index after the masthead).
    `name` is a `--set name=…` value: it helps find the name line (see `_name_line`).
    `hints` (by index, hints.py): a line hinted "masthead" is one (the name when no rule
    reads it); a line with any other hint ends the masthead."""
    hints = hints or {}
    parts = MastheadParts()
    strong = False
    i = start
    n = len(lines)
    last_kept = start
    previous: str | None = None
    year_at: tuple[int, Span] | None = None  # a year in the issue line, not printed (BX108)
    two_line_name: int | None = None  # the second line of a name on two lines

    def next_nonblank(k: int) -> int:
        while k < n and lines[k].blank:
            k += 1
        return k

    while True:
        i = next_nonblank(i)
        if i >= n:
            break
        text = lines[i].stripped
        hint = hints.get(i)
        if hint is not None and hint != "masthead":
            break
        kind = _kind(text)
        if kind is None and hint == "masthead":
            if "name" in parts.values:
                parts.diags.append(Diagnostic("BX109", Severity.WARNING,
                                              f"masthead line not understood, left out: {clean(text)}",
                                              lines[i].span(), hint="the name is given already"))
                kind = ("unknown", {}, True)
            else:
                kind = ("name", {"name": name_text(text)}, True)
        if kind is None and "name" not in parts.values and len(text) <= MASTHEAD_LINE_MAX:
            j = next_nonblank(i + 1)
            following = _kind(lines[j].stripped) if j < n else None
            if _name_line(text, following, name, previous == "classification"):
                kind = ("name", {"name": name_text(text)}, True)
            elif j < n and _name_like(text) and _name_like(lines[j].stripped, NAME_LONG_MAX):
                # XX职业技术学院 / 工作简报: the unit above the bulletin word, one name
                k = next_nonblank(j + 1)
                joined = clean(text) + name_text(lines[j].stripped)
                after = _kind(lines[k].stripped) if k < n else None
                if (_LONG_NAME_SUFFIX.search(joined) and len(joined) <= NAME_LONG_MAX
                        and _name_line(lines[j].stripped, after, name, True)):
                    kind = ("name", {"name": joined}, True)
                    two_line_name = j
        if (kind is None and "editor" not in parts.values and previous in ("name", "issue", "editor")
                and _name_like(text, 30)):
            # the editing unit on a line of its own, the date on the next (XX街道办 / 2024年4月12日),
            # or after the date line when the body starts next (2024年3月5日 / 市卫健委办公室 / 【…】)
            j = next_nonblank(i + 1)
            after = _kind(lines[j].stripped) if j < n else None
            if previous != "editor" and after and after[0] == "editor" and set(after[1]) == {"date"}:
                kind = ("editor", {"editor": clean(text)}, False)
            elif (previous == "editor" and "date" in parts.values and _UNIT_SUFFIX.search(clean(text))
                  and (j >= n or after is not None or _BODY_START.match(lines[j].stripped))):
                kind = ("editor", {"editor": clean(text)}, False)
        if kind is None:
            break
        what, fields, is_strong = kind
        strong = strong or is_strong or hint == "masthead"
        if what == "classification" and previous == "classification":
            # 内部资料 / 注意保存 on two lines: one marking, 内部资料 注意保存
            joined = f"{parts.values['classification']} {fields['classification']}"
            fields = {"classification": classification_text(joined)}
            del parts.values["classification"]
        previous = what
        if fields.get("year") is not None:
            year_at = (fields.pop("year"), lines[i].span())
        for key, value in fields.items():
            _set(parts, lines[i], key, value)
        if parts.first is None and what != "rule":
            parts.first = i
        if what != "rule":
            parts.last = i
        i = (two_line_name if two_line_name is not None else i) + 1
        two_line_name = None
        last_kept = i
    if not strong or parts.first is None:
        return None, start
    if year_at:
        parts.diags.append(_year_warning(*year_at, parts.values.get("date")))
    first, last = lines[parts.first], lines[parts.last]  # type: ignore[index]
    parts.span = Span(first.no, first.span().col, last.no, last.span().end_col)
    parts.diags.append(Diagnostic("BX101", Severity.INFO, "masthead recognised: " + ", ".join(
        k for k in parts.values), parts.span))
    return parts, last_kept


def _year_warning(year: int, span: Span, date: Any) -> Diagnostic:
    """BX108: the issue line's year (2012年第4期) has no field and is not printed: info when
    the date line gives the same year, else a warning (the year is lost or contradicted)."""
    severity = Severity.WARNING
    if date is None:
        tail = "the masthead has no date"
    elif date.year != year:
        tail = f"the date line says {date.year}"
    else:
        tail = "the date line carries it"
        severity = Severity.INFO  # nothing is lost: no warning on a well-formed 2024年第3期
    return Diagnostic("BX108", severity,
                      f"the year in the issue line ({year}) is not printed; {tail}", span,
                      hint="the issue line is printed as 第N期; the year shows in the date (…编　2012年4月28日)")


def _set(parts: MastheadParts, line: Line, key: str, value: Any) -> None:
    if key == "date":
        try:
            value = parse_date(value)
        except BadDate as exc:
            parts.diags.append(Diagnostic("BX104", Severity.WARNING, f"masthead date: {exc}", line.span()))
            return
    if key in parts.values and parts.values[key] != value:
        parts.diags.append(Diagnostic("BX106", Severity.WARNING,
                                      f"masthead gives {key} twice; the first value is kept", line.span()))
        return
    parts.values[key] = value
