"""Issues for the XML tests: edge cases built from the model (imported by conftest and tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bulletin_export.model import (
    Article,
    DistributionEntry,
    Issue,
    Masthead,
    Paragraph,
    Section,
    SourceInfo,
    Span,
)

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIME = dt.datetime(2012, 4, 28, tzinfo=dt.timezone.utc)


def full_issue() -> Issue:
    """Every field given, with spans, the awkward characters XML must escape, and edge cases."""
    return Issue(
        masthead=Masthead(
            name="工会工作简报", issue_no=4, total_no=156, supplement=False,
            editor="苏州市总工会办公室", date=dt.date(2012, 4, 28),
            classification="内部资料　注意保存", span=Span(1, 1, 7, 20),
        ),
        editor_note=Paragraph("编者按：现将部分经验予以刊发。\n希望各级工会认真学习。", span=Span(9, 1, 11, 5)),
        sections=(
            Section("工作动态", (
                Article("市总召开表彰大会", None, (
                    Paragraph("4月26日，表彰大会在苏州会议中心举行。", span=Span(15, 1, 15, 20)),
                    Paragraph("<&> \"引号\" 'x' ]]> &amp; 𠮷 Ａ", span=Span(17, 1, 17, 20)),
                ), "市总办公室", span=Span(13, 5, 13, 20)),
                Article("市总开展集中走访活动", "——市总机关干部深入基层", (
                    Paragraph("  leading and trailing spaces\tand a tab  "),
                    Paragraph(""),
                    Paragraph("carriage\r\nreturn"),
                ), None),
            ), span=Span(12, 1, 12, 6)),
            Section(None, (Article(None, None, (Paragraph("no heading, no title"),)),)),
            Section("", ()),
        ),
        distribution=(
            DistributionEntry("报", "全国总工会办公厅，省总工会办公室，市委、市人大领导", span=Span(40, 1, 40, 30)),
            DistributionEntry("送", "各市（县、区）总工会、市委办公室"),  # bracket holds a separator: no list
            DistributionEntry("发", ""),
            DistributionEntry("本期印发", "市四套班子有关领导"),
        ),
        copies=120,
        print_date=dt.date(2012, 4, 29),
        print_unit="苏州市总工会办公室",
        source=SourceInfo("union.txt", "0123456789abcdef" * 4),
    )


HAND_BUILT = {
    "empty": Issue(),
    "full": full_issue(),
    "bare-masthead": Issue(masthead=Masthead()),
    "supplement": Issue(masthead=Masthead(name="简报", issue_no=1, supplement=True), copies=0),
    "empty-strings": Issue(
        masthead=Masthead(name="", editor="", classification=""),
        editor_note=Paragraph(""),
        sections=(Section("", (Article("", "", (), ""),)),),
        print_unit="",
    ),
    "end-block-only": Issue(print_date=dt.date(2020, 2, 29)),
    "print-unit-only": Issue(print_unit="苏州市总工会办公室"),
}
