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
        record = getattr(canv, "layout_record", None)
        if record is not None:
            record.append(dict(kind="part", page=self.start))


class PdfDocument(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, *, view, fonts, ts: Typesetter, notes: Footnotes, state: PartState,
                 record: list | None = None):
        self.view, self.ts, self.notes, self.state, self.record = view, ts, notes, state, record
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
        if self.record is not None:
            canv.layout_record = self.record
            self.record.append(dict(kind="page", page=canv.getPageNumber(), top=self.body_frame._y2,
                                    bottom=self.body_frame._y1))
        if canv.getPageNumber() == 1:
            canv.showOutline()

    def _page_end(self, canv, doc):
        if self.record is not None:  # where the body text may end on this page, above its footnotes
            self.record.append(dict(kind="page_end", page=canv.getPageNumber(), bottom=self.body_frame._y1p))
        self.notes.draw(canv, self.body_frame)
        part, page = self.state.part, canv.getPageNumber()
        if part is None or page == self.state.start:
            return
        n = page - self.state.start + 1
        size = S.HEADER_SIZE
        right = S.PAGE[0] - S.RIGHT
        for i, line in enumerate((self.view.symbol, f"{part.header_prefix}{n}{part.header_suffix}")):
            text = self.ts.plain(line, Tone(size), "page header")
            xs, x = [], right - text.width
            for w in text.widths:
                xs.append(x)
                x += w
            draw_runs(canv, text, 0, len(text.chars), xs, S.HEADER_Y - i * size * 1.15, size, size * 1.15)
