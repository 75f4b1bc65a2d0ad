"""Validated content files kept for the next load: in this process and between runs.

Reading a part file (YAML with positions, then validation into the model,
which parses every inline text) is most of what loading a document costs,
and most files are unchanged since the last load. A file that validated
without a single problem is therefore kept, pickled, keyed by its name as
diagnostics show it and the document's languages, together with the hash of
its text: in memory for the rest of the process (``build --watch`` reads
again only the file that changed) and in the user cache folder
(:mod:`tareport.usercache`) for later runs. An entry made by other code (a
changed model or parser, another pydantic) is never used: the key holds a
fingerprint of tareport's own source files and of the libraries that
validate. A file with a problem is never kept, so its diagnostics are always
made afresh, and a recalled file is a fresh copy (unpickled), never an
object an earlier load handed out. The cache folder is the user's, trusted
like the interpreter's ``__pycache__``.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from . import usercache

_MEMORY: dict[str, tuple[bytes, bytes]] = {}  # key -> (text hash, pickled (content, lines))


def _key(path: Path, name: str, languages) -> str:
    where = f"{usercache.code_fingerprint()}|{Path(path).resolve()}|{name}|{','.join(languages)}"
    return hashlib.sha256(where.encode()).hexdigest()[:32]


def recall(path: Path, name: str, languages, text: str):
    """``(content, lines)`` of ``text`` read from ``path``, as validated before; None when not kept."""
    try:
        key = _key(path, name, languages)
    except OSError:
        return None
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    kept = _MEMORY.get(key)
    if kept is None:
        blob = usercache.read(usercache.entry("content", key + ".pickle"))
        if blob is not None and blob[:32] == digest:
            kept = _MEMORY[key] = (digest, blob[32:])
    if kept is None or kept[0] != digest:
        return None
    try:
        return pickle.loads(kept[1])
    except Exception:  # an entry that cannot be read is one that is not there
        _MEMORY.pop(key, None)
        return None


def keep(path: Path, name: str, languages, text: str, content, lines: list[str]) -> None:
    """Keep a file that validated without a problem, for the next load of the same text."""
    try:
        key = _key(path, name, languages)
        blob = pickle.dumps((content, lines), protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    if _MEMORY.get(key, (None,))[0] == digest:
        return
    _MEMORY[key] = (digest, blob)
    usercache.write(usercache.entry("content", key + ".pickle"), digest + blob)


def forget() -> None:
    """Drop what this process keeps in memory (the entries on disk stay)."""
    _MEMORY.clear()
