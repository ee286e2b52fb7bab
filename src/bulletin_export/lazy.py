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
