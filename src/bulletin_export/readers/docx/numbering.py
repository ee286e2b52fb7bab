"""Word's automatic numbering: the labels (一、 （二） 1. ①) that exist only in numbering.xml.

Counters are kept per abstract numbering definition and level, as Word counts: a
paragraph at level L counts on at L and restarts every deeper level (unless that
level's w:lvlRestart says otherwise); a w:num whose w:lvlOverride has a w:startOverride
starts over the first time it is used. The label is the level's w:lvlText with each
%N replaced by level N's counter in that level's format; the suffix (tab or space)
becomes a full-width space, which the parser reads as white space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .styles import w

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (up to 999)."""
    if n <= 0 or n > 999:
        return str(n)
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = digits[h] + hundred if h else ""
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    elif h and u:
        out += "零" if digits is _CN_DIGITS else digits[0]
    if u:
        out += digits[u]
    return out


def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    n -= 1
    return chr(ord("A") + n % 26) * (n // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return chinese(n)
    if fmt == "chineseLegalSimplified":
        return chinese(n, _CN_LEGAL, "拾", "佰")
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital":
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "none":
        return ""
    return str(n)  # decimal and every format not listed


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    restart: int | None = None  # 1-based level whose counting restarts this one (lvlRestart)
    legal: bool = False


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # ilvl -> lvl given in the override


def _level(el: etree._Element) -> _Level:
    def val(tag: str) -> str | None:
        child = el.find(w(tag))
        return child.get(w("val")) if child is not None else None

    start = val("start")
    restart = val("lvlRestart")
    return _Level(start=int(start) if start and start.lstrip("-").isdigit() else 1,
                  fmt=val("numFmt") or "decimal", text=val("lvlText") or "",
                  suffix=val("suff") or "tab",
                  restart=int(restart) if restart and restart.isdigit() else None,
                  legal=el.find(w("isLgl")) is not None)


class Numbering:
    """numbering.xml, and the counters of one pass over the document."""

    def __init__(self, root: etree._Element | None):
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        linked: dict[str, str] = {}  # abstractNumId -> the list style it takes its levels from
        defines: dict[str, str] = {}  # list style -> the abstractNumId holding its levels
        for ab in root.iter(w("abstractNum")):
            levels = {}
            for lvl in ab.iter(w("lvl")):
                ilvl = lvl.get(w("ilvl"), "0")
                levels[int(ilvl) if ilvl.isdigit() else 0] = _level(lvl)
            ab_id = ab.get(w("abstractNumId"), "")
            self.abstract[ab_id] = levels
            for tag, into in ((w("numStyleLink"), linked), (w("styleLink"), defines)):
                el = ab.find(tag)
                if el is not None and el.get(w("val")):
                    if into is linked:
                        into[ab_id] = el.get(w("val"))
                    else:
                        into[el.get(w("val"))] = ab_id
        for ab_id, style in linked.items():
            # a list that uses a list style (w:numStyleLink): its levels are the style's
            source = defines.get(style)
            if not self.abstract.get(ab_id) and source is not None:
                self.abstract[ab_id] = self.abstract.get(source, {})
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            entry = _Num(ref.get(w("val"), "") if ref is not None else "")
            for ov in num.iter(w("lvlOverride")):
                ilvl = int(ov.get(w("ilvl"), "0") or 0)
                so = ov.find(w("startOverride"))
                if so is not None and (so.get(w("val")) or "").isdigit():
                    entry.overrides[ilvl] = int(so.get(w("val")))
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self.nums[num.get(w("numId"), "")] = entry

    def _levels(self, num: _Num) -> dict[int, _Level]:
        levels = dict(self.abstract.get(num.abstract, {}))
        levels.update(num.levels)
        return levels

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label for a paragraph numbered (num_id, ilvl); '' when none prints."""
        num = self.nums.get(num_id)
        if num is None or num_id == "0":
            return ""
        levels = self._levels(num)
        lvl = levels.get(ilvl)
        if lvl is None:
            return ""
        key = num.abstract
        counters = self.counters.setdefault(key, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in num.overrides.items():
                counters[level] = start - 1
                for deeper in [k for k in counters if k > level]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, lvl.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or restart == 0 or restart - 1 >= ilvl:
                if restart != 0:
                    del counters[deeper]
        text = lvl.text
        for level in range(9):
            token = f"%{level + 1}"
            if token in text:
                ref = levels.get(level, _Level())
                count = counters.get(level, ref.start)
                fmt = "decimal" if lvl.legal and level != ilvl else ref.fmt
                text = text.replace(token, format_number(count, fmt))
        if lvl.fmt == "bullet":
            # bullets in symbol fonts are private-use code points: nothing printable
            text = "".join(ch for ch in text if not 0xE000 <= ord(ch) <= 0xF8FF)
        if not text:
            return ""
        return text + {"tab": "\u3000", "space": "\u3000"}.get(lvl.suffix, "")
