"""Table column widths, decided once for Word and the PDF: a number or a word is never cut.

Each renderer measures its cells (the PDF with its embedded fonts, Word with
the advance widths of Arial and of the CJK faces, :func:`text_width`) and
gives, per column, the width its longest cell text needs on one line
(``natural``) and the width of its widest unbreakable piece: a number
(``688,698``), a word (``Baseline``), ``2016/2017``, a Chinese character with
the punctuation that sticks to it (``minimum``). The columns then get:

- their natural widths stretched to the text width, when these fit;
- else at least their minimum, and the rest of the line in proportion to
  what each needs beyond it (the automatic table layout of CSS): a long label
  wraps, a number column keeps its numbers whole;
- only when even the minimums do not fit, the minimums scaled down.

A short label (``伦理原则``, ``Ethical principle``: no wider than half a
column's even share of the line) is itself unbreakable: breaking it would
look like an accident (``伦理原`` | ``则``).
"""
from __future__ import annotations

from typing import Sequence

from tareport.cjk import NO_LINE_END, NO_LINE_START, is_wide

#: Advance widths of Arial (Liberation Sans) in em, for the characters tables hold most; others count 0.6 em.
_ARIAL = {**dict.fromkeys("0123456789", 0.556), " ": 0.278, ",": 0.278, ".": 0.278, ":": 0.278, ";": 0.278,
          "/": 0.278, "-": 0.333, "(": 0.333, ")": 0.333, "%": 0.889, "*": 0.389,
          **dict.fromkeys("ijl", 0.222), **dict.fromkeys("ftI", 0.278), "r": 0.333, "J": 0.5,
          **dict.fromkeys("abcdeghknopqsuvxyz", 0.556), "m": 0.833, "w": 0.722, "M": 0.833, "W": 0.944,
          **dict.fromkeys("ABEKPSVXY", 0.667), **dict.fromkeys("CDHNRUw", 0.722), **dict.fromkeys("GOQ", 0.778),
          "F": 0.611, "L": 0.556, "T": 0.611, "Z": 0.611}
#: Chinese fonts set these full width.
_WIDE_PUNCTUATION = frozenset("“”‘’·—…")


def char_width(ch: str, size: float, cjk: bool, bold: bool = False) -> float:
    """The advance of ``ch`` at ``size`` points (bold Arial is about 5% wider)."""
    if is_wide(ch) or (cjk and ch in _WIDE_PUNCTUATION):
        return size
    return _ARIAL.get(ch, 0.6) * size * (1.06 if bold else 1.0)


def pieces(text: str, cjk: bool) -> list[str]:
    """``text`` cut where a line may break in a table cell: at spaces and around Chinese characters (never
    before closing or after opening punctuation), never inside a Latin word or number (``2016/2017``)."""
    out, current = [], ""
    for k, ch in enumerate(text):
        if ch == " ":
            if current:
                out.append(current)
            current = ""
            continue
        nxt = text[k + 1] if k + 1 < len(text) else ""
        current += ch
        wide = is_wide(ch) or (cjk and ch in _WIDE_PUNCTUATION)
        next_wide = bool(nxt) and (is_wide(nxt) or (cjk and nxt in _WIDE_PUNCTUATION))
        if nxt and (wide or next_wide) and nxt not in NO_LINE_START and ch not in NO_LINE_END and nxt != "/":
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def text_width(text: str, size: float, cjk: bool, bold: bool = False) -> tuple[float, float]:
    """``(natural, minimum)`` widths of ``text`` in points, by Arial's and the CJK faces' advances."""
    natural = sum(char_width(ch, size, cjk, bold) for ch in text)
    minimum = max((sum(char_width(ch, size, cjk, bold) for ch in p) for p in pieces(text, cjk)), default=0.0)
    return natural, minimum


def cell_minimum(natural: float, minimum: float, total: float, ncols: int) -> float:
    """The least width a cell's text needs: all of it for a short label, else its widest piece."""
    return natural if natural <= total / (2 * ncols) else minimum


def column_widths(natural: Sequence[float], minimum: Sequence[float], total: float) -> list[float]:
    """Widths of the columns (padding included in the measures) that fill ``total``."""
    natural = [max(n, m) for n, m in zip(natural, minimum)]
    if sum(natural) <= total:
        scale = total / (sum(natural) or 1.0)
        return [n * scale for n in natural]
    if sum(minimum) >= total:
        scale = total / (sum(minimum) or 1.0)
        return [m * scale for m in minimum]
    room = total - sum(minimum)
    extra = [n - m for n, m in zip(natural, minimum)]
    return [m + e * room / (sum(extra) or 1.0) for m, e in zip(minimum, extra)]
