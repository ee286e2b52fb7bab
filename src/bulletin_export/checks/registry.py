"""The table of checks: each has a stable code, a name, a default severity and a function."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..diagnostics import Diagnostic, Severity
from ..errors import UsageError
from ..model import Span
from .context import CheckContext

CheckFunc = Callable[[CheckContext], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Check:
    code: str  # BX2xx, stable
    name: str  # kebab-case, also accepted by --disable
    severity: Severity
    summary: str  # one line for `check --list`
    func: CheckFunc
    needs_model: bool = False
    # parser codes that already report the same finding: a finding of this check on a
    # line where the parser gave one of these is dropped, so nothing is said twice
    superseded_by: tuple[str, ...] = ()

    def diag(self, message: str, span: Span | None, hint: str | None = None,
             fix: str | None = None) -> Diagnostic:
        """A finding of this check (its code and severity)."""
        return Diagnostic(self.code, self.severity, message, span, hint, None, fix)


REGISTRY: dict[str, Check] = {}


def register(code: str, name: str, severity: Severity, summary: str, *,
             needs_model: bool = False,
             superseded_by: tuple[str, ...] = ()) -> Callable[[CheckFunc], CheckFunc]:
    """Decorator adding a check function to the table under ``code``."""

    def deco(func: CheckFunc) -> CheckFunc:
        if code in REGISTRY:
            raise ValueError(f"check code {code} registered twice")
        REGISTRY[code] = Check(code, name, severity, summary, func, needs_model, superseded_by)
        return func

    return deco


def all_checks() -> list[Check]:
    """Every check, ordered by code."""
    return [REGISTRY[c] for c in sorted(REGISTRY)]


def get(code: str) -> Check:
    return REGISTRY[code]


def resolve(names: Iterable[str]) -> set[str]:
    """Codes for ``--disable`` values (codes or names, any case, comma lists allowed)."""
    by_name = {c.name: c.code for c in REGISTRY.values()}
    out: set[str] = set()
    for raw in names:
        for item in raw.split(","):
            key = item.strip()
            if not key:
                continue
            if key.upper() in REGISTRY:
                out.add(key.upper())
            elif key.lower() in by_name:
                out.add(by_name[key.lower()])
            else:
                known = ", ".join(sorted(REGISTRY))
                raise UsageError(f"unknown check {key!r}", hint=f"known checks: {known}")
    return out


def iter_enabled(disabled: Iterable[str]) -> Iterator[Check]:
    off = resolve(disabled)
    for check in all_checks():
        if check.code not in off:
            yield check
