"""Numbers spelled out in words: "Thirty-Third" Session, 第三十三届会议.

CLDR's rule-based number formats are not exposed by Babel. Chinese is
written here (:func:`chinese_cardinal`: a few lines, where a library would
cost a quarter of a second of start-up); other languages use num2words
(ordinals in some sixty languages), imported only when a text needs it. A
language that neither covers gets digits.
"""
from __future__ import annotations

import re

from babel import Locale

_DIGITS = "零一二三四五六七八九"
_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_GROUPS = ("", "万", "亿")  # groups of four digits, as Chinese counts


def _group(n: int) -> str:
    """0 < n < 10000: ``1010`` → 一千零一十 (one 零 for each run of zeros between digits)."""
    out, gap = "", False
    for value, unit in _PLACES:
        digit = n // value % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += _DIGITS[digit] + unit
    return out


def chinese_cardinal(n: int) -> str:
    """A whole number in Chinese numerals as CLDR's ``spellout-cardinal``: 33 → 三十三, 110 → 一百一十, 10001 → 一万零一.

    A number starting with 一十 drops the 一 (十二, 十万); numbers below 10^12.
    """
    if n < 0:
        return "负" + chinese_cardinal(-n)
    if n == 0:
        return _DIGITS[0]
    if n >= 10 ** (4 * len(_GROUPS)):
        raise ValueError(f"{n} is too large to spell out in Chinese numerals")
    groups = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    out, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):
            out += "零"
        gap = False
        out += _group(group) + _GROUPS[index]
    return out[1:] if out.startswith("一十") else out


def _num2words_lang(locale: Locale) -> str | None:
    from num2words import CONVERTER_CLASSES
    for candidate in (f"{locale.language}_{locale.territory}" if locale.territory else None, locale.language):
        if candidate and candidate in CONVERTER_CLASSES:
            return candidate
    return None


def spell_cardinal(number: int, locale: Locale) -> str:
    if locale.language == "zh":
        return chinese_cardinal(number)
    lang = _num2words_lang(locale)
    if not lang:
        return str(number)
    from num2words import num2words
    return num2words(number, lang=lang)


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
        return "第" + chinese_cardinal(number)
    lang = _num2words_lang(locale)
    if not lang:
        return f"{number}."
    from num2words import num2words
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
