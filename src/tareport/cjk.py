"""East Asian character classes shared by the model and the renderers.

Which characters are "wide" (CJK ideographs, kana, hangul, full-width
punctuation) decides how line breaks in content are folded, which font a
run needs, and where a line may break. The classes follow Unicode's East
Asian Width property (UAX #11) and the Chinese line-breaking rules of the
W3C "Requirements for Chinese Text Layout" (clreq): no line starts with a
closing or pausing mark, no line ends with an opening mark.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Marks that may not start a line (closing brackets and quotes, pausing and
#: stop marks, iteration marks, small kana); clreq 3.1.6 plus ASCII equivalents.
NO_LINE_START = frozenset(
    "，。、；：！？）》」』】〕〗〙〛｝〉”’"
    "…‥·・ー々〻ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.;:!?)]}%'\"" "％"
)
#: Marks that may not end a line (opening brackets and quotes).
NO_LINE_END = frozenset("（《「『【〔〖〘〚｛〈“‘([{$￥")

_ASCII_TO_FULLWIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


@lru_cache(maxsize=4096)
def is_wide(char: str) -> bool:
    """True for East Asian wide or full-width characters (CJK text)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def fold_line_breaks(text: str, before: str = "", after: str = "") -> str:
    """Fold source line breaks: removed next to a wide character, else one space.

    ``before``/``after`` are the characters just outside ``text`` (for a piece
    of a larger text), so that a break at its edge is folded correctly.
    """
    if "\n" not in text:
        return text

    def repl(match: re.Match) -> str:
        left = text[match.start() - 1] if match.start() > 0 else before[-1:]
        right = text[match.end()] if match.end() < len(text) else after[:1]
        if (left and is_wide(left)) or (right and is_wide(right)):
            return ""
        return " " if left and right else ""

    return re.sub(r"[ \t]*\n[ \t\n]*", repl, text)


def split_runs(text: str) -> list[tuple[bool, str]]:
    """Split text into (is_wide, run) pieces, for renderers that pick a font per run.

    Spaces stay with the run they follow, so a run boundary never moves a space.
    """
    runs: list[tuple[bool, str]] = []
    for char in text:
        wide = is_wide(char) if not char.isspace() else (runs[-1][0] if runs else False)
        if runs and runs[-1][0] == wide:
            runs[-1] = (wide, runs[-1][1] + char)
        else:
            runs.append((wide, char))
    return runs


def fullwidth_punctuation(text: str) -> str:
    """Turn ASCII , ; : ! ? that follow a wide character into their full-width forms.

    Chinese text takes full-width punctuation; Latin words, numbers and their
    own punctuation (``3.5``, ``a, b``) are left as written. Brackets are left
    alone: an inline enumeration such as ``；(ii)`` is printed with ASCII
    brackets in official texts.
    """
    chars = list(text)
    for i, char in enumerate(chars):
        full = _ASCII_TO_FULLWIDTH.get(char)
        if not full:
            continue
        left = chars[i - 1] if i else ""
        if left and is_wide(left):
            chars[i] = full
    return "".join(chars)
