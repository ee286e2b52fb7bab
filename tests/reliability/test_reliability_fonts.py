"""Hostile font files (truncated, absurd face or table counts, tables past the end, damaged
cmaps) in a --font-dir or in the user font folder are skipped with a warning naming each,
and the build goes on; fonts are read with bounds (fonts/sfnt.py) before fontTools."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bulletin_export.fonts import sfnt

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is not installed (fonts-arphic-ukai / fonts-dejavu-core)")
    return path


def _tables(data: bytes, at: int = 0) -> dict[bytes, tuple[int, int, int]]:
    """tag -> (directory record position, offset, length) of the face at `at`."""
    n = struct.unpack_from(">H", data, at + 4)[0]
    out = {}
    for i in range(n):
        rec = at + 12 + 16 * i
        tag, _, off, length = struct.unpack_from(">4sIII", data, rec)
        out[tag] = (rec, off, length)
    return out


def hostile_fonts(folder: Path) -> dict[str, str]:
    """Write one file per kind of damage; name -> the words its warning must carry."""
    folder.mkdir(parents=True, exist_ok=True)
    ukai = _need(UKAI).read_bytes()
    dejavu = bytearray(_need(DEJAVU).read_bytes())
    files = {
        "header-only.ttc": (ukai[:14], "the collection lists"),
        "cut-at-3mb.ttc": (ukai[: 3 * 2**20], "past the file's end"),
        "billion-faces.ttc": (b"ttcf\x00\x01\x00\x00" + struct.pack(">I", 0x3FFFFFFF) + b"\0" * 64,
                              "absurd face count 1073741823"),
        "five-bytes.ttf": (b"hello", "not even a font header"),
        "zip-named.otf": (b"PK\x03\x04" + b"\0" * 200, "not a TrueType/OpenType font"),
    }
    huge = bytearray(dejavu)
    rec, off, length = _tables(huge)[b"glyf"]
    struct.pack_into(">I", huge, rec + 12, 0x7FFFFFF0)  # glyf length 2 GB
    files["huge-glyf.ttf"] = (bytes(huge), "table 'glyf' (2147483632 bytes")
    cmap = bytearray(dejavu)
    _, off, _ = _tables(cmap)[b"cmap"]
    struct.pack_into(">I", cmap, off + 8, 0xFFFFFFFF)  # first subtable offset
    files["bad-cmap.ttf"] = (bytes(cmap), "cmap subtable 0 at offset 4294967295")
    tables = bytearray(dejavu)
    struct.pack_into(">H", tables, 4, 60000)
    files["many-tables.ttf"] = (bytes(tables), "absurd table count 60000")
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: words for name, (_, words) in files.items()}


def run_build(args: list[str], env_extra: dict[str, str], tmp: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp / "cache"), PYTHONWARNINGS="ignore")
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "bulletin_export", "build", str(SEED), "-o",
                           str(tmp / "out"), "-f", "pdf,docx", *args], capture_output=True,
                          text=True, env=env, timeout=120, cwd=tmp)


def _assert_skipped(res: subprocess.CompletedProcess, folder: Path, expect: dict[str, str]) -> None:
    assert res.returncode == 0, res.stderr
    assert "internal error" not in res.stderr and "Traceback" not in res.stderr
    warnings = [ln for ln in res.stderr.splitlines() if "skipped font file" in ln]
    for name, words in expect.items():
        line = next((ln for ln in warnings if f"{folder / name}:" in ln), None)
        assert line is not None, f"no warning for {name}:\n{res.stderr}"
        assert line.startswith("bulletin-export: warning: skipped font file ")
        assert words in line, line
    assert len(warnings) == len(expect)


def test_hostile_fonts_in_font_dir_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "fonts"
    expect = hostile_fonts(folder)
    t = time.perf_counter()
    res = run_build(["--font-dir", str(folder)], {"XDG_DATA_HOME": str(tmp_path / "data")}, tmp_path)
    assert time.perf_counter() - t < 60
    _assert_skipped(res, folder, expect)
    assert (tmp_path / "out" / "suzhou-union-2012-04.pdf").stat().st_size > 10_000
    assert (tmp_path / "out" / "suzhou-union-2012-04.docx").is_file()
    # a second run reads the verdicts from the faces cache and still warns
    again = run_build(["--font-dir", str(folder), "--force"],
                      {"XDG_DATA_HOME": str(tmp_path / "data")}, tmp_path)
    _assert_skipped(again, folder, expect)


def test_hostile_fonts_in_user_font_folder_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "bulletin-export" / "fonts"
    expect = hostile_fonts(folder)
    res = run_build([], {"XDG_DATA_HOME": str(tmp_path / "data")}, tmp_path)
    _assert_skipped(res, folder, expect)


def test_absurd_face_count_with_valid_offsets_is_quick(tmp_path: Path) -> None:
    """A collection claiming 10 million faces, every offset a real face: refused at once
    (it used to make fontTools open faces for over a minute)."""
    font = _need(DEJAVU).read_bytes()
    count = 10_000_000
    head = b"ttcf\x00\x01\x00\x00" + struct.pack(">I", count)
    body_at = len(head) + 4 * count
    path = tmp_path / "many.ttc"
    path.write_bytes(head + struct.pack(">I", body_at) * count + font)
    t = time.perf_counter()
    with pytest.raises(sfnt.BadFont, match="absurd face count 10000000"):
        sfnt.check(path)
    from bulletin_export.fonts.names import read_checked

    faces, reason = read_checked(path)
    assert faces == [] and reason.startswith("absurd face count")
    assert time.perf_counter() - t < 1


def test_installed_fonts_pass_the_bounds_check() -> None:
    from bulletin_export.fonts.discovery import locations

    files = {f for loc in locations(()) for f in loc.files}
    assert len(files) >= 5
    for f in files:
        offsets = sfnt.check(f)
        assert offsets and all(o < f.stat().st_size for o in offsets)
    assert len(sfnt.check(_need(UKAI))) == 4  # AR PL UKai CN, HK, TW, TW MBE


def test_damage_inside_a_table_is_one_line_naming_the_file(tmp_path: Path) -> None:
    """A cmap whose directory is sound but whose segments are garbage passes the scan; the
    first read of its metrics fails as a one-line FontError naming the file (exit 1)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(_need(UKAI)), fontNumber=0)
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes={ord(c) for c in set(SEED.read_text("utf-8"))})
    sub.subset(font)
    name = font["name"]
    for nid in (1, 4, 6, 16):
        name.removeNames(nameID=nid)
    name.setName("仿宋_GB2312", 1, 3, 1, 0x804)
    name.setName("FangSong_GB2312", 1, 3, 1, 0x409)
    folder = tmp_path / "fonts"
    folder.mkdir()
    good = folder / "fs.ttf"
    font.save(str(good))
    data = bytearray(good.read_bytes())
    _, off, length = _tables(bytes(data))[b"cmap"]
    sub_at = off + struct.unpack_from(">I", data, off + 8)[0]
    data[sub_at + 14 : off + length] = bytes((i * 37) & 255 for i in range(off + length - sub_at - 14))
    good.unlink()
    (folder / "deep.ttf").write_bytes(bytes(data))
    sfnt.check(folder / "deep.ttf")  # the directory is sound
    res = run_build(["--font-dir", str(folder)], {"XDG_DATA_HOME": str(tmp_path / "data")}, tmp_path)
    assert res.returncode == 1
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("bulletin-export: error:")]
    assert len(errors) == 1, res.stderr
    assert f"cannot read font file {folder / 'deep.ttf'} (face 0)" in errors[0]
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
