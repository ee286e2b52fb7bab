"""Fonts: finding font files, reading their name tables, choosing a face per role,
checking coverage, and small TrueType subsets for reportlab.

    from bulletin_export.fonts import resolve_fonts
    fs = resolve_fonts(style)             # FontSet, cached per (style, font_dirs)
    fs.face("fangsong")                   # ResolvedFont
    fs.face_for_char("fangsong", "𠮷")    # per-character fallback
    fs.coverage(issue)                    # BX401 errors, BX402 infos
    fs.face("body").truetype_for(text)    # (file, 0): a subset of the face for one document
    fs.face("body").bounds("，")          # ink box in em

A cold process reads cmaps, advances and face names from the user cache folder
(cache.py) and cuts subsets from raw tables (subset.py; CFF faces: cffglyphs.py), so
fontTools loads only when a font file is new or changed.
"""

from __future__ import annotations

from .coverage import FALLBACK, MISSING, printed_texts
from .discovery import locations, repo_fonts_dir, user_fonts_dir
from .resolve import FontSet, ResolvedFont, clear_caches, resolve_fonts

__all__ = ["FALLBACK", "MISSING", "FontSet", "ResolvedFont", "clear_caches", "locations",
           "printed_texts", "repo_fonts_dir", "resolve_fonts", "user_fonts_dir"]
