"""BX221-BX223: half-width punctuation in Chinese text, full-width digits and letters, stray spaces."""

from __future__ import annotations

import re
from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Span
from ..parser.kinds import paren_tail
from .context import CLOSERS, OPENERS, SPACES, CheckContext, ends_with_paren, is_chinese, is_cjk
from .registry import get, register

FULL_OF = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_SENTENCE = ",.;:?!"
_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_SPACE_RUN = re.compile(f"[{SPACES}]+")


def halfwidth_punctuation(text: str, end_block: bool = False) -> Iterator[tuple[int, str]]:
    """(0-based index, mark) of each half-width mark sitting inside Chinese text.

    ``end_block``: the line is an end-block entry (the parser says so), whose label colon
    (`送:`) is printed from the model and so not reported.
    """
    skip: set[int] = set()
    k = paren_tail(text)
    if k is not None and text[k] == "(" and (k == 0 or text[k - 1] in SPACES + "。！？"):
        # a source in half-width parentheses: the parser takes it (its closer may be full-width)
        skip = {k, len(text.rstrip()) - 1}
    colon = min((i for i in (text.find(":"), text.find("：")) if i >= 0), default=-1)
    if end_block and colon >= 0:
        skip.add(colon)
    for i, ch in enumerate(text):
        if ch not in FULL_OF or i in skip:
            continue
        left = text[i - 1] if i else None
        right = text[i + 1] if i + 1 < len(text) else None
        if ch in _SENTENCE:
            hit = left is not None and is_chinese(left) and (right is None or is_chinese(right))
            # 共3场,200人 / 时间:2012年: after an ideograph, a digit also counts (not for ".")
            hit = hit or (ch != "." and left is not None and is_cjk(left)
                          and right is not None and right.isdigit())
        elif ch == "(":
            hit = right is not None and is_cjk(right) and (left is None or is_chinese(left))
        else:
            hit = left is not None and is_cjk(left) and (right is None or is_chinese(right))
        if hit:
            yield i, ch


def straight_quotes(text: str) -> Iterator[tuple[int, str | None]]:
    """(0-based index, “ or ” or None) of each ASCII double quote touching Chinese text.

    When the line holds an even number of them they pair up in order (“ then ”);
    otherwise the direction is left to a person (None).
    """
    where = [i for i, ch in enumerate(text) if ch == '"']
    paired = len(where) % 2 == 0
    for k, i in enumerate(where):
        left = text[i - 1] if i else ""
        right = text[i + 1] if i + 1 < len(text) else ""
        if (left and is_cjk(left)) or (right and is_cjk(right)):
            yield i, ("“" if k % 2 == 0 else "”") if paired else None


@register("BX221", "halfwidth-punctuation", Severity.WARNING,
          'half-width , . ; : ? ! ( ) " inside Chinese text (fix: the full-width mark)')
def check_halfwidth(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX221")
    for no, text in ctx.text_lines():
        found = [(i, ch, FULL_OF[ch])
                 for i, ch in halfwidth_punctuation(text, ctx.kind(no) == "end_block")]
        found += [(i, '"', full) for i, full in straight_quotes(text)]
        for i, ch, full in sorted(found):
            hint = f"use the full-width {full}" if full else "use “ to open and ” to close"
            yield me.diag(f"half-width {ch!r} in Chinese text", Span.of_line(no, i + 1, 1),
                          hint=hint, fix=full)


def to_halfwidth(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) for c in text)


@register("BX222", "fullwidth-alphanumeric", Severity.WARNING,
          "full-width digits or Latin letters (１２, ＡＢ; fix: half-width)")
def check_fullwidth(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX222")
    for no, text in ctx.text_lines():
        for m in _FULLWIDTH_ALNUM.finditer(text):
            half = to_halfwidth(m.group())
            yield me.diag(f"full-width “{m.group()}”", Span.of_line(no, m.start() + 1, len(m.group())),
                          hint=f"write {half}", fix=half)


_MARKS = "，、；：。！？"
# lines whose spacing is layout, not text: the parser reads them without their padding
_UNSPACED_KINDS = ("masthead", "end_block", "heading")


def _chinese_edge(ch: str) -> bool:
    return is_cjk(ch) or ch in OPENERS or ch in CLOSERS


def stray_spaces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) 0-based of each space run between Chinese characters, quotes or brackets,
    after a Chinese mark such as ， or 。 before Chinese text, or before a Chinese mark.

    Leading indentation, trailing spaces, the run before a parenthesised source ending the
    line and spaces next to Latin text are left alone; so are masthead, heading and
    end-block lines (the caller asks the parser's line kinds).
    """
    tail = paren_tail(text)  # a source ending the line: （通讯员　张三） keeps its writer apart
    for m in _SPACE_RUN.finditer(text):
        s, e = m.span()
        if s == 0 or e == len(text):
            continue
        if tail is not None and tail + 1 < s and e < len(text.rstrip()) - 1:
            continue
        left, right = text[s - 1], text[e]
        if not ((is_cjk(left) and _chinese_edge(right)) or (_chinese_edge(left) and is_cjk(right))
                or (left in _MARKS and (is_cjk(right) or right in OPENERS))
                or right in _MARKS):  # 例会 。 / 仪式 ，: never a space before a Chinese mark
            continue
        rest = text[e:]
        if ends_with_paren(rest):
            continue
        yield s, e


def _describe(run: str) -> str:
    names = {" ": "space", "\u3000": "full-width space", "\t": "tab", "\u00a0": "no-break space",
             "\u200b": "zero-width space"}
    kinds = sorted({names.get(c, "space") for c in run})
    n = len(run)
    return f"{n} {' and '.join(kinds)}{'s' if n > 1 and len(kinds) == 1 else ''}"


@register("BX223", "stray-space", Severity.WARNING,
          "a space between Chinese characters, next to a Chinese quote or bracket, after or before ，。")
def check_spaces(ctx: CheckContext) -> Iterator[Diagnostic]:
    me = get("BX223")
    for no, text in ctx.text_lines():
        if ctx.kind(no) in _UNSPACED_KINDS:
            continue
        for s, e in stray_spaces(text):
            yield me.diag(f"{_describe(text[s:e])} inside Chinese text", Span.of_line(no, s + 1, e - s),
                          hint="delete the space (Chinese text is not spaced)", fix="")
