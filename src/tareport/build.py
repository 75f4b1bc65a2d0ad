"""Building: content folder → language views → files in ``build/<lang>/``.

Everything is validated before anything is written; each output is written
atomically, so a build that fails leaves the previous outputs in place.
"""
from __future__ import annotations

from pathlib import Path

from .diagnostics import ContentError
from .document import Document, load
from .output import write_atomic
from .render import renderer


def build_document(doc: Document, langs: list[str], formats: list[str], out: str | Path = "build",
                   draft: bool = False, **options) -> list[Path]:
    """Render ``doc`` in each language and format; returns the written paths.

    All views are built (and so all content errors found) before any file
    is written.
    """
    views = {}
    errors = []
    for lang in langs:
        try:
            views[lang] = doc.view(lang, draft=draft)
        except ContentError as exc:
            errors.extend(exc.diagnostics)
    if errors:
        raise ContentError(errors)
    renderers = {fmt: renderer(fmt) for fmt in formats}
    outputs = {}
    for lang, view in views.items():
        for fmt, render in renderers.items():
            outputs[Path(out) / lang / f"{doc.name}.{fmt}"] = render(view, **options.get(fmt, {}))
    return [write_atomic(path, data) for path, data in outputs.items()]


def build(path: str | Path, langs: list[str] | str = "all", formats: list[str] | str = "all",
          out: str | Path = "build", draft: bool = False, **options) -> list[Path]:
    """Load a content folder and build it; see :func:`build_document`."""
    doc = load(path)
    if langs == "all":
        langs = doc.languages
    elif isinstance(langs, str):
        langs = [langs]
    if formats == "all":
        formats = ["docx", "pdf"]
    elif isinstance(formats, str):
        formats = [formats]
    return build_document(doc, list(langs), list(formats), out, draft, **options)
