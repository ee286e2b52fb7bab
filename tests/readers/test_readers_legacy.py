"""Word 97-2003, OpenDocument and RTF drafts through LibreOffice (readers/legacy.py).

The conversions are few and made once per module: the Word drafts of word_drafts.py and a
sample's own DOCX are saved by LibreOffice as .doc, .odt and .rtf in three soffice calls,
then read back: each must give the model its .docx gives. Tests needing LibreOffice skip
where soffice is not installed (CI installs libreoffice-writer-nogui); the tests of its
absence, of a hung or failing soffice and of encrypted files run everywhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from word_drafts import DRAFTS as _DRAFTS
from word_drafts_shapes import SHAPES

from bulletin_export.api import render
from bulletin_export.model import to_dict
from bulletin_export.parser import parse_bytes
from bulletin_export.readers import legacy
from bulletin_export.readers.docx import read_docx

ROOT = Path(__file__).resolve().parents[2]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: Drafts whose LibreOffice copies are read back. Not "numbering": LibreOffice 7 saves the
#: restarted list (a w:num with w:startOverride) as one list per paragraph, 1. 1.; its
#: Chinese counting comes back as taiwaneseCountingThousand, which is read (一、 二、).
#: Not "masthead-table-merged": LibreOffice 7 saves its one-column end-block table as .doc
#: as one paragraph of the three cells' texts run together (报送：…分送：…共印50份).
CONVERTED = ("heading-styles", "formatted-titles", "run-in-titles", "masthead-paragraphs",
             "masthead-table", "masthead-textbox", "end-block-table", "figures-table", "left-out",
             "columns-heading1-only", "note-label-centred", "symbols-breaks", "drawn-rule",
             "bold-emphasis", "contents-and-placeholders")
DRAFTS = {**_DRAFTS, **SHAPES}
FORMATS = ("doc", "odt", "rtf")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    root = tmp_path_factory.mktemp("legacy")
    sources = []
    for name in CONVERTED:
        (root / f"{name}.docx").write_bytes(DRAFTS[name]())
        sources.append(str(root / f"{name}.docx"))
    sample = parse_bytes((ROOT / "samples" / "union-work-bulletin-masthead.txt").read_bytes())
    (root / "sample.docx").write_bytes(render(sample.issue, "docx", source_date_epoch=0))
    sources.append(str(root / "sample.docx"))
    for fmt in FORMATS:
        _soffice(root, fmt, root, sources)
        # and back to .docx in one call per format, as the reader converts each file
        _soffice(root, "docx", root / fmt, [str(root / f"{Path(s).stem}.{fmt}") for s in sources])
    return root


def _soffice(root: Path, fmt: str, out: Path, sources: list[str]) -> None:
    subprocess.run([SOFFICE, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), *sources], check=True,
                   capture_output=True, timeout=300)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", CONVERTED + ("sample",))
def test_libreoffice_copy_reads_as_the_docx(converted, name, fmt) -> None:
    original = read_docx((converted / f"{name}.docx").read_bytes(), file=f"{name}.docx")
    copy = read_docx((converted / fmt / f"{name}.docx").read_bytes(), file=f"{name}.{fmt}")
    assert to_dict(copy.issue) == to_dict(original.issue)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_reader_converts_through_libreoffice(converted, fmt) -> None:
    reader = legacy.LegacyReader()
    data = (converted / f"masthead-table.{fmt}").read_bytes()
    assert reader.sniff(data[:4096])
    copy = reader.read(data, file=f"masthead-table.{fmt}")
    original = read_docx((converted / "masthead-table.docx").read_bytes())
    assert to_dict(copy.issue) == to_dict(original.issue)
    assert copy.diagnostics[0].code == "BX172" and copy.issue.masthead.editor == "苏州市总工会办公室"


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bulletin_export", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def test_build_a_doc(converted, tmp_path) -> None:
    proc = _cli("build", str(converted / "sample.doc"), "-o", str(tmp_path), "-f", "docx,pdf")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "sample.pdf").stat().st_size > 10_000
    again = read_docx((tmp_path / "sample.docx").read_bytes())
    sample = parse_bytes((ROOT / "samples" / "union-work-bulletin-masthead.txt").read_bytes())
    assert to_dict(again.issue) == to_dict(sample.issue)


def _env_without_soffice(bin_dir: Path | None = None) -> dict:
    """PATH holding only the venv's bin (and ``bin_dir``): no soffice."""
    parts = [str(Path(sys.executable).parent)] + ([str(bin_dir)] if bin_dir else [])
    return dict(os.environ, PATH=os.pathsep.join(parts))


