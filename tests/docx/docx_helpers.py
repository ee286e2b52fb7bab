"""Test data and the render helper of the DOCX tests (a module of its own: `from conftest
import ...` may find another folder's conftest when several folders run together)."""

from __future__ import annotations

from bulletin_export.model import Issue
from bulletin_export.renderers import RenderContext

EPOCH = 1335571200  # 2012-04-28T00:00:00Z


def render(issue: Issue, style_name: str | None = None, epoch: int | None = EPOCH) -> bytes:
    from bulletin_export.renderers.docx import DocxRenderer

    return DocxRenderer().render(issue, RenderContext(style_name=style_name, source_date_epoch=epoch))


#: The print line added to the masthead sample for the print-line tests (GB/T 9704 §7.4.3).
PRINT_LINE = "苏州市总工会办公室　　　　　　2012年4月29日印发"


_UNITS = ("市委办公室", "市人大办公室", "市政府办公室", "市政协办公室", "全总办公厅", "省总工会办公室")
#: 75 recipients: an end block taller than a page (QA r9).
LONG_RECIPIENTS = [f"{_UNITS[n % len(_UNITS)]}第{n}处" for n in range(75)]


#: The longest name the parser takes (20 characters, QA r6): 42 pt would wrap it.
LONG_NAME = "苏州市吴江区盛泽镇人民政府办公室工作简报"
