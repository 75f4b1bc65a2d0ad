"""Message formatting with CLDR data: dates, numbers and spelled-out numerals.

Catalog messages are ``str.format`` templates whose format specs are CLDR
patterns, so each language's catalog decides the shape of its lines::

    "{start:MMMM d} to {end:d, y}"       date pattern (Babel ``format_date``)
    "{start:y年M月d日}至{end:d日}"          the same, as WIPO writes Chinese dates
    "{session!t:spellout-ordinal} Session"
    "第{session:spellout-cardinal}届会议"
    "{session!c:spellout-ordinal-feminine} sesión"   (CLDR's rule names, with their genders)
    "{number:roman}"                                   (II: how most languages number annexes)

Conversions applied after formatting: ``{x!u:…}`` upper case, ``{x!t:…}`` title case
(small words such as "and" stay lower case), ``{x!c:…}`` first letter upper case.
"""
from __future__ import annotations

import datetime as dt
import re
import string
from copy import copy
from decimal import Decimal

from babel import Locale

from .numerals import spell_cardinal, spell_ordinal

_SMALL_WORDS = {"and", "of", "the", "a", "an", "in", "on", "to", "for"}
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """``2`` → ``II`` (upper case, as annexes are numbered)."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


class _Converted:
    def __init__(self, value, conversion):
        self.value, self.conversion = value, conversion


def _title(text: str) -> str:
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        if i and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in word.split("-")))
    return " ".join(out)


class CLDRFormatter(string.Formatter):
    def __init__(self, locale: Locale):
        self.locale = locale

    def convert_field(self, value, conversion):
        if conversion in ("u", "t", "c"):
            return _Converted(value, conversion)
        return super().convert_field(value, conversion)

    def format_field(self, value, format_spec):
        if isinstance(value, _Converted):
            text = self.format_field(value.value, format_spec)
            if value.conversion == "c":
                return text[:1].upper() + text[1:]
            return text.upper() if value.conversion == "u" else _title(text)
        if isinstance(value, dt.date) and format_spec:
            from babel.dates import format_date  # Babel's modules load when first used: `check` needs none

            return format_date(value, format_spec, locale=self.locale)
        if isinstance(value, int) and format_spec == "spellout-ordinal":
            return spell_ordinal(value, self.locale)
        if isinstance(value, int) and format_spec == "spellout-ordinal-feminine":
            return spell_ordinal(value, self.locale, feminine=True)
        if isinstance(value, int) and format_spec == "roman":
            return roman(value)
        if isinstance(value, int) and format_spec == "spellout-cardinal":
            return spell_cardinal(value, self.locale)
        if isinstance(value, (int, Decimal)) and format_spec in ("", "number"):
            return format_number(value, self.locale)
        return super().format_field(value, format_spec)


def _with_decimals(pattern_text: str, value: Decimal):
    """The locale's pattern, showing exactly the decimals the value was written with."""
    from babel.numbers import parse_pattern

    pattern = copy(parse_pattern(pattern_text))
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    decimals = max(0, -int(exponent)) if isinstance(exponent, int) else 0
    pattern.frac_prec = (decimals, decimals)
    return pattern


def format_number(value: Decimal | int, locale: Locale) -> str:
    """``53308263.62`` → ``53,308,263.62`` (grouping per locale; the written decimals are kept)."""
    value = Decimal(value)
    pattern = _with_decimals(locale.decimal_formats[None].pattern, value)
    return pattern.apply(value, locale)


def format_percent(value: Decimal | int, locale: Locale) -> str:
    """A percentage written as ``74.1`` → ``74.1%`` (``17`` → ``17%``, ``37.0`` → ``37.0%``)."""
    value = Decimal(value)
    pattern = _with_decimals(locale.percent_formats[None].pattern, value)
    # the pattern multiplies by 100: give it the fraction, with the decimals of the written value
    return pattern.apply(value.scaleb(-2), locale)


_NUMBER_PART = re.compile(r"[#,]*0[0#,.]*")


def spreadsheet_format(locale: Locale, percent: bool, decimals: int, grouping: bool = False) -> str:
    """The spreadsheet number format (``0.0%``, ``#,##0``) that prints values as this locale does.

    The locale's CLDR pattern gives the shape (``#,##0%``; French ``#,##0 %``);
    the digits part is rewritten with the chart's fixed decimals, and every
    other character is a quoted literal. Separators in a format code are the
    invariant ``.`` and ``,``: the reader's spreadsheet shows its own.
    """
    pattern = (locale.percent_formats if percent else locale.decimal_formats)[None].pattern.split(";")[0]
    digits = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")
    out, last = [], 0
    for match in _NUMBER_PART.finditer(pattern):
        out.append(_literal(pattern[last:match.start()]))
        out.append(digits)
        last = match.end()
        break
    out.append(_literal(pattern[last:]))
    return "".join(out)


def _literal(text: str) -> str:
    return "".join(ch if ch == "%" else f'"{ch}"' for ch in text.replace("'", ""))
