"""The style sheet as frozen dataclasses: page, roles, font roles, rules, page numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

ALIGNS = ("left", "center", "right", "justify")
ROLE_KEYS = ("masthead_name", "issue_line", "editor_line", "classification", "column_heading",
             "title", "subtitle", "editor_note", "body", "source", "end_block", "copies",
             "page_number", "heading_1", "heading_2", "heading_3", "heading_4",
             "runin_title")
#: The roles of the in-article heading levels 1-4 (GB/T 9704: 一、 （一） 1. （1）).
HEADING_ROLES = ("heading_1", "heading_2", "heading_3", "heading_4")


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
