"""Render an OFD with ofd.js (npm, DLTech21, Apache-2.0) in headless Chromium: an independent
reader drawing our files. ofd.js draws each glyph as SVG text in the font its FamilyName
names, found among the system fonts (it does not load the embedded file), at a whole
number of tenths of a pixel per millimetre.

Installed by scripts/bootstrap.sh (``npm ci`` in tests/ofd/js); Chromium from Debian, driven
by the python ``playwright`` package (see ../shared/WEB.md). ``missing()`` says why a
browser test cannot run here.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import shutil
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
BUNDLE = HERE / "js" / "node_modules" / "ofd.js" / "lib" / "ofd.umd.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ORIGIN = "http://ofd.test"

#: ofd.js replaces every family whose name contains "kai", "simsun", "仿宋"... by the Windows
#: fonts 楷体/KaiTi, SimSun, FangSong... (its own table), so "AR PL UKai CN" is asked for as
#: "楷体, KaiTi, Kai, simkai". The page makes those names the faces they stand for here, as
#: on an office machine that has them: the same face the PDF embeds.
ALIASES = {"KaiTi": "AR PL UKai CN"}
FACES = "".join(f'@font-face{{font-family:"{a}";src:local("{b}")}}' for a, b in ALIASES.items())
PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<style>body{{margin:0;background:#fff}}{FACES}</style><script src="/ofd.js"></script></head>
<body><div id="pages"></div></body></html>"""

RENDER = """async ([b64, width]) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const doc = await new Promise((ok, fail) => ofd.parseOfdDocument({ofd: bytes.buffer,
      success: ok, fail: e => fail(String(e))}));
  const divs = ofd.renderOfd(width, doc[0]);
  const box = document.getElementById('pages');
  divs.forEach((d, i) => { d.id = 'page-' + i; d.style.marginBottom = '0'; box.appendChild(d); });
  await document.fonts.ready;
  return divs.map(d => { const r = d.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; });
}"""


def missing() -> str | None:
    """Why ofd.js cannot run here, or None."""
    if not BUNDLE.is_file():
        return f"ofd.js is not installed ({BUNDLE.relative_to(HERE.parents[1])}; run scripts/bootstrap.sh)"
    if not Path(CHROMIUM).exists():
        return "chromium is not installed (apt-get install chromium; scripts/bootstrap.sh does)"
    if importlib.util.find_spec("playwright") is None:
        return "the python playwright package is not installed (scripts/bootstrap.sh installs it)"
    return None


class Browser:
    """One Chromium for the session; ``render`` draws every page of an OFD to an image."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=CHROMIUM)

    def render(self, data: bytes, px_per_mm: float) -> list[Image.Image]:
        """An image of each page at ``px_per_mm`` (ofd.js rounds it down to a tenth)."""
        width = round(210 * px_per_mm)
        page = self._browser.new_page(viewport={"width": width + 20, "height": 1200})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        bundle = BUNDLE.read_bytes()
        page.route(f"{ORIGIN}/ofd.js", lambda r: r.fulfill(body=bundle, content_type="text/javascript"))
        page.route(f"{ORIGIN}/", lambda r: r.fulfill(body=PAGE, content_type="text/html"))
        try:
            page.goto(f"{ORIGIN}/")
            boxes = page.evaluate(RENDER, [base64.b64encode(data).decode(), width])
            if errors:
                raise RuntimeError(f"ofd.js: {errors[0]}")
            whole = Image.open(io.BytesIO(page.screenshot(full_page=True)))
            whole.load()
            return [whole.crop((round(x), round(y), round(x + w), round(y + h))) for x, y, w, h in boxes]
        finally:
            page.close()

    def close(self) -> None:
        self._browser.close()
        self._pw.stop()
