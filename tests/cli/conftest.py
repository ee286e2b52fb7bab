"""Plug-in installation for the CLI tests: a dist-info on sys.path is what pip would leave."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

PLUGINS = Path(__file__).parent / "plugins"


def _dist_info(site: Path, dist: str, entry_points: str) -> None:
    info = site / f"{dist}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


@pytest.fixture
def plugin_site(tmp_path, monkeypatch) -> Path:
    """Install tests/cli/plugins as a distribution with a working and a broken renderer."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(PLUGINS / "bx_plain_plugin.py", site)
    _dist_info(site, "bx_plain_plugin",
               "[bulletin_export.renderers]\nplain = bx_plain_plugin:PlainRenderer\n"
               "crashy = bx_plain_plugin:CrashyRenderer\n")
    _dist_info(site, "bx_broken_plugin",
               "[bulletin_export.renderers]\nbroken = bx_no_such_module:Renderer\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", str(site))
    importlib.invalidate_caches()
    from bulletin_export import renderers

    monkeypatch.setattr(renderers, "_cache", {})
    return site


@pytest.fixture
def toy_site(tmp_path, monkeypatch) -> Path:
    """Install tests/cli/plugins/bx_toy_plugin.py as a distribution with a reader and a
    fixed-layout renderer, as pip would: through the entry-point groups only."""
    site = tmp_path / "toy-site"
    site.mkdir()
    shutil.copy(PLUGINS / "bx_toy_plugin.py", site)
    _dist_info(site, "bx_toy_plugin",
               "[bulletin_export.readers]\ntoy = bx_toy_plugin:ToyReader\n\n"
               "[bulletin_export.renderers]\ntoysvg = bx_toy_plugin:ToySvgRenderer\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", str(site))
    importlib.invalidate_caches()
    from bulletin_export import readers, renderers

    monkeypatch.setattr(renderers, "_cache", {})
    monkeypatch.setattr(readers, "_cache", {})
    monkeypatch.setattr(readers, "_broken", {})
    return site
