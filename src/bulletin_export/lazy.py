"""Deferred imports of modules a library imports eagerly but we rarely use.

reportlab's ``reportlab.lib.utils`` runs ``from PIL import Image`` when it is imported
(11-20 ms of every PDF build: PIL.Image builds its EXIF tables), though a bulletin's PDF
draws no image. ``defer("PIL.Image")`` before importing reportlab puts a stand-in in
``sys.modules``: the first attribute asked of it (``Image.open``, ``Image.Image``...)
imports the real module, under a lock, and every later use goes to the real module. Code
that imports PIL.Image for itself (the web page's page images) gets the real module the
same way, on first use.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from importlib.util import find_spec

_LOCK = threading.RLock()


class _Deferred(types.ModuleType):
    """Stands in for a module until an attribute of it is used."""

    def __getattr__(self, attr: str):
        if attr.startswith("__") and attr.endswith("__") and attr not in ("__version__", "__all__"):
            raise AttributeError(attr)  # import machinery probes (__path__, __spec__ ...): not a use
        return getattr(_load(self), attr)


def _load(stub: _Deferred) -> types.ModuleType:
    name = stub.__name__
    with _LOCK:
        real = sys.modules.get(name)
        if real is None or real is stub:
            sys.modules.pop(name, None)
            parent, _, child = name.rpartition(".")
            if parent and getattr(sys.modules.get(parent), child, None) is stub:
                delattr(sys.modules[parent], child)
            try:
                real = importlib.import_module(name)
            except BaseException:
                sys.modules.setdefault(name, stub)
                raise
        return real


def defer(name: str) -> None:
    """Put a stand-in for module ``name`` in sys.modules, unless it is imported already or
    cannot be found (then an import of it fails as it would have)."""
    with _LOCK:
        if name in sys.modules:
            return
        try:
            if find_spec(name) is None:
                return
        except (ImportError, ValueError):
            return
        stub = _Deferred(name)
        sys.modules[name] = stub
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, stub)  # find_spec imported the parent


class PluginGroup:
    """One plug-in group (readers, renderers): its entry points, scanned once per sys.path,
    added to a table of built-ins ("module:attr" strings) that always win over plug-ins."""

    def __init__(self, group: str, builtins: dict[str, str]) -> None:
        self.group, self.builtins = group, builtins
        self._scanned: tuple[str, ...] | None = None
        self._eps: tuple = ()

    def entry_points(self) -> tuple:
        if self._scanned != tuple(sys.path):
            self._eps = entry_points(self.group)
            self._scanned = tuple(sys.path)
        return self._eps

    def rescan(self) -> None:
        """Forget the scan (a distribution was added on a sys.path folder already seen)."""
        self._scanned = None

    def targets(self, eps: tuple) -> dict[str, object]:
        """name -> "module:attr" (a built-in) or an entry point of ``eps`` (a plug-in)."""
        found: dict[str, object] = dict(self.builtins)
        for ep in sorted(eps, key=lambda e: e.name):
            found.setdefault(ep.name.strip().lower(), ep)
        return found


def entry_points(group: str) -> tuple:
    """The installed entry points of ``group``, importing importlib.metadata (30-40 ms in a
    bare process: email, zipfile, csv...) only when some distribution on sys.path declares
    the group at all, which a cheap look at every ``entry_points.txt`` tells."""
    if not _declared(group):
        return ()
    from importlib import metadata

    return tuple(metadata.entry_points(group=group))


def _declared(group: str) -> bool:
    """False only when no distribution importlib.metadata would find mentions ``group``:
    the *.dist-info / *.egg-info folders of every sys.path folder (what its PathFinder
    reads). Anything it cannot rule out (a zip on sys.path, another finder that finds
    distributions) counts as declared."""
    import os
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return True
    needle = group.encode("ascii")
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return True  # a zip file on sys.path
        except OSError:
            continue
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as fh:
                    if needle in fh.read():
                        return True
            except OSError:
                continue
    return False
