"""Style sheets: TOML files saying how a bulletin looks, with inheritance and units.

A style sheet is found by name (``bulletin``) in the style folders, or read from a
path. ``base = "name"`` (or a relative path) inherits another sheet: tables are
merged key by key, the child winning. Lengths are numbers (pt) or strings with a
unit (``"16pt"``, ``"37mm"``, ``"1.2cm"``, ``"2in"``) or a Chinese size name
(``"三号"``). Every error names the file, the line where it can be found, and the
key.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Iterator, Mapping

from .errors import StyleError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_STYLE = "bulletin"

#: Chinese type size names (字号) in points.
SIZE_NAMES: dict[str, float] = {
    "初号": 42.0, "小初": 36.0, "一号": 26.0, "小一": 24.0, "二号": 22.0, "小二": 18.0,
    "三号": 16.0, "小三": 15.0, "四号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5.0,
}
UNITS: dict[str, float] = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}
ALIGNS = ("left", "center", "right", "justify")
ROLE_KEYS = ("masthead_name", "issue_line", "editor_line", "classification", "column_heading",
             "title", "subtitle", "editor_note", "body", "source", "end_block", "copies",
             "page_number")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_LENGTH = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*([a-zA-Z]*)\s*$")


class FrozenMap(Mapping[str, Any]):
    """A read-only, hashable mapping (so a StyleSheet can key a cache)."""

    __slots__ = ("_d", "_h")

    def __init__(self, data: Mapping[str, Any]):
        self._d = dict(data)
        self._h: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._d[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __hash__(self) -> int:
        if self._h is None:
            self._h = hash(tuple(sorted(self._d.items())))
        return self._h

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._d) == dict(other)

    def __repr__(self) -> str:
        return f"FrozenMap({self._d!r})"


@dataclass(frozen=True)
class PageStyle:
    """Paper, margins (pt) and the character grid."""

    width: float
    height: float
    margin_top: float
    margin_bottom: float
    margin_left: float
    margin_right: float
    lines_per_page: int
    chars_per_line: int
    line_pitch: float  # pt between baselines of two grid lines
    body_size: float  # pt, the grid's character size


@dataclass(frozen=True)
class RoleStyle:
    """How one kind of text looks. Indents in characters, spaces in grid lines."""

    font: str = "fangsong"  # a key of StyleSheet.fonts
    size: float = 16.0  # pt
    color: str = "#000000"
    bold: bool = False
    align: str = "left"  # left | center | right | justify
    first_indent: float = 0.0
    indent_left: float = 0.0
    indent_right: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    lines: float = 1.0  # grid lines one line of this role occupies


@dataclass(frozen=True)
class FontRole:
    """A typeface role: the official family (DOCX), its Latin companion, and PDF candidates."""

    official: str
    latin: str = "Times New Roman"
    candidates: tuple[str, ...] = ()  # family names to try for PDF, in order
    latin_candidates: tuple[str, ...] = ()  # for Latin and digits in PDF; empty = use the CJK face


@dataclass(frozen=True)
class Rules:
    """Rule thicknesses in pt; masthead_second = 0 means a single masthead rule."""

    masthead: float
    masthead_gap: float
    masthead_second: float
    end_thick: float
    end_thin: float
    color: str = "#FF0000"  # masthead rule colour


@dataclass(frozen=True)
class PageNumberStyle:
    format: str = "— {n} —"
    odd: str = "right"
    even: str = "left"
    indent_chars: float = 1.0
    below_block: float = 7 * 72 / 25.4  # pt from the text block's bottom edge to the number
    first_page: bool = True


@dataclass(frozen=True)
class StyleSheet:
    name: str
    description: str
    path: Path | None
    page: PageStyle
    roles: FrozenMap  # str -> RoleStyle
    fonts: FrozenMap  # str -> FontRole
    colors: FrozenMap  # str -> "#RRGGBB"
    rules: Rules
    page_number: PageNumberStyle
    source_placement: str = "inline"  # inline | own_line

    @property
    def block_width(self) -> float:
        return self.page.width - self.page.margin_left - self.page.margin_right

    @property
    def block_height(self) -> float:
        return self.page.height - self.page.margin_top - self.page.margin_bottom

    @property
    def char_pitch(self) -> float:
        return self.block_width / self.page.chars_per_line


# ---------------------------------------------------------------- finding sheets

def style_dirs() -> list[Path]:
    """Folders searched for named styles, first wins: the per-user folder, then the built-in one."""
    dirs: list[Path] = []
    cfg = os.environ.get("XDG_CONFIG_HOME") or (
        os.environ.get("APPDATA") if os.name == "nt" else None) or str(Path.home() / ".config")
    dirs.append(Path(cfg) / "bulletin-export" / "styles")
    dirs.append(builtin_dir())
    return dirs


def builtin_dir() -> Path:
    """The shipped styles: `bulletin_export/styles` in a wheel, `<repo>/styles` in a checkout."""
    try:
        from importlib.resources import files

        packaged = Path(str(files("bulletin_export") / "styles"))
        if packaged.is_dir():
            return packaged
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    return Path(__file__).resolve().parents[2] / "styles"


def _named(name: str) -> Path | None:
    for d in style_dirs():
        p = d / f"{name}.toml"
        if p.is_file():
            return p
    return None


def list_styles() -> list[tuple[str, str, Path]]:
    """(name, description, path) of every style found, sorted by name; user styles shadow built-ins."""
    seen: dict[str, tuple[str, str, Path]] = {}
    for d in style_dirs():
        if not d.is_dir():
            continue
        for p in sorted(d.glob("*.toml")):
            if p.stem in seen:
                continue
            try:
                desc = str(_read_toml(p).get("description", ""))
            except StyleError as exc:
                desc = f"(unreadable: {exc.message})"
            seen[p.stem] = (p.stem, desc, p)
    return [seen[k] for k in sorted(seen)]


def _locate(ref: str | os.PathLike, relative_to: Path | None) -> Path | None:
    text = str(ref)
    looks_like_path = text.endswith(".toml") or "/" in text or os.sep in text
    if looks_like_path:
        p = Path(text).expanduser()
        if not p.is_absolute() and relative_to is not None:
            p = relative_to / p
        return p if p.is_file() else None
    return _named(text)


# ---------------------------------------------------------------- reading

def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StyleError(f"cannot read style sheet: {exc.strerror}", file=str(path)) from exc
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise StyleError("style sheet is not UTF-8", file=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise StyleError(f"not valid TOML: {exc}", file=str(path),
                         line=int(m.group(1)) if m else None) from exc


def _key_line(path: Path | None, dotted: str) -> int | None:
    """The line where a dotted key is set (best effort; None when not found)."""
    if path is None:
        return None
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    parts = dotted.split(".")
    table, key = ".".join(parts[:-1]), parts[-1]
    current = ""
    for no, raw in enumerate(lines, 1):
        s = raw.strip()
        m = re.match(r"^\[\s*([^\]]+?)\s*\]", s)
        if m:
            current = re.sub(r"\s*\.\s*", ".", m.group(1)).replace('"', "")
            if current == dotted:
                return no
            continue
        m = re.match(r'^"?([^="]+?)"?\s*=', s)
        if m:
            full = f"{current}.{m.group(1).strip()}" if current else m.group(1).strip()
            if full.replace('"', "") == dotted or (current == table and m.group(1).strip() == key):
                return no
    return None


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in child.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _load_chain(path: Path, stack: tuple[Path, ...]) -> tuple[dict[str, Any], dict[str, Path]]:
    """The merged data of a sheet and its bases, and for each dotted key the file that set it."""
    real = path.resolve()
    data = _read_toml(path)
    origins = {k: path for k in _dotted_keys(data)}
    base_ref = data.pop("base", None)
    if base_ref is None:
        return data, origins
    if not isinstance(base_ref, str) or not base_ref:
        raise StyleError("'base' must be a style name or a path", file=str(path),
                         line=_key_line(path, "base"))
    base_path = _locate(base_ref, path.parent)
    if base_path is None:
        known = ", ".join(n for n, _, _ in list_styles())
        raise StyleError(f"base style {base_ref!r} not found", file=str(path),
                         line=_key_line(path, "base"), hint=f"known styles: {known}")
    if base_path.resolve() in (*stack, real):
        cycle = " -> ".join(p.name for p in (*stack, real, base_path.resolve()))
        raise StyleError(f"base cycle: {cycle}", file=str(path), line=_key_line(path, "base"))
    base_data, base_origins = _load_chain(base_path, (*stack, real))
    return _merge(base_data, data), {**base_origins, **origins}


def _dotted_keys(data: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    for k, v in data.items():
        key = f"{prefix}{k}"
        yield key
        if isinstance(v, dict):
            yield from _dotted_keys(v, key + ".")


def load_style(ref: str | os.PathLike | None = None) -> StyleSheet:
    """The style sheet named `ref` (None = "bulletin"), or read from a path to a .toml file."""
    ref = DEFAULT_STYLE if ref is None else ref
    path = _locate(ref, Path.cwd())
    if path is None:
        known = ", ".join(n for n, _, _ in list_styles()) or "none"
        raise StyleError(f"style {str(ref)!r} not found", hint=f"known styles: {known}")
    data, origins = _load_chain(path, ())
    name = path.stem
    return _Builder(data, origins, path).build(name)


# ---------------------------------------------------------------- building

def parse_length(value: Any) -> float:
    """A length in pt from a number (pt), "12pt", "5.6mm", "1.2cm", "2in" or a size name (三号)."""
    if isinstance(value, bool):
        raise ValueError("a length, not true/false")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text in SIZE_NAMES:
            return SIZE_NAMES[text]
        m = _LENGTH.match(text)
        if m:
            unit = (m.group(2) or "pt").lower()
            if unit in UNITS:
                return round(float(m.group(1)) * UNITS[unit], 4)
            raise ValueError(f"unknown unit {m.group(2)!r} (use pt, mm, cm, in or a size name "
                             "such as 三号)")
    raise ValueError(f"{value!r} is not a length (use a number of pt, \"37mm\", \"1.2cm\", "
                     "\"2in\" or a size name such as 三号)")


_TOP_KEYS = ("description", "page", "colors", "rules", "page_number", "fonts", "roles",
             "source_placement")
_PAGE_LENGTHS = {"width", "height", "margin_top", "margin_bottom", "margin_left", "margin_right",
                 "line_pitch", "body_size"}


class _Builder:
    def __init__(self, data: dict[str, Any], origins: dict[str, Path], path: Path):
        self.data = data
        self.origins = origins
        self.path = path

    def fail(self, key: str, message: str, hint: str | None = None) -> StyleError:
        file = self.origins.get(key)
        if file is None:  # a missing key: blame the sheet asked for
            file = self.path
        return StyleError(f"{key}: {message}", file=str(file), line=_key_line(file, key),
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

    def length(self, key: str, value: Any) -> float:
        try:
            return parse_length(value)
        except ValueError as exc:
            raise self.fail(key, f"bad length: {exc}") from None

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
                    vals[n] = self.length(k, v)
                elif n == "color":
                    vals[n] = self.color(k, v, colors)
                elif n == "bold":
                    vals[n] = self.boolean(k, v)
                elif n == "align":
                    vals[n] = self.string(k, v, ALIGNS)
                else:
                    vals[n] = self.number(k, v)
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
