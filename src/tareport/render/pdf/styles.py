"""Sizes, leading, indents and colours of the PDF, per script.

WIPO documents: A4, Arial 11 pt single spacing in English; SimSun (Song)
body and SimHei (Hei) headings in Chinese, with the more open leading that
Chinese text needs.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4

PAGE = A4
LEFT, RIGHT, TOP, BOTTOM = 70.0, 60.0, 82.0, 56.0
HEADER_Y = PAGE[1] - 42.0  # baseline of the first header line

FINDING_BG = Color(0.87, 0.91, 0.96)
QUOTE_BG = Color(0.94, 0.94, 0.94)
HEADER_ROW_BG = Color(0.88, 0.88, 0.88)


@dataclass(frozen=True)
class Metrics:
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


ZH = Metrics(size=11, leading=18, para_space=6, number_indent=28, list_step=22, small=9.5, small_leading=14,
             note=9, note_leading=13, h_chapter=14, h_section=12)
EN = Metrics(size=11, leading=13.5, para_space=11, number_indent=34, list_step=26, small=9.5, small_leading=11.5,
             note=9, note_leading=10.5, h_chapter=12, h_section=11)


def metrics(cjk: bool) -> Metrics:
    return ZH if cjk else EN
