"""The public document object: load once, check, view in any language.

:func:`load` reads and validates a content folder and resolves its
numbering; :meth:`Document.view` gives the language view renderers use.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .l10n import Localizer, localizer
from .loader import Sources, read_sources
from .model import DocumentIndex
from .numbering import NumberedDocument, resolve
from .view import DocumentView, build_view, missing_texts


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

    def missing(self, lang: str) -> list[Diagnostic]:
        """Every text without a ``lang`` version, as diagnostics with file and line."""
        return sorted(missing_texts(self.numbered, lang))

    def view(self, lang: str, *, draft: bool = False, loc: Localizer | None = None) -> DocumentView:
        """The document in one language; raises ContentError listing missing texts unless ``draft``."""
        return build_view(self.numbered, loc or localizer(lang), draft)


def load(path: str | Path) -> Document:
    """Load ``content/<doc>/``: read, validate and number it.

    Raises :class:`tareport.ContentError` with every problem found, each
    with its ``file:line:column``.
    """
    return Document(resolve(read_sources(path)))
