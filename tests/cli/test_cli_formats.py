"""`bulletin-export formats` and the help texts: what this installation reads and writes
comes from the reader and renderer registries (plug-ins included), not from a fixed list."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from bulletin_export.cli import app

runner = CliRunner()
WIDE = {"COLUMNS": "200", "TERM": "dumb"}


def _plain(text: str) -> str:
    """Help output without its box drawing, one space between words."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_formats_lists_every_reader_and_renderer():
    from bulletin_export import readers, renderers

    result = runner.invoke(app, ["formats"])
    assert result.exit_code == 0, result.output
    head, _, tail = result.output.partition("Output formats")
    lines, out_lines = head.splitlines(), tail.splitlines()
    for reader in readers.all_readers():
        row = next(line for line in lines if line.split()[:1] == [reader.name])
        assert all(s in row.split() for s in reader.suffixes), row
        assert reader.description in row
    for name in renderers.formats():
        r = renderers.get(name)
        row = next(line for line in out_lines if line.split()[:2] == [name, r.extension])
        assert r.description in row
    data = json.loads(runner.invoke(app, ["formats", "--json"]).output)
    assert {r["name"] for r in data["readers"]} == set(readers.names())
    assert {r["name"] for r in data["renderers"]} == set(renderers.formats())
    text = next(r for r in data["readers"] if r["name"] == "text")
    assert text["suffixes"] == [".txt"] and text["proofread"] and text["fixable"]
    assert next(r for r in data["renderers"] if r["name"] == "pdf")["uses_fonts"] is True


def test_build_help_names_what_the_registries_accept(toy_site):
    from bulletin_export import readers

    result = runner.invoke(app, ["build", "--help"], env=WIDE)
    assert result.exit_code == 0
    plain = _plain(result.output)
    for suffix in readers.suffixes():          # .bxj is the toy plug-in reader's
        assert suffix in plain, suffix
    assert ".bxj" in plain and "toy (.bxj)" in plain
    assert "Source files (.txt, .xml)" not in plain
    assert re.search(r"Output formats, comma-separated or repeated: docx, ofd, pdf, (toysvg, )?xml", plain)
    assert "toysvg" in plain
    assert "the [dask] extra" in plain         # rich markup did not eat it


def test_formats_shows_plugins_and_names_a_broken_one(plugin_site):
    result = runner.invoke(app, ["formats"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^  plain +\.\S+ ", result.output, re.M), result.output
    broken = [line for line in result.output.splitlines() if line.strip().startswith("broken:")]
    assert len(broken) == 1 and "failed to load" in broken[0], result.output


def test_help_paragraphs_are_not_cut_into_half_lines():
    """typer 0.28 keeps a docstring's hard line breaks; the help joins them again."""
    result = runner.invoke(app, ["build", "--help"], env=WIDE)
    assert "An existing output is replaced only when bulletin_export made it or with --force" in result.output
    result = runner.invoke(app, ["check", "--help"], env=WIDE)
    assert "Reports quotes and brackets, repeated words, half-width punctuation, stray spaces" in result.output
