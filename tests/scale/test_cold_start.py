"""Cold start (issue 18): heavy libraries load only for the format that needs them, PIL
not at all for a PDF without images, built-in formats without an entry-point scan, and
the fc-list result from the cache folder. Each case runs in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
HEAVY = ("typer", "docx", "reportlab", "PIL.ExifTags", "fontTools", "importlib.metadata", "rich")


def loaded_after(code: str, env: dict | None = None) -> dict:
    """Which of HEAVY are really imported after running ``code`` in a fresh interpreter,
    plus what the code put in ``out``."""
    script = (
        "import sys, json\nout = {}\n" + code +
        f"\nprint(json.dumps({{'modules': [m for m in {HEAVY!r} if m in sys.modules "
        "and type(sys.modules[m]).__name__ != '_Deferred'], 'out': out}))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": "1335571200", **(env or {})})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


BUILD = ("from pathlib import Path\nfrom bulletin_export import app\n"
         f"r = app.build_one(app.read_source(Path({str(SEED)!r})), app.BuildOptions(formats=FMTS, out_dir=None))\n"
         "out['error'] = r.error; out['sizes'] = {k: len(v) for k, v in r.outputs.items()}\n")


def test_the_package_alone_loads_no_library():
    got = loaded_after("import bulletin_export, bulletin_export.api, bulletin_export.app")
    assert got["modules"] == []


def test_a_pdf_build_loads_reportlab_but_not_pil_or_python_docx():
    got = loaded_after(BUILD.replace("FMTS", repr(("pdf",))))
    assert got["out"]["error"] is None and got["out"]["sizes"]["pdf"] > 10_000
    assert "reportlab" in got["modules"]
    assert "PIL.ExifTags" not in got["modules"] and "docx" not in got["modules"] and "typer" not in got["modules"]


def test_a_docx_build_loads_neither_reportlab_nor_pil():
    got = loaded_after(BUILD.replace("FMTS", repr(("docx", "xml"))))
    assert got["out"]["error"] is None and set(got["out"]["sizes"]) == {"docx", "xml"}
    assert "reportlab" not in got["modules"] and "PIL.ExifTags" not in got["modules"]


def test_builtin_formats_need_no_entry_point_scan():
    got = loaded_after("from bulletin_export import renderers\n"
                       "out['ext'] = [renderers.get(f).extension for f in ('docx', 'pdf', 'xml')]")
    assert got["out"]["ext"] == [".docx", ".pdf", ".xml"]
    assert "importlib.metadata" not in got["modules"]


def test_pil_deferred_by_the_pdf_still_works_when_used():
    """The web page draws page images with PIL after a PDF was made in the same process."""
    got = loaded_after(BUILD.replace("FMTS", repr(("pdf",))) +
                       "import reportlab.lib.utils as u\nfrom PIL import Image\n"
                       "im = Image.new('RGB', (3, 2))\n"
                       "out['pil'] = [u._isPILImage(im), im.size[0], type(sys.modules['PIL.Image']).__name__]")
    assert got["out"]["pil"] == [True, 3, "module"]
    assert "PIL.ExifTags" in got["modules"]


def test_fc_list_is_run_once_then_read_from_the_cache(tmp_path):
    """A second process reads the fc-list result from the cache folder (same files); a
    changed fontconfig environment is another key, so fc-list runs again."""
    code = ("import subprocess\nfrom bulletin_export.fonts import discovery\n"
            "runs = []\nreal = subprocess.run\n"
            "subprocess.run = lambda *a, **k: runs.append(a[0][0]) or real(*a, **k)\n"
            "out['files'] = [str(p) for p in discovery.fontconfig_files()]\nout['runs'] = len(runs)")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first, second = loaded_after(code, env)["out"], loaded_after(code, env)["out"]
    if not first["files"]:  # no fc-list on this machine: nothing to cache
        assert first["runs"] == second["runs"] == 0
        return
    assert first["runs"] == 1 and second["runs"] == 0 and second["files"] == first["files"]
    third = loaded_after(code, {**env, "FONTCONFIG_PATH": "/etc/fonts"})["out"]
    assert third["runs"] == 1 and third["files"] == first["files"]


def test_parsing_needs_no_importlib_metadata_without_reader_plug_ins(tmp_path):
    """importlib.metadata costs 30-40 ms in a bare process; with no distribution declaring
    the readers' group it is not imported, and one that does is still found."""
    code = ("import bulletin_export as bx\nfrom pathlib import Path\n"
            f"out['kind'] = bx.parse(Path({str(SEED)!r})).issue.sections[0].heading\n"
            "from bulletin_export import readers\nout['readers'] = readers.names()")
    got = loaded_after(code)
    assert "importlib.metadata" not in got["modules"] and got["out"]["kind"]
    assert got["out"]["readers"][:2] == ["text", "xml"]
    info = tmp_path / "bx_cold_toy-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: bx_cold_toy\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[bulletin_export.readers]\ntoy = bx_toy_plugin:ToyReader\n",
                                           encoding="utf-8")
    (tmp_path / "bx_toy_plugin.py").write_bytes((ROOT / "tests" / "cli" / "plugins" / "bx_toy_plugin.py").read_bytes())
    got = loaded_after("from bulletin_export import readers\nout['readers'] = readers.names()",
                       {"PYTHONPATH": str(tmp_path)})
    assert "toy" in got["out"]["readers"] and "importlib.metadata" in got["modules"]
