"""Make the README's screenshot of the web page (`bulletin-export serve`).

    python tools/make_web_screenshot.py          # writes docs/images/web-page.png

Starts the project's own command, `bulletin-export serve --port 0`, with an empty history
in a temporary folder, pastes the seed issue into the page in headless Chromium (Debian's
/usr/bin/chromium driven by Playwright), fills the masthead form, waits for the preview
and saves the window. Needs the [web] extra, chromium and playwright (scripts/bootstrap.sh).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
OUT = ROOT / "docs" / "images" / "web-page.png"
CHROMIUM = os.environ.get("BX_CHROMIUM", "/usr/bin/chromium")
MASTHEAD = {"name": "工会工作简报", "issue": "4", "total": "156", "date": "2012年4月28日",
            "editor": "苏州市总工会办公室", "classification": "内部资料"}


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bx-shot-") as tmp:
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1335571200"}
        proc = subprocess.Popen([sys.executable, "-m", "bulletin_export", "serve", "--port", "0",
                                 "--data", tmp], stdout=subprocess.PIPE, text=True, env=env)
        try:
            line = proc.stdout.readline()
            match = re.search(r"http://\S+", line)
            if not match:
                print(f"make_web_screenshot: serve printed no URL: {line!r}", file=sys.stderr)
                return 1
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM)
                page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
                page.goto(match.group(0))
                page.fill("#text", SEED.read_text(encoding="utf-8"))
                for key, value in MASTHEAD.items():
                    page.fill(f"[data-field={key}]", value)
                page.wait_for_selector("body[data-state=ready]", timeout=60_000)
                page.wait_for_function("() => Array.from(document.querySelectorAll('#pages img')).slice(0, 2)"
                                       ".every(i => i.complete && i.naturalWidth > 0)", timeout=60_000)
                page.locator("li.finding[data-code=BX201] .msg").click()  # show a selected finding
                OUT.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(OUT))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
