"""The typer application every command module registers on, and the shared option helpers."""

from __future__ import annotations

import typer
from typer.core import TyperCommand

# Placeholders a command's help may use; filled from the registries when help is shown
# (not at import: loading every reader and plug-in costs ~40 ms a command).
INPUTS = "{INPUTS}"    # "text (.txt), xml (.xml), docx (.docx, .docm, .dotx), ..."
FORMATS = "{FORMATS}"  # "docx, ofd, pdf, xml" and every plug-in's


def registry_words() -> dict[str, str]:
    """What the placeholders stand for in this installation (plug-ins included)."""
    import warnings

    from .. import readers, renderers

    with warnings.catch_warnings():  # a broken plug-in is `formats`'s to report, not help's
        warnings.simplefilter("ignore", RuntimeWarning)
        words = {INPUTS: ", ".join(f"{r.name} ({', '.join(r.suffixes)})" for r in readers.all_readers()),
                 FORMATS: ", ".join(renderers.formats())}
    return {k: v or "none" for k, v in words.items()}


def _unwrap(text: str) -> str:
    """Join the hard-wrapped lines of each paragraph (typer 0.28 keeps them, so a docstring
    wrapped at 90 columns printed as ragged half-lines); a paragraph starting with \\b keeps
    its lines, as in click."""
    paras = text.split("\n\n")
    return "\n\n".join(p if p.lstrip().startswith("\b") else " ".join(line.strip() for line in p.splitlines())
                       for p in paras)


class HelpCommand(TyperCommand):
    """A command whose help names what this installation reads and writes, and reads well."""

    _filled = False

    def _fill(self) -> None:
        if self._filled:
            return
        import inspect

        words = registry_words()

        def sub(text: str) -> str:
            for key, value in words.items():
                text = text.replace(key, value)
            return text

        if self.help:
            self.help = _unwrap(sub(inspect.cleandoc(self.help)))
        for param in self.params:
            if getattr(param, "help", None):
                param.help = sub(param.help)
        self._filled = True

    def format_help(self, ctx, formatter) -> None:
        self._fill()
        return super().format_help(ctx, formatter)


class _Typer(typer.Typer):
    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or HelpCommand, **kwargs)


app = _Typer(
    name="bulletin-export",
    help=("Typeset Chinese work bulletins (工作简报) from plain text or Word drafts into DOCX, PDF, "
          "OFD and XML.\n\nExit codes: 0 success, 1 an input failed (bad text, missing glyphs), "
          "2 usage error, 3 warnings under --fail-on-warning, 130 interrupted (Ctrl-C), "
          "143 stopped by SIGTERM. `bulletin-export formats` lists the input and output formats."),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(message: str, code: int) -> "typer.Exit":
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"bulletin-export: error: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"bulletin-export {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Typeset Chinese work bulletins (工作简报) from plain text into DOCX, PDF and XML.

    Exit codes: 0 success, 1 content errors (bad input, missing glyphs), 2 usage errors,
    3 warnings under --fail-on-warning, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM.
    """
