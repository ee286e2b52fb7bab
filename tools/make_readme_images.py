"""Make the README's page images: page 1 and the last page of the masthead sample.

    python tools/make_readme_images.py            # writes docs/images/masthead-page-1.png, -page-last.png

Builds the PDF with the project's own command (bulletin-export build -f pdf) and
rasterises it with poppler's pdftoppm at 60 dpi.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "union-work-bulletin-masthead.txt"
OUT = ROOT / "docs" / "images"
DPI = 60


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> int:
    if not shutil.which("pdftoppm"):
        print("make_readme_images: pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1335571200"))
        subprocess.run([sys.executable, "-m", "bulletin_export", "build", str(SAMPLE), "-f", "pdf",
                        "-o", tmp, "--force"], check=True, env=env)
        pdf = Path(tmp) / (SAMPLE.stem + ".pdf")
        last = page_count(pdf)
        for name, page in (("1", 1), ("last", last)):
            stem = Path(tmp) / name
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(page),
                            "-l", str(page), str(pdf), str(stem)], check=True)
            target = OUT / f"masthead-page-{name}.png"
            shutil.copyfile(f"{stem}.png", target)
            print(f"wrote {target.relative_to(ROOT)} (page {page} of {last})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
