"""Parts of the .docx kept in the user cache between runs: a chart's XML and workbook, the template with
the style set installed.

Each depends only on its inputs (a chart and the document's fonts and
language; the typography), on tareport's code and on the libraries that
write it, yet costs more to make than the rest of a rendering (python-pptx
and XlsxWriter for a chart, python-docx's style API for the style set).
:func:`remembered` keys each entry by all of these, so a cold build whose
charts and fonts did not change imports neither python-pptx nor XlsxWriter
and builds no style. Deleting the cache changes nothing but the time.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
from pathlib import Path
from typing import Callable, TypeVar

from ... import usercache

T = TypeVar("T")

#: The libraries whose output ends up in these parts (python-docx's template holds the styles).
LIBRARIES = ("docx", "pptx", "xlsxwriter", "lxml")


def remembered(kind: str, key: str, make: Callable[[], T]) -> T:
    """``make()``, or what it returned for the same ``key``, code and libraries in an earlier run."""
    return usercache.remembered(kind, f"{key}|{libraries()}", make)


@functools.cache
def libraries() -> str:
    """A digest of the ``__init__.py`` of each of :data:`LIBRARIES`, which holds its ``__version__``: found
    without importing it (python-pptx and XlsxWriter are what a cached chart saves importing) and without
    ``importlib.metadata``, which costs as much."""
    digest = hashlib.sha256()
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        try:
            digest.update(Path(spec.origin).read_bytes())
        except (AttributeError, TypeError, OSError):  # not installed
            digest.update(b"-")
        digest.update(b"\0")
    return digest.hexdigest()
