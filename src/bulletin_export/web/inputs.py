"""Files dropped on the page -> the text in the editor (and masthead fields for the form).

A .txt is decoded (any encoding the parser reads). A .xml or a Word draft (.docx, and
.doc/.wps/.odt/.rtf where the readers registry has its LibreOffice reader) is read into
the issue model by its reader and written back as source text, so the editor stays the
one thing the page builds from (fixes, line colours and history all work on it). Several
Word drafts dropped together make one issue: one article each, in the order given, the
file's unit as the source where the file names it.

Limits (``Limits``) are checked before any reader sees the bytes: a .docx whose unzipped
size, member count or compression ratio is out of bounds is refused (a zip bomb).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Sequence

from .forms import found_fields


class InputRefused(Exception):
    """A dropped file the page will not read; the message is Chinese, for the page."""


@dataclass(frozen=True)
class Limits:
    body: int = 16 * 1024 * 1024  # bytes of one request
    files: int = 20
    fields: int = 40
    text_chars: int = 400_000  # characters of source text
    unzipped: int = 64 * 1024 * 1024  # bytes of one .docx once unzipped
    members: int = 2000
    ratio: int = 200  # unzipped / compressed, per member
    render_seconds: float = 30.0
    renders: int = 2  # at once; more are answered 503


def check_zip(data: bytes, name: str, limits: Limits) -> None:
    """Refuse a .docx that is not a zip or would unzip beyond the limits."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputRefused(f"{name}：不是有效的 Word 文档（.docx）") from None
    if len(infos) > limits.members:
        raise InputRefused(f"{name}：文档内部文件过多，拒绝读取")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > limits.ratio * max(1, info.compress_size):
            raise InputRefused(f"{name}：压缩比异常（疑似压缩炸弹），拒绝读取")
    if total > limits.unzipped:
        raise InputRefused(f"{name}：解压后超过 {limits.unzipped // (1024 * 1024)} MB，拒绝读取")


ZIPPED = (".docx", ".docm", ".dotx", ".odt")  # zip packages: checked by check_zip first


def accepted() -> tuple[str, ...]:
    """Every suffix a dropped file may have: those the readers registry reads."""
    from .. import readers

    return readers.suffixes()


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def read_files(files: Sequence[tuple[str, bytes]], limits: Limits) -> tuple[str, dict[str, str]]:
    """(source text, masthead/end-block fields found) for the dropped files."""
    if not files:
        raise InputRefused("没有收到文件")
    if len(files) > limits.files:
        raise InputRefused(f"一次最多 {limits.files} 个文件")
    kinds = {_suffix(n) for n, _ in files}
    if len(files) == 1:
        name, data = files[0]
        suffix = _suffix(name)
        if suffix == ".txt":
            return _text(name, data), {}
        issue = _read_issue(name, data, limits)
        return issue_text(issue), _form_of(issue)
    if kinds & {".txt", ".xml"} or not kinds <= set(accepted()):
        raise InputRefused("多个文件只能是 Word 文档（.docx、.doc、.wps 等），每个文件一篇文章")
    issues = [_read_issue(n, d, limits) for n, d in files]
    return articles_text(issues), _form_of(next((i for i in issues if i.masthead), issues[0]))


def _text(name: str, data: bytes) -> str:
    from ..decode import detect
    from ..errors import BulletinError

    try:
        return detect(data, file=name).text.replace("\r\n", "\n").replace("\r", "\n")
    except BulletinError:
        raise InputRefused(f"{name}：无法读取（空文件、二进制文件或无法识别的编码）") from None


def _read_issue(name: str, data: bytes, limits: Limits):
    from ..errors import BulletinError

    suffix = _suffix(name)
    if suffix not in accepted():
        raise InputRefused(f"{name}：只接受 {'、'.join(accepted())} 文件")
    if suffix in ZIPPED:
        check_zip(data, name, limits)
    from .. import readers  # the readers registry (CONTRACTS §1)

    try:
        return readers.for_input(name, data[:readers.HEAD_BYTES]).read(data, file=name).issue
    except BulletinError as exc:
        raise InputRefused(f"{name}：无法读取（{str(exc).split(': ', 1)[-1]}）") from None


def _form_of(issue) -> dict[str, str]:
    return {k: v for k, v in found_fields(issue).items() if v and k != "distribution"}


def _article_lines(article, default_source: str | None) -> list[str]:
    out: list[str] = []
    if article.title:
        out += [article.title]
    if article.subtitle:
        out += [article.subtitle]
    for p in article.paragraphs:
        out += ["", p.text]
    source = article.source or default_source
    if source:
        out.append(f"（{source}）")
    return out


def issue_text(issue) -> str:
    """The issue (read from XML or Word) as source text: columns, articles, end block.
    The masthead goes to the form, not the text."""
    out: list[str] = []
    if issue.editor_note is not None:
        out += [f"编者按：{issue.editor_note.text}", ""]
    for section in issue.sections:
        if section.heading:
            out += [f"【{section.heading}】", ""]
        for article in section.articles:
            out += _article_lines(article, None) + [""]
    if issue.distribution:
        out += [f"{e.label}：{e.recipients}" for e in issue.distribution]
    if issue.copies is not None:
        out.append(f"（共印{issue.copies}份）")
    return "\n".join(out).strip("\n") + "\n"


def articles_text(issues) -> str:
    """Several Word drafts as one issue: each file's articles in order, its unit as source."""
    out: list[str] = []
    for issue in issues:
        unit = issue.masthead.editor if issue.masthead else None
        for section in issue.sections:
            for article in section.articles:
                out += _article_lines(article, unit) + [""]
    return "\n".join(out).strip("\n") + "\n"