def test_without_libreoffice_one_line_names_the_package(tmp_path) -> None:
    path = tmp_path / "draft.doc"
    path.write_bytes(OLE + b"\0" * 2000)
    env = _env_without_soffice()
    assert shutil.which("soffice", path=env["PATH"]) is None
    proc = _cli("build", str(path), "-o", str(tmp_path / "out"), env=env)
    assert proc.returncode == 1
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("bulletin-export: error:")]
    assert len(errors) == 1, proc.stderr
    assert "draft.doc: reading a Word 97-2003 document needs LibreOffice" in errors[0]
    assert "install the package libreoffice-writer-nogui" in errors[0]
    assert not (tmp_path / "out" / "draft.pdf").exists()


def _fake_soffice(folder: Path, script: str) -> Path:
    folder.mkdir()
    exe = folder / "soffice"
    exe.write_text("#!/bin/sh\n" + script + "\n")
    exe.chmod(0o755)
    return folder


def test_a_hung_conversion_is_stopped_at_the_time_limit(tmp_path) -> None:
    sleep = shutil.which("sleep")
    bin_dir = _fake_soffice(tmp_path / "bin", f"{sleep} 30 & {sleep} 30")
    path = tmp_path / "draft.wps"
    path.write_bytes(OLE + b"\0" * 2000)
    env = dict(_env_without_soffice(bin_dir), BX_SOFFICE_TIMEOUT="1")
    start = time.perf_counter()
    proc = _cli("parse", str(path), env=env)
    assert time.perf_counter() - start < 15
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "LibreOffice did not convert the WPS document within 1 s" in err[0]


def test_a_conversion_without_output(tmp_path) -> None:
    bin_dir = _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2; exit 0")
    path = tmp_path / "draft.rtf"
    path.write_bytes(b"{\\rtf1\\ansi hello}")
    proc = _cli("parse", str(path), env=_env_without_soffice(bin_dir))
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and "draft.rtf: LibreOffice could not convert the RTF document" in err[0]
    assert "source file could not be loaded" in err[0]


@pytest.mark.parametrize("name, data, expected", [
    ("locked.doc", OLE + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"), "password-protected"),
    ("fake.doc", "这是文本，不是文档".encode(), "not what its name says"),
    ("zipped.odt", DRAFTS["heading-styles"](), "are a .docx (zip), not what its name says"),
])
def test_files_that_only_claim_to_be_documents(tmp_path, name, data, expected) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    proc = _cli("parse", str(path), env=_env_without_soffice())
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and name in err[0] and expected in err[0], err


WEB_PAGE_DOC = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<p align="center"><span style="color:red;font-size:36pt">工会工作简报</span></p><p align="center">第5期</p>
<p>市总工会办公室编　　　　2024年5月5日</p><hr color="red">
<p align="center"><b>市总召开会议</b></p><p>　　5月3日，市总工会召开会议。（市总办公室）</p></body></html>
"""


def test_a_web_page_saved_as_doc_is_converted(tmp_path) -> None:
    """Office systems export 'Word' files that are web pages named .doc: LibreOffice reads
    them as HTML (one conversion)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    res = legacy.LegacyReader().read(WEB_PAGE_DOC.encode(), file="oa-export.doc")
    issue = res.issue
    assert res.diagnostics[0].code == "BX172" and "HTML" in res.diagnostics[0].message
    assert (issue.masthead.name, issue.masthead.issue_no, issue.masthead.editor) == ("工会工作简报", 5, "市总工会办公室")
    (art,) = issue.sections[0].articles
    assert (art.title, [p.text for p in art.paragraphs], art.source) == ("市总召开会议", ["5月3日，市总工会召开会议。"], "市总办公室")


def test_without_libreoffice_an_odt_says_so_in_english(monkeypatch) -> None:
    import io
    import zipfile

    from bulletin_export.errors import InputError

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))
    with pytest.raises(InputError) as err:
        legacy.LegacyReader().read(buf.getvalue(), file="draft.odt")
    assert "reading an OpenDocument document needs LibreOffice" in str(err.value)
