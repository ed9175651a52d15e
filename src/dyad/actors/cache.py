"""An on-disk cache of built knowledge bases, keyed by the content of every file they read.

Building a knowledge base reads dozens of tables, CLDR names and perhaps a user dictionary of
tens of thousands of names; loading the pickled result is a few milliseconds (bench/kb_load.py).
The cache lives in $DYAD_CACHE_DIR, else $XDG_CACHE_HOME/dyad, else ~/.cache/dyad;
DYAD_CACHE_DIR=off disables it. A damaged or stale entry is rebuilt, never trusted.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = "kb-1"  # bump when the pickled classes change shape
KEEP = 32  # cached files kept; older ones (from other data versions) are removed


def cache_dir() -> Path | None:
    """Where cached knowledge bases go, or None when caching is off."""
    chosen = os.environ.get("DYAD_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dyad"


def fingerprint(parts: Iterable[str], files: Iterable[Path]) -> str:
    """sha256 over the given strings, our and babel's versions, and each file's bytes."""
    digest = hashlib.sha256(FORMAT.encode())
    for package in ("dyad", "babel", "pyahocorasick"):
        digest.update(_version(package).encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    for path in sorted(files):
        digest.update(b"\0" + str(path.name).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cached(key: str, build: Callable[[], T], directory: Path | None) -> T:
    """Load the object stored under `key`, or build it and store it (atomically)."""
    if directory is None:
        return build()
    path = directory / f"{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged cache entry of any kind is rebuilt
        path.unlink(missing_ok=True)
    made = build()
    _store(made, path)
    return made


def _store(obj: object, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        _prune(path.parent)
    except OSError:
        pass  # a read-only home is no reason to fail a run: the next process builds again


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def _prune(directory: Path) -> None:
    files = sorted(directory.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)
