"""The body rule for hinted lines (hints.py): a reader's hint wins over the line's shape."""

from __future__ import annotations

from .blocks import Blocks, join_spans
from .hints import heading_level, hint_ignored, run_in_length
from .kinds import Kind, heading_text, source_text
from .lines import clean


class HintRules(Blocks):
    """`rule_hinted` runs before the shape rules; it declines (None) for a line without a
    hint, and for a hint that cannot apply where it stands (with BX160)."""

    def rule_hinted(self, i: int) -> int | None:
        hint = self.hints.get(i)
        if hint is None or self.kind(i) in ("blank", "eof"):
            return None
        text = clean(self.lines[i].text)
        span = self.lines[i].span()
        level = heading_level(hint)
        if level is not None or hint == "caption":
            self.close_note()
            self.add_paragraph(i, text, "heading" if level else "caption", level)
            return i + 1
        if hint == "paragraph":
            self.add_paragraph(i, text)
            return i + 1
        cut = run_in_length(hint)
        if cut is not None:
            title, rest = clean(text[:cut]).rstrip("。：:．. "), clean(text[cut:])
            if not title or not rest:
                self.out.diags.append(hint_ignored(hint, "no text on both sides of the run-in title", span))
                return None
            art = self.start_article(title, span)
            art.run_in = True
            self.info("BX142", f"bold run taken as a run-in title (简讯): {title}", span)
            self.add_paragraph(i, rest)
            self.mark(i, "title")
            return i + 1
        if hint == "title":
            self.kinds[i] = Kind("short", {"text": text})
            j = self.next_nonblank(i + 1)
            sub = j if self.hints.get(j) == "subtitle" else None
            if sub is not None:
                self.kinds[sub] = Kind("short", {"text": clean(self.lines[sub].text)})
            return self.take_title(i, sub, f"paragraph marked as a title: {text}")
        if hint == "heading":
            self.kinds[i] = Kind("heading", {"heading": heading_text(text)})
            return self.rule_heading(i)  # type: ignore[attr-defined]
        art = self.article
        if hint == "subtitle":
            if art is not None and art.title is not None and not art.paragraphs and art.subtitle is None:
                art.subtitle = text
                art.end = span
                self.mark(i, "subtitle")
                return i + 1
            self.out.diags.append(hint_ignored(hint, "no title stands right before it", span))
            return None
        if hint == "source":
            if self.note is None and art is not None and art.paragraphs and art.source is None and not art.closed:
                art.source = source_text(text)
                art.end = span
                art.closed = True
                self.mark(i, "source")
                self.info("BX113", f"paragraph marked as the source: {art.source}", span)
                return i + 1
            self.out.diags.append(hint_ignored(hint, "no article text stands before it", span))
            return None
        if hint == "note":
            if self.note is not None:
                self.note.append((text, span))
                self.mark(i, "note")
                return i + 1
            if not (self.note_done or self.out.sections or art or self.section):
                kind = self.kinds[i]
                self.note = [(clean(kind.data["text"]) if kind.name == "note" else text, span)]
                self.mark(i, "note")
                return i + 1
            self.out.diags.append(hint_ignored(hint, "the 编者按 comes before the first article", span))
            return None
        if hint == "end":
            if "credits" in self.kinds[i].data:
                self.close_note()
                self.close_article()
                self.in_end = True  # the credits rule reads it, wherever it stands
                return None
            if self.kinds[i].name in ("dist", "copies", "print_date"):
                return None  # the end-block rule reads it
            if self.in_end and self.entries:
                label, recipients, first = self.entries[-1]
                self.entries[-1] = (label, recipients + text, join_spans(first, span))
                self.mark(i, "end_block")
                return i + 1
            self.out.diags.append(hint_ignored(hint, "it is no end-block entry (报：, 共印X份, …印发)", span))
            return None
        self.out.diags.append(hint_ignored(hint, "the masthead is read at the top only", span))
        return None
