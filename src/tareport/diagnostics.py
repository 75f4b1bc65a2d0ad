"""Diagnostics: content mistakes reported as ``file:line:column: message``.

Every stage (YAML reading, model validation, inline parsing, resolution,
language checks) reports into the same list of :class:`Diagnostic`, so a
user sees every mistake of a run at once, each with its exact place.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple


class Position(NamedTuple):
    """A place in a content file; ``line`` and ``column`` count from 1.

    A named tuple, not a frozen dataclass: the reader makes one for every key
    and value of a file, and a tuple is several times cheaper to create.
    Positions order by file, line and column.
    """

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    position: Position
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.position}: {tag}{self.message}"


class ContentError(Exception):
    """Raised when content is invalid; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as a user should see it: relative to the working directory when possible."""
    path = Path(path)
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            return str(path.resolve().relative_to(Path(base).resolve()))
        except ValueError:
            continue
        except (RuntimeError, OSError):  # a symbolic link loop: show the path as written
            try:
                return os.path.relpath(os.path.abspath(path), os.path.abspath(base))
            except ValueError:
                continue
    return str(path)
