"""Renderers: one package per output format, each reading only the language view.

A renderer module exposes ``render(view: DocumentView, **options) -> bytes``.
A new format is a new package here and one line in :data:`FORMATS`.
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
