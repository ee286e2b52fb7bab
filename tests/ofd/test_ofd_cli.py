"""ofd is a format like the others: listed, built by `build -f ofd`, replaced when ours,
never over a file someone else made, and the same bytes as the API gives."""

from __future__ import annotations

import zipfile

from ofd_env import EPOCH, SAMPLES
from typer.testing import CliRunner

import bulletin_export as bx
from bulletin_export.cli import app

runner = CliRunner()


def test_listed_among_the_formats():
    assert "ofd" in bx.formats()
    from bulletin_export.renderers import get

    r = get("ofd")
    assert (r.name, r.extension, r.uses_fonts) == ("ofd", ".ofd", True)


def test_build_writes_replaces_ours_and_refuses_a_foreign_file(samples, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    src = SAMPLES["masthead"]
    args = ["build", str(src), "-f", "ofd", "-o", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    target = tmp_path / (src.stem + ".ofd")
    assert target.read_bytes() == samples["masthead"].ofd  # the API's bytes
    assert runner.invoke(app, args).exit_code == 0  # our own file is replaced
    with zipfile.ZipFile(target, "w") as zf:  # an OFD another program made
        zf.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
    foreign = target.read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "--force" in result.output
    assert target.read_bytes() == foreign
