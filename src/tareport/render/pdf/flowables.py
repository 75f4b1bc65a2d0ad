"""Platypus flowables drawn with our own line breaking.

:class:`TextBlock` is a paragraph (optionally with a hanging label such as a
paragraph number or list marker) broken by :mod:`.linebreak`; it splits
between lines, takes its footnotes along (see :mod:`.footnotes`), and
draws links, bookmarks and outline entries. It never leaves fewer than
``min_split`` lines of a paragraph on either side of a page break (widows
and orphans). :class:`Framed` is a bordered and/or shaded box of flowables:
kept on one page when it fits there and moving it leaves no large band
(:data:`MAX_BAND`), else split between its children with its frame closed
at the foot of the page and reopened at the top of the next.

What is drawn is logged when the canvas carries a ``layout_record`` list
(:func:`log`): the layout's own record, from which tests measure widows,
orphans, split boxes and empty bands.
"""
from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Table

from ..style import CM, rgb
from ..style import Frame as BoxStyle
from .footnotes import NoteFrame
from .linebreak import break_lines, label_lines, positions
from .text import Text
from .textout import show

#: The largest empty band a keep-together rule may leave at the foot of a page.
MAX_BAND = 3.0 * CM


def log(canv, kind: str, flowable, **data) -> None:
    """Append what is being drawn (page, absolute top and bottom) to ``canv.layout_record`` if it exists."""
    record = getattr(canv, "layout_record", None)
    if record is None:
        return
    y0 = canv._currentMatrix[5]
    record.append(dict(kind=kind, page=canv.getPageNumber(), top=y0 + flowable.height, bottom=y0, **data))


class Outline:
    """Outline (bookmark) entries with levels kept consistent for reportlab."""

    def __init__(self):
        self.level = -1
        self.count = 0

    def add(self, canv, title: str, key: str, level: int):
        level = max(0, min(level, self.level + 1))
        canv.addOutlineEntry(title, key, level, closed=level >= 1)
        self.level = level
        self.count += 1


class NoteAware:
    """Mixin: check that footnotes fit with the content, and place them when drawn."""

    notes_ctx = None

    def note_ids(self) -> list[str]:
        return []

    def _note_need(self, ids=None) -> float:
        frame = getattr(self, "_frame", None)
        if self.notes_ctx is None or not isinstance(frame, NoteFrame):
            return 0.0
        return self.notes_ctx.need(self.note_ids() if ids is None else ids, frame)

    def _place_notes(self):
        frame = getattr(self, "_frame", None)
        if self.notes_ctx is not None and isinstance(frame, NoteFrame):
            self.notes_ctx.place(self.note_ids(), frame)

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(getattr(frame, "_atTop", False))


