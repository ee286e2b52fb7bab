"""Input readers: bytes of one input file in, a ParseResult out (docs/architecture.md).

A reader has ``name``, ``suffixes`` (lower-case, with the dot), ``description``, the
capabilities ``has_source_lines`` (diagnostics point at lines of text and the proofreading
checks run) and ``fixable`` (``check --fix`` can write a corrected copy), ``sniff(head)``
on the first 4 KiB and ``read(data, *, file=None, overrides=None) -> ParseResult``.

Built-in readers are registered in code (``BUILTINS``: one line each, the module is
imported only when the reader is used); plug-ins add readers through the entry-point
group ``bulletin_export.readers`` (a class instantiated without arguments, or an
instance). A plug-in never replaces a built-in of the same name.

    from bulletin_export import readers
    reader = readers.for_input("draft.txt", head)   # by suffix, else by sniffing
    result = reader.read(data, file="draft.txt")
"""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING, Mapping, Protocol, runtime_checkable

from ..errors import InputError, UsageError
from ..lazy import PluginGroup

if TYPE_CHECKING:  # pragma: no cover
    from ..parser import ParseResult

GROUP = "bulletin_export.readers"
HEAD_BYTES = 4096  # what sniff() is given

# name -> "module:attribute". Add a built-in reader here (one line); a missing optional
# module only drops that reader (with a warning from names()), it never breaks the rest.
BUILTINS: dict[str, str] = {
    "text": "bulletin_export.readers.text:TextReader",
    "xml": "bulletin_export.readers.xml:XmlReader",
    "docx": "bulletin_export.readers.docx:DocxReader",
    "word-legacy": "bulletin_export.readers.legacy:LegacyReader",
}
# The order readers are asked to sniff a file whose suffix no reader claims: specific
# formats first, the text reader (which accepts almost anything) last.
FALLBACK = "text"


@runtime_checkable
class Reader(Protocol):
    name: str
    suffixes: tuple[str, ...]
    description: str
    has_source_lines: bool
    fixable: bool

    def sniff(self, head: bytes) -> bool: ...

    def read(self, data: bytes, *, file: str | None = None,
             overrides: Mapping[str, str] | None = None) -> "ParseResult": ...


_cache: dict[str, Reader] = {}
_broken: dict[str, str] = {}
_absent: set[str] = set()  # built-ins whose optional module is not there (not an error)
_problems: dict[str, str] = {}


def problems() -> dict[str, str]:
    """Why a built-in reader is absent or a plug-in broken (name -> one line)."""
    names()
    return {**_problems, **_broken}
_plugins = PluginGroup(GROUP, BUILTINS)


def _entry_points() -> tuple:
    """The group's entry points, scanned once per sys.path (importlib.metadata only when
    some distribution declares the group)."""
    return _plugins.entry_points()


def _targets() -> dict[str, object]:
    """name -> "module:attr" (a built-in) or an entry point (a plug-in); built-ins win."""
    return _plugins.targets(_entry_points())


def _load(name: str, target: object) -> Reader:
    if isinstance(target, str):
        module, _, attr = target.partition(":")
        obj = getattr(importlib.import_module(module), attr)
    else:
        obj = target.load()  # type: ignore[attr-defined]
    return obj() if isinstance(obj, type) else obj


def _try(name: str) -> Reader | None:
    if name in _cache:
        return _cache[name]
    if name in _broken or name in _absent:
        return None
    target = _targets().get(name)
    if target is None:
        return None
    try:
        reader = _load(name, target)
    except (ImportError, AttributeError) as exc:
        if isinstance(target, str):
            # an optional built-in that is not part of this install (or its library is not
            # installed): that reader is absent, the others work; problems() says why
            _absent.add(name)
            _problems[name] = f"reader {name!r} is not available: {type(exc).__name__}: {exc}"
            return None
        _broken[name] = f"reader {name!r} failed to load: {type(exc).__name__}: {exc}"
        return None
    except Exception as exc:  # a broken plug-in or an absent optional module
        _broken[name] = f"reader {name!r} failed to load: {type(exc).__name__}: {exc}"
        return None
    _cache[name] = reader
    return reader


def register(reader: Reader) -> None:
    """Register a reader object in this process (tests, embedding applications)."""
    _cache[reader.name] = reader
    _broken.pop(reader.name, None)


def names() -> list[str]:
    """The names of the readers that load (built-ins first, then plug-ins)."""
    out = []
    for name in list(_targets()) + [n for n in _cache if n not in _targets()]:
        if _try(name) is not None and name not in out:
            out.append(name)
        elif name in _broken:
            warnings.warn(_broken[name], RuntimeWarning, stacklevel=2)
    return out


def all_readers() -> list[Reader]:
    return [r for r in (_try(n) for n in names()) if r is not None]


def get(name: str) -> Reader:
    """The reader of that name; an unknown or broken one is a UsageError."""
    key = name.strip().lower()
    reader = _try(key)
    if reader is None:
        why = _broken.get(key) or f"unknown reader {name!r}; known readers: {', '.join(names()) or 'none'}"
        raise UsageError(why)
    return reader


def suffixes() -> tuple[str, ...]:
    """Every input suffix some reader accepts (what a folder is searched for), sorted."""
    return tuple(sorted({s for r in all_readers() for s in r.suffixes}))


def by_suffix(name: str | None) -> Reader | None:
    """The reader that claims the suffix of ``name`` (a file name), or None."""
    if not name:
        return None
    lower = name.lower()
    best: tuple[int, Reader] | None = None
    for reader in all_readers():
        for suffix in reader.suffixes:
            if lower.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), reader)
    return best[1] if best else None


def for_input(name: str | None, head: bytes) -> Reader:
    """The reader for an input: by the suffix of ``name`` when a reader claims it, else the
    first reader whose sniff() accepts ``head`` (the text reader last)."""
    reader = by_suffix(name)
    if reader is not None:
        return reader
    head = bytes(head[:HEAD_BYTES])
    candidates = [r for r in all_readers() if r.name != FALLBACK]
    for reader in candidates:
        try:
            if reader.sniff(head):
                return reader
        except Exception:  # a plug-in's sniff must not break reading
            continue
    text = _try(FALLBACK)
    if text is None:  # pragma: no cover - the text reader is part of the package
        raise InputError("no reader for this input", file=name)
    return text


def unclaimed(name: str | None, reader: Reader, exc: InputError) -> InputError:
    """``exc`` with a hint when no reader claims the suffix of ``name`` and the text
    reader (the fallback) refused the bytes: "a .pdf is not an input format" says more
    than "binary file"."""
    import os

    suffix = os.path.splitext(name or "")[1].lower()
    if suffix and reader.name == FALLBACK and by_suffix(name) is None and exc.hint is None:
        exc.hint = (f"{suffix} is not an input format; inputs: "
                    + ", ".join(f"{r.name} ({' '.join(r.suffixes)})" for r in all_readers()))
    return exc


def read(data: bytes, *, file: str | None = None,
         overrides: Mapping[str, str] | None = None) -> "ParseResult":
    """Pick the reader for ``file``/``data`` and read it."""
    return for_input(file, data[:HEAD_BYTES]).read(data, file=file, overrides=overrides)
