"""Semantic tags and the outline: a document system finds the bulletin's name, issue number,
editing unit, date, each article title and the end block through CustomTags ObjectRefs,
and the outline has one entry per column and article, as the PDF's bookmarks."""

from __future__ import annotations

from lxml import etree
from ofd_reader import N, resolve

from bulletin_export.renderers.ofd.tags import TAGS_NS

T = {"bx": TAGS_NS, **N}


def tag_file(read):
    tags = read.xml(resolve(read.doc_dir, read.doc.findtext("ofd:CustomTags", namespaces=N)))
    (tag,) = tags.iterfind("ofd:CustomTag", N)
    assert tag.get("NameSpace") == TAGS_NS
    return read.xml(resolve(read.doc_dir, tag.findtext("ofd:FileLoc", namespaces=N)))


def text_of(read, refs) -> str:
    """The characters drawn by the referenced objects, in order, spaces left out."""
    out = []
    for ref in refs:
        page = next(p for p in read.pages if p.id == ref.get("PageRef"))
        out += [g.ch for g in page.glyphs if g.object_id == ref.text.strip() and not g.ch.isspace()]
    return "".join(out)


def plain(text: str) -> str:
    return "".join(text.split())


def test_masthead_fields_point_at_their_text(samples):
    s = samples["masthead"]
    m = s.issue.masthead
    root = tag_file(s.read)
    assert etree.QName(root).namespace == TAGS_NS and root.prefix == "bx"
    name = text_of(s.read, root.findall("bx:Name/ofd:ObjectRef", T))
    assert name == plain(m.name)
    issue_text = text_of(s.read, root.findall("bx:IssueNumber/ofd:ObjectRef", T))
    assert issue_text == plain(m.issue_label)
    assert plain(m.editor) in text_of(s.read, root.findall("bx:EditingUnit/ofd:ObjectRef", T))
    date = f"{m.date.year}年{m.date.month}月{m.date.day}日"
    assert text_of(s.read, root.findall("bx:Date/ofd:ObjectRef", T)) == date


def test_every_article_title_and_the_end_block(sample):
    root = tag_file(sample.read)
    titles = [a for sec in sample.issue.sections for a in sec.articles if a.title]
    tagged = root.findall("bx:Article", T)
    assert len(tagged) == len(titles) > 3
    for art, el in zip(titles, tagged):
        assert text_of(sample.read, el.findall("bx:Title/ofd:ObjectRef", T)) == plain(art.title)
    columns = [sec.heading for sec in sample.issue.sections if sec.heading]
    got = [text_of(sample.read, el.findall("bx:Heading/ofd:ObjectRef", T)) for el in root.findall("bx:Column", T)]
    assert [c.strip("【】") for c in got] == [plain(c) for c in columns]
    end_refs = root.findall("bx:EndBlock/ofd:ObjectRef", T)
    last = sample.read.pages[-1].id
    assert end_refs and {r.get("PageRef") for r in end_refs} == {last}
    end_text = text_of(sample.read, end_refs)
    issue = sample.issue
    assert issue.copies is None or f"共印{issue.copies}份" in end_text
    assert issue.distribution and all(plain(e.recipients)[:6] in end_text for e in issue.distribution)
    # rules of the end block are tagged too (PathObjects)
    paths = {p["id"] for p in sample.read.pages[-1].paths}
    assert paths & {r.text for r in end_refs}


def test_outline_one_entry_per_column_and_article(sample):
    outlines = sample.read.doc.find("ofd:Outlines", N)
    entries = list(outlines.iter(f"{{{N['ofd']}}}OutlineElem"))
    marks = sample.display.bookmarks
    assert [e.get("Title") for e in entries] == [b.title for b in marks]
    page_ids = [p.id for p in sample.read.pages]
    for e, b in zip(entries, marks):
        dest = e.find("ofd:Actions/ofd:Action/ofd:Goto/ofd:Dest", N)
        assert dest.get("PageID") == page_ids[b.page - 1]
        assert abs(float(dest.get("Top")) - b.y * 25.4 / 72) < 0.01
        depth = len([a for a in e.iterancestors() if etree.QName(a).localname == "OutlineElem"])
        assert depth == (1 if b.level > 0 and any(m.level == 0 for m in marks[: marks.index(b)]) else 0)
    n_articles = sum(len(s.articles) for s in sample.issue.sections)
    n_columns = sum(1 for s in sample.issue.sections if s.heading)
    assert len(marks) == n_articles + n_columns


def test_hand_outline_nests_articles_under_their_column(hand):
    _, _, _, read = hand
    top = read.doc.findall("ofd:Outlines/ofd:OutlineElem", N)
    assert [e.get("Title") for e in top] == ["关于开展劳动竞赛的通知", "【工作动态】"]
    assert [e.get("Title") for e in top[1].findall("ofd:OutlineElem", N)] == ["各基层工会"]


def test_hand_tags_every_field_by_its_element(hand):
    _, _, _, read = hand
    root = tag_file(read)
    got = {etree.QName(el).localname: text_of(read, el.findall(".//ofd:ObjectRef", T)) for el in root}
    assert got == {"Name": "工会工作简报", "IssueNumber": "第4期", "EditingUnit": "市总工会编",
                   "Date": "2012年4月28日", "Article": "关于开展劳动竞赛的通知",
                   "EndBlock": "报：全国总工会办公厅共印120份"}
    end = root.findall("bx:EndBlock/ofd:ObjectRef", T)
    assert len(end) == 5  # two text objects and the three rules of the end block
    assert root.find("bx:Article", T).get("Index") == "1"
