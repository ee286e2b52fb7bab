"""End to end in headless Chromium (Debian's, driven by Playwright): what a secretary does.

One server (in a thread of this process, port 0) and one browser (driven from a thread of
its own) for the whole session.
Skipped, with the reason, only where /usr/bin/chromium or the playwright package is absent
(scripts/bootstrap.sh installs both, so CI runs these).
"""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path

import pytest

from web_drafts import draft
from web_support import MASTHEAD, SEED, docx_text

CHROMIUM = os.environ.get("BX_CHROMIUM", "/usr/bin/chromium")
if not shutil.which(CHROMIUM):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium; scripts/bootstrap.sh does)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.slow
READY = "body[data-state=ready]"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    from bulletin_export.web.server import Background, WebConfig

    bg = Background(WebConfig(data_dir=tmp_path_factory.mktemp("web-data")))
    with bg:
        yield bg


class BrowserThread:
    """One Chromium for the session, driven from a thread of its own: Playwright's sync API
    refuses a thread where another sync Playwright is open (tests/ofd keeps one for the
    session), so every browser step runs in this thread and its failures are raised here."""

    def __init__(self):
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(1, thread_name_prefix="browser")
        self._pool.submit(self._start).result()

    def _start(self):
        self._pw = sync_api.sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=CHROMIUM)

    def run(self, body, url: str, *args):
        """``body(page, *args)`` on a fresh page of ``url``; no script error may occur."""
        return self._pool.submit(self._on_page, body, url, args).result()

    def _on_page(self, body, url, args):
        context = self._browser.new_context(locale="zh-CN", accept_downloads=True,
                                            viewport={"width": 1400, "height": 900})
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
            result = body(page, *args)
            assert not errors, errors  # no script error on the page
            return result
        finally:
            context.close()

    def close(self):
        def stop():
            self._browser.close()
            self._pw.stop()

        self._pool.submit(stop).result()
        self._pool.shutdown()


@pytest.fixture(scope="session")
def browser():
    b = BrowserThread()
    yield b
    b.close()


def wait_ready(page, after: str | None = None):
    """Until a preview other than ``after`` is shown and its first page image has loaded."""
    page.wait_for_function(
        "([prev]) => document.body.dataset.state === 'ready' && document.body.dataset.result !== prev",
        arg=[after or ""], timeout=30_000)
    page.wait_for_function("() => { const i = document.querySelector('#pages img');"
                           " return i && i.complete && i.naturalWidth > 0; }", timeout=30_000)
    return page.get_attribute("body", "data-result")


def fill_masthead(page, **fields):
    for key, value in fields.items():
        page.fill(f"[data-field={key}]", value)


def download(page, selector: str, tmp_path: Path):
    with page.expect_download() as info:
        page.click(selector)
    dl = info.value
    target = tmp_path / dl.suggested_filename
    dl.save_as(target)
    return target


def test_paste_fill_preview_fix_and_download(browser, server, tmp_path):
    browser.run(_paste_fill_preview_fix_and_download, server.url, server, tmp_path)


