"""Fatal errors: one base type, a distinct exit code per kind, a one-line message."""

from __future__ import annotations

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_WARNINGS = 3


# Line breaks (and the other C0 controls) a message must not carry raw: an XSD message
# quoting a value with a newline, a file named "a\nb.txt". Shown escaped, as diagnostics do.
_BREAKS = {c: f"\\u{c:04x}" for c in (*range(0x00, 0x20), 0x7F, 0x85, 0x2028, 0x2029)}
_BREAKS.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"})


def one_line(text: str) -> str:
    """``text`` with its line breaks and control characters escaped (\\n, \\u2028)."""
    return text.translate(_BREAKS)


class BulletinError(Exception):
    """A fatal error the CLI prints as one line (`file:line: message`) and exits with `exit_code`."""

    exit_code = EXIT_CONTENT

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return one_line(text)


class InputError(BulletinError):
    """The input cannot be read as a bulletin: undecodable, empty, binary, hostile XML."""


class StyleError(BulletinError):
    """A style sheet is wrong: unknown key, bad unit, missing base, base cycle."""

    exit_code = EXIT_USAGE


class FontError(BulletinError):
    """No font can draw a role, or characters no font has."""


class RenderError(BulletinError):
    """A renderer failed on a valid issue."""


class UsageError(BulletinError):
    """Bad command-line use: unknown format, bad --set, output would overwrite an input."""

    exit_code = EXIT_USAGE
