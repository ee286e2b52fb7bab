"""Where fonts are looked for, in order.

1. folders given with ``--font-dir`` (origin ``font-dir``)
2. the project's ``fonts/`` folder (``repo``) and the per-user folder (``user``):
   ``$XDG_DATA_HOME/bulletin-export/fonts`` (default ``~/.local/share/bulletin-export/fonts``),
   ``%APPDATA%\\bulletin-export\\fonts`` on Windows,
   ``~/Library/Application Support/bulletin-export/fonts`` on macOS
3. the files fontconfig knows (``fc-list``), when it is installed (``fontconfig``)
4. the usual system folders (``system``): /usr/share/fonts, /usr/local/share/fonts,
   ~/.fonts, ~/.local/share/fonts, C:\\Windows\\Fonts, %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts,
   /Library/Fonts, /System/Library/Fonts, ~/Library/Fonts

A file found in several places keeps its first origin.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .names import FONT_SUFFIXES, font_files


@dataclass(frozen=True)
class Location:
    origin: str  # font-dir | repo | user | fontconfig | system
    folder: Path | None  # None for the fontconfig list
    files: tuple[Path, ...]

    @property
    def label(self) -> str:
        return f"{self.origin} ({self.folder})" if self.folder else self.origin


def repo_fonts_dir() -> Path | None:
    """`<checkout>/fonts`; None outside a source checkout."""
    root = Path(__file__).resolve().parents[3]
    return root / "fonts" if (root / "pyproject.toml").is_file() else None


def user_fonts_dir() -> Path:
    if os.name == "nt":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "bulletin-export" / "fonts"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "bulletin-export" / "fonts"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "bulletin-export" / "fonts"


def system_font_dirs() -> list[Path]:
    """The usual font folders of this platform."""
    home = Path.home()
    if os.name == "nt":
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        dirs = [Path(windir) / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
            home / ".local" / "share" / "fonts"]


@lru_cache(maxsize=1)
def fontconfig_files() -> tuple[Path, ...]:
    """The font files fontconfig lists (empty when fc-list is missing or fails).

    Kept in the cache folder like the font metrics (``fontconfig/files-<key>.json``), so a
    cold process does not run fc-list (~5 ms) while nothing it depends on changed: the key
    is made of fc-list's own path and mtime, fontconfig's environment variables, and the
    mtimes of its configuration, its cache folders and every system font folder (all
    levels: installing a font changes its folder's mtime, as fontconfig itself checks)."""
    exe = shutil.which("fc-list")
    if not exe:
        return ()
    import json

    from . import cache

    target = cache.cache_root() / "fontconfig" / f"files-{_fontconfig_key(exe)}.json"
    data = cache._read(target)
    if data is not None:
        try:
            return tuple(Path(p) for p in json.loads(data.decode("utf-8", "surrogateescape")))
        except (ValueError, TypeError):
            pass
    try:
        out = subprocess.run([exe, "--format", "%{file}\\n"], capture_output=True, timeout=30,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    files = tuple(sorted({Path(line) for line in out.stdout.decode("utf-8", "replace").splitlines()
                          if line.lower().endswith(FONT_SUFFIXES)}))
    if out.returncode == 0:  # a failed run is not remembered
        cache._write(target, json.dumps([str(p) for p in files]).encode("utf-8", "surrogateescape"))
    return files


def _fontconfig_key(exe: str) -> str:
    """What the fc-list result depends on, hashed (see fontconfig_files)."""
    import hashlib

    home = Path.home()
    xdg_cache = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    xdg_config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    watched = [Path(exe), Path("/etc/fonts"), Path("/etc/fonts/conf.d"), xdg_config / "fontconfig",
               xdg_config / "fontconfig" / "conf.d", Path("/var/cache/fontconfig"), xdg_cache / "fontconfig"]
    for top in system_font_dirs():
        watched.append(top)
        for root, dirs, _ in os.walk(top):
            watched.extend(Path(root) / d for d in dirs)
    parts = [os.environ.get(v, "") for v in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")]
    for path in watched:
        try:
            parts.append(f"{path}:{os.stat(path).st_mtime_ns}")
        except OSError:
            parts.append(f"{path}:-")
    return hashlib.sha1("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:20]


def _folder_files(folder: Path) -> tuple[Path, ...]:
    return tuple(font_files(folder))


@lru_cache(maxsize=64)
def _cached_folder_files(folder: Path) -> tuple[Path, ...]:
    return _folder_files(folder)


def locations(font_dirs: tuple[Path, ...] = ()) -> list[Location]:
    """The search locations in order, each with its font files (duplicates removed)."""
    found: list[Location] = []
    seen: set[str] = set()

    def add(origin: str, folder: Path | None, files: tuple[Path, ...]) -> None:
        fresh = []
        for f in files:
            key = os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                fresh.append(f)
        found.append(Location(origin, folder, tuple(fresh)))

    for d in font_dirs:
        add("font-dir", Path(d), _folder_files(Path(d)))  # user folders are re-read every time
    repo = repo_fonts_dir()
    if repo is not None:
        add("repo", repo, _folder_files(repo))
    add("user", user_fonts_dir(), _folder_files(user_fonts_dir()))
    add("fontconfig", None, fontconfig_files())
    for d in system_font_dirs():
        add("system", d, _cached_folder_files(d))
    return found
