"""The `---` header block (`key: value` lines) and `--set key=value` overrides.

Both use one table of keys, English and Chinese, and one value parser per key, so
`issue: 第十二期`, `期号: 12` and `--set issue=12` mean the same.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from ..diagnostics import Diagnostic, Severity
from ..errors import UsageError
from ..model import Span
from .lines import Line, clean
from .numerals import NUM, BadDate, parse_date, parse_number


def _text(raw: str) -> str:
    value = clean(raw)
    if not value:
        raise ValueError("empty value")
    return value


def _number(pattern: str, what: str) -> Callable[[str], int]:
    regex = re.compile(pattern)

    def parse(raw: str) -> int:
        text = re.sub(r"\s+", "", raw)
        m = regex.fullmatch(text)
        value = parse_number(m.group(1)) if m else None
        if value is None:
            raise ValueError(f"{raw.strip()!r} is not {what}")
        return value

    return parse


def _flag(raw: str) -> bool:
    text = raw.strip().lower()
    if text in ("1", "true", "yes", "on", "是", "增刊", "y"):
        return True
    if text in ("0", "false", "no", "off", "否", "n", ""):
        return False
    raise ValueError(f"{raw.strip()!r} is not yes/no")


def _date(raw: str) -> _dt.date:
    value = parse_date(raw)  # BadDate propagates
    if value is None:
        raise ValueError(f"{raw.strip()!r} is not a date (2012年4月28日, 2012-04-28)")
    return value


def _editor(raw: str) -> str:
    return re.sub(r"\s*(编印|编)$", "", _text(raw)) or _text(raw)


def classification_text(raw: str) -> str:
    """内部资料　注意保存 -> '内部资料 注意保存' (words joined by one space)."""
    return " ".join(w for w in re.split(r"[\s，,、·•・]+", raw.strip()) if w)


def _classification(raw: str) -> str:
    value = classification_text(raw)
    if not value:
        raise ValueError("empty value")
    return value


@dataclass(frozen=True)
class Key:
    name: str  # canonical, English
    aliases: tuple[str, ...]
    parse: Callable[[str], Any]
    help: str


KEYS: tuple[Key, ...] = (
    Key("name", ("简报名称", "名称", "刊名"), _text, "the bulletin's name, 工会工作简报"),
    Key("issue", ("期号", "期数", "issue_no"),
        _number(rf"第?({NUM})期?", "an issue number"), "issue number: 4, 第十二期"),
    Key("total", ("总期号", "总期数", "total_no"),
        _number(rf"[（(]?总?第?({NUM})期?[)）]?", "a total issue number"), "total number: 156, 总第156期"),
    Key("supplement", ("增刊",), _flag, "增刊: yes/no"),
    Key("editor", ("编印单位", "编辑单位", "编印", "编者"), _editor, "editing unit, without 编/编印"),
    Key("date", ("日期", "出版日期"), _date, "issue date: 2012-04-28, 2012年4月28日, 二〇一二年四月二十八日"),
    Key("classification", ("密级", "密级标识"), _classification, "内部资料, 内部资料 注意保存, 秘密"),
    Key("copies", ("印数", "共印", "份数"),
        _number(rf"共?印?({NUM})份?", "a number of copies"), "number of copies printed: 120, 共印120份"),
    Key("print_date", ("印发日期",), _date, "印发日期: a date"),
    Key("print_unit", ("印发机关",), _text, "印发机关, printed left of the print date"),
)
_BY_ALIAS = {alias.lower(): k for k in KEYS for alias in (k.name, *k.aliases)}
KNOWN_KEYS = tuple(k.name for k in KEYS)
MASTHEAD_KEYS = {"name": "name", "issue": "issue_no", "total": "total_no", "supplement": "supplement",
                 "editor": "editor", "date": "date", "classification": "classification"}
ISSUE_KEYS = {"copies": "copies", "print_date": "print_date", "print_unit": "print_unit"}


def lookup(key: str) -> Key | None:
    return _BY_ALIAS.get(key.strip().lower().replace("-", "_"))


def known_keys_text() -> str:
    return ", ".join(f"{k.name}/{k.aliases[0]}" for k in KEYS)


@dataclass
class Header:
    """Values by canonical key, with the span of the line each came from."""

    values: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    span: Span | None = None


_FENCE = re.compile(r"^\s*-{3,}\s*$")
_SEPARATOR = re.compile(r"[:：=]")


def pair(text: str) -> tuple[str, str] | None:
    """`key: value` (`:` `：` or `=`) -> (key, value), both trimmed; None without a key.
    Found by position, not by a pattern of `\\s*` parts (quadratic on long runs of spaces)."""
    m = _SEPARATOR.search(text)
    if m is None or not text[:m.start()].strip():
        return None
    return text[:m.start()].strip(), text[m.end():].strip()


def is_fence(line: Line) -> bool:
    return bool(_FENCE.match(line.text))


def read_header(lines: Sequence[Line], start: int) -> tuple[Header | None, int, list[Diagnostic]]:
    """Read a header block whose opening fence is lines[start]; (header, next index, diagnostics)."""
    if start >= len(lines) or not is_fence(lines[start]):
        return None, start, []
    header = Header()
    diags: list[Diagnostic] = []
    opening = lines[start]
    closed_later = _closed_later(lines, start + 1)
    i = start + 1
    last = opening
    while i < len(lines):
        line = lines[i]
        if is_fence(line):
            last = line
            i += 1
            break
        if line.blank or line.stripped.startswith("#"):
            i += 1
            continue
        m = pair(line.text)
        if not m and closed_later(i + 1):
            diags.append(Diagnostic("BX107", Severity.WARNING,
                                    f"header line is not 'key: value', ignored: {line.stripped}",
                                    line.span(), hint="write `key: value`, or delete the line"))
            last = line
            i += 1
            continue
        if not m:
            diags.append(Diagnostic("BX105", Severity.WARNING, "header block not closed by a '---' line",
                                    opening.span(), hint="end the header block with a line '---'"))
            break
        last = line
        _read_pair(header, line, m[0], m[1], diags)
        i += 1
    else:
        diags.append(Diagnostic("BX105", Severity.WARNING, "header block not closed by a '---' line",
                                opening.span(), hint="end the header block with a line '---'"))
    header.span = Span(opening.no, 1, last.no, max(2, len(last.text) + 1))
    return header, i, diags


def _closed_later(lines: Sequence[Line], start: int) -> Callable[[int], bool]:
    """closed_later(k): does a closing fence follow lines[k:] before anything that reads as
    body text (a long line or a sentence)? Then a bad line is a slip inside the header, not
    its end. Answered for every k from one backward pass over the lines (computed on first
    use), so a header of many bad lines stays linear."""
    memo: list[bool] = []

    def compute() -> None:
        flags = [False] * (len(lines) + 1)
        for k in range(len(lines) - 1, start - 1, -1):
            line = lines[k]
            text = line.stripped
            if is_fence(line):
                flags[k] = True
            elif pair(line.text) and len(text) <= 80:
                flags[k] = flags[k + 1]
            elif len(text) > 60 or text.endswith(("。", "！", "？", "）")):
                flags[k] = False
            else:
                flags[k] = flags[k + 1]
        memo.extend(flags)

    def closed_later(k: int) -> bool:
        if not memo:
            compute()
        return memo[k] if start <= k < len(memo) else False

    return closed_later


def _read_pair(header: Header, line: Line, key: str, raw: str, diags: list[Diagnostic]) -> None:
    spec = lookup(key)
    span = line.span()
    if spec is None:
        diags.append(Diagnostic("BX102", Severity.WARNING, f"unknown header key {key!r} ignored", span,
                                hint=f"known keys: {known_keys_text()}"))
        return
    try:
        value = spec.parse(raw)
    except BadDate as exc:
        diags.append(Diagnostic("BX104", Severity.WARNING, f"{spec.name}: {exc}", span))
        return
    except ValueError as exc:
        diags.append(Diagnostic("BX103", Severity.WARNING, f"bad value for {spec.name}: {exc}", span,
                                hint=spec.help))
        return
    if spec.name in header.values:
        diags.append(Diagnostic("BX106", Severity.WARNING, f"{spec.name} given twice; the later value wins",
                                span))
    header.values[spec.name] = value
    header.spans[spec.name] = span


def parse_overrides(overrides: Mapping[str, str] | None) -> dict[str, Any]:
    """`--set` values by canonical key; UsageError for an unknown key or a bad value."""
    out: dict[str, Any] = {}
    for key, raw in (overrides or {}).items():
        spec = lookup(key)
        if spec is None:
            raise UsageError(f"unknown --set key {key!r}; known keys: {known_keys_text()}")
        try:
            out[spec.name] = spec.parse(raw)
        except ValueError as exc:  # BadDate included
            raise UsageError(f"bad --set value for {spec.name}: {exc}", hint=spec.help) from None
    return out
