"""The masthead and end-block forms: what the text says, what the form overrides, 下一期.

Form fields are the `--set` keys (parser/header.py), plus ``distribution``: the 报/送/发
(or 本期印发) lines, which are not a `--set` key; when the form gives them they replace the
text's end-block lines (blanked in place, so line numbers stay) and are appended at its end.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Mapping

FIELDS = ("name", "issue", "total", "supplement", "editor", "date", "classification",
          "copies", "print_unit", "print_date", "distribution")
MAX_FIELD = 2000  # characters in one form field
_LABEL = re.compile(r"^\s*(本期印发|抄送|报|送|发)\s*[：:]")
_COPIES = re.compile(r"[（(]?\s*共印\s*([0-9０-９一二三四五六七八九十百千〇零两]+)\s*份\s*[)）]?")


def clean_form(raw: Mapping[str, object]) -> tuple[dict[str, str], dict[str, str]]:
    """(accepted overrides, field errors in Chinese): only known keys, strings, bounded;
    every value is checked by the header key's own parser, a bad one is dropped."""
    from ..parser.header import lookup

    out: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key in FIELDS:
        value = raw.get(key)
        if value is None or isinstance(value, bool) and key != "supplement":
            continue
        value = ("是" if value else "否") if isinstance(value, bool) else str(value)
        value = value.strip()[:MAX_FIELD]
        if not value:
            continue
        if key == "distribution":
            out[key] = value
            continue
        try:
            lookup(key).parse(value)
        except Exception:  # ValueError, BadDate: the field says what is wrong
            errors[key] = _FIELD_HELP.get(key, "无法识别")
            continue
        out[key] = value
    return out, errors


_FIELD_HELP = {
    "issue": "应为期号，如 4 或 第四期", "total": "应为总期号，如 156 或 总第156期",
    "date": "应为日期，如 2024年3月5日 或 2024-03-05", "print_date": "应为日期，如 2024年3月5日",
    "copies": "应为份数，如 120 或 共印120份", "supplement": "应为 是 或 否",
}


def compose(text: str, form: dict[str, str], line_kinds: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """The text the build reads and the `--set` overrides, from the page's text and form."""
    overrides = {k: v for k, v in form.items() if k != "distribution"}
    dist = form.get("distribution", "").strip()
    if not dist:
        return text, overrides
    lines = text.split("\n")
    for i, line in enumerate(lines):
        kind = line_kinds[i] if i < len(line_kinds) else ""
        if kind == "end_block" and _LABEL.match(line):
            m = _COPIES.search(line)
            if m and "copies" not in overrides:
                overrides["copies"] = m.group(1)
            lines[i] = ""
    entries = [ln.strip() for ln in dist.split("\n") if ln.strip()]
    body = "\n".join(lines).rstrip("\n")
    return body + "\n\n" + "\n".join(entries) + "\n", overrides


def _date(value: _dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def found_fields(issue) -> dict[str, str]:
    """The form's fields as the built issue has them (text and overrides together)."""
    m = issue.masthead
    return {
        "name": (m.name or "") if m else "",
        "issue": str(m.issue_no) if m and m.issue_no is not None else "",
        "total": str(m.total_no) if m and m.total_no is not None else "",
        "supplement": "是" if m and m.supplement else "",
        "editor": (m.editor or "") if m else "",
        "date": _date(m.date) if m else "",
        "classification": (m.classification or "") if m else "",
        "copies": str(issue.copies) if issue.copies is not None else "",
        "print_unit": issue.print_unit or "",
        "print_date": _date(issue.print_date),
        "distribution": "\n".join(f"{e.label}：{e.recipients}" for e in issue.distribution),
    }


def next_issue(fields: Mapping[str, str], today: _dt.date | None = None) -> dict[str, str]:
    """下一期: the same masthead and end block, 第X期 and 总第X期 counted on, new dates."""
    today = today or _dt.date.today()
    out = {k: str(fields.get(k) or "") for k in FIELDS}
    for key in ("issue", "total"):
        if out[key].isdigit():
            out[key] = str(int(out[key]) + 1)
    out["supplement"] = ""
    out["date"] = _date(today)
    out["print_date"] = _date(today) if out["print_date"] else ""
    return out


def download_name(fields: Mapping[str, str], ext: str) -> str:
    """简报名称第X期.pdf (增刊 and 总第X期 not in the name); 简报.pdf without a name."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", fields.get("name") or "").strip() or "简报"
    issue = fields.get("issue") or ""
    return f"{name}{'增刊' if fields.get('supplement') else ''}{f'第{issue}期' if issue else ''}.{ext}"
