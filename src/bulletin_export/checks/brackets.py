"""BX201/BX202: quotes and brackets that point the wrong way or are not closed in their paragraph."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Span
from .context import CheckContext
from .registry import Check, get, register

# opener -> closer; ASCII parentheses pair with either width so that a mixed pair is
# left to BX221 (half-width punctuation) instead of being reported twice.
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "〔": "〕", "【": "】", "〖": "〗", "［": "］",
         "(": "）"}
QUOTES = {"“": "”", "‘": "’"}
CLOSER_OF = {v: k for k, v in PAIRS.items() if k != "("}
CLOSER_OF[")"] = "（"


def _kind(opener: str) -> str:
    return "（" if opener == "(" else opener


def _is_apostrophe(text: str, i: int) -> bool:
    return (text[i] in "’‘" and 0 < i < len(text) - 1
            and text[i - 1].isascii() and text[i - 1].isalpha()
            and text[i + 1].isascii() and text[i + 1].isalpha())


def _scan(no: int, text: str) -> Iterator[Diagnostic]:
    wrong, unbalanced = get("BX201"), get("BX202")
    stack: list[tuple[str, int]] = []  # (opener kind, 0-based index)
    open_of: dict[str, int] = {}  # kind -> how many on the stack (no scan of the stack per mark)

    def push(kind: str, at: int) -> None:
        stack.append((kind, at))
        open_of[kind] = open_of.get(kind, 0) + 1

    def pop_through(kind: str) -> Iterator[Diagnostic]:
        while stack:
            top, at = stack.pop()
            open_of[top] -= 1
            if top == kind:
                return
            yield _unclosed(unbalanced, no, top, at)

    for i, ch in enumerate(text):
        if ch in PAIRS:
            kind = _kind(ch)
            if ch in QUOTES and open_of.get(kind):
                closer = QUOTES[ch]
                yield wrong.diag(
                    f"opening quote {ch} where the closing {closer} is expected",
                    Span.of_line(no, i + 1, 1),
                    hint=f"replace {ch} with {closer}",
                    fix=closer,
                )
                yield from pop_through(kind)
                continue
            push(kind, i)
        elif ch in CLOSER_OF:
            if _is_apostrophe(text, i):
                continue
            kind = CLOSER_OF[ch]
            if open_of.get(kind):
                yield from pop_through(kind)
                continue
            if kind in QUOTES and _next_mark(text, i, kind) == ch:
                yield wrong.diag(
                    f"closing quote {ch} where the opening {kind} is expected",
                    Span.of_line(no, i + 1, 1),
                    hint=f"replace {ch} with {kind}",
                    fix=kind,
                )
                push(kind, i)
                continue
            yield unbalanced.diag(
                f"closing {ch} has no opening {kind} in this paragraph",
                Span.of_line(no, i + 1, 1),
                hint=f"add the opening {kind} or delete this {ch}",
            )
    for kind, at in reversed(stack):
        yield _unclosed(unbalanced, no, kind, at)


def _next_mark(text: str, i: int, opener: str) -> str | None:
    """The next opening or closing mark of this quote kind after index ``i``."""
    closer = QUOTES[opener]
    for ch in text[i + 1:]:
        if ch in (opener, closer):
            return ch
    return None


def _unclosed(check: Check, no: int, kind: str, at: int) -> Diagnostic:
    closer = PAIRS[kind]
    return check.diag(
        f"{kind} is not closed in this paragraph",
        Span.of_line(no, at + 1, 1),
        hint=f"add the closing {closer} (a quotation may not run on into the next paragraph)",
    )


@register("BX201", "quote-direction", Severity.ERROR,
          "a quotation mark pointing the wrong way (“…“ for “…”)")
def check_quote_direction(ctx: CheckContext) -> Iterator[Diagnostic]:
    for no, text in ctx.text_lines():
        yield from (d for d in _scan(no, text) if d.code == "BX201")


@register("BX202", "unbalanced-pair", Severity.ERROR,
          "a quote or bracket （）《》〔〕【】 not closed, or closed without an opening, in its paragraph")
def check_unbalanced(ctx: CheckContext) -> Iterator[Diagnostic]:
    for no, text in ctx.text_lines():
        yield from (d for d in _scan(no, text) if d.code == "BX202")
