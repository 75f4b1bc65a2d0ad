"""Renderers: one package per output format, each reading only the language view.

A renderer module exposes ``render(view: DocumentView, **options) -> bytes``,
and may expose ``warm()`` (see :func:`warm`). A new format is a new package
here and one line in :data:`FORMATS`.
"""
from __future__ import annotations

import importlib

FORMATS = {"docx": "tareport.render.docx", "pdf": "tareport.render.pdf"}


class RendererMissing(Exception):
    pass


class RenderError(Exception):
    """A renderer cannot produce the document (e.g. no font has a glyph the text needs)."""


def renderer(fmt: str):
    try:
        module = importlib.import_module(FORMATS[fmt])
    except KeyError:
        raise RendererMissing(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})") from None
    if not hasattr(module, "render"):
        raise RendererMissing(f"the {fmt} renderer is not available yet")
    return module.render


def warm(fmt: str) -> None:
    """Load now what the ``fmt`` renderer would load on first use in each process that renders.

    For a long-lived process that forks a worker per output (``build --watch
    --jobs N``): what the parent has loaded, every worker inherits, so each
    rebuild does not import it again.
    """
    hook = getattr(importlib.import_module(FORMATS[fmt]), "warm", None)
    if hook is not None:
        hook()
