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
import io
import os
import re
import string
from functools import lru_cache
from pathlib import Path

from babel import Locale

from .formatting import CLDRFormatter, format_number, format_percent, spreadsheet_format

DOMAIN = "tareport"
_PROJECT_LOCALES = Path(__file__).resolve().parents[3] / "locales"


def N_(message: str) -> str:
    """Mark a message for extraction; translation happens where it is formatted."""
    return message


class CatalogError(Exception):
    """A catalog that is missing or cannot be used; ``diagnostic`` places the mistake in the file."""

    def __init__(self, message: str, diagnostic=None):
        super().__init__(str(diagnostic) if diagnostic is not None else message)
        self.diagnostic = diagnostic


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
    """A catalog's locale and messages (see :func:`_parse_catalog`), as an earlier run read them when
    neither the catalog nor the template has changed since (:func:`tareport.usercache.remembered`)."""
    from .. import usercache

    def stamp(file: Path) -> str:
        try:
            stat = file.stat()
        except OSError:
            return f"{file}:none"
        return f"{file.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"

    key = f"{stamp(path)}|{stamp(_PROJECT_LOCALES / f'{DOMAIN}.pot')}"
    return usercache.remembered("catalogs", key, lambda: _parse_catalog(path))


def _parse_catalog(path: Path):
    """A catalog's locale and messages; raises :class:`CatalogError` placing what is wrong in it.

    Checked once when read, so that no build can fail half-way on a catalog:
    the file is UTF-8 and well formed, every translation keeps to its
    message's placeholders and is well formed itself (``{date`` is not), and
    every message of the template ``locales/tareport.pot`` is there (a
    truncated catalog would print the English words in another language).
    """
    from babel.messages.pofile import PoFileError, read_po  # loaded when a catalog is read: `check` reads none

    from ..diagnostics import Diagnostic, Position, display_path

    name = display_path(path)
    data = path.read_bytes()

    def fail(line: int, message: str):
        raise CatalogError(message, Diagnostic(Position(name, line, 1), message))

    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(data[:exc.start].count(b"\n") + 1, f"not UTF-8 text: byte 0x{data[exc.start]:02X}; save the catalog as UTF-8")
    try:
        catalog = read_po(io.BytesIO(data), charset="utf-8", abort_invalid=True)
    except PoFileError as exc:
        fail((getattr(exc, "lineno", 0) or 0) + 1, f"not a valid catalog: {re.sub(r' on [0-9]+$', '', str(exc))}")
    except (ValueError, KeyError, IndexError) as exc:  # babel's reader on damaged input
        fail(1, f"not a valid catalog: {exc}")
    messages = {}
    lines = data.decode("utf-8").split("\n")

    def fail_at(message, column_of, text: str):
        """Fail at the msgstr line (and column) of ``message`` where ``column_of`` finds the mistake."""
        line = (message.lineno or 1) - 1
        while line < len(lines) and not lines[line].startswith("msgstr"):
            line += 1
        for n in range(line, len(lines)):
            if n > line and not lines[n].startswith('"'):
                break
            column = column_of(lines[n])
            if column is not None:
                raise CatalogError(text, Diagnostic(Position(name, n + 1, column + 1), text))
        fail(line + 1 if line < len(lines) else message.lineno or 1, text)

    for message in catalog:
        if not (message.id and message.string and not message.fuzzy) or not isinstance(message.id, str):
            continue
        try:
            used = {field for _, field, _, _ in _FORMATTER.parse(message.string) if field is not None}
        except ValueError as exc:
            fail_at(message, _unbalanced_brace, f"translation of {message.id!r}: {exc}")
        offered = placeholders(message.id)
        unknown = sorted({_field_name(f) for f in used} - offered)
        if unknown:
            fail_at(message, lambda text: (lambda k: k if k >= 0 else None)(text.find("{" + unknown[0])),
                    f"translation of {message.id!r} uses {{{unknown[0]}}}, which the message "
                    f"does not have (it has: {', '.join(sorted(offered)) or 'none'})")
        messages[(message.context, message.id)] = message.string
    lacking = [m for m in _template_messages() if m not in messages]
    if lacking:
        fail(data.count(b"\n") + 1, f"{len(lacking)} message(s) of tareport.pot have no translation, "
                                    f"first {lacking[0][1]!r}: is the catalog truncated?")
    return catalog.locale, messages


_FORMATTER = string.Formatter()


def _unbalanced_brace(text: str) -> int | None:
    """Index of the first ``{`` never closed (or ``}`` never opened) in a line; ``{{`` and ``}}`` are literal."""
    opened: list[int] = []
    k = 0
    while k < len(text):
        pair = text[k:k + 2]
        if not opened and pair in ("{{", "}}"):
            k += 2
            continue
        if text[k] == "{":
            opened.append(k)
        elif text[k] == "}":
            if not opened:
                return k
            opened.pop()
        k += 1
    return opened[0] if opened else None


def _field_name(field: str) -> str:
    return re.split(r"[.\[!:]", field, maxsplit=1)[0]


@lru_cache(maxsize=1)
def _template_messages() -> tuple:
    """The (context, message) pairs of ``locales/tareport.pot`` (none when it is not installed)."""
    template = _PROJECT_LOCALES / f"{DOMAIN}.pot"
    if not template.is_file():
        return ()
    from babel.messages.pofile import read_po

    with open(template, "rb") as fh:
        return tuple((m.context, m.id) for m in read_po(fh, charset="utf-8") if m.id and isinstance(m.id, str))


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
        from babel.lists import format_list

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


def catalog_problem(lang: str):
    """Why ``lang`` cannot be built: its catalog is missing or broken (a diagnostic), or None."""
    path = catalog_path(lang)
    if path is None:
        return f"no catalog for language {lang!r}: add locales/{lang}/LC_MESSAGES/{DOMAIN}.po"
    try:
        _read_catalog(path, path.stat().st_mtime)
    except CatalogError as exc:
        return exc.diagnostic or str(exc)
    return None
