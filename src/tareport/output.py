"""Safe output: every file of a build is in place, or none is, and nothing else is left.

Each output is written in full under a temporary name beside its target
(``.cdip_33_4.pdf.<pid>.<random>.tmp``, flushed to disk), and only when all of
them are written are they moved into place (``os.replace`` is atomic on one
file system). If a move fails, the outputs already moved are put back from
hard-linked copies of the previous files, so zh and en, Word and PDF never
disagree. Ctrl-C or SIGTERM while the files are written abandons them (the
previous outputs stay); one that comes while they are moved acts once all
are moved. Every exit path removes the temporary files; what a ``kill -9``
leaves (a temporary file whose process is gone) is removed by the next build
into that folder.

A ``kill -9`` (or a power cut) while the files are moved cannot be caught, so
before the first move a journal listing every move is written into each
output folder (``.<first output>.<pid>.<random>.moves``). All new files are
complete on disk by then, so the next build that finds the journal of a
process that is gone finishes the moves (rolls forward) before it removes
anything: the folders hold the whole new build, never half of it.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path

_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.(?P<kind>tmp|old|moves)$")
#: The latest SOURCE_DATE_EPOCH a document date can have (9999-12-31T23:59:59Z); ZIP dates start in 1980.
MAX_EPOCH = 253402300799


class SetupError(Exception):
    """The environment asks for something no build can do (e.g. SOURCE_DATE_EPOCH=yesterday)."""


def source_date_epoch(env=None) -> int | None:
    """``SOURCE_DATE_EPOCH`` as whole seconds since 1970 (reproducible-builds.org), or None when unset."""
    value = (os.environ if env is None else env).get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > MAX_EPOCH:
        raise SetupError(f"SOURCE_DATE_EPOCH={value!r}: expected whole seconds since 1970-01-01 UTC, "
                         f"from 0 to {MAX_EPOCH} (e.g. `date +%s`)")
    return int(value)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or not ours to judge: leave its files
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Remove temporary files of builds whose process is gone (a ``kill -9``, a power cut)."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    stale = [(entry, match) for entry in entries if (match := _TEMP.match(entry.name))
             and entry.is_file(follow_symlinks=False) and not _alive(int(match["pid"]))]
    for entry, match in stale:  # first finish the moves of a build killed while it moved its files
        if match["kind"] == "moves":
            _roll_forward(Path(entry.path))
    for entry, match in stale:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _roll_forward(journal: Path) -> None:
    """Finish the moves a journal lists (those whose new file is still there), then drop every copy of it."""
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        moves, copies = record["moves"], record["journals"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # unreadable: it was being written, so no move had started
    for temp, target in moves:
        with contextlib.suppress(OSError):
            if os.path.isfile(temp):
                os.replace(temp, target)
    for copy in copies:
        with contextlib.suppress(OSError):
            os.unlink(copy)


def _write_journals(temps: dict[Path, str]) -> list[str]:
    """The list of moves, written (complete, on disk) into each output folder before the first move."""
    folders = list(dict.fromkeys(path.parent for path in temps))
    first = next(iter(temps))
    names = [_temp_name(folder / first.name, "moves") for folder in folders]
    record = json.dumps({"moves": [[os.path.abspath(t), os.path.abspath(p)] for p, t in temps.items()],
                         "journals": [os.path.abspath(n) for n in names]}).encode("utf-8")
    for name in names:
        with open(name, "wb") as fh:
            fh.write(record)
            fh.flush()
            os.fsync(fh.fileno())
    return names


@contextlib.contextmanager
def interrupts_held():
    """Hold SIGINT and SIGTERM off while files are switched; act on them right after.

    Yields the list of signals received so far, so that the caller can give
    up before it starts moving files. Only the main thread can change signal
    handlers; elsewhere this holds nothing (the cleanup still runs on every
    exception).
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[signum] = signal.signal(signum, lambda n, frame: received.append(n))
        except (ValueError, OSError):
            pass
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        if received:
            signal.raise_signal(received[0])


def _temp_name(path: Path, kind: str = "tmp") -> str:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=f".{kind}", dir=path.parent)
    os.close(fd)
    return name


def _link_or_copy(path: Path, backup: str) -> None:
    """Keep the previous file under ``backup`` (a hard link where the file system has them)."""
    os.unlink(backup)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copyfile(path, backup)


def _write_temp(path: Path, data: bytes) -> str:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return name


def write_all(outputs: dict[Path, bytes]) -> list[Path]:
    """Write every output or none: previous files stay untouched unless all new ones are in place."""
    outputs = {Path(p): data for p, data in outputs.items()}
    temps: dict[Path, str] = {}
    backups: dict[Path, str] = {}
    journals: list[str] = []
    replaced: list[Path] = []
    created: list[Path] = []
    with interrupts_held() as interrupted:
        try:
            for path in outputs:
                missing = [d for d in [path.parent, *path.parent.parents] if not d.exists()]
                path.parent.mkdir(parents=True, exist_ok=True)
                created.extend(d for d in reversed(missing) if d not in created)
                remove_stale(path.parent)
            for path, data in outputs.items():
                temps[path] = _write_temp(path, data)
            for path in outputs:  # the previous files, to put back if a later move fails
                if path.is_file():
                    backup = _temp_name(path, "old")
                    backups[path] = backup
                    _link_or_copy(path, backup)
            if interrupted:  # Ctrl-C while writing: give up, the previous outputs stay
                raise KeyboardInterrupt
            if len(temps) > 1:
                journals = _write_journals(temps)
            for path, temp in temps.items():  # microseconds; a signal now acts once all are moved
                os.replace(temp, path)
                replaced.append(path)
        except BaseException:
            for path in reversed(replaced):
                with contextlib.suppress(OSError):
                    if path in backups:
                        os.replace(backups.pop(path), path)
                    else:
                        os.unlink(path)
            for name in [*journals, *temps.values(), *backups.values()]:
                with contextlib.suppress(OSError):
                    os.unlink(name)
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if still empty
            raise
        for name in [*journals, *backups.values()]:
            with contextlib.suppress(OSError):
                os.unlink(name)
    return list(outputs)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write one file atomically (see :func:`write_all`)."""
    return write_all({Path(path): data})[0]
