"""Word 97-2003 (.doc), WPS (.wps), OpenDocument (.odt) and RTF drafts: converted to .docx
by LibreOffice, then read by the .docx reader (readers/docx).

    soffice -env:UserInstallation=file:///tmp/bx-lo-XXXX/profile --headless
            --convert-to docx --outdir /tmp/bx-lo-XXXX/out /tmp/bx-lo-XXXX/draft.doc

Each conversion runs in a private, throw-away profile folder (two conversions never share
LibreOffice's lock or settings, and the user's own profile is never touched), in a
process group of its own, with a time limit (``BX_SOFFICE_TIMEOUT`` seconds, default 120);
on timeout the group is killed. Without LibreOffice on PATH the error names the package.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from ..diagnostics import Diagnostic, Severity
from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from ..parser import ParseResult

PACKAGE = "libreoffice-writer-nogui"
DEFAULT_TIMEOUT = 120.0
_BY_KIND = {"ole": ".doc", "rtf": ".rtf", "odt": ".odt"}
_ALLOWED = {"ole": (".doc", ".dot", ".wps", ".wpt"), "rtf": (".rtf",), "odt": (".odt",)}
_NAMES = {".doc": "Word 97-2003", ".dot": "Word 97-2003 template", ".wps": "WPS", ".wpt": "WPS template",
          ".odt": "OpenDocument", ".rtf": "RTF", ".html": "Word web page (HTML)"}


class LegacyReader:
    name = "word-legacy"
    suffixes = (".doc", ".dot", ".wps", ".wpt", ".odt", ".rtf")
    description = "Word 97-2003, WPS, OpenDocument and RTF drafts, converted with LibreOffice"
    has_source_lines = True
    fixable = False

    def sniff(self, head: bytes) -> bool:
        from .docx.package import kind_of

        return kind_of(head) in _BY_KIND

    def read(self, data: bytes, *, file: str | None = None,
             overrides: Mapping[str, str] | None = None) -> "ParseResult":
        from dataclasses import replace

        from .docx import read_docx

        suffix = _suffix(data, file)
        converted = to_docx(data, suffix, file=file)
        result = read_docx(converted, file=file, overrides=overrides)
        note = Diagnostic("BX172", Severity.INFO,
                          f"{_NAMES.get(suffix, suffix)} document converted to .docx with LibreOffice",
                          file=file)
        return replace(result, diagnostics=(note,) + result.diagnostics)


def _suffix(data: bytes, file: str | None) -> str:
    from .docx.package import kind_of, ole_is_encrypted

    kind = kind_of(data[:4096])
    if kind == "" and _is_html(data[:4096]) and file and Path(file).suffix.lower() in (".doc", ".wps"):
        return ".html"  # a web page saved as .doc (Word's 网页 format, office systems' exports)
    if kind not in _BY_KIND:
        what = "a .docx (zip)" if kind == "zip" else "no Word, WPS, OpenDocument or RTF document"
        raise InputError(f"the file's contents are {what}, not what its name says", file=file)
    if kind == "ole" and ole_is_encrypted(data):
        raise InputError("the document is password-protected (encrypted); save it without a "
                         "password and try again", file=file)
    given = Path(file).suffix.lower() if file else ""
    if given in _ALLOWED[kind]:
        return given
    return _BY_KIND[kind]


_HTML = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
                   re.IGNORECASE | re.DOTALL)


def _is_html(head: bytes) -> bool:
    return _HTML.match(head) is not None


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def timeout() -> float:
    try:
        return max(1.0, float(os.environ.get("BX_SOFFICE_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


def to_docx(data: bytes, suffix: str, *, file: str | None = None) -> bytes:
    """The document converted by LibreOffice; InputError (one line) when that cannot be done."""
    exe = soffice()
    what = _NAMES.get(suffix, suffix)
    if exe is None:
        article = "an" if what[:1] in "AEIOR" else "a"  # an OpenDocument, an RTF, a Word 97-2003
        raise InputError(f"reading {article} {what} document needs LibreOffice, which is not installed "
                         f"(no soffice on PATH): install the package {PACKAGE}", file=file)
    with tempfile.TemporaryDirectory(prefix="bx-lo-") as tmp:
        root = Path(tmp)
        source = root / f"draft{suffix}"
        source.write_bytes(data)
        out = root / "out"
        cmd = [exe, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
               "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               *(["--infilter=HTML (StarWriter)"] if suffix == ".html" else []),
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)]
        env = dict(os.environ, HOME=str(root), SAL_USE_VCLPLUGIN="svp")
        limit = timeout()
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, env=env, cwd=tmp, start_new_session=True)
        except OSError as exc:
            raise InputError(f"cannot start LibreOffice ({exc.strerror or exc}): install the "
                             f"package {PACKAGE}", file=file) from None
        try:
            _, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise InputError(f"LibreOffice did not convert the {what} document within {limit:g} s "
                             "(set BX_SOFFICE_TIMEOUT to allow longer)", file=file) from None
        except BaseException:  # Ctrl-C, SIGTERM in a worker: leave no soffice behind
            _kill(proc)
            raise
        result = out / "draft.docx"
        if proc.returncode != 0 or not result.is_file():
            why = " ".join(err.decode("utf-8", "replace").split())[:160]
            raise InputError(f"LibreOffice could not convert the {what} document (damaged or "
                             f"password-protected?){': ' + why if why else ''}", file=file)
        return result.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    """End the conversion's own process group (soffice starts soffice.bin in it)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass
