"""Alignment of the languages of one text: the checks a translation desk runs.

For every text that has more than one language, each pair of languages must
agree on:

- **numbers**: every number written in one language appears in the other,
  after normalizing how each language writes it (``120万`` = ``1.2 million``,
  full-width digits, thousands separators, ``%``/``percent``/``个百分点``,
  ``2017-2022年`` = ``2017-2022``, English month names = their numbers);
- **marks**: the same footnote marks and cross-references, in the same order;
- **script**: no Han characters in a language written in another script, and
  no Latin-only text where a Han-script language is expected.

A text may carry a written, reasoned exception per check
(``differs: {numbers: …}``); the reason is the reviewer's record. Numbers
spelled in words (三个, three) are not compared: only digits are. We write this
ourselves: it is specific to our inline model and to how WIPO's languages
write numbers, and no library compares numbers across languages.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .diagnostics import Diagnostic
from .inline import FootnoteMark, Ref, Str, walk
from .text import Text

HAN_LANGS = ("zh", "ja")  # languages written with Han characters (primary subtag)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_URL = re.compile(r"https?://\S+")
# 53,308,263.62 | 1.5 | 2017 (a comma groups digits only when three digits follow it)
_NUMBER = re.compile(r"(?<![\d.])(?<!\d,)(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?")
# full-width digits, point, comma and percent sign as their ASCII forms (NFKC would also turn the
# Chinese comma "，" into "," and glue "，2024" into a grouped number)
_HALF_WIDTH = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "％": "%"})
_ZH_MULTIPLIER = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
_EN_MULTIPLIER = re.compile(r"\s*(thousand|million|billion)\b", re.IGNORECASE)
_EN_FACTORS = {"thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
# "May" is a month only next to a number ("May 2020", "19 May")
_MONTH = re.compile(r"\b(January|February|March|April|June|July|August|September|October|November|December"
                    r"|May(?=\s+\d)|(?<=\d\s)May)\b")


def _is_han_lang(lang: str) -> bool:
    return lang.split("-")[0] in HAN_LANGS


def literal(nodes) -> str:
    """The characters a reader sees, without references and marks (link texts included)."""
    return "".join(n.text for n in walk(nodes) if isinstance(n, Str))


def numbers(text: str, lang: str) -> dict[Decimal, str]:
    """The numbers of a text, normalized, each with the way it was written (for messages)."""
    text = _URL.sub(" ", text).translate(_HALF_WIDTH)
    found: dict[Decimal, str] = {}
    for m in _NUMBER.finditer(text):
        try:
            value = Decimal(m.group(0).replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only matches digits
            continue
        written, after = m.group(0), text[m.end():]
        if after[:1] in _ZH_MULTIPLIER:
            value *= _ZH_MULTIPLIER[after[0]]
            written += after[0]
        elif (word := _EN_MULTIPLIER.match(after)) and not _is_han_lang(lang):
            value *= _EN_FACTORS[word.group(1).lower()]
            written += word.group(0)
        found.setdefault(value.normalize(), written)
    if not _is_han_lang(lang):
        for m in _MONTH.finditer(text):
            found.setdefault(Decimal(_MONTHS.index(m.group(1)) + 1), m.group(1))
    return found


def marks(nodes) -> list[str]:
    """Footnote marks and references in reading order: ``^fn-id``, ``@id``, ``#id``."""
    out = []
    for node in walk(nodes):
        if isinstance(node, FootnoteMark):
            out.append(f"^{node.id}")
        elif isinstance(node, Ref):
            out.append(f"{'#' if node.bare else '@'}{node.id}")
    return out


def _where(text: Text, lang: str):
    pos, _ = text.lang_pos.get(lang, (None, None))
    return pos or text.pos


def _show(values: dict[Decimal, str], keys) -> str:
    return ", ".join(values[k] for k in sorted(keys))


def check_text(text: Text, langs: list[str]) -> list[Diagnostic]:
    """The alignment problems of one text between the first of ``langs`` and each other."""
    present = [lang for lang in langs if lang in text.inlines]
    problems: list[Diagnostic] = []
    for lang in present:
        shown = _URL.sub(" ", literal(text.inlines[lang]))  # an address is the same in every language
        if "script" not in text.differs:
            if not _is_han_lang(lang) and (han := _HAN.search(shown)):
                problems.append(Diagnostic(_where(text, lang), f"Han character {han.group(0)!r} in the {lang} text "
                                           f"(write it in {lang}, or give the reason: differs: {{script: …}})"))
            elif _is_han_lang(lang) and not _HAN.search(shown) and _LATIN_LETTER.search(shown):
                problems.append(Diagnostic(_where(text, lang), f"the {lang} text has no Han character, only Latin "
                                           f"letters (translate it, or give the reason: differs: {{script: …}})"))
    if len(present) < 2:
        return problems
    base = present[0]
    base_numbers = numbers(literal(text.inlines[base]), base)
    base_marks = marks(text.inlines[base])
    for lang in present[1:]:
        where = _where(text, lang)
        if "numbers" not in text.differs:
            other = numbers(literal(text.inlines[lang]), lang)
            only_base, only_other = base_numbers.keys() - other.keys(), other.keys() - base_numbers.keys()
            if only_base or only_other:
                parts = []
                if only_base:
                    parts.append(f"{base} has {_show(base_numbers, only_base)} not found in {lang}")
                if only_other:
                    parts.append(f"{lang} has {_show(other, only_other)} not found in {base}")
                problems.append(Diagnostic(where, "numbers differ: " + "; ".join(parts)
                                           + " (fix the text, or give the reason: differs: {numbers: …})"))
        other_marks = marks(text.inlines[lang])
        if other_marks != base_marks and "marks" not in text.differs:
            if sorted(other_marks) == sorted(base_marks):
                problems.append(Diagnostic(where, f"footnote marks and references in another order than in {base}: "
                                           f"{' '.join(base_marks)} ({base}) vs {' '.join(other_marks)} ({lang})"))
            else:
                missing = [m for m in base_marks if m not in other_marks]
                extra = [m for m in other_marks if m not in base_marks]
                detail = "; ".join(filter(None, (
                    f"missing in {lang}: {' '.join('{' + m + '}' for m in missing)}" if missing else "",
                    f"not in {base}: {' '.join('{' + m + '}' for m in extra)}" if extra else "")))
                problems.append(Diagnostic(where, f"footnote marks and references differ from {base}: {detail}"))
    return problems
