"""Atomic writes and the overwrite rule."""

from __future__ import annotations

import pytest

from bulletin_export.errors import UsageError
from bulletin_export.outputs import OutputExists, check_target, made_by_us, remove_stale_temps, write_atomic


def test_write_atomic_leaves_no_temp_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_write_atomic_creates_folders(tmp_path):
    target = tmp_path / "x" / "y" / "a.xml"
    write_atomic(target, b"<a/>")
    assert target.read_bytes() == b"<a/>"


def test_foreign_file_is_not_replaced_without_force(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"%PDF-1.4 made by hand")
    with pytest.raises(OutputExists, match="--force"):
        check_target(target, [], force=False)
    check_target(target, [], force=True)


def test_own_file_is_replaced(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"%PDF-1.4 /Producer (bulletin_export 0.1)")
    assert made_by_us(target)
    check_target(target, [], force=False)


def test_input_is_never_overwritten(tmp_path):
    src = tmp_path / "a.xml"
    src.write_bytes(b"<issue generator='bulletin_export'/>")
    with pytest.raises(UsageError, match="input"):
        check_target(src, [src], force=True)


def test_stale_temps_are_removed(tmp_path):
    (tmp_path / ".a.pdf.123.bxtmp").write_bytes(b"partial")
    (tmp_path / "keep.pdf").write_bytes(b"x")
    assert remove_stale_temps([tmp_path]) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]
