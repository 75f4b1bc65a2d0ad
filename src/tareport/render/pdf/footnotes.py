"""Footnotes at the foot of the page that references them.

The body frame is a :class:`NoteFrame`: when a line holding a footnote mark
is drawn, the note's height (plus the separator rule, for the page's first
note) is taken off the bottom of the frame, so later text can never run into
the notes. Before drawing, a text block checks that its lines *and* their
new notes fit; if not it splits, so the referencing line moves to the next
page together with its note. A note is printed once, on the page of its
first reference; the notes are drawn when the page ends.
"""
from __future__ import annotations

from reportlab.platypus import Frame

SEPARATOR_SPACE = 10.0  # the rule and the space around it
NOTE_GAP = 2.0
RULE_LENGTH = 144.0


class NoteFrame(Frame):
    """A frame whose usable bottom rises as footnotes are placed on its page."""

    def begin_page(self):
        self.notes: list[str] = []
        self._geom()  # restores the bottom (frames are reused from page to page)

    def reserve(self, height: float):
        self._y1p += height

    @property
    def reserved(self) -> float:
        return self._y1p - (self._y1 + self._bottomPadding)


class Footnotes:
    """The footnote texts of a document (text blocks keyed by footnote id)."""

    def __init__(self, blocks: dict):
        self.blocks = blocks
        self.printed: set[str] = set()
        self._heights: dict[tuple[str, float], float] = {}

    def height(self, fid: str, width: float) -> float:
        key = (fid, width)
        if key not in self._heights:
            self._heights[key] = self.blocks[fid].wrap(width, 1e6)[1]
        return self._heights[key]

    def new(self, ids, frame) -> list[str]:
        on_page = getattr(frame, "notes", [])
        return [f for f in dict.fromkeys(ids) if f in self.blocks and f not in self.printed and f not in on_page]

    def need(self, ids, frame) -> float:
        """Height that the notes ``ids`` would add to the page of ``frame``."""
        new = self.new(ids, frame)
        if not new:
            return 0.0
        h = sum(self.height(f, frame._aW) + NOTE_GAP for f in new)
        return h + (SEPARATOR_SPACE if not getattr(frame, "notes", None) else 0.0)

    def place(self, ids, frame):
        """The lines referencing ``ids`` are being drawn on this page: reserve their notes."""
        if not isinstance(frame, NoteFrame):
            return
        h = self.need(ids, frame)
        new = self.new(ids, frame)
        if new:
            frame.notes.extend(new)
            frame.reserve(h)

    def draw(self, canv, frame):
        """Draw the page's notes in the reserved space at the bottom of the frame."""
        if not isinstance(frame, NoteFrame) or not frame.notes:
            return
        bottom = frame._y1 + frame._bottomPadding
        y = bottom + frame.reserved
        x = frame._x1 + frame._leftPadding
        y -= SEPARATOR_SPACE
        canv.saveState()
        canv.setLineWidth(0.5)
        canv.line(x, y + SEPARATOR_SPACE * 0.55, x + RULE_LENGTH, y + SEPARATOR_SPACE * 0.55)
        canv.restoreState()
        for fid in frame.notes:
            block = self.blocks[fid]
            h = self.height(fid, frame._aW)
            block.wrap(frame._aW, 1e6)
            y -= h
            canv.bookmarkHorizontalAbsolute(f"fn-{fid}", y + h)
            block.drawOn(canv, x, y)
            y -= NOTE_GAP
            self.printed.add(fid)
