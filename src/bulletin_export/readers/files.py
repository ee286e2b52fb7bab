"""Reading an input file by path: only regular files, with a clear line for anything else.

A FIFO would block the build, /dev/zero would never end, a dangling symlink "does not
exist" although its name is there: each is named for what it is (issue 17).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InputError

#: The largest input file read at all (a .docx may be big with pictures; text has its own,
#: smaller limit, decode.MAX_INPUT_BYTES, and XML xmlio's).
MAX_FILE_BYTES = 256 * 1024 * 1024


def kind_of(path: Path) -> str | None:
    """None for a regular file (or a symlink to one), else what the path is, for a message:
    "no such file or folder", "a dangling symbolic link", "a FIFO (named pipe)"..."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return f"a dangling symbolic link (to {os.readlink(path)})"
        return "no such file or folder"
    except OSError as exc:
        if os.path.islink(path):
            return f"a symbolic link that cannot be followed ({exc.strerror or exc})"
        return f"cannot be read ({exc.strerror or exc})"
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a regular file"
    if stat.S_ISCHR(mode):
        return "a character device, not a regular file"
    if stat.S_ISBLK(mode):
        return "a block device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def read_input(path: Path, name: str | None = None) -> bytes:
    """The bytes of a regular file; InputError naming it (as ``name``) otherwise."""
    label = name or os.fsdecode(path)
    what = kind_of(path)
    if what is not None:
        message = what if what.startswith(("no such", "cannot")) else f"is {what}"
        raise InputError(message, file=label)
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_FILE_BYTES:  # refused before reading it all into memory
                raise InputError(f"input too large: {size / 2**20:.0f} MB (no input over "
                                 f"{MAX_FILE_BYTES // 2**20} MB is read)", file=label,
                                 hint="split the file into issues")
            return fh.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=label) from None
