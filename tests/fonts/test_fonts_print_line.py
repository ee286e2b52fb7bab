"""Coverage sees the print line of the end block (印发机关 and 2012年4月29日印发)."""

from __future__ import annotations

import datetime as dt

from bulletin_export.diagnostics import Severity
from bulletin_export.fonts import MISSING, printed_texts, resolve_fonts
from bulletin_export.model import Issue
from bulletin_export.stylesheet import load_style


def test_print_unit_and_date_are_printed_texts_of_the_end_block():
    issue = Issue(print_unit="苏州市总工会办公室", print_date=dt.date(2012, 4, 29))
    texts = [(role, text) for role, text, _ in printed_texts(issue, load_style(None))]
    assert ("end_block", "苏州市总工会办公室") in texts
    assert ("end_block", "2012年4月29日印发") in texts


def test_a_glyph_no_font_has_in_the_print_unit_is_an_error():
    issue = Issue(print_unit="苏州市\ue000办公室", print_date=dt.date(2012, 4, 29))
    diags = resolve_fonts(load_style(None)).coverage(issue)
    errors = [d for d in diags if d.severity is Severity.ERROR]
    assert [d.code for d in errors] == [MISSING] and "U+E000" in errors[0].message
    assert "end_block" in errors[0].message
