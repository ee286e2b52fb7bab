"""Renderers are found through entry points; plug-ins work from the CLI; broken ones warn."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

import bulletin_export as bx
from bulletin_export import renderers
from bulletin_export.cli import app
from bulletin_export.errors import UsageError

runner = CliRunner()


def test_builtin_formats_are_registered():
    assert {"docx", "pdf", "xml"} <= set(renderers.available())


def test_unknown_format_lists_the_known_ones():
    with pytest.raises(UsageError) as err:
        renderers.get("odt")
    assert "known formats:" in str(err.value)
    assert "docx" in str(err.value) and "pdf" in str(err.value)


def test_plugin_is_found_and_used_by_the_api(plugin_site, seed_path):
    issue = bx.parse(seed_path).issue
    data = bx.render(issue, "plain")
    text = data.decode("utf-8")
    assert "[工作动态]" in text and "# 省总张艳主席在苏考察调研" in text


def test_broken_plugin_warns_not_crashes(plugin_site):
    with pytest.warns(RuntimeWarning, match="broken"):
        names = bx.formats()
    assert "plain" in names and "broken" not in names


def test_plugin_from_the_cli(plugin_site, seed_path, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "bulletin_export", "build", str(seed_path), "-f", "plain", "-o", str(out), "-j", "1"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    produced = out / (seed_path.stem + ".plain.txt")
    assert produced.read_text(encoding="utf-8").startswith("[工作动态]")


def test_cli_unknown_format_is_a_usage_error(seed_path, tmp_path):
    result = runner.invoke(app, ["build", str(seed_path), "-f", "odt", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown format 'odt'" in result.output
    assert "Traceback" not in result.output


def test_a_crashing_input_is_blamed_alone(plugin_site, tmp_path):
    tree = tmp_path / "in"
    tree.mkdir()
    for i in range(6):
        body = "这是第三篇，会让渲染进程崩溃。" if i == 3 else f"这是第{i}篇正文。"
        (tree / f"a{i}.txt").write_text(f"【工作动态】\n标题{i}\n{body}（来源）\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "bulletin_export", "build", str(tree), "-f", "crashy", "-o", str(out),
         "-j", "2", "--no-checks"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 1
    crashed = [line for line in proc.stderr.splitlines() if "crashed" in line]
    assert crashed == [f"bulletin-export: error: {tree / 'a3.txt'}: a worker process crashed on this input"]
    assert sorted(p.name for p in out.iterdir()) == [f"a{i}.crashy.txt" for i in (0, 1, 2, 4, 5)]


def test_builtin_formats_work_without_entry_points(monkeypatch):
    """From a source tree or a frozen bundle there is no installed metadata: the built-in
    formats are registered in code."""
    monkeypatch.setattr(renderers, "_entry_points", lambda: ())
    monkeypatch.setattr(renderers, "_cache", {})
    assert {"docx", "pdf", "xml"} <= set(bx.formats())
    assert renderers.get("xml").extension == ".xml"


def test_a_missing_optional_builtin_is_absent_not_an_error(monkeypatch, recwarn):
    monkeypatch.setitem(renderers.BUILTINS, "nope", "bulletin_export.renderers.no_such_module:Nope")
    monkeypatch.setattr(renderers, "_cache", {})
    names = bx.formats()
    assert "nope" not in names and {"docx", "pdf", "xml"} <= set(names)
    assert not [w for w in recwarn if "nope" in str(w.message)]
    with pytest.raises(UsageError, match="unknown format 'nope'"):
        renderers.get("nope")


def test_uses_fonts_is_declared_by_the_fixed_layout_formats():
    assert renderers.uses_fonts("pdf") is True
    assert renderers.uses_fonts("docx") is False and renderers.uses_fonts("xml") is False


def test_a_plugin_cannot_replace_a_builtin(plugin_site):
    (plugin_site / "bx_plain_plugin-0.1.dist-info" / "entry_points.txt").write_text(
        "[bulletin_export.renderers]\nplain = bx_plain_plugin:PlainRenderer\npdf = bx_plain_plugin:PlainRenderer\n",
        encoding="utf-8")
    import importlib

    importlib.invalidate_caches()
    renderers._plugins.rescan()
    try:
        assert renderers.available()["pdf"] == "bulletin_export.renderers.pdf:PdfRenderer"
        assert renderers.get("pdf").extension == ".pdf"
    finally:
        renderers._plugins.rescan()
