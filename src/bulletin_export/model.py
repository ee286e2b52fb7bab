"""The issue model: what a bulletin says, apart from how it was written or will look.

Every node is a frozen dataclass and keeps the source span it came from. Spans
do not take part in equality, so a model read back from XML equals the model
parsed from the text it was written from.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Iterator

DISTRIBUTION_LABELS = ("本期印发", "报", "送", "发", "抄送", "报送", "分送", "主送")


@dataclass(frozen=True)
class Span:
    """A 1-based line/column range in the decoded source text (end inclusive of the line)."""

    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def of_line(cls, line: int, col: int, length: int) -> "Span":
        return cls(line, col, line, col + max(length, 1))


def _span() -> Any:
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Masthead:
    """版头: the bulletin's name, 第X期, editing unit and date. Any field may be None."""

    name: str | None = None
    issue_no: int | None = None
    total_no: int | None = None
    supplement: bool = False
    editor: str | None = None  # without the trailing 编 / 编印
    date: _dt.date | None = None
    classification: str | None = None  # 内部资料, 秘密, 内部资料 注意保存 ...
    span: Span | None = _span()

    @property
    def issue_label(self) -> str | None:
        """The issue line as printed: 第4期（总第156期）, 增刊第1期; None when no number is known."""
        if self.issue_no is None and not self.supplement:
            return None
        text = "增刊" if self.supplement else ""
        if self.issue_no is not None:
            text += f"第{self.issue_no}期"
        if self.total_no is not None:
            text += f"（总第{self.total_no}期）"
        return text


#: What a block of an article's body is: running text, an in-article heading (GB/T 9704
#: levels 一、 （一） 1. （1）, `level` 1-4) or a picture/table caption (（图为……）, 表1 ……).
BLOCK_KINDS = ("text", "heading", "caption")


@dataclass(frozen=True)
class Paragraph:
    """One block of an article's body, in order. `kind` is one of BLOCK_KINDS; `level`
    is 1-4 for a heading (一、 黑体, （一） 楷体, 1. and （1） 仿宋), else None."""

    text: str
    span: Span | None = _span()
    kind: str = "text"
    level: int | None = None


@dataclass(frozen=True)
class Article:
    title: str | None
    subtitle: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    source: str | None = None  # without its parentheses and labels (供稿：, 来源：)
    span: Span | None = _span()
    # 简讯: the title was run in at the start of the only paragraph (标题。正文……); a
    # renderer may print it run in (bold, then the text) or as an ordinary title
    run_in: bool = False


@dataclass(frozen=True)
class Section:
    """A column (栏目) such as 【工作动态】; heading None when the issue has no columns."""

    heading: str | None
    articles: tuple[Article, ...] = ()
    span: Span | None = _span()


@dataclass(frozen=True)
class DistributionEntry:
    """One line of the end block: label is one of DISTRIBUTION_LABELS."""

    label: str
    recipients: str
    span: Span | None = _span()

    @property
    def recipient_list(self) -> tuple[str, ...] | None:
        """The recipients split at 、，；, or None when a split would be a guess.

        A split is unambiguous when no bracket holds a separator and every part ends like
        the name of a body or a person (…工会, …办公厅, …领导, …部门); a list such as
        各市（县）、区、局（公司）工会, whose parts share a suffix, stays unsplit.
        """
        depth = 0
        for ch in self.recipients:
            if ch in "（(〔【《":
                depth += 1
            elif ch in "）)〕】》":
                depth -= 1
            elif depth and ch in "、，,；;":
                return None
        parts = [p.strip().rstrip("。") for p in _split_any(self.recipients, "、，,；;")]
        parts = [p for p in parts if p]
        if not parts or not all(len(p) >= 2 and p[-1] in _BODY_ENDINGS for p in parts):
            return None
        return tuple(parts)


# Last characters of names of bodies and people: 会 部 厅 局 委 办 室 院 校 司 处 科 组 队 所 站
# 中心 单位 领导 部门 同志 政府 机关 企业 ...
_BODY_ENDINGS = set("会部厅局委办室院校司处科组队所站心位导门志府关业团社馆行园区县市省镇村庭家长席记")


def _split_any(text: str, seps: str) -> list[str]:
    out, cur = [], []
    for ch in text:
        if ch in seps:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


@dataclass(frozen=True)
class SourceInfo:
    """Where the issue came from: file name and SHA-256 of the source bytes (of the text as UTF-8 when parsed from a str)."""

    name: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Issue:
    masthead: Masthead | None = None
    editor_note: Paragraph | None = None
    sections: tuple[Section, ...] = ()
    distribution: tuple[DistributionEntry, ...] = ()
    copies: int | None = None
    print_date: _dt.date | None = None  # 印发日期
    print_unit: str | None = None  # 印发机关, printed left of the print date
    # 责任编辑：张三　审核：李四 (one line as written, items joined by a full-width space):
    # printed on the end block's last line, never part of the recipients
    credits: str | None = None
    source: SourceInfo = field(default_factory=SourceInfo, compare=False)

    def articles(self) -> Iterator[Article]:
        for section in self.sections:
            yield from section.articles

    @property
    def title(self) -> str:
        """A one-line title for metadata: name and issue label, or the first article's title."""
        m = self.masthead
        if m and m.name:
            return m.name + (m.issue_label or "")
        for art in self.articles():
            if art.title:
                return art.title
        return "简报"


def to_dict(issue: Issue) -> dict[str, Any]:
    """The canonical JSON form (see docs/source-format.md); spans left out."""
    m = issue.masthead
    return {
        "masthead": None
        if m is None
        else {
            "name": m.name,
            "issue_no": m.issue_no,
            "total_no": m.total_no,
            "supplement": m.supplement,
            "editor": m.editor,
            "date": m.date.isoformat() if m.date else None,
            "classification": m.classification,
        },
        "editor_note": issue.editor_note.text if issue.editor_note else None,
        "sections": [
            {
                "heading": s.heading,
                "articles": [
                    {
                        "title": a.title,
                        "subtitle": a.subtitle,
                        "paragraphs": [p.text for p in a.paragraphs],
                        "source": a.source,
                        "blocks": [_block(p) for p in a.paragraphs],
                        "run_in": a.run_in,
                    }
                    for a in s.articles
                ],
            }
            for s in issue.sections
        ],
        "distribution": [{"label": d.label, "recipients": d.recipients} for d in issue.distribution],
        "copies": issue.copies,
        "print_date": issue.print_date.isoformat() if issue.print_date else None,
        "print_unit": issue.print_unit,
        "credits": issue.credits,
    }


def _block(p: Paragraph) -> dict[str, Any]:
    """The kind of paragraphs[k] in the canonical JSON: {"kind": "text"}, {"kind": "heading",
    "level": 2}, {"kind": "caption"} (the text stays in "paragraphs", so scripts keep working)."""
    return {"kind": p.kind, "level": p.level} if p.kind == "heading" else {"kind": p.kind}
