"""Parts of the .docx kept in the user cache between runs: a chart's XML and workbook, the style set.

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
from typing import Callable, TypeVar

from ... import usercache

T = TypeVar("T")

#: The distributions whose output ends up in these parts (python-docx's template holds the styles).
LIBRARIES = ("python-docx", "python-pptx", "XlsxWriter", "lxml")


def remembered(kind: str, key: str, make: Callable[[], T]) -> T:
    """``make()``, or what it returned for the same ``key``, code and libraries in an earlier run."""
    return usercache.remembered(kind, f"{key}|{library_versions()}", make)


@functools.cache
def library_versions() -> tuple[str, ...]:
    """The versions of :data:`LIBRARIES`, read without importing them."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in LIBRARIES:
        try:
            found.append(version(name))
        except PackageNotFoundError:
            found.append("?")
    return tuple(found)
