"""The application layer: build_one in memory, the one diagnostics policy, glyph coverage
once per input, and run() with Sources and callbacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_export import app
from bulletin_export.diagnostics import Severity

BAD_DATE = "苏州工会工作简报\n第4期\n\n【工作动态】\n市总召开会议\n2月30日，市总工会召开全委会议。（市总办公室）\n"


def test_build_one_renders_in_memory_and_writes_nothing(seed_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = app.build_one(app.Source(seed_path.name, seed_path.read_bytes()),
                        app.BuildOptions(formats=("pdf", "xml"), out_dir=None, source_date_epoch=0))
    assert res.ok and res.error is None and res.exit_code == 0
    assert res.outputs["pdf"].startswith(b"%PDF") and res.outputs["xml"].startswith(b"<?xml")
    assert res.reader == "text" and res.issue.sections and res.lines
    assert list(tmp_path.iterdir()) == []
    # the same bytes as the CLI's renderer path
    from bulletin_export import api

    assert res.outputs["xml"] == api.render(res.issue, "xml", source_date_epoch=0)


def test_one_policy_proofreading_errors_are_warnings_in_a_build_errors_in_a_check():
    source = app.Source("bad-date.txt", BAD_DATE.encode("utf-8"))
    build = app.build_one(source, app.BuildOptions(formats=("xml",), out_dir=None))
    check = app.build_one(source, app.BuildOptions(formats=(), out_dir=None, strict_checks=True, glyphs=False))
    (b,) = [d for d in build.diagnostics if d.code == "BX241"]
    (c,) = [d for d in check.diagnostics if d.code == "BX241"]
    assert b.severity is Severity.WARNING and build.ok and "xml" in build.outputs
    assert c.severity is Severity.ERROR and not check.ok and check.exit_code == 1
    assert b.file == c.file == "bad-date.txt" and b.span == c.span
    assert [d.code for d in build.diagnostics] == [d.code for d in check.diagnostics]


def test_checks_run_only_on_readers_with_source_lines(seed_path):
    from bulletin_export import api

    xml = api.render(api.parse(seed_path).issue, "xml")
    res = app.build_one(app.Source("issue.xml", xml), app.BuildOptions(formats=(), out_dir=None, strict_checks=True))
    assert res.reader == "xml" and not [d for d in res.diagnostics if d.code.startswith("BX2")]
    text = app.build_one(app.Source(seed_path.name, seed_path.read_bytes()),
                         app.BuildOptions(formats=(), out_dir=None, strict_checks=True))
    assert [d for d in text.diagnostics if d.code.startswith("BX2")]


def test_glyph_coverage_is_computed_once_per_input(seed_path, monkeypatch):
    options = app.BuildOptions(formats=("pdf", "docx", "xml"), out_dir=None)
    fonts = app.context(options).fonts
    calls = []
    real = type(fonts).coverage

    def counting(self, *args, **kw):
        calls.append(1)
        return real(self, *args, **kw)

    monkeypatch.setattr(type(fonts), "coverage", counting)
    res = app.build_one(app.Source(seed_path.name, seed_path.read_bytes()), options)
    assert res.ok and set(res.outputs) == {"pdf", "docx", "xml"}
    assert len(calls) == 1


def test_a_missing_glyph_stops_a_fixed_layout_build_with_its_line_and_column():
    text = "苏州工会工作简报\n第4期\n\n【工作动态】\n市总召开会议\n会议\ue000召开。（市总办公室）\n"
    source = app.Source("pua.txt", text.encode("utf-8"))
    res = app.build_one(source, app.BuildOptions(formats=("pdf",), out_dir=None))
    assert not res.ok and res.outputs == {} and res.exit_code == 1
    assert res.error.startswith("pua.txt:6:3: error[BX401]")
    assert app.build_one(source, app.BuildOptions(formats=("xml",), out_dir=None)).ok  # XML needs no font


def test_run_takes_sources_and_calls_back(tmp_path, seed_path):
    seen = []
    sources = [app.Source("a.txt", seed_path.read_bytes()), app.Source("b.txt", BAD_DATE.encode("utf-8"))]
    report = app.run(sources, app.BuildOptions(formats=("xml",), out_dir=tmp_path / "out"), on_result=seen.append)
    assert [r.name for r in seen] == ["a.txt", "b.txt"] and report.results == seen
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.xml", "b.xml"]
    assert report.outputs == 2 and report.exit_code == 0 and report.warnings >= 1
    strict = app.run(sources[1:], app.BuildOptions(formats=("xml",), out_dir=None, fail_on_warning=True))
    assert strict.exit_code == 3 and strict.results[0].outputs


def test_build_options_normalise_what_callers_pass():
    opts = app.BuildOptions(formats="pdf", overrides={"issue": 5}, font_dirs="fonts", out_dir="out")
    assert opts.formats == ("pdf",) and opts.overrides == (("issue", "5"),)
    assert opts.font_dirs == (Path("fonts"),) and opts.out_dir == Path("out")
    with pytest.raises(Exception):
        app.run([Path("x.txt")], app.BuildOptions(overrides={"issue": "abc"}))


def test_run_tells_the_planned_total_before_the_first_result(seed_path, tmp_path):
    (tmp_path / "a.txt").write_bytes(seed_path.read_bytes())
    (tmp_path / "b.txt").write_bytes(b"")             # fails: still one of the total
    events: list = []
    report = app.run([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "missing.txt"],
                     app.BuildOptions(formats=("xml",), out_dir=tmp_path / "out"),
                     on_result=lambda r: events.append(("result", r.name)),
                     on_plan=lambda n: events.append(("plan", n)))
    assert events[0] == ("plan", 3)
    assert [e for e in events if e[0] == "plan"] == [("plan", 3)]
    assert len(events) == 4 and report.inputs == 3
