#!/usr/bin/env python3
"""Every class of bad input through the real CLI: its exit code and the message it prints.

    python bench/bad_inputs.py [--markdown docs/reliability.md]

Each case is made in a temporary folder and run as ``bulletin-export build`` (or the
command named) in a child process with SOURCE_DATE_EPOCH set; the table shows the exit
code, the seconds and the first line of stderr that says what happened (an error or
warning line; else the summary), with the temporary folder's path shortened to ``$TMP``.
With --markdown the table replaces what stands between ``<!-- badinput:begin -->`` and
``<!-- badinput:end -->`` in the file.
"""

from __future__ import annotations

import argparse
import io
import os
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "suzhou-union-2012-04.txt"
INPUTS = ROOT / "tests" / "reliability" / "inputs"
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1335571200", "PYTHONWARNINGS": "ignore"}


def _docx_bomb(path: Path) -> None:
    """A .docx whose document.xml inflates from ~100 KB to 1 GB of spaces."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                fh.write(chunk)
    path.write_bytes(buf.getvalue())


def cases(tmp: Path) -> list[tuple[str, list[str], str]]:
    """(class, CLI arguments, how the input was made)."""
    seed = SEED.read_text("utf-8")
    out = ["-o", str(tmp / "out"), "--force"]
    made: list[tuple[str, list[str], str]] = []

    def write(name: str, data: bytes | str) -> Path:
        p = tmp / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return p

    def add(cls: str, path_or_args, how: str, extra: list[str] | None = None, cmd: str = "build"):
        args = path_or_args if isinstance(path_or_args, list) else [str(path_or_args)]
        made.append((cls, [cmd, *args, *(out if cmd == "build" else []), *(extra or [])], how))

    add("empty file", write("empty.txt", b""), "0 bytes")
    add("white space only", write("blank.txt", "\ufeff \u3000\r\n\t\n"), "BOM, spaces, U+3000, line ends")
    add("binary", write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "a PNG named .txt")
    add("Latin-1 text", write("latin1.txt", "Réunion générale à l'école, café crème.\n".encode("latin-1")),
        "French in ISO-8859-1")
    add("UTF-8 with one bad byte", write("bad-utf8.txt", seed[:200].encode() + b"\xff" + seed[200:400].encode()),
        "the seed with 0xFF inside")
    for name, label in (("shift-jis.txt", "Shift-JIS"), ("big5.txt", "Big5"), ("euc-kr.txt", "EUC-KR")):
        add(label, INPUTS / name, f"tests/reliability/inputs/{name}")
    add("Big5 read on purpose", INPUTS / "big5.txt", "--encoding big5", ["--encoding", "big5", "-f", "pdf"])
    add("unknown --encoding", INPUTS / "big5.txt", "--encoding klingon", ["--encoding", "klingon"])
    add("XML with an external entity (XXE)", write("xxe.xml", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x '
        'SYSTEM "file:///etc/passwd">]><issue xmlns="urn:bulletin-export:issue:1">&x;</issue>'), "DOCTYPE + SYSTEM entity")
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
            + ']><issue xmlns="urn:bulletin-export:issue:1">&lol9;</issue>')
    add("XML entity bomb (billion laughs)", write("bomb.xml", bomb), "9 levels of 10x entities")
    add("deeply nested XML", write("deep.xml", '<?xml version="1.0"?>' + "<a>" * 100000 + "</a>" * 100000),
        "100,000 nested elements")
    add("not a bulletin (XML of another kind)", write("other.xml", '<?xml version="1.0"?><html><body/></html>'), "HTML")
    docx = tmp / "bomb.docx"
    _docx_bomb(docx)
    add("zip bomb .docx", docx, "document.xml inflating to 1 GiB")
    add("truncated .docx", write("cut.docx", b"PK\x03\x04" + b"\0" * 40), "a zip header only")
    fifo = tmp / "fifo.txt"
    os.mkfifo(fifo)
    add("FIFO named as input", fifo, "mkfifo")
    add("/dev/zero named as input", ["/dev/zero"], "a character device")
    dangling = tmp / "dangling.txt"
    dangling.symlink_to(tmp / "nowhere.txt")
    add("dangling symlink", dangling, "symlink to a missing file")
    add("missing file", [str(tmp / "missing.txt")], "no such path")
    folder = tmp / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(seed, "utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    add("folder with a FIFO and a dangling symlink", folder, "a.txt, pipe.txt (FIFO), dangling.txt", ["-f", "xml"])
    add("bad --set value", SEED, "--set issue=abc", ["--set", "issue=abc"])
    add("unknown --set key", SEED, "--set colour=red", ["--set", "colour=red"])
    made.append(("huge SOURCE_DATE_EPOCH", ["build", str(SEED), *out, "-f", "xml"], "SOURCE_DATE_EPOCH=99999999999999"))
    add("60-character bulletin name", SEED, "--set name=<60 CJK characters>", ["--set", "name=" + "工会" * 30, "-f", "pdf,docx"])
    long_name = write("长" * 80 + ".txt", seed)
    add("240-byte file name", long_name, "80 CJK characters (3 bytes each)", ["-f", "xml"])
    bad_name = tmp / os.fsdecode(b"caf\xe9-\xff.txt")
    bad_name.write_text(seed, "utf-8")
    add("file name that is not UTF-8", bad_name, "bytes 0xE9 0xFF in the name", ["-j", "2", "-f", "xml"])
    big = tmp / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(65 * 2**20)  # sparse: 65 MiB of NULs on no disk
    add("input over the size limit", big, "65 MiB")
    fonts = tmp / "fonts"
    fonts.mkdir()
    if UKAI.is_file():
        (fonts / "cut.ttc").write_bytes(UKAI.read_bytes()[:14])
        (fonts / "part.ttc").write_bytes(UKAI.read_bytes()[: 2**20])
    (fonts / "faces.ttc").write_bytes(b"ttcf\x00\x01\x00\x00" + struct.pack(">I", 0x3FFFFFFF) + b"\0" * 64)
    add("hostile font files in --font-dir", SEED, "truncated .ttc (14 B, 1 MiB), face count 2^30",
        ["--font-dir", str(fonts), "-f", "pdf"])
    add("malformed style sheet", SEED, "--style bad.toml (unclosed string)",
        ["--style", str(write("bad.toml", 'base = "bulletin\n[page]\nwidth = 1'))])
    add("unknown format", SEED, "-f rtf", ["-f", "rtf"])
    import bulletin_export as bx

    xml_in = write("issue.xml", bx.render(bx.parse(SEED).issue, "xml", source_date_epoch=1335571200))
    made.append(("output that would overwrite the input", ["build", str(xml_in), "-o", str(tmp), "-f", "xml"],
                 "issue.xml built to xml into its own folder"))
    return made


def run(cls: str, args: list[str], tmp: Path) -> tuple[int, float, str]:
    env = dict(ENV, XDG_CACHE_HOME=str(tmp / "cache"), XDG_DATA_HOME=str(tmp / "data"))
    if cls == "huge SOURCE_DATE_EPOCH":
        env["SOURCE_DATE_EPOCH"] = "99999999999999"
    t = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-m", "bulletin_export", *args], capture_output=True,
                              env=env, timeout=120, cwd=tmp)
    except subprocess.TimeoutExpired:
        return -1, time.perf_counter() - t, "over 120 s (killed)"
    secs = time.perf_counter() - t
    err = proc.stderr.decode("utf-8", "replace").splitlines()
    pick = [ln for ln in err if ln.startswith("bulletin-export: ")] or [ln for ln in err if "error" in ln.lower()]
    if "Traceback (most recent call last):" in err:
        pick = ["TRACEBACK: " + err[-1]]
    line = (pick or err[-1:] or [""])[0]
    if len(pick) > 1:
        line += f" (+{len(pick) - 1} more such lines)"
    return proc.returncode, secs, line.replace(str(tmp), "$TMP")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", type=Path)
    args = ap.parse_args()
    rows = ["| input | made as | exit | s | message (first line of stderr) |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory(prefix="bx-bad-") as tmp_s:
        tmp = Path(tmp_s)
        for cls, argv, how in cases(tmp):
            code, secs, line = run(cls, argv, tmp)
            cell = line.replace("|", "\\|")
            rows.append(f"| {cls} | {how} | {code} | {secs:.1f} | `{cell}` |")
            print(rows[-1], file=sys.stderr, flush=True)
    block = "\n".join(rows)
    print(block)
    if args.markdown:
        begin, end = "<!-- badinput:begin -->", "<!-- badinput:end -->"
        old = args.markdown.read_text(encoding="utf-8") if args.markdown.is_file() else ""
        new = f"{begin}\n{block}\n{end}"
        text = (old[: old.index(begin)] + new + old[old.index(end) + len(end):]
                if begin in old and end in old else old + "\n" + new + "\n")
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
