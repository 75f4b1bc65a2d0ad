"""Rebuild on save: ``build --watch`` keeps one process running and rebuilds what a change affects.

A change to a file of a document's folder rebuilds that document (its
languages and formats as asked); a change to a catalog
(``locales/<lang>/LC_MESSAGES/tareport.po``) rebuilds that language of every
document; a change to a font file rebuilds the PDFs. Invalid content is
reported as ``file:line:column: message`` and the previous outputs stay as
they are; the watcher keeps running.

The process keeps what does not change between builds: imported renderers
(and what they import on first use, loaded after the first build so that
the workers forked for a rebuild inherit it), registered fonts (read again only when their
file changes), catalogs (read again when theirs does) and the validated
content files (:mod:`tareport.filecache`: an edit reads only the file that
changed).
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .build import Output, build_document
from .diagnostics import ContentError
from .document import load
from .l10n import CatalogError, locale_dirs, localizer
from .render import RenderError, RendererMissing, warm

#: files whose change can change an output (content, images, catalogs); editors' temporary files are not among them
CONTENT_SUFFIXES = (".yaml", ".yml", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".po")


@dataclass
class Job:
    """What ``build --watch`` was asked to build."""

    documents: list[Path]
    langs: str  # a code or "all"
    formats: list[str]
    out: Path
    draft: bool = False
    jobs: int = 1
    fonts: dict = field(default_factory=dict)  # the PDF's font options (--font-*)
    font_set: object = None  # the fonts resolved from them, kept between builds

    def options(self, formats) -> dict:
        return {"pdf": {"fonts": self.font_set or self.fonts}} if "pdf" in formats else {}


@dataclass(frozen=True)
class Rebuild:
    """One unit of work: a document in some languages and formats."""

    document: Path
    langs: frozenset[str] | None  # None: every language asked for
    formats: frozenset[str]


def affected(job: Job, changed: set[Path], font_files: set[Path]) -> list[Rebuild]:
    """The documents, languages and formats that the changed files feed."""
    documents: dict[Path, tuple[set | None, set]] = {}

    def add(document: Path, langs: set | None, formats: set) -> None:
        old_langs, old_formats = documents.get(document, (set(), set()))
        merged = None if langs is None or old_langs is None else old_langs | langs
        documents[document] = (merged, old_formats | formats)

    every_format = set(job.formats)
    for path in changed:
        if path in font_files:
            if "pdf" in every_format:
                for document in job.documents:
                    add(document, None, {"pdf"})
            continue
        if path.suffix not in CONTENT_SUFFIXES or path.name.startswith("."):
            continue
        if path.suffix == ".po" and path.parent.name == "LC_MESSAGES":
            lang = path.parent.parent.name
            for document in job.documents:
                add(document, {lang}, every_format)
            continue
        for document in job.documents:
            if _inside(path, document):
                add(document, None, every_format)
    return [Rebuild(doc, frozenset(langs) if langs is not None else None, frozenset(formats))
            for doc, (langs, formats) in sorted(documents.items())]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def rebuild(job: Job, unit: Rebuild, say: Callable[[str], None], warn: Callable[[str], None]) -> bool:
    """Build one unit; errors are reported and leave the previous outputs in place. True when built."""
    start = time.perf_counter()
    try:
        doc = load(unit.document)
        langs = doc.languages if job.langs == "all" else [job.langs]
        if problem := doc.language_problem(langs):
            warn(f"{unit.document}: {problem}")
            return False
        if unit.langs is not None:
            langs = [lang for lang in langs if lang in unit.langs]
        formats = [fmt for fmt in job.formats if fmt in unit.formats]
        if not langs or not formats:
            return True
        outputs: list[Output] = []
        build_document(doc, langs, formats, job.out, draft=job.draft, jobs=job.jobs, progress=outputs.append,
                       **job.options(formats))
    except ContentError as exc:
        for d in exc.diagnostics:
            warn(str(d))
        warn(f"{unit.document}: not rebuilt ({len(exc.diagnostics)} error(s)); the previous outputs are kept")
        return False
    except (RenderError, RendererMissing, CatalogError, OSError) as exc:
        warn(f"{unit.document}: not rebuilt: {exc}; the previous outputs are kept")
        return False
    what = ", ".join(f"{o.lang} {o.fmt} ({o.seconds:.2f} s)" for o in outputs)
    say(f"rebuilt {unit.document.name}: {what} in {time.perf_counter() - start:.2f} s")
    return True


def font_files(job: Job) -> set[Path]:
    """The font files the PDFs are made from (resolved here, once, so that every rebuild reuses them)."""
    if "pdf" not in job.formats:
        return set()
    from .render.pdf.fonts import parse_spec, resolve
    job.font_set = resolve(job.fonts)
    return {parse_spec(face.source)[0].resolve() for face in job.font_set.faces() if face.embedded and face.source}


def run(job: Job, content: Path, *, stop_event=None, say: Callable[[str], None] | None = None,
        warn: Callable[[str], None] | None = None, ready_every_ms: int = 500) -> int:
    """Build everything once, then rebuild on every change until interrupted (or ``stop_event`` is set)."""
    import watchfiles

    say = say or (lambda text: print(text, flush=True))
    warn = warn or (lambda text: print(text, file=sys.stderr, flush=True))
    try:
        fonts = font_files(job)
    except RenderError as exc:
        warn(f"error: {exc}")
        return 1
    for document in job.documents:
        rebuild(job, Rebuild(document, None, frozenset(job.formats)), say, warn)
    for fmt in job.formats:  # what a renderer loads on first use, loaded here, once, for every rebuild
        try:
            warm(fmt)
        except (ImportError, KeyError):
            pass  # a renderer that cannot load is reported by the builds

    out = job.out.resolve()
    roots = [p for p in {content.resolve(), *(d.resolve() for d in job.documents),
                         *(d.resolve() for d in locale_dirs() if d.is_dir())}]
    paths = sorted({p for p in roots if not any(p != q and _inside(p, q) for q in roots)} | fonts)
    announced = False
    for changes in watchfiles.watch(*paths, watch_filter=None, stop_event=stop_event, step=50,
                                    rust_timeout=ready_every_ms, yield_on_timeout=True, raise_interrupt=False):
        if not announced:  # the watcher is in place: an edit from now on is seen
            announced = True
            say(f"watching {', '.join(str(p) for p in paths)} (Ctrl+C to stop)")
        changed = {Path(p).resolve() for _, p in changes}
        changed = {p for p in changed if not _inside(p, out)}
        if not changed:
            continue
        if any(p.suffix == ".po" for p in changed):
            localizer.cache_clear()
        if changed & fonts:
            from .render.pdf.fonts import forget
            forget(changed & fonts)
            try:
                fonts = font_files(job)
            except RenderError as exc:
                warn(f"error: {exc}; the previous outputs are kept")
                continue
        for unit in affected(job, changed, fonts):
            rebuild(job, unit, say, warn)
    return 0
