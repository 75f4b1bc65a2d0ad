"""Charts as vector drawings (``reportlab.graphics``) set in the document's embedded fonts.

Every label (categories, legend, data labels, axis ticks) is typeset by the
document's :class:`~.text.Typesetter`, so Chinese and Latin characters take
the same embedded faces as the body text, a missing glyph is an error naming
the chart, and the text is extractable. Long labels wrap with the document's
line breaker. The values printed are the view's (formatted by the catalog's
locale); the colours and proportions are :mod:`tareport.render.chartstyle`'s,
shared with the Word renderer.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.shapes import Drawing, Line, Rect, String, Wedge
from reportlab.lib.colors import Color
from reportlab.platypus import KeepTogether, Spacer

from tareport.view import ChartV, Span

from .. import chartstyle as style
from . import styles as S
from .linebreak import break_lines
from .text import Text, Tone, Typesetter

SIZE = style.FONT_SIZE
LEADING = SIZE * 1.25
_PAD = 4.0  # between a label and what it labels


def colour(hex_colour: str) -> Color:
    return Color(*style.rgb(hex_colour))


@dataclass
class Label:
    """A typeset label broken into lines: ``lines`` are ``(start, end, width)`` of ``text``."""

    text: Text
    lines: list[tuple[int, int, float]]

    @property
    def width(self) -> float:
        return max((w for _, _, w in self.lines), default=0.0)

    @property
    def height(self) -> float:
        return len(self.lines) * LEADING


class ChartDrawing:
    """Builds the drawing of one chart at a given width."""

    def __init__(self, c: ChartV, ts: Typesetter, cjk: bool, width: float, where: str):
        self.c, self.ts, self.cjk, self.width, self.where = c, ts, cjk, width, where
        self.shapes: list = []

    # -- text
    def label(self, string: str, max_width: float | None = None, size: float = SIZE) -> Label:
        text = self.ts.spans([Span("text", string)], Tone(size), self.where)
        if max_width is None:
            return Label(text, [(0, len(text.chars), text.width)])
        lines = break_lines(text.chars, text.widths, max_width, self.cjk, text.glue)
        if len(lines) > 1:  # balance the lines rather than leave one character on the last
            even = break_lines(text.chars, text.widths, text.width / len(lines) + 2 * size, self.cjk, text.glue)
            if len(even) == len(lines):
                lines = even
        return Label(text, [(ln.start, ln.end, ln.width) for ln in lines])

    def draw(self, label: Label, x: float, top: float, align: str = "left", fill: str = style.TEXT) -> None:
        """Draw ``label`` with its first line's top at ``top``; ``x`` is its left, right or centre."""
        t = label.text
        for n, (start, end, width) in enumerate(label.lines):
            left = {"left": x, "right": x - width, "center": x - width / 2}[align]
            baseline = top - n * LEADING - (LEADING + 0.74 * SIZE) / 2
            k, pos = start, left
            while k < end:
                st = t.styles[k]
                j = k + 1
                while j < end and t.styles[j] is st:
                    j += 1
                run = st.draw_as * (j - k) if st.draw_as else t.chars[k:j]
                if run.strip():
                    self.shapes.append(String(pos, baseline, run, fontName=st.font, fontSize=st.size,
                                              fillColor=colour(fill)))
                pos += sum(t.widths[k:j])
                k = j

    # -- legend
    def legend_items(self) -> list[tuple[str, str]]:
        c = self.c
        if c.kind == "pie":
            return [(style.colour(i), name) for i, name in enumerate(c.categories)]
        return [(style.colour(i), s.name or "") for i, s in enumerate(c.series)]

    def legend_rows(self, width: float) -> list[list[tuple[str, Label]]]:
        """Legend entries in rows across ``width``; an entry too long for a row has a row (and lines) of its own."""
        rows: list[list[tuple[str, Label]]] = []
        used = width + 1
        for fill, name in self.legend_items():
            lab = self.label(name, width - 14)
            need = 14 + lab.width + 12
            if len(lab.lines) > 1 or used + need > width:
                rows.append([])
                used = 0.0
            rows[-1].append((fill, lab))
            used += need
        return rows

    def legend_height(self, width: float) -> float:
        return sum(max(lab.height for _, lab in row) + 3 for row in self.legend_rows(width))

    def draw_legend_rows(self, rows, x0: float, top: float, width: float) -> None:
        """The rows as one block, centred; its rows start at the same x."""
        y = top
        block = max(sum(14 + lab.width + 12 for _, lab in row) - 12 for row in rows)
        for row in rows:
            x = x0 + max(0.0, (width - block) / 2)
            for fill, lab in row:
                self.shapes.append(Rect(x, y - LEADING / 2 - 4, 8, 8, fillColor=colour(fill), strokeColor=None))
                self.draw(lab, x + 12, y)
                x += 14 + lab.width + 12
            y -= max(lab.height for _, lab in row) + 3

    # -- kinds
    def build(self) -> Drawing:
        if self.c.kind == "pie":
            height = self.pie()
        elif self.c.kind == "bar":
            height = self.columns()
        else:
            height = self.bars()
        d = Drawing(self.width, height)
        d.initialFontName = self.ts.fonts.latin.name  # never reportlab's unembedded default font
        d.initialFontSize = SIZE
        for shape in self.shapes:
            d.add(shape)
        return d

    def pie(self) -> float:
        c, w = self.c, self.width
        series = c.series[0]
        legend = c.legend
        items = [(fill, self.label(name, w * 0.38)) for fill, name in self.legend_items()] if legend != "none" else []
        side = legend in ("right", "none")
        legend_w = max((lab.width for _, lab in items), default=0.0) + 14 if legend == "right" else 0.0
        legend_h = sum(lab.height + 3 for _, lab in items) if legend == "right" else (
            self.legend_height(w) if items else 0.0)
        ring = 2 * (SIZE + 10)  # room for the labels outside the pie
        diameter = style.SIZES.pie - ring
        height = max(diameter + ring, legend_h + 10) + (0 if side else legend_h + 8)
        area = w - legend_w - 20 if legend == "right" else w
        cx = area / 2
        cy = height - (diameter + ring) / 2
        r = diameter / 2
        total = sum((Decimal(v) for v in series.values), Decimal(0)) or Decimal(1)
        angle = 90.0
        for i, (value, printed) in enumerate(zip(series.values, series.labels)):
            sweep = float(Decimal(value) / total) * 360.0
            start, end = angle - sweep, angle
            if sweep > 0:
                self.shapes.append(Wedge(cx, cy, r, start, end, fillColor=colour(style.colour(i)),
                                         strokeColor=colour("FFFFFF"), strokeWidth=1))
            if c.data_labels and sweep > 0:
                mid = math.radians((start + end) / 2)
                lab = self.label(printed)
                lx, ly = cx + (r + 8) * math.cos(mid), cy + (r + 8) * math.sin(mid)
                align = "left" if math.cos(mid) > 0.25 else "right" if math.cos(mid) < -0.25 else "center"
                self.draw(lab, lx, ly + LEADING / 2 + (LEADING / 2 if math.sin(mid) > 0.9 else 0)
                          - (LEADING / 2 if math.sin(mid) < -0.9 else 0), align)
            angle = start
        if legend == "right":
            x = w - legend_w
            y = cy + legend_h / 2
            for fill, lab in items:
                self.shapes.append(Rect(x, y - LEADING / 2 - 4, 8, 8, fillColor=colour(fill), strokeColor=None))
                self.draw(lab, x + 12, y)
                y -= lab.height + 3
        elif items:
            self.draw_legend_rows(self.legend_rows(w), 0, legend_h + 2 if legend == "bottom" else height, w)
        return height

    def bars(self) -> float:
        """Horizontal bars: grouped (one bar per series), single, or 100% stacked."""
        c, w = self.c, self.width
        stacked = c.kind == "stacked-hbar"
        legend = c.legend if c.legend in ("bottom", "top") else "none"
        rows = self.legend_rows(w) if legend != "none" else []
        legend_h = self.legend_height(w) + 6 if rows else 0.0
        labels = [self.label(name, w * 0.36) for name in c.categories]
        label_w = max(lab.width for lab in labels) + 2 * _PAD
        values_w = 0.0 if stacked or not c.data_labels else max(
            self.label(text).width for s in c.series for text in s.labels) + _PAD + 2
        x0, x1 = label_w, w - values_w - 4
        bars = 1 if stacked else len(c.series)
        bar = style.SIZES.bar
        bands = [max(bars * bar + style.SIZES.group_gap, lab.height + 6) for lab in labels]
        axis_h = LEADING + 4
        plot_h = sum(bands)
        height = plot_h + axis_h + legend_h + 4
        top = height - 4 - (legend_h if legend == "top" else 0)
        bottom = top - plot_h
        maximum = float(c.axis.maximum)
        scale = (x1 - x0) / maximum if maximum else 0.0
        for value, printed in c.axis.ticks:
            x = x0 + float(value) * scale
            if value:
                self.shapes.append(Line(x, bottom, x, top, strokeColor=colour(style.GRID), strokeWidth=0.5))
            self.draw(self.label(printed), x, bottom - 2, "center")
        y = top
        for i, (lab, band) in enumerate(zip(labels, bands)):
            self.draw(lab, x0 - _PAD, y - (band - lab.height) / 2, "right")
            group_h = bars * bar
            by = y - (band - group_h) / 2
            left = x0
            for k, s in enumerate(c.series):
                value = float(s.values[i])
                fill = style.colour(k)
                length = value * scale
                if stacked:
                    self.shapes.append(Rect(left, by - bar, length, bar, fillColor=colour(fill), strokeColor=None))
                    if c.data_labels:
                        text = self.label(s.labels[i])
                        if text.width + 2 <= length:
                            self.draw(text, left + length / 2, by - bar / 2 + LEADING / 2, "center", style.text_on(fill))
                    left += length
                else:
                    self.shapes.append(Rect(x0, by - bar, length, bar, fillColor=colour(fill), strokeColor=None))
                    if c.data_labels:
                        self.draw(self.label(s.labels[i]), x0 + length + 3, by - bar / 2 + LEADING / 2, "left")
                    by -= bar
            y -= band
        self.shapes.append(Line(x0, bottom, x0, top, strokeColor=colour(style.AXIS), strokeWidth=0.75))
        if rows:
            self.draw_legend_rows(rows, 0, legend_h - 4 if legend == "bottom" else height, w)
        return height

    def columns(self) -> float:
        """Vertical bars: categories along the bottom, values up."""
        c, w = self.c, self.width
        legend = c.legend if c.legend in ("bottom", "top") else "none"
        rows = self.legend_rows(w) if legend != "none" else []
        legend_h = self.legend_height(w) + 6 if rows else 0.0
        ticks = [self.label(printed) for _, printed in c.axis.ticks]
        axis_w = max(t.width for t in ticks) + _PAD + 2
        x0, x1 = axis_w, w
        band = (x1 - x0) / len(c.categories)
        labels = [self.label(name, band - 4) for name in c.categories]
        labels_h = max(lab.height for lab in labels) + 4
        plot_h = 170.0
        height = plot_h + labels_h + legend_h + LEADING + 4
        top = height - LEADING - (legend_h if legend == "top" else 0)
        bottom = top - plot_h
        maximum = float(c.axis.maximum)
        scale = plot_h / maximum if maximum else 0.0
        for (value, _), lab in zip(c.axis.ticks, ticks):
            y = bottom + float(value) * scale
            if value:
                self.shapes.append(Line(x0, y, x1, y, strokeColor=colour(style.GRID), strokeWidth=0.5))
            self.draw(lab, x0 - _PAD, y + LEADING / 2, "right")
        n = len(c.series)
        bar = min(60.0, band * 0.62 / n)  # Word's gap width of 60%
        for i, lab in enumerate(labels):
            left = x0 + i * band + (band - n * bar) / 2
            for k, s in enumerate(c.series):
                length = float(s.values[i]) * scale
                self.shapes.append(Rect(left, bottom, bar, length, fillColor=colour(style.colour(k)), strokeColor=None))
                if c.data_labels:
                    self.draw(self.label(s.labels[i]), left + bar / 2, bottom + length + LEADING, "center")
                left += bar
            self.draw(lab, x0 + i * band + band / 2, bottom - 3, "center")
        self.shapes.append(Line(x0, bottom, x1, bottom, strokeColor=colour(style.AXIS), strokeWidth=0.75))
        if rows:
            self.draw_legend_rows(rows, 0, legend_h - 4 if legend == "bottom" else height, w)
        return height


def chart_drawing(c: ChartV, ts: Typesetter, cjk: bool, width: float) -> Drawing:
    """The vector drawing of chart ``c`` at ``width`` points."""
    drawing = ChartDrawing(c, ts, cjk, width, c.label.rstrip(".")).build()
    drawing.hAlign = "LEFT"
    return drawing


def chart_flowables(layout, c: ChartV) -> list:
    """Caption, drawing, note and source, kept on one page (the source never starts a page alone)."""
    m = layout.m
    layout.where = c.label.rstrip(".")
    width = S.PAGE[0] - S.LEFT - S.RIGHT
    parts = [layout.caption(c.label, c.caption, c.anchor),
             chart_drawing(c, layout.ts, layout.cjk, width), Spacer(1, 4)]
    if c.note:
        parts.append(layout.small(c.note, space_after=2))
    if c.source:
        parts.append(layout.small(c.source))
    return [KeepTogether(parts), Spacer(1, m.para_space)]
