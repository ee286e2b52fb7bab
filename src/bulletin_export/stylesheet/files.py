"""Finding style sheets, reading TOML, and following `base` (merging tables key by key)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..errors import StyleError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_STYLE = "bulletin"


# ---------------------------------------------------------------- finding sheets

def style_dirs() -> list[Path]:
    """Folders searched for named styles, first wins: the per-user folder, then the built-in one."""
    dirs: list[Path] = []
    cfg = os.environ.get("XDG_CONFIG_HOME") or (
        os.environ.get("APPDATA") if os.name == "nt" else None) or str(Path.home() / ".config")
    dirs.append(Path(cfg) / "bulletin-export" / "styles")
    dirs.append(builtin_dir())
    return dirs


def builtin_dir() -> Path:
    """The shipped styles: `bulletin_export/styles` in a wheel, `<repo>/styles` in a checkout."""
    try:
        from importlib.resources import files

        packaged = Path(str(files("bulletin_export") / "styles"))
        if packaged.is_dir():
            return packaged
    except (ModuleNotFoundError, TypeError):  # pragma: no cover
        pass
    return Path(__file__).resolve().parents[3] / "styles"


def _named(name: str) -> Path | None:
    for d in style_dirs():
        p = d / f"{name}.toml"
        if p.is_file():
            return p
    return None


def list_styles() -> list[tuple[str, str, Path]]:
    """(name, description, path) of every style found, sorted by name; user styles shadow built-ins."""
    seen: dict[str, tuple[str, str, Path]] = {}
    for d in style_dirs():
        if not d.is_dir():
            continue
        for p in sorted(d.glob("*.toml")):
            if p.stem in seen:
                continue
            try:
                desc = str(_read_toml(p).get("description", ""))
            except StyleError as exc:
                desc = f"(unreadable: {exc.message})"
            seen[p.stem] = (p.stem, desc, p)
    return [seen[k] for k in sorted(seen)]


def locate(ref: str | os.PathLike, relative_to: Path | None) -> Path | None:
    text = str(ref)
    looks_like_path = text.endswith(".toml") or "/" in text or os.sep in text
    if looks_like_path:
        p = Path(text).expanduser()
        if not p.is_absolute() and relative_to is not None:
            p = relative_to / p
        return p if p.is_file() else None
    return _named(text)


# ---------------------------------------------------------------- reading

def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StyleError(f"cannot read style sheet: {exc.strerror}", file=str(path)) from exc
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise StyleError("style sheet is not UTF-8", file=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise StyleError(f"not valid TOML: {exc}", file=str(path),
                         line=int(m.group(1)) if m else None) from exc


def key_line(path: Path | None, dotted: str) -> int | None:
    """The line where a dotted key is set (best effort; None when not found)."""
    if path is None:
        return None
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    parts = dotted.split(".")
    table, key = ".".join(parts[:-1]), parts[-1]
    current = ""
    for no, raw in enumerate(lines, 1):
        s = raw.strip()
        m = re.match(r"^\[\s*([^\]]+?)\s*\]", s)
        if m:
            current = re.sub(r"\s*\.\s*", ".", m.group(1)).replace('"', "")
            if current == dotted:
                return no
            continue
        m = re.match(r'^"?([^="]+?)"?\s*=', s)
        if m:
            full = f"{current}.{m.group(1).strip()}" if current else m.group(1).strip()
            if full.replace('"', "") == dotted or (current == table and m.group(1).strip() == key):
                return no
    return None


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in child.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def load_chain(path: Path, stack: tuple[Path, ...]) -> tuple[dict[str, Any], dict[str, Path]]:
    """The merged data of a sheet and its bases, and for each dotted key the file that set it."""
    real = path.resolve()
    data = _read_toml(path)
    origins = {k: path for k in _dotted_keys(data)}
    base_ref = data.pop("base", None)
    if base_ref is None:
        return data, origins
    if not isinstance(base_ref, str) or not base_ref:
        raise StyleError("'base' must be a style name or a path", file=str(path),
                         line=key_line(path, "base"))
    base_path = locate(base_ref, path.parent)
    if base_path is None:
        known = ", ".join(n for n, _, _ in list_styles())
        raise StyleError(f"base style {base_ref!r} not found", file=str(path),
                         line=key_line(path, "base"), hint=f"known styles: {known}")
    if base_path.resolve() in (*stack, real):
        cycle = " -> ".join(p.name for p in (*stack, real, base_path.resolve()))
        raise StyleError(f"base cycle: {cycle}", file=str(path), line=key_line(path, "base"))
    base_data, base_origins = load_chain(base_path, (*stack, real))
    return _merge(base_data, data), {**base_origins, **origins}


def _dotted_keys(data: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    for k, v in data.items():
        key = f"{prefix}{k}"
        yield key
        if isinstance(v, dict):
            yield from _dotted_keys(v, key + ".")
