"""Line breaking and justification for mixed Chinese and Latin text.

reportlab's ``wordWrap='CJK'`` lets lines start with ，；：！？》, hangs 。 past the
margin and leaves Chinese lines ragged, so the PDF renderer breaks lines
itself. The rules are those of clreq (W3C, Requirements for Chinese Text
Layout), with the character classes of :mod:`tareport.cjk`:

* a line may break between two wide characters, between a wide and a Latin
  character, and after a space;
* never before a character of ``NO_LINE_START`` (closing and pausing marks,
  so ``”，`` moves as a unit with the character before it) and never after
  one of ``NO_LINE_END`` (opening marks);
* Latin words and numbers are not split, except after a hyphen inside a
  word, and a single word wider than the line (a long URL) is cut, preferably
  after ``/ . - _ ? & =``;
* no break on either side of a no-break space, nor at positions the caller
  glues (a cross-reference such as ``图表 7`` is never broken);
* lines are filled greedily ("push in": a mark that does not fit takes the
  character before it to the next line; nothing hangs in the margin).

Justification spreads the free space of a line over its stretchable
boundaries: in Chinese, every boundary that touches a wide character (so
the columns line up), plus the spaces; in Latin text, the spaces only. The
last line of a paragraph and a line ending in a forced break stay natural.

This module is pure: characters and their widths in, line extents and
x positions out, so it is tested without fonts or PDF.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, islice
from operator import or_
from typing import Callable, Sequence

from tareport.cjk import NO_LINE_END, NO_LINE_START, is_wide

#: Where an over-long Latin word (a URL) is best cut: after one of these.
URL_BREAK_AFTER = frozenset("/.-_?&=#")
#: Characters that are doubled in Chinese and must not be split (——, ……).
_NO_SPLIT_PAIRS = frozenset("—…")
FORCED = "\n"
NO_BREAK_SPACE = "\u00a0"
_EPS = 1e-6


@dataclass(frozen=True)
class Line:
    """One line: characters ``start:end`` (trailing spaces excluded) of the text."""

    start: int
    end: int
    width: float  # natural width of start:end
    hard: bool  # ended by a forced break (or is the last line): not justified


def wide_char(char: str, cjk: bool) -> bool:
    """True for characters set as Chinese: wide ones, and in Chinese text the
    ambiguous-width punctuation (“ ” ‘ ’ · — …) that Chinese fonts set full-width."""
    return _WIDE[cjk][char]


_CJK_AMBIGUOUS = frozenset("“”‘’·—…‥※§")


class _WideTable(dict):
    """``wide_char(c, cjk)`` for the characters met so far, filled as they come (a C-level lookup)."""

    def __init__(self, cjk: bool):
        super().__init__()
        self.cjk = cjk

    def __missing__(self, char: str) -> bool:
        wide = self[char] = is_wide(char) or (self.cjk and char in _CJK_AMBIGUOUS)
        return wide


_WIDE = {True: _WideTable(True), False: _WideTable(False)}


def can_break(text: str, i: int, cjk: bool = True) -> bool:
    """May a line break between ``text[i]`` and ``text[i + 1]``?"""
    a, b = text[i], text[i + 1]
    if b == FORCED or a == FORCED:
        return False  # forced breaks are handled by the breaker itself
    if b in NO_LINE_START or a in NO_LINE_END or b == "/":  # a slash stays with what it follows (不知道/不可用)
        return False
    if a == NO_BREAK_SPACE or b == NO_BREAK_SPACE:
        return False
    if a == " ":
        # after a space, unless the line would then end with an opening mark ("‘  x")
        k = i
        while k > 0 and text[k - 1] == " ":
            k -= 1
        return b != " " and not (k > 0 and text[k - 1] in NO_LINE_END)
    if b == " ":
        return False
    if a == b and a in _NO_SPLIT_PAIRS:
        return False
    if wide_char(a, cjk) or wide_char(b, cjk):
        return True
    # inside a Latin word: only after a hyphen between letters (cross-cutting)
    return a == "-" and b.isalpha() and i > 0 and text[i - 1].isalpha()


def break_opportunities(text: str, cjk: bool = True) -> list[bool]:
    """``can_break(text, i, cjk)`` for every ``i``, in one pass (the breaker asks at every character).

    Between two ordinary characters (:data:`_SPECIAL` are the others) a break is allowed exactly when
    one of them is wide; that is worked out for the whole text at C speed, and the rule is applied in
    full only next to a special character (punctuation, a space, a hyphen ...)."""
    n = len(text)
    if n < 2:
        return []
    wide = list(map(_WIDE[cjk].__getitem__, text))
    out = list(map(or_, wide, wide[1:]))
    if not _SPECIAL_FOUND(text):
        return out
    no_start, no_end, pairs = NO_LINE_START, NO_LINE_END, _NO_SPLIT_PAIRS
    last = -1
    for m in _SPECIAL_AT(text):
        p = m.start()
        for i in (p - 1, p):  # the boundaries before and after the special character
            if i <= last or i < 0 or i >= n - 1:
                continue
            last = i
            a, b = text[i], text[i + 1]
            if b == FORCED or a == FORCED or b in no_start or a in no_end or b == "/" \
                    or a == NO_BREAK_SPACE or b == NO_BREAK_SPACE:
                out[i] = False
            elif a == " ":
                k = i
                while k > 0 and text[k - 1] == " ":
                    k -= 1
                out[i] = b != " " and not (k > 0 and text[k - 1] in no_end)
            elif b == " " or (a == b and a in pairs):
                out[i] = False
            elif wide[i] or wide[i + 1]:
                out[i] = True
            else:
                out[i] = a == "-" and b.isalpha() and i > 0 and text[i - 1].isalpha()
    return out


#: The characters next to which :func:`can_break` needs more than "is either side wide".
_SPECIAL = frozenset(NO_LINE_START | NO_LINE_END | _NO_SPLIT_PAIRS | {FORCED, "/", NO_BREAK_SPACE, " ", "-"})
_SPECIAL_RE = re.compile("[" + re.escape("".join(sorted(_SPECIAL))) + "]")
_SPECIAL_FOUND, _SPECIAL_AT = _SPECIAL_RE.search, _SPECIAL_RE.finditer


def _emergency_cut(text: str, start: int, stop: int) -> int:
    """Where to cut a word that does not fit: after the last URL delimiter
    before ``stop``, else at ``stop``; at least one character per line."""
    for k in range(stop - 1, start, -1):
        if text[k - 1] in URL_BREAK_AFTER and text[k] not in NO_LINE_START:
            return k
    return max(stop, start + 1)


def url_breaks(text: str) -> set[int]:
    """Extra break opportunities inside URLs and paths: after ``/ . - _ ? & = #``
    (the index is that of the character after the delimiter)."""
    out: set[int] = set()
    start = 0
    wide = _WIDE[True]
    for k in range(len(text) + 1):
        if k == len(text) or text[k] == " " or wide[text[k]]:
            word = text[start:k]
            if len(word) > 15 and ("/" in word or "www." in word):
                for j in range(start + 1, k - 1):
                    if text[j - 1] in URL_BREAK_AFTER and text[j] not in NO_LINE_START and text[j] not in URL_BREAK_AFTER:
                        out.add(j)
            start = k + 1
    return out


def break_lines(text: str, widths: Sequence[float], line_width: Callable[[int], float] | float,
                cjk: bool = True, glue: frozenset[int] | set[int] = frozenset()) -> list[Line]:
    """Break ``text`` (with the advance width of each character) into lines.

    ``line_width`` is the available width, or a function of the line index
    (a first line may be shorter or longer than the others). ``\\n`` forces a
    break. Spaces at the start of a continuation line and at the end of any
    line are dropped. ``glue`` holds the indices ``i`` where no break may fall
    between ``text[i]`` and ``text[i + 1]``.
    """
    avail_of = line_width if callable(line_width) else (lambda _i, w=line_width: w)
    n = len(text)
    # where a line may end: after the characters at break opportunities, not glued (ascending)
    breakable = break_opportunities(text, cjk)
    starts = {j + 1 for j in compress(range(n - 1), breakable)}
    if "/" in text:
        starts.update(k for k in url_breaks(text) if 0 < k < n)
    if glue:
        starts.difference_update(j + 1 for j in glue)
    opportunities = sorted(starts)
    lines: list[Line] = []
    i = 0
    while i < n:
        if lines:
            while i < n and text[i] == " ":
                i += 1
            if i >= n:
                break
        limit = avail_of(len(lines)) + _EPS
        over = _overflow(text, widths, i, n, limit)  # the first character that does not fit, or n
        forced = text.find(FORCED, i, over + 1)
        if forced != -1:  # a forced break on this line
            end, nxt, hard = forced, forced + 1, True
        elif over == n:  # the text ends on this line
            end, nxt, hard = n, n, True
        else:
            k = bisect_right(opportunities, over) - 1  # the last opportunity the line reaches
            cut = opportunities[k] if k >= 0 and opportunities[k] > i else _emergency_cut(text, i, over)
            end, nxt, hard = cut, cut, False
        while end > i and text[end - 1] == " ":
            end -= 1
        lines.append(Line(i, end, sum(widths[i:end]), hard))
        i = nxt
    if not lines:
        lines.append(Line(0, 0, 0.0, True))
    return lines


def _overflow(text: str, widths: Sequence[float], i: int, n: int, limit: float) -> int:
    """The first ``j > i`` whose character is not a space and whose right edge, the widths from ``i``
    added one by one, passes ``limit`` (``n`` if none does): where a line starting at ``i`` overflows."""
    size = 64
    while True:
        stop = min(n, i + size)
        edges = list(accumulate(islice(widths, i, stop)))  # the same sums, in the same order, as x += w
        k = bisect_right(edges, limit)
        if k < len(edges):
            j = i + max(k, 1)  # the first character always stays on its line
            while j < n and text[j] == " ":  # a space may hang in the margin; widths never shrink the sum
                j += 1
            if j < stop or j == n:
                return j
        if stop == n:
            return n
        size *= 4


def stretchable(text: str, k: int, cjk: bool) -> bool:
    """Does the boundary before ``text[k]`` take justification space?"""
    a, b = text[k - 1], text[k]
    if a == " ":
        return b != " "
    if not cjk or b == " ":
        return False
    return wide_char(a, cjk) or wide_char(b, cjk)


def positions(text: str, widths: Sequence[float], line: Line, avail: float, justify: bool,
              cjk: bool = True, max_stretch: float | None = None) -> tuple[list[float], float]:
    """The x position of each character of ``line`` (relative to the line start)
    and the justification space added at each stretchable boundary.

    A line that would need more than ``max_stretch`` per boundary (a line
    before a long URL) is left ragged rather than spaced out."""
    start, end = line.start, line.end
    stretch = None
    points = 0
    if justify and not line.hard and line.width < avail and end - start > 1:
        stretch = _stretch_flags(text[start:end], cjk)  # before start+1 .. end-1
        points = sum(stretch)
    extra = (avail - line.width) / points if points else 0.0
    if max_stretch is not None and extra > max_stretch:
        extra = 0.0
    if not extra:  # the widths added up from 0.0, as the loop below adds them
        return (list(accumulate(islice(widths, start, end - 1), initial=0.0)) if end > start else []), extra
    xs = []
    x = 0.0
    for k in range(start, end):
        if k > start and stretch[k - start - 1]:
            x += extra
        xs.append(x)
        x += widths[k]
    return xs, extra


def _stretch_flags(line: str, cjk: bool) -> list[bool]:
    """``stretchable(line, k, cjk)`` for k = 1 .. len(line) - 1: away from spaces, a boundary stretches in
    Chinese text when either side is wide (worked out at C speed); next to a space, by the space rule."""
    n = len(line)
    if cjk:
        wide = list(map(_WIDE[True].__getitem__, line))
        flags = list(map(or_, wide, wide[1:]))
    else:
        flags = [False] * (n - 1)
    k = line.find(" ")
    while k != -1:  # the boundary before the space at k (index k - 1) never stretches, the one after it does
        if k > 0:  # unless another space follows
            flags[k - 1] = False
        if k < n - 1:
            flags[k] = line[k + 1] != " "
        k = line.find(" ", k + 1)
    return flags


#: A short label (a table cell) is best broken after punctuation (or the space after it), else after a space,
#: a slash or a hyphen.
_PUNCTUATION_AFTER = frozenset(",;:)、，；：。）」』】〉》")
_SOFT_AFTER = frozenset(" /-")


def widest_piece(text: str, widths: Sequence[float], cjk: bool = True,
                 glue: frozenset[int] | set[int] = frozenset()) -> float:
    """The width of the widest piece of ``text`` no line break may cut (a number, a word, ``2016/2017``, a
    Chinese character with the punctuation that sticks to it): the least width a table column needs."""
    widest = piece = 0.0
    for k, ch in enumerate(text):
        if ch not in (" ", FORCED):
            piece += widths[k]
        if ch in (" ", FORCED) or (k + 1 < len(text) and k not in glue and can_break(text, k, cjk)):
            widest, piece = max(widest, piece), 0.0
    return max(widest, piece)


def label_lines(text: str, widths: Sequence[float], width: float, cjk: bool = True,
                glue: frozenset[int] | set[int] = frozenset()) -> list[Line]:
    """Lines of a short text in a narrow column (a table cell, a tile), broken as a reader would: after
    punctuation, else at a space, a slash or a hyphen, whenever that takes no more lines (``我不知道/`` |
    ``不可用``, not ``我不知道/不`` | ``可用``); and balanced: two or three lines as even as their number
    allows, not a full line and a stray word. Prose (four lines or more) fills its lines. Each line of a text
    with forced breaks is treated alone."""
    out: list[Line] = []
    start = 0
    for end in [k for k, ch in enumerate(text) if ch == FORCED] + [len(text)]:
        part = text[start:end]
        inner = {k - start for k in glue if start <= k < end}
        for line in _label_lines(part, widths[start:end], width, cjk, inner):
            out.append(Line(line.start + start, line.end + start, line.width, line.hard))
        start = end + 1
    return out


def _label_lines(text: str, widths: Sequence[float], width: float, cjk: bool, glue: set[int]) -> list[Line]:
    lines = break_lines(text, widths, width, cjk, glue)
    n = len(lines)
    if not 2 <= n <= 3:  # one line, or prose: filled lines
        return lines
    after_punctuation = {k for k in range(len(text) - 1)
                         if (text[k] in _PUNCTUATION_AFTER and text[k + 1] != " ")
                         or (text[k] == " " and k > 0 and text[k - 1] in _PUNCTUATION_AFTER)}
    soft = after_punctuation | {k for k in range(len(text) - 1) if text[k] in _SOFT_AFTER}
    for allowed in (after_punctuation, soft):
        preferred = glue | (set(range(len(text) - 1)) - allowed)
        better = break_lines(text, widths, width, cjk, preferred)
        if len(better) == n and _uncut(better, text, cjk, preferred):
            lines, glue = better, preferred
            break
    lo, hi = max(widest_piece(text, widths, cjk, glue), sum(widths) / n), width
    for _ in range(12):  # the narrowest measure that still gives n lines
        mid = (lo + hi) / 2
        trial = break_lines(text, widths, mid, cjk, glue)
        if len(trial) <= n and _uncut(trial, text, cjk, glue):
            hi = mid
        else:
            lo = mid
    even = break_lines(text, widths, hi, cjk, glue)
    return even if len(even) == n and _uncut(even, text, cjk, glue) else lines


def _uncut(lines: list[Line], text: str, cjk: bool, glue) -> bool:
    """Does every line end at a break opportunity (no word cut because it did not fit)?"""
    for line, nxt in zip(lines, lines[1:]):
        k = nxt.start - 1
        if not (text[k] == " " or (k not in glue and can_break(text, k, cjk))):
            return False
    return True
