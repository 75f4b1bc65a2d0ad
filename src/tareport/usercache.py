"""The user cache folder: what one run computed and the next can reuse (parsed fonts, validated files).

Everything kept there can be made again: an entry that is missing, stale or
unreadable is computed afresh, and a folder that cannot be written is not an
error. ``TAREPORT_CACHE_DIR`` moves it; set empty, it turns the cache off.
Each kind of entry is kept to about :data:`MAX_ENTRIES` files (checked at a
process's first write of that kind), the oldest written going first, so that
entries of edited files, of temporary folders and of older versions of
tareport do not pile up.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


MAX_ENTRIES = 2000
_PRUNED: set[Path] = set()  # the folders this process has pruned


def cache_dir() -> Path | None:
    """``$TAREPORT_CACHE_DIR``, else the platform's user cache folder + ``tareport``; None: no cache."""
    configured = os.environ.get("TAREPORT_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tareport"


def entry(kind: str, name: str) -> Path | None:
    """The path of entry ``name`` among the ``kind`` entries (None when the cache is off)."""
    folder = cache_dir()
    return None if folder is None else folder / kind / name


def read(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def write(path: Path | None, data: bytes) -> None:
    """Write an entry whole or not at all (a concurrent reader never sees half of it); failures are ignored."""
    if path is None:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return
    if path.parent not in _PRUNED:
        _PRUNED.add(path.parent)
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Remove the oldest entries of ``folder`` beyond :data:`MAX_ENTRIES` (down to three quarters of it)."""
    keep = MAX_ENTRIES
    try:
        entries = [e for e in os.scandir(folder) if e.is_file()]
    except OSError:
        return
    if len(entries) <= keep:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for old in entries[:len(entries) - keep * 3 // 4]:
        try:
            os.unlink(old.path)
        except OSError:
            pass


_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """What made an entry: tareport's source files (path, size, mtime) and the libraries that read content."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        import babel
        import pydantic
        import yaml

        package = Path(__file__).resolve().parent
        parts = [sys.version, pydantic.VERSION, yaml.__version__, babel.__version__]
        for path in sorted(package.rglob("*.py")):
            stat = path.stat()
            parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
        _FINGERPRINT = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return _FINGERPRINT


def remembered(kind: str, key: str, make: Callable[[], T]) -> T:
    """``make()``, or what it returned for the same ``key`` (and the same code) in an earlier run.

    For results that are plain data and cost more to make than to unpickle; an
    exception from ``make`` is raised as usual and nothing is kept.
    """
    path = entry(kind, hashlib.sha256(f"{code_fingerprint()}|{key}".encode()).hexdigest()[:32] + ".pickle")
    blob = read(path)
    if blob is not None:
        try:
            return pickle.loads(blob)
        except Exception:  # an entry that cannot be read is one that is not there
            pass
    value = make()
    try:
        write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError):
        pass
    return value
