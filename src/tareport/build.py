"""Building: content folder → language views → files in ``build/<lang>/``.

Everything is validated before anything is written; the outputs of a
document are written all or none (:func:`tareport.output.write_all`), and
only once every one has rendered, so a build that fails leaves the previous
outputs in place and zh and en never come from different runs.

With ``jobs`` > 1 the outputs render in parallel processes. The views,
renderer modules and fonts are made once, in this process, before the
workers are forked: a worker inherits them and only renders (no import, no
load, no font parsing of its own), and sends back the bytes.
"""
from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .diagnostics import ContentError
from .document import Document, load
from .output import source_date_epoch, write_all
from .render import RenderError, renderer


@dataclass(frozen=True)
class Output:
    """One written file and how long its rendering took."""

    path: Path
    lang: str
    fmt: str
    seconds: float


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build_document(doc: Document, langs: list[str], formats: list[str], out: str | Path = "build",
                   draft: bool = False, jobs: int = 1, progress: Callable[[Output], None] | None = None,
                   **options) -> list[Path]:
    """Render ``doc`` in each language and format; returns the written paths.

    All views are built (and so all content errors found) before any file
    is rendered; all files are rendered before any is written. ``progress``
    is called with each :class:`Output` once it is written.
    """
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH is refused before anything is rendered
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
    tasks = [(lang, fmt) for lang in views for fmt in formats]
    rendered = _render_all(views, renderers, tasks, jobs, options)
    paths = {task: Path(out) / task[0] / f"{doc.name}.{task[1]}" for task in tasks}
    written = write_all({paths[task]: rendered[task][0] for task in tasks})  # all outputs or none
    if progress is not None:
        for lang, fmt in tasks:
            progress(Output(paths[lang, fmt], lang, fmt, rendered[lang, fmt][1]))
    return written


def _render_one(views, renderers, options, lang: str, fmt: str) -> tuple[bytes, float]:
    start = time.perf_counter()
    data = renderers[fmt](views[lang], **options.get(fmt, {}))
    return data, time.perf_counter() - start


# what a forked worker inherits: (views, renderers, options) of the build that forked it
_INHERITED: tuple | None = None


def _render_inherited(lang: str, fmt: str) -> tuple[bytes, float]:
    return _render_one(*_INHERITED, lang, fmt)


def _render_all(views, renderers, tasks, jobs: int, options: dict) -> dict:
    workers = min(jobs, len(tasks))
    if workers > 1:
        import multiprocessing  # here, not at the top: `check` and one-process builds never fork

        if "fork" not in multiprocessing.get_all_start_methods():
            workers = 1
    if workers <= 1:
        return {(lang, fmt): _render_one(views, renderers, options, lang, fmt) for lang, fmt in tasks}
    options = _prepared(options, renderers)
    global _INHERITED
    _INHERITED = (views, renderers, options)
    # longest first (PDFs typeset every line), so the last task to start is a short one
    order = sorted(tasks, key=lambda t: t[1] != "pdf")
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    gc.freeze()  # the forked workers share these pages instead of copying them when a collection touches them
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {task: pool.submit(_render_inherited, *task) for task in order}
            return {task: future.result() for task, future in futures.items()}  # a worker's error is raised here
    except BrokenProcessPool as exc:
        raise RenderError(f"a rendering process died ({exc}); try --jobs 1") from None
    finally:
        _INHERITED = None
        gc.unfreeze()


def _prepared(options: dict, renderers: dict) -> dict:
    """Options with what every worker would otherwise compute for itself (the PDF's fonts) resolved once."""
    if "pdf" not in renderers:
        return options
    from .render.pdf.fonts import FontSet, resolve
    pdf = dict(options.get("pdf", {}))
    if not isinstance(pdf.get("fonts"), FontSet):
        pdf["fonts"] = resolve(pdf.get("fonts") or {})
    return {**options, "pdf": pdf}


def build(path: str | Path, langs: list[str] | str = "all", formats: list[str] | str = "all",
          out: str | Path = "build", draft: bool = False, jobs: int = 1, **options) -> list[Path]:
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
    return build_document(doc, list(langs), list(formats), out, draft, jobs=jobs, **options)
