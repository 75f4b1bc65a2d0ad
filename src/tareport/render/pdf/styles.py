"""The PDF's page geometry and leading, taken from the shared house style.

Every typographic decision (sizes, weights, indents, frames, colours) is
:mod:`tareport.render.style`'s; only the leading is the PDF's own, because
Word's "single" spacing comes from the font while a PDF sets it: Arial's
single spacing in English, the more open leading Chinese text needs.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color

from ..style import HouseStyle, Page, house_style, rgb

_PAGE = Page()
PAGE = (_PAGE.width, _PAGE.height)
LEFT, RIGHT, TOP, BOTTOM = _PAGE.left, _PAGE.right, _PAGE.top, _PAGE.bottom
HEADER_Y = PAGE[1] - _PAGE.header - 9.0  # baseline of the first header line (its top at the header distance)
TEXT_WIDTH = _PAGE.text_width
HEADER_SIZE = house_style(False).header.size


def color(hex_rgb: str | None) -> Color | None:
    return None if hex_rgb is None else Color(*rgb(hex_rgb))


@dataclass(frozen=True)
class Metrics:
    house: HouseStyle
    size: float
    leading: float
    para_space: float
    number_indent: float  # where a numbered paragraph's text starts
    list_step: float  # indent per list level
    small: float  # tables, sources
    small_leading: float
    note: float
    note_leading: float
    h_chapter: float
    h_section: float


def _metrics(cjk: bool, leading: float, small_leading: float, note_leading: float) -> Metrics:
    h = house_style(cjk)
    return Metrics(house=h, size=h.body.size, leading=leading, para_space=h.body.after,
                   number_indent=h.number_indent, list_step=h.list_step, small=h.table_text.size,
                   small_leading=small_leading, note=9, note_leading=note_leading,
                   h_chapter=h.headings["chapter"].size, h_section=h.headings["section"].size)


ZH = _metrics(True, leading=18, small_leading=14, note_leading=13)
EN = _metrics(False, leading=12.65, small_leading=11.0, note_leading=10.5)


def metrics(cjk: bool) -> Metrics:
    return ZH if cjk else EN