def _paste_fill_preview_fix_and_download(page, server, tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    page.fill("#text", seed)
    fill_masthead(page, name="工会工作简报", issue="4", total="156", date="2012年4月28日",
                  editor="苏州市总工会办公室")
    first = wait_ready(page)
    pages = int(page.get_attribute("body", "data-pages"))
    assert pages >= 5
    assert page.locator("#pages img").count() == pages
    assert page.inner_text("#page-count") == f"共 {pages} 页"
    # the text coloured by what each line was read as
    assert page.locator("#backdrop .k-heading").first.inner_text().strip("\u200b ") == "【工作动态】"
    assert page.locator("#backdrop .k-title").first.inner_text().strip("\u200b") == "省总张艳主席在苏考察调研"
    # a click on a finding selects its line's text
    quote = page.locator("li.finding[data-code=BX201]")
    assert "第33行" in quote.inner_text() and "引号方向错误" in quote.inner_text()
    quote.locator(".msg").click()
    selected = page.evaluate("() => { const t = document.getElementById('text');"
                             " return t.value.slice(t.selectionStart, t.selectionEnd); }")
    assert selected == "“"
    # a click on a page enlarges it
    page.locator("#pages img").first.click()
    page.wait_for_function("() => { const z = document.getElementById('zoom-img');"
                           " return !document.getElementById('zoom').hidden && z.complete && z.naturalWidth > 1000; }")
    page.click("#zoom")
    # apply the fix: the wrong-way quote of line 33 becomes a closing one
    line33 = seed.split("\n")[32]
    assert line33[221] == "“"
    quote.locator("button.fix").click()
    wait_ready(page, after=first)
    assert page.input_value("#text").split("\n")[32][221] == "”"
    assert page.locator("li.finding[data-code=BX201]").count() == 0

    # 打印 opens the PDF itself in a new tab (the browser's viewer prints it)
    with page.context.expect_page() as opened:
        page.click("#btn-print")
    assert opened.value.url.endswith("/file.pdf?inline=1")
    opened.value.close()

    pdf = download(page, "#dl-pdf", tmp_path)
    docx = download(page, "#dl-docx", tmp_path)
    assert pdf.name == "工会工作简报第4期.pdf" and docx.name == "工会工作简报第4期.docx"
    # the preview was drawn from this very PDF: the same bytes, the same first-page image
    import hashlib
    import urllib.request

    shown = server.app.app.state.bx.engine.store.get(page.get_attribute("body", "data-result"))
    assert hashlib.sha256(shown.outputs["pdf"]).digest() == hashlib.sha256(pdf.read_bytes()).digest()
    from bulletin_export.web.engine import SCALE_SMALL, page_png

    src = page.get_attribute("#pages img", "src")
    with urllib.request.urlopen(server.url.rstrip("/") + src) as r:
        assert r.read() == page_png(pdf.read_bytes(), 0, SCALE_SMALL)
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == pages
        top = doc.pages[0].extract_text().replace(" ", "")
    assert "工会工作简报" in top and "第4期" in top and "总第156期" in top
    body = docx_text(docx.read_bytes())
    assert "工会工作简报" in body
    assert line33[210:221] + "”" in body and line33[210:221] + "“" not in body


def _drop(page, selector: str, files: list[tuple[str, bytes]]):
    """A real drop event carrying the files, as when they are dragged from a folder."""
    payload = [(name, base64.b64encode(data).decode()) for name, data in files]
    handle = page.evaluate_handle("""(files) => {
        const dt = new DataTransfer();
        for (const [name, b64] of files) {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            dt.items.add(new File([bytes], name, {type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}));
        }
        return dt; }""", payload)
    page.dispatch_event(selector, "drop", {"dataTransfer": handle})


def test_two_word_files_dropped_make_one_issue_of_two_articles(browser, server, tmp_path):
    browser.run(_two_word_files, server.url, tmp_path)


def _two_word_files(page, tmp_path):
    _drop(page, "#drop", [
        ("市总.docx", draft("市总召开主席例会部署下一阶段工作", ["4月6日，市总工会在常熟蒋巷村召开了主席例会。",
                                                     "会议部署了下一阶段工作。"], "市总办公室")),
        ("太仓.docx", draft("太仓市总四大行动加强职工文化建设", ["一是开展社会主义核心价值体系教育。"], "太仓市总工会")),
    ])
    wait_ready(page)
    titles = [t.strip("\u200b") for t in page.locator("#backdrop .k-title").all_inner_texts()]
    assert titles == ["市总召开主席例会部署下一阶段工作", "太仓市总四大行动加强职工文化建设"]
    sources = [t.strip("\u200b") for t in page.locator("#backdrop .k-source").all_inner_texts()]
    assert sources == ["（市总办公室）", "（太仓市总工会）"]
    pdf = download(page, "#dl-pdf", tmp_path)
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        text = "".join(p.extract_text() for p in doc.pages).replace(" ", "").replace("\n", "")
    assert text.index("市总召开主席例会") < text.index("太仓市总四大行动")


def test_next_issue_counts_on_and_keeps_masthead_and_end_block(browser, server):
    browser.run(_next_issue, server.url)


def _next_issue(page):
    page.fill("#text", MASTHEAD.read_text(encoding="utf-8"))
    wait_ready(page)
    assert page.input_value("[data-field=name]") == "工会工作简报"  # found in the text
    assert page.input_value("[data-field=issue]") == "4"
    dist = page.input_value("[data-field=distribution]")
    assert dist
    page.click("#btn-next")
    page.wait_for_function("() => document.body.dataset.state === 'blocked'")
    assert page.input_value("#text") == ""
    assert page.input_value("[data-field=issue]") == "5"
    assert page.input_value("[data-field=total]") == "157"
    assert page.input_value("[data-field=name]") == "工会工作简报"
    assert page.input_value("[data-field=distribution]") == dist
    assert "请先输入" in page.inner_text("#blocked")
    # the new issue's text: the same bulletin, counted on
    page.fill("#text", "【工作动态】\n市总召开主席例会\n\n4月6日，市总工会召开了主席例会。\n（市总办公室）\n")
    wait_ready(page)
    first = page.locator("#history .hist").first
    assert first.inner_text() == "工会工作简报第5期"
    # reopening the previous issue from the history brings its text back
    page.locator("#history .hist", has_text="工会工作简报第4期").first.click()
    page.wait_for_function("() => document.getElementById('text').value.includes('编者按')")
