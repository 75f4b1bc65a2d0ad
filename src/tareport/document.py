"""The public document object: load once, check, view in any language.

:func:`load` reads and validates a content folder and resolves its
numbering; :meth:`Document.view` gives the language view renderers use.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .alignment import check_text
from .typography import straight_quotes
from .diagnostics import Diagnostic
from .gc_pause import paused
from .l10n import Localizer, localizer
from .loader import Sources, read_sources
from .model import DocumentIndex, iter_texts
from .numbering import NumberedDocument, resolve
from .translations import stale_texts
from .view import DocumentView, build_view, missing_texts, text_roots


@dataclass
class Document:
    """A validated, numbered CDIP document."""

    numbered: NumberedDocument

    @property
    def sources(self) -> Sources:
        return self.numbered.sources

    @property
    def index(self) -> DocumentIndex:
        return self.numbered.sources.index

    @property
    def name(self) -> str:
        """The output file stem, e.g. ``cdip_33_4``."""
        return self.index.parsed_symbol.file_stem

    @property
    def languages(self) -> list[str]:
        return list(self.index.languages)

    @property
    def translations_from(self) -> str:
        """The language translations are made from (``translations_from``, else the original)."""
        return self.index.translations_from or self.index.original_language

    def texts(self):
        """Every text of the document, in reading order (cover metadata, parts, footnotes)."""
        for root in text_roots(self.numbered):
            yield from iter_texts(root)

    def alignment(self, langs: list[str]) -> list[Diagnostic]:
        """Numbers, marks and script that disagree between ``langs`` (source language first)."""
        order = [self.translations_from] + [lang for lang in langs if lang != self.translations_from]
        return sorted(d for text in self.texts() for d in check_text(text, order))

    def typography(self) -> list[Diagnostic]:
        """Warnings on the prose's typography (straight quotes in English)."""
        return sorted(d for text in self.texts() for d in straight_quotes(text))

    def stale(self, lang: str) -> list[Diagnostic]:
        """Every ``lang`` text not confirmed against the current source text."""
        return sorted(stale_texts(self.texts(), self.translations_from, lang))

    def files(self) -> list[Path]:
        """The document's YAML files: ``document.yaml`` and every part file."""
        return [self.sources.root / "document.yaml"] + [f.path for p in self.sources.parts for f in p.files]

    def language_problem(self, langs: list[str]) -> str | None:
        """Why ``langs`` cannot be asked of this document (a language it does not declare), or None."""
        unknown = [lang for lang in langs if lang not in self.languages]
        if not unknown:
            return None
        return f"language {unknown[0]!r} is not one of the document's languages ({', '.join(self.languages)})"

    def missing(self, lang: str) -> list[Diagnostic]:
        """Every text without a ``lang`` version, as diagnostics with file and line."""
        return sorted(missing_texts(self.numbered, lang))

    def view(self, lang: str, *, draft: bool = False, loc: Localizer | None = None) -> DocumentView:
        """The document in one language; raises ContentError listing missing texts unless ``draft``."""
        with paused():
            return build_view(self.numbered, loc or localizer(lang), draft)


def load(path: str | Path) -> Document:
    """Load ``content/<doc>/``: read, validate and number it.

    Raises :class:`tareport.ContentError` with every problem found, each
    with its ``file:line:column``.
    """
    with paused():  # every object a load makes survives it: collections would only cost time
        return Document(resolve(read_sources(path)))
