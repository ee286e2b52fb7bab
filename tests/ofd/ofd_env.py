"""Where the tests of tests/ofd find the samples and the shared checking material."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"  # ../shared: the OFD schemas and ofdcheck.py (CI has it)
SCHEMAS = SHARED / "ofd-schema"
OFDCHECK = SHARED / "tools" / "ofdcheck.py"
EPOCH = 1335571200  # 2012-04-28 00:00 UTC
SAMPLES = {"seed": ROOT / "samples" / "suzhou-union-2012-04.txt",
           "masthead": ROOT / "samples" / "union-work-bulletin-masthead.txt"}
