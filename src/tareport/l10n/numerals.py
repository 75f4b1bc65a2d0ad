"""Numbers spelled out in words: "Thirty-Third" Session, 第三十三届会议.

CLDR's rule-based number formats are not exposed by Babel, so we use
num2words (which covers ordinals in some sixty languages) and, for Chinese,
which num2words lacks, cn2an. A language that neither covers gets digits.
"""
from __future__ import annotations

import re

import cn2an
from babel import Locale
from num2words import CONVERTER_CLASSES, num2words


def _num2words_lang(locale: Locale) -> str | None:
    for candidate in (f"{locale.language}_{locale.territory}" if locale.territory else None, locale.language):
        if candidate and candidate in CONVERTER_CLASSES:
            return candidate
    return None


def spell_cardinal(number: int, locale: Locale) -> str:
    if locale.language == "zh":
        return cn2an.an2cn(number)
    lang = _num2words_lang(locale)
    return num2words(number, lang=lang) if lang else str(number)


#: num2words' Spanish ordinals, corrected to the Real Academia's forms that WIPO prints
#: (Undécima sesión, Decimoctava sesión, Cuadragésima sesión).
_SPANISH = {"décimoprimero": "undécimo", "décimosegundo": "duodécimo", "décimo tercero": "decimotercero",
            "décimo cuarto": "decimocuarto", "décimo quinto": "decimoquinto", "décimo sexto": "decimosexto",
            "décimo séptimo": "decimoséptimo", "décimo octavo": "decimoctavo", "décimo noveno": "decimonoveno",
            "quadragésimo": "cuadragésimo"}
_SPANISH_WRONG = re.compile("|".join(map(re.escape, _SPANISH)))


def spell_ordinal(number: int, locale: Locale, feminine: bool = False) -> str:
    """``feminine``: agreeing with a feminine noun (la trigésima tercera sesión, тридцать третья сессия)."""
    if locale.language == "zh":
        return "第" + cn2an.an2cn(number)
    lang = _num2words_lang(locale)
    if not lang:
        return f"{number}."
    if feminine and locale.language == "ru":
        return num2words(number, lang=lang, to="ordinal", gender="f")
    words = num2words(number, lang=lang, to="ordinal")
    if locale.language == "es":
        words = _SPANISH_WRONG.sub(lambda m: _SPANISH[m.group(0)], words)
    if feminine and locale.language in ("es", "pt", "it"):  # each word's -o becomes -a: vigésima primera
        words = re.sub(r"o\b", "a", words)
    elif feminine and locale.language == "fr":
        words = re.sub(r"\bpremier\b", "première", words)
    return words
