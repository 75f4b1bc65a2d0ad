"""The PDF document: page template, running headers, footnote areas, metadata.

Headers are drawn when a page ends, because a part (main body, annex) is
known to start on a page only once its first flowable has been drawn there.
A part's first page has no header; on its other pages the header is the
symbol over ``header_prefix + N + header_suffix``, N counting from 1 in the
part. Output is reproducible: reportlab's invariant mode (fixed dates and
document id, or ``SOURCE_DATE_EPOCH``).
"""
from __future__ import annotations

import io

from reportlab.platypus import BaseDocTemplate, PageTemplate

from . import styles as S
from .flowables import draw_runs
from .footnotes import Footnotes, NoteFrame
from .text import Tone, Typesetter


class PartState:
    def __init__(self):
        self.part = None
        self.start = 0

    def begin(self, part, canv):
        self.part, self.start = part, canv.getPageNumber()


class PdfDocument(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, *, view, fonts, ts: Typesetter, notes: Footnotes, state: PartState):
        self.view, self.ts, self.notes, self.state = view, ts, notes, state
        super().__init__(
            buf, pagesize=S.PAGE, leftMargin=S.LEFT, rightMargin=S.RIGHT, topMargin=S.TOP, bottomMargin=S.BOTTOM,
            title=view.title, author=", ".join(view.authors), subject=view.symbol, creator="tareport",
            producer="tareport (reportlab)", lang=view.tag, displayDocTitle=1, invariant=1,
            initialFontName=fonts.latin.name, initialFontSize=11, keywords=[view.symbol])
        frame = NoteFrame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._page_begin, onPageEnd=self._page_end)])
        self.body_frame = frame

    def _page_begin(self, canv, doc):
        self.body_frame.begin_page()
        if canv.getPageNumber() == 1:
            canv.showOutline()

    def _page_end(self, canv, doc):
        self.notes.draw(canv, self.body_frame)
        part, page = self.state.part, canv.getPageNumber()
        if part is None or page == self.state.start:
            return
        n = page - self.state.start + 1
        size = 11
        right = S.PAGE[0] - S.RIGHT
        for i, line in enumerate((self.view.symbol, f"{part.header_prefix}{n}{part.header_suffix}")):
            text = self.ts.plain(line, Tone(size), "page header")
            xs, x = [], right - text.width
            for w in text.widths:
                xs.append(x)
                x += w
            draw_runs(canv, text, 0, len(text.chars), xs, S.HEADER_Y - i * size * 1.4, size, size * 1.4)
