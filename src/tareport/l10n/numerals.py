"""Numbers spelled out in words: "Thirty-Third" Session, 第三十三届会议.

CLDR's rule-based number formats are not exposed by Babel, so we use
num2words (which covers ordinals in some sixty languages) and, for Chinese,
which num2words lacks, cn2an. A language that neither covers gets digits.
"""
from __future__ import annotations

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


def spell_ordinal(number: int, locale: Locale) -> str:
    if locale.language == "zh":
        return "第" + cn2an.an2cn(number)
    lang = _num2words_lang(locale)
    return num2words(number, lang=lang, to="ordinal") if lang else f"{number}."
