"""The records of the application layer: what goes in (Source, BuildOptions) and what
comes out (Result per input, Report per run). Plain data; picklable for the pool."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from ..diagnostics import Diagnostic, Severity
from ..errors import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, EXIT_WARNINGS

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Issue

DEFAULT_FORMATS = ("docx", "pdf")
DEFAULT_OUT_DIR = Path("out")


def display(name: "str | os.PathLike[str]") -> str:
    """A file name as it can be printed on one line: bytes that are not UTF-8 (0xFF) shown
    as \\xff, a line break in the name as \\n."""
    from ..errors import one_line

    text = os.fsdecode(name) if isinstance(name, (os.PathLike, bytes)) else name
    return one_line(text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


@dataclass(frozen=True)
class Source:
    """One input in memory: its name (for messages and the reader's suffix), its bytes,
    and where it came from when it is a file."""

    name: str
    data: bytes
    path: Path | None = None


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build or a check needs besides its inputs. The defaults are the CLI's.

    formats          output formats ("docx", "pdf", "xml", a plug-in's); () = only diagnose
    out_dir          where outputs go (OUT/<stem>.<ext>); None = keep them in Result.outputs
    style            a style name or a .toml path; None = the default style
    font_dirs        extra font folders, searched first
    overrides        `--set` pairs (a mapping is accepted too)
    checks           run the proofreading checks (on readers with source lines)
    disabled_checks  check codes or names switched off
    strict_checks    False (build): proofreading errors count as warnings, they never stop a
                     build; True (check): they stay errors
    glyphs           report characters no font draws (BX401): None = when a format embeds
                     fonts (Renderer.uses_fonts), True/False = always/never
    previous         the previous issue's file: check that the issue number follows it
    fail_on_warning  a warning gives exit code 3
    force            replace outputs bulletin_export did not make
    jobs             worker processes (1 = in this process)
    source_date_epoch  the build clock; None = SOURCE_DATE_EPOCH, else the issue date
    encoding         read text inputs in this codec (shift_jis, big5, ...); None = detect
    executor         "local" (this process, or a process pool of ``jobs``) or "dask"
                     (dask.distributed: app/dask_executor.py, the [dask] extra)
    scheduler        with "dask": the scheduler's address (tcp://HOST:8786); None = a
                     LocalCluster of ``jobs`` worker processes
    """

    formats: tuple[str, ...] = DEFAULT_FORMATS
    out_dir: Path | None = DEFAULT_OUT_DIR
    style: str | None = None
    font_dirs: tuple[Path, ...] = ()
    overrides: tuple[tuple[str, str], ...] = ()
    checks: bool = True
    disabled_checks: tuple[str, ...] = ()
    strict_checks: bool = False
    glyphs: bool | None = None
    previous: Path | None = None
    fail_on_warning: bool = False
    force: bool = False
    jobs: int = 1
    source_date_epoch: int | None = None
    encoding: str | None = None
    executor: str = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        fix = object.__setattr__
        if self.executor != "local" or self.scheduler:
            from .dask_executor import check_executor

            check_executor(self.executor, self.scheduler)
        if self.encoding:
            import codecs

            try:
                codecs.lookup(self.encoding)
            except LookupError:
                from ..errors import UsageError

                raise UsageError(f"unknown encoding {self.encoding!r} (try utf-8, gb18030, big5, "
                                 "shift_jis, euc_kr)") from None
        if isinstance(self.formats, str):
            fix(self, "formats", (self.formats,))
        fix(self, "formats", tuple(self.formats))
        if isinstance(self.overrides, Mapping):
            fix(self, "overrides", tuple((str(k), str(v)) for k, v in self.overrides.items()))
        fix(self, "overrides", tuple((str(k), str(v)) for k, v in self.overrides))
        if isinstance(self.font_dirs, (str, os.PathLike)):
            fix(self, "font_dirs", (self.font_dirs,))
        fix(self, "font_dirs", tuple(Path(d) for d in self.font_dirs))
        fix(self, "disabled_checks", tuple(sorted(self.disabled_checks)))
        if self.out_dir is not None:
            fix(self, "out_dir", Path(self.out_dir))


@dataclass
class Result:
    """What became of one input. ``diagnostics`` has the one policy applied (app.diagnose);
    ``error`` is the one-line reason it failed; ``exit_code`` what it alone would exit with."""

    name: str
    path: Path | None = None
    reader: str | None = None
    issue: "Issue | None" = None
    lines: tuple[str, ...] = ()
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: dict[str, bytes] = field(default_factory=dict)  # in memory (out_dir None)
    written: dict[str, Path] = field(default_factory=dict)   # format -> file written
    error: str | None = None
    exit_code: int = EXIT_OK
    seconds: float = 0.0
    # temp file -> final path, made by a worker and renamed together by the parent
    pending: tuple[tuple[str, Path, Path], ...] = ()

    @property
    def src(self) -> Path:
        return self.path if self.path is not None else Path(self.name)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.errors

    def finish(self, options: BuildOptions, error_code: int = EXIT_CONTENT) -> "Result":
        """Set exit_code from the error, the error diagnostics and the warnings; the error
        is made one line (a message quoting a value with a line break stays one line)."""
        if self.error is not None:
            from ..errors import one_line

            self.error = one_line(self.error)
            self.exit_code = error_code
        elif self.errors:
            self.exit_code = EXIT_CONTENT
        elif self.warnings and options.fail_on_warning:
            self.exit_code = EXIT_WARNINGS
        else:
            self.exit_code = EXIT_OK
        return self


@dataclass
class Report:
    """A run: every input's Result (input order for one job, completion order for a pool),
    the folder entries skipped (name, why), and whether and by which signal it stopped."""

    results: list[Result] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    signal: int | None = None  # the signal that stopped the run (SIGINT, SIGTERM)

    @property
    def inputs(self) -> int:
        return len(self.results)

    @property
    def outputs(self) -> int:
        return sum(len(r.written) + len(r.outputs) for r in self.results)

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if not r.ok]

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.results)

    @property
    def exit_code(self) -> int:
        """130/143 when stopped by SIGINT/SIGTERM, else the worst input's (usage 2 first)."""
        if self.interrupted:
            return 128 + (self.signal or 2)
        codes = {r.exit_code for r in self.results}
        for code in (EXIT_USAGE, EXIT_CONTENT, EXIT_WARNINGS):
            if code in codes:
                return code
        return EXIT_OK
