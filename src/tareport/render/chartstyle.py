"""How charts look, defined once for the Word and the PDF renderer: colours and proportions.

The colours run from dark to light blue, then warm, then grey, so that an
answer scale (very high ... very low, don't know) reads as a scale and the
series of a grouped chart stay apart in print and in greyscale. Sizes are in
points; both renderers draw a chart at the width of the text column with
these bar thicknesses and gaps, so a chart has much the same shape in Word
(where the height is set here) and in PDF (where it follows the labels).
"""
from __future__ import annotations

from dataclasses import dataclass

#: Series (bars) or points (pie slices) take these colours in order.
PALETTE = ("1F4E79", "4A8BC4", "A9CBE8", "F2B880", "D9641E", "A6A6A6", "5B8C3A", "7F6A9E")
GRID = "D9D9D9"  # value-axis gridlines
AXIS = "808080"  # axis lines
TEXT = "262626"  # labels, legend, ticks

FONT_SIZE = 9.0  # labels, legend and axis ticks, in points


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))


def text_on(hex_colour: str) -> str:
    """Black or white, whichever reads on a fill of ``hex_colour``."""
    r, g, b = rgb(hex_colour)
    return "FFFFFF" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else TEXT


@dataclass(frozen=True)
class Proportions:
    bar: float = 11.0  # thickness of one bar
    group_gap: float = 9.0  # between the groups of bars of two categories
    axis: float = 24.0  # value-axis tick labels below the plot
    legend_line: float = 13.0  # one line of legend
    pie: float = 190.0  # height of a pie chart


SIZES = Proportions()


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of a label's width (East Asian characters 1 em, others about half)."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.52 for ch in text)


def line_count(text: str, width: float, size: float = FONT_SIZE) -> int:
    """An estimate of the lines ``text`` takes when wrapped in ``width`` points."""
    return max(1, -(-int(text_width(text, size)) // max(int(width), 1)))


def chart_height(kind: str, categories: int, series: int, legend_lines: int = 0, label_lines: int = 1) -> float:
    """The height of a chart in points (its width is the text column's).

    ``label_lines``: the most lines a wrapped category label takes (bar charts).
    """
    if kind == "pie":
        return max(SIZES.pie, legend_lines * SIZES.legend_line + 20)
    if kind == "bar":
        return 200.0 + legend_lines * SIZES.legend_line
    bars = 1 if kind == "stacked-hbar" else series
    per_category = bars * SIZES.bar + SIZES.group_gap
    per_category = max(per_category, label_lines * (FONT_SIZE + 2) + 8)  # room for a wrapped category label
    return categories * per_category + SIZES.axis + 16 + legend_lines * SIZES.legend_line
