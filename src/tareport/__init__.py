"""tareport: CDIP documents as typed, bilingual content, rendered as official Word and PDF.

    >>> import tareport
    >>> doc = tareport.load("content/cdip_33_4")
    >>> view = doc.view("zh")                 # the Chinese language view
    >>> tareport.check("content/cdip_33_4", lang="en")   # diagnostics, [] when all is well
    >>> tareport.build("content/cdip_33_4", langs="zh")  # build/zh/cdip_33_4.docx and .pdf
"""
from __future__ import annotations

import sys as _sys
from pathlib import Path

if _sys.argv[:1] == ["-m"]:  # `python -m tareport` is importing us: Ctrl-C while modules load ends quietly
    import signal as _signal

    def _interrupted_at_start(signum, frame):
        print("tareport: interrupted", file=_sys.stderr)
        raise SystemExit(1)

    _signal.signal(_signal.SIGINT, _interrupted_at_start)  # __main__ restores Python's handler

from .build import build, build_document
from .diagnostics import ContentError, Diagnostic, Position
from .document import Document, load

__all__ = ["load", "check", "build", "build_document", "Document", "ContentError", "Diagnostic", "Position"]
__version__ = "0.1.0"


def check(path: str | Path, lang: str | None = None) -> list[Diagnostic]:
    """Validate a content folder; returns every problem (an empty list when all is well).

    With ``lang`` (a code or ``"all"``), texts missing in that language are
    problems too.
    """
    try:
        doc = load(path)
    except ContentError as exc:
        return exc.diagnostics
    langs = doc.languages if lang == "all" else ([lang] if lang else [])
    return [d for l in langs for d in doc.missing(l)]
