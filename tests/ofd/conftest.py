"""The two samples as OFD and PDF (rendered once per session from one context each), a
hand-made display list with the awkward cases, and the shared checking material."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # ofd_env, ofd_reader, ofd_js, ofd_pixels: helpers of this folder

from ofd_env import EPOCH, OFDCHECK, SAMPLES, SCHEMAS, SHARED  # noqa: E402
from ofd_reader import OfdFile  # noqa: E402

from bulletin_export.model import Issue  # noqa: E402
from bulletin_export.parser import parse_file  # noqa: E402
from bulletin_export.renderers import RenderContext, get  # noqa: E402



@dataclass
class Sample:
    name: str
    issue: Issue
    ctx: RenderContext
    ofd: bytes
    pdf: bytes
    ofd_path: Path
    pdf_path: Path
    read: OfdFile
    display: object  # the DisplayList both were drawn from


@pytest.fixture(scope="session")
def samples(tmp_path_factory) -> dict[str, Sample]:
    from bulletin_export.layout.display import display_list

    out = tmp_path_factory.mktemp("ofd")
    result = {}
    for name, src in SAMPLES.items():
        issue = parse_file(src).issue
        ctx = RenderContext(source_date_epoch=EPOCH)
        ofd = get("ofd").render(issue, ctx)
        pdf = get("pdf").render(issue, ctx)
        (out / f"{name}.ofd").write_bytes(ofd)
        (out / f"{name}.pdf").write_bytes(pdf)
        result[name] = Sample(name, issue, ctx, ofd, pdf, out / f"{name}.ofd", out / f"{name}.pdf",
                              OfdFile(ofd), display_list(issue, ctx.style, ctx.fonts))
    return result


@pytest.fixture(scope="session", params=sorted(SAMPLES))
def sample(request, samples) -> Sample:
    return samples[request.param]


@pytest.fixture(scope="session")
def fontset():
    return RenderContext().fonts


def hand_display_list(fonts):
    """Two pages with what a writer can get wrong: leading and trailing spaces, a run of
    spaces only, a squeezed mark (advance smaller than the glyph), synthetic bold, red
    text, a Latin face, a bold face, rules thick and thin, a bookmark without a column."""
    from bulletin_export.layout.display import Bookmark, DisplayList, DisplayPage, FaceRef, GlyphRun, Rule

    body, title = fonts.face("fangsong"), fonts.face("xiaobiaosong")
    latin = fonts.latin_face("fangsong") or body
    faces = {"F1": FaceRef("F1", str(body.path), body.index, body.family, "fangsong", "仿宋_GB2312"),
             "F2": FaceRef("F2", str(title.path), title.index, title.family, "xiaobiaosong", "方正小标宋简体"),
             "F3": FaceRef("F3", str(latin.path), latin.index, latin.family, "latin-serif", "Times New Roman")}

    def run(face, text, x0, step, base, size, color="#000000", element="article.1.paragraph.0", **kw):
        xs = tuple(x0 + i * step for i in range(len(text)))
        advances = kw.pop("advances", tuple([step] * len(text)))
        return GlyphRun(face, size, color, text, xs, advances, base, kw.pop("role", "body"), element, **kw)

    p1 = DisplayPage(1, 595.28, 841.89, (
        run("F2", "工会工作简报", 150, 48, 130, 44, "#FF0000", "masthead.name", role="masthead_name"),
        run("F1", "第4期", 250, 16, 170, 16, element="masthead.issue", role="issue"),
        run("F1", "市总工会编", 79, 16, 200, 16, element="masthead.editor", role="editor"),
        run("F1", "2012年4月28日", 400, 11, 200, 16, element="masthead.date", role="date"),
        run("F2", "  关于开展劳动竞赛的通知 ", 100, 22, 260, 22, element="article.1.title", role="title"),
        run("F1", "各基层工会：", 79, 16, 300, 16),
        run("F1", "（", 175, 8, 300, 16, advances=(8.0,)),  # a mark squeezed to half a cell
        run("F3", "GB/T 9704", 183, 8, 300, 16),
        run("F1", "加粗", 79, 16, 330, 16, bold=True),
        run("F1", "   ", 200, 8, 330, 16),
        run("F1", "— 1 —", 270, 8, 800, 14, element="page_number", role="page_number"),
    ), (Rule(79, 516, 185, 1.0, "#FF0000", "masthead.rule"),))
    p2 = DisplayPage(2, 595.28, 841.89, (
        run("F1", "报：全国总工会办公厅", 79, 16, 700, 16, element="end.entry.0"),
        run("F1", "共印120份", 400, 12, 730, 16, element="end.copies"),
        run("F1", "— 2 —", 270, 8, 800, 14, element="page_number", role="page_number"),
    ), (Rule(79, 516, 680, 0.992, "#000000", "end.rule.0"), Rule(79, 516, 715, 0.709, "#000000", "end.rule.1"),
        Rule(79, 516, 745, 0.992, "#000000", "end.rule.2")))
    return DisplayList((p1, p2), faces, (
        Bookmark("关于开展劳动竞赛的通知", 1, 1, 240),  # an article before any column
        Bookmark("【工作动态】", 0, 1, 280), Bookmark("各基层工会", 1, 2, 690)))


@pytest.fixture(scope="session")
def hand(fontset, tmp_path_factory):
    from bulletin_export.printed import Metadata
    from bulletin_export.renderers.ofd import write_ofd

    dl = hand_display_list(fontset)
    meta = Metadata("工会工作简报 第4期", "市总工会", "工会工作简报", "简报; 工作动态")
    data = write_ofd(dl, meta, dt.datetime(2012, 4, 28, tzinfo=dt.timezone.utc), fontset)
    path = tmp_path_factory.mktemp("ofd-hand") / "hand.ofd"
    path.write_bytes(data)
    return dl, data, path, OfdFile(data)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SCHEMAS.is_dir() or not OFDCHECK.is_file():
        pytest.skip(f"the OFD schemas and ofdcheck.py are not at {SHARED} (CI has ../shared)")
    return SHARED
