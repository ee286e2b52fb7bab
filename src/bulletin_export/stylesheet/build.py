"""Checking merged style-sheet data and building the StyleSheet; errors name file, line, key."""

from __future__ import annotations

import difflib
import re
from dataclasses import fields
from pathlib import Path
from typing import Any, Mapping

from ..errors import StyleError
from .model import (ALIGNS, ROLE_KEYS, FontRole, FrozenMap, PageNumberStyle, PageStyle, RoleStyle,
                    Rules, StyleSheet)
from .files import key_line
from .units import parse_length

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_TOP_KEYS = ("description", "page", "colors", "rules", "page_number", "fonts", "roles",
             "source_placement")
_PAGE_LENGTHS = {"width", "height", "margin_top", "margin_bottom", "margin_left", "margin_right",
                 "line_pitch", "body_size"}


class Builder:
    def __init__(self, data: dict[str, Any], origins: dict[str, Path], path: Path):
        self.data = data
        self.origins = origins
        self.path = path

    def fail(self, key: str, message: str, hint: str | None = None) -> StyleError:
        file = self.origins.get(key)
        if file is None:  # a missing key: blame the sheet asked for
            file = self.path
        return StyleError(f"{key}: {message}", file=str(file), line=key_line(file, key),
                          hint=hint)

    def table(self, key: str, allowed: tuple[str, ...] | None) -> dict[str, Any]:
        node: Any = self.data
        for part in key.split(".") if key else ():
            node = node.get(part, {}) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            raise self.fail(key, "must be a table")
        if allowed is not None:
            for k in node:
                if k not in allowed:
                    near = difflib.get_close_matches(k, allowed, n=1, cutoff=0.5)
                    hint = f"did you mean {near[0]!r}?" if near else "known keys: " + ", ".join(allowed)
                    raise self.fail(f"{key}.{k}" if key else k, "unknown key", hint)
        return node

    def length(self, key: str, value: Any, *, positive: bool = False) -> float:
        try:
            out = parse_length(value)
        except ValueError as exc:
            raise self.fail(key, f"bad length: {exc}") from None
        if out < 0 or (positive and out == 0):
            raise self.fail(key, f"bad length: {value!r} must be {'above' if positive else 'at least'} 0")
        return out

    def number(self, key: str, value: Any, kind: type = float) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"must be a number, not {value!r}")
        if kind is int and value != int(value):
            raise self.fail(key, f"must be a whole number, not {value!r}")
        return kind(value)

    def string(self, key: str, value: Any, choices: tuple[str, ...] | None = None) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string, not {value!r}")
        if choices and value not in choices:
            near = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
            raise self.fail(key, f"{value!r} is not one of {', '.join(choices)}",
                            f"did you mean {near[0]!r}?" if near else None)
        return value

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {value!r}")
        return value

    def color(self, key: str, value: Any, colors: Mapping[str, str]) -> str:
        if isinstance(value, str) and value in colors:
            return colors[value]
        if isinstance(value, str) and _HEX.match(value):
            return value.upper()
        raise self.fail(key, f"bad colour {value!r}", "use \"#RRGGBB\" or a name from [colors]: "
                        + ", ".join(colors))

    def require(self, table: dict[str, Any], key: str, name: str) -> Any:
        if name not in table:
            raise self.fail(f"{key}.{name}", "missing")
        return table[name]

    # -- sections

    def build(self, name: str) -> StyleSheet:
        self.table("", _TOP_KEYS)
        colors = self.colors()
        return StyleSheet(
            name=name,
            description=self.string("description", self.data.get("description", "")),
            path=self.path,
            page=self.page(),
            roles=self.roles(colors),
            fonts=self.fonts(),
            colors=FrozenMap(colors),
            rules=self.rules(colors),
            page_number=self.page_number(),
            source_placement=self.string("source_placement",
                                         self.data.get("source_placement", "inline"),
                                         ("inline", "own_line")),
        )

    def colors(self) -> dict[str, str]:
        t = self.table("colors", None)
        out = {"black": "#000000", "red": "#FF0000"}
        for k, v in t.items():
            if not isinstance(v, str) or not _HEX.match(v):
                raise self.fail(f"colors.{k}", f"bad colour {v!r}", "use \"#RRGGBB\"")
            out[k] = v.upper()
        return out

    def page(self) -> PageStyle:
        names = [f.name for f in fields(PageStyle)]
        t = self.table("page", tuple(names))
        vals: dict[str, Any] = {}
        for n in names:
            v = self.require(t, "page", n)
            if n in _PAGE_LENGTHS:
                vals[n] = self.length(f"page.{n}", v)
            else:
                vals[n] = self.number(f"page.{n}", v, int)
                if vals[n] < 1:
                    raise self.fail(f"page.{n}", "must be at least 1")
        page = PageStyle(**vals)
        if page.width - page.margin_left - page.margin_right <= 0:
            raise self.fail("page.margin_left", "margins leave no room for text")
        if page.height - page.margin_top - page.margin_bottom <= 0:
            raise self.fail("page.margin_top", "margins leave no room for text")
        return page

    def fonts(self) -> FrozenMap:
        t = self.table("fonts", None)
        allowed = tuple(f.name for f in fields(FontRole))
        out = {}
        for role in t:
            key = f"fonts.{role}"
            rt = self.table(key, allowed)
            official = self.string(f"{key}.official", self.require(rt, key, "official"))
            lists = {}
            for n in ("candidates", "latin_candidates"):
                v = rt.get(n, [])
                if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                    raise self.fail(f"{key}.{n}", "must be a list of family names")
                lists[n] = tuple(v)
            out[role] = FontRole(official=official,
                                 latin=self.string(f"{key}.latin", rt.get("latin", "Times New Roman")),
                                 candidates=lists["candidates"] or (official,),
                                 latin_candidates=lists["latin_candidates"])
        if not out:
            raise self.fail("fonts", "no font roles defined")
        return FrozenMap(out)

    def roles(self, colors: Mapping[str, str]) -> FrozenMap:
        t = self.table("roles", ROLE_KEYS)
        allowed = tuple(f.name for f in fields(RoleStyle))
        fonts = self.data.get("fonts", {})
        out = {}
        for role in ROLE_KEYS:
            key = f"roles.{role}"
            rt = self.table(key, allowed)
            vals: dict[str, Any] = {}
            for n, v in rt.items():
                k = f"{key}.{n}"
                if n == "font":
                    vals[n] = self.string(k, v)
                    if v not in fonts:
                        near = difflib.get_close_matches(v, list(fonts), n=1, cutoff=0.5)
                        raise self.fail(k, f"unknown font role {v!r}",
                                        f"did you mean {near[0]!r}?" if near else
                                        "font roles: " + ", ".join(fonts))
                elif n == "size":
                    vals[n] = self.length(k, v, positive=True)
                elif n == "color":
                    vals[n] = self.color(k, v, colors)
                elif n == "bold":
                    vals[n] = self.boolean(k, v)
                elif n == "align":
                    vals[n] = self.string(k, v, ALIGNS)
                else:
                    vals[n] = self.number(k, v)
                    if vals[n] < 0:
                        raise self.fail(k, f"must be at least 0, not {v!r}")
            out[role] = RoleStyle(**vals)
        return FrozenMap(out)

    def rules(self, colors: Mapping[str, str]) -> Rules:
        names = [f.name for f in fields(Rules)]
        t = self.table("rules", tuple(names))
        vals: dict[str, Any] = {}
        for n in names:
            if n == "color":
                vals[n] = self.color("rules.color", t.get("color", "red"), colors)
            else:
                vals[n] = self.length(f"rules.{n}", self.require(t, "rules", n))
        return Rules(**vals)

    def page_number(self) -> PageNumberStyle:
        names = tuple(f.name for f in fields(PageNumberStyle))
        t = self.table("page_number", names)
        d = PageNumberStyle()
        fmt = self.string("page_number.format", t.get("format", d.format))
        if "{n}" not in fmt:
            raise self.fail("page_number.format", "must contain {n}")
        return PageNumberStyle(
            format=fmt,
            odd=self.string("page_number.odd", t.get("odd", d.odd), ("left", "center", "right")),
            even=self.string("page_number.even", t.get("even", d.even), ("left", "center", "right")),
            indent_chars=self.number("page_number.indent_chars", t.get("indent_chars", d.indent_chars)),
            below_block=self.length("page_number.below_block", t.get("below_block", d.below_block)),
            first_page=self.boolean("page_number.first_page", t.get("first_page", d.first_page)),
        )
