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
before the first move a journal is written into each output folder
(``.<first output>.<pid>.<random>.moves``, in full and synced to disk): for
each output, its new file, the hard link kept of its previous file, and what
the output is before the moves and after (file identities). The next build
that finds the journal of a process that is gone (:func:`recover`) looks at
what each output is now: if every output still previous has its new file
waiting, it finishes the moves; otherwise, if every output already new has
its previous file kept, it undoes them; if an output is neither (a later build
wrote it), or the journal names files outside its folders, it touches
nothing. Either way the folders end with the outputs of one run.
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


#: The temporary files this process made: a file named with our pid but not among them was left by an
#: earlier process that had the same pid (in a container, every run may be pid 1).
_MADE_HERE: set[str] = set()


def _alive(pid: int, path: str) -> bool:
    """Whether the build that made temporary file ``path`` (named with ``pid``) may still be running."""
    if pid == os.getpid():
        return os.path.abspath(path) in _MADE_HERE
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
             and entry.is_file(follow_symlinks=False) and not _alive(int(match["pid"]), entry.path)]
    for entry, match in stale:  # first finish (or undo) the moves of a build killed while it moved its files
        if match["kind"] == "moves":
            recover(Path(entry.path))
    for entry, match in stale:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _identity(path: str) -> list | None:
    """What a file is (device, inode, size, modification time), or None when there is none: a file moved
    with ``os.replace`` keeps it, a rewritten file does not."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def _journal_problem(journal: Path, record) -> bool:
    """True when a journal cannot be trusted: not one of the copies it lists (a copied folder), or naming
    files that are not this build's temporary files beside its outputs in the journal's folders."""
    try:
        pid, copies, outputs = record["pid"], record["journals"], record["outputs"]
        folders = {os.path.dirname(c) for c in copies}
        if os.path.abspath(journal) not in copies:
            return True
        for copy in copies:
            match = _TEMP.match(os.path.basename(copy))
            if not match or match["kind"] != "moves" or int(match["pid"]) != pid:
                return True
        for out in outputs:
            target = out["target"]
            if os.path.dirname(target) not in folders:
                return True
            for kind in ("temp", "backup"):
                name = out[kind]
                if name is None and kind == "backup":
                    continue
                match = _TEMP.match(os.path.basename(name))
                if (os.path.dirname(name) != os.path.dirname(target) or not match or int(match["pid"]) != pid
                        or not os.path.basename(name).startswith(f".{os.path.basename(target)}.")):
                    return True
    except (KeyError, TypeError, ValueError):
        return True
    return False


def recover(journal: Path) -> str:
    """Finish or undo the moves of a build that died while it moved its outputs (see the module's docstring);
    returns what was done: ``"finished"``, ``"undone"``, ``"complete"`` or ``"left"``."""
    try:
        record = json.loads(Path(journal).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "left"  # unreadable: it was being written, so no move had started
    if not isinstance(record, dict) or _journal_problem(Path(journal), record):
        return "left"
    outputs = record["outputs"]
    now = [_identity(out["target"]) for out in outputs]
    old = [n == out["before"] or (n is not None and n == out["kept"]) for n, out in zip(now, outputs)]
    new = [n == out["after"] for n, out in zip(now, outputs)]
    done = "left"
    if all(o or n for o, n in zip(old, new)):  # else a later build wrote an output: not ours to change
        waiting = [out for out, o in zip(outputs, old) if o]
        moved = [out for out, n in zip(outputs, new) if n]
        with contextlib.suppress(OSError):
            if not waiting:
                done = "complete"
            elif all(os.path.isfile(out["temp"]) for out in waiting):
                for out in waiting:
                    os.replace(out["temp"], out["target"])
                done = "finished"
            elif all(out["before"] is None or (out["backup"] and os.path.isfile(out["backup"])) for out in moved):
                for out in moved:
                    if out["before"] is None:
                        os.unlink(out["target"])
                    else:
                        os.replace(out["backup"], out["target"])
                done = "undone"
    for copy in record["journals"]:
        with contextlib.suppress(OSError):
            os.unlink(copy)
    return done


def _sync_folder(folder: Path) -> None:
    """Make the folder's new names durable (where the system lets a folder be synced)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _journal_record(temps: dict[Path, str], backups: dict[Path, str], journals: list[str]) -> bytes:
    outputs = []
    for path, temp in temps.items():
        backup = backups.get(path)
        outputs.append({"target": os.path.abspath(path), "temp": os.path.abspath(temp),
                        "backup": os.path.abspath(backup) if backup else None,
                        "before": _identity(str(path)), "kept": _identity(backup) if backup else None,
                        "after": _identity(temp)})
    return json.dumps({"pid": os.getpid(), "journals": [os.path.abspath(j) for j in journals],
                       "outputs": outputs}).encode("utf-8")


def _write_journals(names: list[str], record: bytes) -> None:
    """The journal, in full and on disk in every output folder, before the first move."""
    for name in names:
        with open(name, "wb") as fh:
            fh.write(record)
            fh.flush()
            os.fsync(fh.fileno())
    for folder in dict.fromkeys(Path(name).parent for name in names):
        _sync_folder(folder)


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
    _MADE_HERE.add(os.path.abspath(name))
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
    _MADE_HERE.add(os.path.abspath(name))
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
                first = next(iter(temps))
                for folder in dict.fromkeys(path.parent for path in temps):
                    journals.append(_temp_name(folder / first.name, "moves"))
                _write_journals(journals, _journal_record(temps, backups, journals))
            for path, temp in temps.items():  # microseconds; a signal now acts once all are moved
                os.replace(temp, path)
                replaced.append(path)
        except BaseException:
            # new files not moved go first: a kill during the undoing then leaves a journal that undoes the rest
            for name in [temps[path] for path in temps if path not in replaced]:
                with contextlib.suppress(OSError):
                    os.unlink(name)
            for path in reversed(replaced):
                with contextlib.suppress(OSError):
                    if path in backups:
                        os.replace(backups.pop(path), path)
                    else:
                        os.unlink(path)
            for name in [*backups.values(), *journals]:
                with contextlib.suppress(OSError):
                    os.unlink(name)
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if still empty
            raise
        for name in [*journals, *backups.values()]:  # the journal first: every output is new by now
            with contextlib.suppress(OSError):
                os.unlink(name)
        if journals:
            for folder in dict.fromkeys(path.parent for path in temps):
                _sync_folder(folder)
    return list(outputs)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write one file atomically (see :func:`write_all`)."""
    return write_all({Path(path): data})[0]