class TextBlock(NoteAware, Flowable):
    def __init__(self, text: Text, size: float, leading: float, *, cjk: bool, indent: float = 0.0,
                 first_indent: float = 0.0, right_indent: float = 0.0, align: str = "justify",
                 label: Text | None = None, label_x: float = 0.0, space_before: float = 0.0,
                 space_after: float = 0.0, keep_with_next: bool = False, anchors=(), outline=None,
                 notes_ctx=None, min_split: int = 2, role: str = "text", max_stretch: float | None = None):
        super().__init__()
        self.text, self.size, self.leading, self.cjk = text, size, leading, cjk
        self.indent, self.first_indent, self.right_indent, self.align = indent, first_indent, right_indent, align
        self.label, self.label_x = label, label_x
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.keepWithNext = keep_with_next
        self.anchors, self.outline = tuple(anchors), outline  # outline: (title, level, Outline)
        self.notes_ctx = notes_ctx
        self.min_split = min_split
        self.role = role  # text | heading | cell | note: what the layout record calls it
        self.max_stretch = max_stretch  # justification space per boundary beyond which a line stays ragged
        self._lines = None
        self._width = None
        self._first = True  # the piece holds the paragraph's first line
        self._origin, self._offset, self._total = self, 0, None  # the whole paragraph, this piece's first line

    # -- layout
    def _line_width(self, i: int) -> float:
        w = self._width - self.indent - self.right_indent
        return w - self.first_indent if i == 0 and self._first else w

    def lines(self, width: float):
        if self._lines is None or self._width != width:
            self._width = width
            text = self.text
            if self.role == "cell":  # a label in a column: broken where a reader would, lines balanced
                self._lines = label_lines(text.chars, text.widths, self._line_width(0), self.cjk, text.glue)
            else:
                self._lines = break_lines(text.chars, text.widths, self._line_width, self.cjk, text.glue)
        return self._lines

    def _notes_of(self, lines) -> list[str]:
        if not self.text.notes or not lines:
            return []
        lo, hi = lines[0].start, lines[-1].end
        return [fid for i, fid in self.text.notes if lo <= i < hi]

    def note_ids(self) -> list[str]:
        return self._notes_of(self._lines or [])

    def wrap(self, availWidth, availHeight):
        lines = self.lines(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.leading
        need = self._note_need()
        if need and self.height + need > availHeight:
            return availWidth, self.height + need
        return availWidth, self.height

    def _piece(self, lines, first: bool, last: bool) -> "TextBlock":
        piece = TextBlock(self.text, self.size, self.leading, cjk=self.cjk, indent=self.indent,
                          first_indent=self.first_indent, right_indent=self.right_indent, align=self.align,
                          label=self.label if first else None, label_x=self.label_x,
                          space_before=self.spaceBefore if first else 0.0,
                          space_after=self.spaceAfter if last else 0.0,
                          keep_with_next=self.keepWithNext if last else False,
                          anchors=self.anchors if first else (), outline=self.outline if first else None,
                          notes_ctx=self.notes_ctx, min_split=self.min_split, role=self.role,
                          max_stretch=self.max_stretch)
        piece._first = self._first and first
        piece._width = self._width
        piece._lines = lines
        piece._origin, piece._total = self._origin, self.total_lines()
        piece._offset = self._offset + (0 if first else len(self._lines) - len(lines))
        return piece

    def total_lines(self) -> int:
        return self._total if self._total is not None else len(self._lines or [])

    def split(self, availWidth, availHeight):
        """Lines that fit here and the rest, at least ``min_split`` lines on each side; ``[]`` moves the
        whole paragraph on (a paragraph of fewer than twice ``min_split`` lines is never split, except
        at the top of a page, where it is taller than the page)."""
        lines = self.lines(availWidth)
        n = len(lines)
        k = 0
        while k < n and (k + 1) * self.leading + self._note_need(self._notes_of(lines[:k + 1])) <= availHeight + 1e-6:
            k += 1
        if k >= n:
            return [self]
        at_top = self._at_top()
        if n < 2 * self.min_split:
            if not at_top:
                k = 0
        else:
            if n - k < self.min_split:
                k = n - self.min_split
            if k < self.min_split and not at_top:
                k = 0
        if k == 0:
            return []
        return [self._piece(lines[:k], True, False), self._piece(lines[k:], False, True)]

    # -- drawing
    def draw(self):
        canv = self.canv
        self._place_notes()
        if self._lines:
            extra = {}
            if self.role == "cell":  # each line with the spaces or forced break that end it
                ends = [l.start for l in self._lines[1:]] + [self._lines[-1].end]
                extra = {"text": [self.text.chars[l.start:e] for l, e in zip(self._lines, ends)],
                         "hard": [l.hard for l in self._lines]}
            log(canv, self.role, self, origin=id(self._origin), first=self._offset, lines=len(self._lines),
                total=self.total_lines(), leading=self.leading, **extra)
        top = self.height
        for key in self.anchors:
            canv.bookmarkHorizontal(key, 0, top + self.leading * 0.3)
        if self.outline:
            title, level, outline = self.outline
            key = f"outline-{outline.count}"
            canv.bookmarkHorizontal(key, 0, top + self.leading * 0.3)
            outline.add(canv, title, key, level)
        base = (self.leading + 0.74 * self.size) / 2
        text = self.text
        for n, line in enumerate(self._lines):
            first = n == 0 and self._first
            x0 = self.indent + (self.first_indent if first else 0.0)
            avail = self._line_width(n if self._first else n + 1)
            y = top - n * self.leading - base
            stretch = self.max_stretch if self.max_stretch is not None else self.size * (0.1 if self.cjk else 0.5)
            xs, _ = positions(text.chars, text.widths, line, avail, self.align == "justify", self.cjk, stretch)
            if self.align in ("center", "right"):
                shift = (avail - line.width) / (2 if self.align == "center" else 1)
                x0 += shift
            if first and self.label is not None:  # before the line: text extraction keeps the order
                lab = self.label
                lx, lxs = self.label_x, []
                for w in lab.widths:
                    lxs.append(lx)
                    lx += w
                draw_runs(canv, lab, 0, len(lab.chars), lxs, y, self.size, self.leading)
            draw_runs(canv, text, line.start, line.end, [x0 + x for x in xs], y, self.size, self.leading)


def draw_runs(canv, text: Text, start: int, end: int, xs, y: float, size: float, leading: float):
    """Draw characters ``start:end`` at x positions ``xs``, grouped into runs of one
    style and uniform spacing (so a justified Chinese line is a few text operators)."""
    if start >= end:
        return
    chars, styles, widths = text.chars, text.styles, text.widths
    tx = canv.beginText()
    cur_font = cur_space = cur_rise = cur_color = cur_mode = None
    links: list = []
    k = start
    while k < end:
        style = styles[k]
        if style is None or chars[k] == "\n":
            k += 1
            continue
        j = k + 1
        tc = None
        while j < end and styles[j] is style:
            gap = xs[j - start] - (xs[j - 1 - start] + widths[j - 1])
            if tc is None:
                tc = gap
            elif abs(gap - tc) > 1e-6:
                break
            j += 1
        tc = tc or 0.0
        run = style.draw_as * (j - k) if style.draw_as else chars[k:j]
        if run.strip():
            if (style.font, style.size) != cur_font:
                tx.setFont(style.font, style.size)
                cur_font = (style.font, style.size)
            if tc != cur_space:
                tx.setCharSpace(tc)
                cur_space = tc
            if style.rise != cur_rise:
                tx.setRise(style.rise)
                cur_rise = style.rise
            color = style.color or (0, 0, 0)
            if color != cur_color:
                tx.setFillColorRGB(*color)
                if style.fake_bold:
                    tx.setStrokeColorRGB(*color)
                cur_color = color
            mode = 2 if style.fake_bold else 0
            if mode != cur_mode:
                tx.setTextRenderMode(mode)
                cur_mode = mode
            tx.setTextOrigin(xs[k - start], y)
            show(tx, run)
        if style.url or style.dest:
            x1 = xs[k - start]
            x2 = xs[j - 1 - start] + widths[j - 1]
            key = (style.url, style.dest)
            if links and links[-1][0] == key and abs(links[-1][2] - x1) < 3 * size:
                links[-1][2] = x2
            else:
                links.append([key, x1, x2])
        k = j
    if cur_mode == 2:
        canv.setLineWidth(size * 0.035)
    canv.drawText(tx)
    for (url, dest), x1, x2 in links:
        rect = (x1, y - size * 0.25, x2, y + size * 0.85)
        if url:
            canv.linkURL(url, rect, relative=1, thickness=0)
        else:
            canv.linkRect("", dest, rect, relative=1, thickness=0)


class Framed(NoteAware, Flowable):
    """A box around flowables, drawn as the house style's :class:`~tareport.render.style.Frame` says.

    Kept on one page when it fits there (``keep_together``) and moving it on
    leaves no band over :data:`MAX_BAND`; else split between (or inside) its
    children, each piece framed on every side, a title never alone at a foot.
    """

    def __init__(self, children, style: BoxStyle, *, keep_together: bool = True, space_before: float = 6.0,
                 space_after: float = 8.0, notes_ctx=None, anchors=(), title: bool = False):
        super().__init__()
        self.children = list(children)
        self.style = style
        self.padding = style.padding
        self.keep_together = keep_together
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.notes_ctx = notes_ctx
        self.anchors = tuple(anchors)
        self.title = title  # the first child is the box's title: never left alone at the foot of a page
        self._origin = self
        self._sizes = []

    def note_ids(self):
        return first_notes(self.children)

    def _inner(self, width: float) -> float:
        return width - self.style.indent - self.style.right_indent - 2 * self.padding

    def _layout(self, width):
        inner = self._inner(width)
        sizes = []
        for i, c in enumerate(self.children):
            h = c.wrap(inner, 1e6)[1]
            before = c.getSpaceBefore() if i else 0.0
            after = c.getSpaceAfter() if i < len(self.children) - 1 else 0.0
            sizes.append((before, h, after))
        self._sizes = sizes
        return sum(b + h + a for b, h, a in sizes) + 2 * self.padding

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self._layout(availWidth)
        need = self._note_need()
        if need and self.height + need > availHeight:
            return availWidth, self.height + need
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        total = self._layout(availWidth)
        frame = getattr(self, "_frame", None)
        fits_a_page = total + self._note_need() <= getattr(frame, "_aH", 1e9)
        if self.keep_together and fits_a_page and not self._at_top() and availHeight <= MAX_BAND:
            return []
        inner = self._inner(availWidth)
        room = availHeight - 2 * self.padding - 1e-6
        first, used = [], 0.0
        rest = list(self.children)
        while rest:
            c = rest[0]
            before, h, after = self._sizes[len(first)] if len(first) < len(self._sizes) else (0, 0, 0)
            need = self.notes_ctx.need(first_notes(first + [c]), frame) if (self.notes_ctx and isinstance(frame, NoteFrame)) else 0.0
            if used + before + h + need <= room:
                first.append(rest.pop(0))
                used += before + h + after
                continue
            pieces = c.split(inner, room - used - before - need) if hasattr(c, "split") else []
            if len(pieces) >= 2:
                first.append(pieces[0])
                rest = list(pieces[1:]) + rest[1:]
            break
        if not first or not rest:
            return [] if not first else [self]
        if self.title and len(first) < 2 and not self._at_top():
            return []  # not a box title alone at the foot of a page
        kw = dict(keep_together=False, notes_ctx=self.notes_ctx)
        head = Framed(first, self.style, space_before=self.spaceBefore, space_after=0.0, anchors=self.anchors,
                      title=self.title, **kw)
        tail = Framed(rest, self.style, space_before=0.0, space_after=self.spaceAfter, **kw)
        head._origin = tail._origin = self._origin
        return [head, tail]

    def draw(self):
        canv = self.canv
        self._place_notes()
        st = self.style
        x, w, h = st.indent, self.width - st.indent - st.right_indent, self.height
        log(canv, "frame", self, origin=id(self._origin), sides=st.sides)
        for key in self.anchors:
            canv.bookmarkHorizontal(key, 0, h + 4)
        canv.saveState()
        if st.fill:
            canv.setFillColor(Color(*rgb(st.fill)))
            canv.rect(x, 0, w, h, stroke=0, fill=1)
        if st.line:
            canv.setLineWidth(st.line)
            canv.setStrokeColor(Color(*rgb(st.color)))
            if st.dashed:
                canv.setDash(3, 2)
            ends = {"top": (x, h, x + w, h), "bottom": (x, 0, x + w, 0), "left": (x, 0, x, h),
                    "right": (x + w, 0, x + w, h)}
            for side in st.sides:
                canv.line(*ends[side])
        canv.restoreState()
        y = h - self.padding
        for c, (before, ch, after) in zip(self.children, self._sizes):
            y -= before + ch
            c.drawOn(canv, x + self.padding, y)
            y -= after


class KeptTable(Table):
    """A data table that breaks only between rows, leaving at least :attr:`MIN_ROWS` of its body rows on
    each side of a page break: never one row, or only its source line, alone on the next page (the header
    rows repeat there). A table that cannot split so moves on whole, unless it starts the page.

    ``header``: the repeated header rows; ``body_end``: the row after the last body row (the notes and
    source rows below it stay with it).
    """

    MIN_ROWS = 2
    header = 0
    body_end: int | None = None
    origin: int | None = None

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        end = self.body_end if self.body_end is not None else len(heights)
        n = self._getFirstPossibleSplitRowPosition(availHeight)
        if n >= len(heights):
            return super().split(availWidth, availHeight)
        limit = min(n, end - self.MIN_ROWS)
        at_top = bool(getattr(getattr(self, "_frame", None), "_atTop", False))
        pieces = super().split(availWidth, sum(heights[:limit]) + 1e-6) if limit - self.header >= self.MIN_ROWS else []
        if len(pieces) != 2 or len(pieces[0]._cellvalues) - self.header < self.MIN_ROWS:
            return super().split(availWidth, availHeight) if at_top else []
        origin = self.origin if self.origin is not None else id(self)
        cut = len(pieces[0]._cellvalues)
        for piece, body_end in zip(pieces, (cut, self.header + end - cut)):
            piece.origin, piece.header, piece.body_end = origin, self.header, body_end
        return pieces

    def draw(self):
        self.height = self._height
        end = self.body_end if self.body_end is not None else len(self._cellvalues)
        log(self.canv, "table", self, origin=self.origin if self.origin is not None else id(self),
            rows=end - self.header, below=len(self._cellvalues) - end)
        super().draw()


def first_notes(children) -> list[str]:
    out = []
    for c in children:
        out += c.note_ids() if hasattr(c, "note_ids") else []
    return out


class Marker(Flowable):
    """A zero-size flowable that runs a callback when it is drawn (part starts)."""

    _ZEROSIZE = True

    def __init__(self, callback):
        super().__init__()
        self.callback = callback
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.callback(self.canv)
