"""Localization: the words that are not content, and how dates and numbers are written.

Every fixed line of a CDIP document (cover lines, captions, labels, page
headers, end markers) is a gettext message in ``locales/<lang>/LC_MESSAGES/
tareport.po``; the catalog's ``Language`` header names the CLDR locale
(``en_GB``, ``zh_Hans_CN``) that Babel uses for dates, numbers and lists.
A new language is a new catalog: no code changes.

Messages are marked in the code with :func:`N_` so that Babel's extractor
(``pybabel extract -k N_``) finds them.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.lists import format_list
from babel.messages.pofile import read_po

from .formatting import CLDRFormatter, format_number, format_percent, spreadsheet_format

DOMAIN = "tareport"
_PROJECT_LOCALES = Path(__file__).resolve().parents[3] / "locales"


def N_(message: str) -> str:
    """Mark a message for extraction; translation happens where it is formatted."""
    return message


class CatalogError(Exception):
    pass


def locale_dirs() -> list[Path]:
    """Where catalogs are looked up: $TAREPORT_LOCALES, ./locales, then the project's locales/."""
    dirs = []
    if os.environ.get("TAREPORT_LOCALES"):
        dirs += [Path(p) for p in os.environ["TAREPORT_LOCALES"].split(os.pathsep) if p]
    dirs += [Path.cwd() / "locales", _PROJECT_LOCALES]
    return dirs


def catalog_path(lang: str, dirs: list[Path] | None = None) -> Path | None:
    for base in dirs or locale_dirs():
        path = Path(base) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=32)
def _read_catalog(path: Path, mtime: float):
    with open(path, "rb") as fh:
        catalog = read_po(fh, charset="utf-8")
    messages = {}
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            messages[(message.context, message.id)] = message.string
    return catalog.locale, messages


class Localizer:
    """The words, dates and numbers of one language, from its catalog and CLDR."""

    def __init__(self, lang: str, dirs: list[Path] | None = None):
        path = catalog_path(lang, dirs)
        if path is None:
            raise CatalogError(
                f"no catalog for language {lang!r}: expected locales/{lang}/LC_MESSAGES/{DOMAIN}.po"
            )
        locale, self._messages = _read_catalog(path, path.stat().st_mtime)
        self.lang = lang
        self.path = path
        self.locale: Locale = locale or Locale.parse(lang)
        self._formatter = CLDRFormatter(self.locale)

    # -- identity
    @property
    def bcp47(self) -> str:
        """Language tag for document metadata: ``zh-CN``, ``en-GB``."""
        territory = self.locale.territory
        return f"{self.locale.language}-{territory}" if territory else self.locale.language

    @property
    def is_cjk(self) -> bool:
        return self.locale.language in ("zh", "ja", "ko")

    # -- messages
    def gettext(self, message: str, context: str | None = None) -> str:
        return self._messages.get((context, message), message)

    def has(self, message: str, context: str | None = None) -> bool:
        return (context, message) in self._messages

    def format(self, message: str, context: str | None = None, **values) -> str:
        return self._formatter.vformat(self.gettext(message, context), (), values)

    def split(self, message: str, field: str, context: str | None = None, **values) -> tuple[str, str]:
        """A translated template cut around one field: ``("来源：", "")`` for ``Source: {source}``."""
        template = self.gettext(message, context)
        marker = "\x00"
        filled = self._formatter.vformat(template.replace("{" + field + "}", marker), (), values)
        before, _, after = filled.partition(marker)
        return before, after

    # -- CLDR
    def number(self, value) -> str:
        return format_number(value, self.locale)

    def percent(self, value) -> str:
        return format_percent(value, self.locale)

    def number_format_code(self, percent: bool, decimals: int, grouping: bool = False) -> str:
        """The spreadsheet format code of a chart's values in this language (``0.0%``)."""
        return spreadsheet_format(self.locale, percent, decimals, grouping)

    def join(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale)

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """A meeting's dates in WIPO's house style, one catalog pattern per range shape.

        The shape (same month, across months, across years) is ours; CLDR supplies only
        month names and digits through the date patterns, never its own interval format,
        whose separators change between CLDR releases (``9日\u2009–\u200913日`` in CLDR 47).
        """
        if start == end:
            return self.format(N_("{date:MMMM d, y}"), date=start)
        if (start.year, start.month) == (end.year, end.month):
            message = N_("{start:MMMM d} to {end:d, y}")
        elif start.year == end.year:
            message = N_("{start:MMMM d} to {end:MMMM d, y}")
        else:
            message = N_("{start:MMMM d, y} to {end:MMMM d, y}")
        return self.format(message, start=start, end=end)


def available_languages(dirs: list[Path] | None = None) -> list[str]:
    found = set()
    for base in dirs or locale_dirs():
        if Path(base).is_dir():
            for child in Path(base).iterdir():
                if (child / "LC_MESSAGES" / f"{DOMAIN}.po").is_file():
                    found.add(child.name)
    return sorted(found)


@lru_cache(maxsize=16)
def localizer(lang: str) -> Localizer:
    return Localizer(lang)


_PLACEHOLDER = re.compile(r"\{(\w+)")


def placeholders(message: str) -> set[str]:
    return set(_PLACEHOLDER.findall(message))
