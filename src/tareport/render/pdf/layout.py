"""The view's blocks as flowables: cover, numbered paragraphs, headings, lists,
tables, boxes, figures and the annex title page.

Every block becomes one or more flowables built with :class:`TextBlock` and
:class:`Framed`, so one line breaker and one footnote mechanism serve all
text. ``where`` strings name each block for font-coverage errors.
"""
from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import CondPageBreak, Image, KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from tareport.view import (AbbreviationsV, BoxV, ChartV, DocumentView, FigureV, FindingV, HeadingV, InfoV, ListV,
                           ParaV, QuoteV, Span, TableV, plain)

from ..style import Text as TextStyle
from . import styles as S
from .charts import chart_flowables
from .. import columns
from .flowables import MAX_BAND, Framed, KeptTable, Marker, Outline, TextBlock
from .linebreak import widest_piece
from .text import Text, Tone, Typesetter

#: Heading levels by rank: a heading's outline entry nests under the nearest preceding heading of a lower rank.
_RANK = {"chapter": 1, "section": 2, "lesson": 3, "subheading": 4}


def collect_anchors(view: DocumentView) -> set[str]:
    """Ids that can be link targets (the elements that carry ``anchor``)."""
    found: set[str] = set()

    def walk(blocks):
        for b in blocks:
            if getattr(b, "anchor", None):
                found.add(b.anchor)
            if isinstance(b, (BoxV, InfoV)):
                walk(b.blocks)
            lst = b if isinstance(b, ListV) else getattr(b, "list", None)
            if isinstance(lst, ListV):
                walk_list(lst)

    def walk_list(lst):
        for item in lst.items:
            if item.anchor:
                found.add(item.anchor)
            if item.list:
                walk_list(item.list)

    for part in view.parts:
        if part.anchor:
            found.add(part.anchor)
        walk(part.blocks)
    return found


def log_break(canv) -> None:
    """A forced page break (after a title page) in the layout record: the band above it is meant."""
    record = getattr(canv, "layout_record", None)
    if record is not None:
        record.append(dict(kind="page_break", page=canv.getPageNumber()))


def min_start(f, width: float) -> float:
    """The least height of ``f`` that may stand at the foot of a page before it continues on the next."""
    h = f.wrap(width, 1e6)[1]
    if isinstance(f, TextBlock):
        n = len(f.lines(width))
        return f.getSpaceBefore() + (n if n < 2 * f.min_split else f.min_split) * f.leading
    if isinstance(f, Framed):
        return f.getSpaceBefore() + min(h, MAX_BAND)
    if isinstance(f, Table):
        rows = list(getattr(f, "_rowHeights", None) or [h])
        return sum(rows[:getattr(f, "repeatRows", 0) + 2])
    return f.getSpaceBefore() + h


class Layout:
    def __init__(self, view: DocumentView, ts: Typesetter, notes_ctx, outline: Outline):
        self.view, self.ts, self.notes, self.outline = view, ts, notes_ctx, outline
        self.cjk = view.cjk
        self.m = S.metrics(view.cjk)
        self.house = self.m.house
        self.where = "document"
        self._open_headings: list[int] = []  # ranks of the headings enclosing the current text

    # -- text helpers
    def tone(self, size=None, bold=False, italic=False, color=None) -> Tone:
        return Tone(size or self.m.size, bold, italic, color)

    def t(self, spans, size=None, bold=False, italic=False, color=None) -> Text:
        return self.ts.spans(spans, self.tone(size, bold, italic, color), self.where)

    def s(self, string: str, size=None, bold=False, italic=False, color=None) -> Text:
        return self.ts.plain(string, self.tone(size, bold, italic, color), self.where)

    def font_cmd(self):
        """Tables draw their (empty) string cells in a font: ours, never an unembedded Helvetica."""
        return ("FONTNAME", (0, 0), (-1, -1), self.ts.fonts.latin.name)

    def sep(self) -> str:
        return "" if self.cjk else " "

    def block_text(self, text: Text, *, size=None, leading=None, **kw) -> TextBlock:
        kw.setdefault("align", self.house.body.align)
        return TextBlock(text, size or self.m.size, leading or self.m.leading, cjk=self.cjk,
                         notes_ctx=self.notes, **kw)

    def styled(self, string: str, st: TextStyle, **kw) -> TextBlock:
        """A line of the cover or the annex's first page, as the house style sets element ``st``."""
        text = self.s(string.upper() if st.caps else string, st.size, bold=st.bold, italic=st.italic)
        leading = max(st.size * 1.3, self.m.leading) if st.size > self.m.size else None
        return self.block_text(text, size=st.size, leading=leading, align=st.align, indent=st.indent,
                               space_before=st.before, space_after=st.after, **kw)

    # -- pages
    def cover(self) -> list:
        c, h = self.view.cover, self.house
        self._open_headings = []
        out = [self.styled(c.letter, h.letter),
               HRFlowable(width="100%", thickness=h.rule.line, color=S.color(h.rule.color), spaceBefore=0,
                          spaceAfter=6)]
        for line, st in ((c.symbol, h.symbol), (c.original, h.meta), (c.date, h.meta)):
            if line:
                out.append(self.styled(line, st))
        for line, st in ((c.committee, h.committee), (c.session, h.session), (c.meeting, h.meeting),
                         (c.title, h.title)):
            out.append(self.styled(line, st))
        prepared = self.styled(c.prepared_by, h.prepared)
        if self.cjk:  # a Chinese name (and the 编拟 after the last) is never broken: the line breaks between names
            prepared.text = self.ts.glue_words(prepared.text, self.view.authors)
        out.append(prepared)
        return out

    def annex_title(self, part) -> list:
        m = self.m
        self._open_headings = []
        out = [self.block_text(self.s(self.view.symbol, bold=True), align="right"),
               self.block_text(self.s(part.heading or "", bold=True), align="right",
                               outline=(part.heading or self.view.symbol, 0, self.outline),
                               anchors=[part.anchor] if part.anchor else [])]
        if part.title_page is None:
            out.append(Spacer(1, 24))
            return out
        out.append(Spacer(1, 150))
        for role, line in part.title_page.lines:
            big = role == "title"
            size = m.h_chapter + 2 if big else m.size
            out.append(self.block_text(self.s(line, size, bold=role in ("title", "subtitle")), size=size,
                                       leading=size * 1.6, align="center",
                                       space_before={"title": 0, "period": 6, "subtitle": 30, "author": 4}[role]
                                       + (30 if role == "author" and out[-1:] and getattr(out[-1], "_role", "") != "author" else 0)))
            out[-1]._role = role
        out.append(Marker(lambda canv: log_break(canv)))
        out.append(PageBreak())
        return out

    # -- blocks
    def blocks(self, blocks, part_kind: str, in_box: bool = False) -> list:
        out = []
        run: list = []  # consecutive headings, kept with the start of what follows
        for b in blocks:
            if isinstance(b, HeadingV) and not in_box:
                run.append(self.heading(b, in_box))
                continue
            flowables = self.block(b, part_kind, in_box)
            out.extend(flowables if in_box else self._together(run + flowables))
            run = []
        if run:
            out.extend(self._together(run))
        return out

    def _together(self, flowables: list) -> list:
        """Leading keep-with-next flowables (headings, a caption, a table's unit) never end a page: break
        first unless they and the start of what follows fit (two lines of a paragraph, a table's header and
        two rows, a box that is not split).

        reportlab's keepWithNext would move the whole following block with them (a long table, a long
        paragraph) and leave a large empty band; the break is needed only when the start does not fit.
        """
        width = S.TEXT_WIDTH
        need, i = 0.0, 0
        while i < len(flowables) and getattr(flowables[i], "keepWithNext", False):
            f = flowables[i]
            need += f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            f.keepWithNext = False
            i += 1
        if i == 0:
            return flowables
        if i < len(flowables):
            need += min_start(flowables[i], width)
        return [CondPageBreak(need), *flowables]

    def block(self, b, part_kind: str, in_box: bool = False) -> list:
        if isinstance(b, HeadingV):
            return [self.heading(b, in_box)]
        if isinstance(b, ParaV):
            return self.para(b, part_kind, in_box)
        if isinstance(b, ListV):
            return self.list(b, 0.0)
        if isinstance(b, TableV):
            return self.table(b)
        if isinstance(b, ChartV):
            return chart_flowables(self, b)
        if isinstance(b, FigureV):
            return self.figure(b)
        if isinstance(b, FindingV):
            return [self.finding(b)]
        if isinstance(b, QuoteV):
            return [self.quote(b)]
        if isinstance(b, BoxV):
            return self.box(b)
        if isinstance(b, InfoV):
            return self.info(b)
        if isinstance(b, AbbreviationsV):
            return self.abbreviations(b)
        raise TypeError(f"the PDF renderer has no layout for {type(b).__name__}")

    def heading(self, h: HeadingV, in_box: bool = False) -> TextBlock:
        """A heading as the house style sets its level; numbers at the margin, the text in the paragraphs'
        column. Its outline entry nests by meaning (a lesson under its chapter, whatever the sections);
        headings inside a box have none."""
        m = self.m
        st = self.house.box_title if in_box else self.house.headings.get(h.level, self.house.headings["subheading"])
        self.where = f"heading {h.number or plain(h.text)[:20]}"
        number = h.number
        if number and h.level in ("chapter", "lesson"):
            number += "."
        spans = list(h.text)
        if st.caps:
            spans = [Span(s.kind, s.text.upper(), s.bold, s.italic, s.link, s.target, s.number)
                     if s.kind == "text" else s for s in spans]
        text = self.t(spans, st.size, bold=st.bold, italic=st.italic)
        indent = m.number_indent if number else 0.0
        label = self.s(number, st.size, bold=st.bold, italic=st.italic) if number else None
        outline = None
        if not in_box:
            rank = _RANK.get(h.level, 4)
            while self._open_headings and self._open_headings[-1] >= rank:
                self._open_headings.pop()
            level = len(self._open_headings) + 1  # under the part's entry (level 0)
            self._open_headings.append(rank)
            title = ((number + " ") if number else "") + plain(h.text)
            outline = (title, level, self.outline)
        return self.block_text(text, size=st.size, leading=max(st.size * 1.3, m.leading),
                               indent=indent, label=label, align="left", space_before=st.before,
                               space_after=st.after, keep_with_next=True, role="heading",
                               anchors=[h.anchor] if h.anchor else [], outline=outline)

    def para(self, p: ParaV, part_kind: str, in_box: bool = False) -> list:
        m = self.m
        self.where = f"{'annex' if part_kind == 'annex' else 'main body'} paragraph {p.number or ''}".strip()
        text = Text()
        for extra in (p.label, p.lead):
            if extra:
                text = text + self.t(extra, bold=True)  # label and lead end with the catalog's separator
        text = text + self.t(p.text)
        # an unnumbered paragraph of the body continues the text column of the numbered ones
        indent = 0.0 if in_box else m.number_indent
        out = [self.block_text(text, indent=indent, label=self.s(p.number + ".") if p.number else None,
                               space_after=m.para_space, anchors=[p.anchor] if p.anchor else [])]
        if p.list:
            out[-1].spaceAfter = self.house.list_item.after
            out.extend(self.list(p.list, indent))
        if p.after:
            out.append(self.block_text(self.t(p.after), indent=indent, space_after=m.para_space))
        return out

    def list(self, lst: ListV, base: float) -> list:
        m = self.m
        out = []
        marker_w = max((self.s(i.marker).width for i in lst.items), default=0)
        step = max(m.list_step, marker_w + 6)
        x = base
        after = self.house.list_item.after
        for item in lst.items:
            out.append(self.block_text(self.t(item.text), indent=x + step, label=self.s(item.marker), label_x=x,
                                       space_after=after, anchors=[item.anchor] if item.anchor else []))
            if item.list:
                out.extend(self.list(item.list, x + step))
            if item.after:
                out.append(self.block_text(self.t(item.after), indent=x + step, space_after=after))
        if out:
            out[-1].spaceAfter = m.para_space
        return out

    # -- tables
    def caption(self, label: str, caption, anchor=None) -> TextBlock:
        st = self.house.caption
        # label and text in one weight; the label ends with the catalog's separator
        text = self.s(label, st.size, bold=st.bold) + self.t(caption, st.size, bold=st.bold)
        return self.block_text(text, size=st.size, align="left", space_before=st.before, space_after=st.after,
                               keep_with_next=True, role="caption", anchors=[anchor] if anchor else [])

    def small(self, spans, **kw) -> TextBlock:
        """A source line or a table note."""
        size = self.house.source.size
        return self.block_text(self.t(spans, size), size=size, leading=self.m.small_leading,
                               align="left", **kw)

    def table(self, t: TableV, kind: str = "table") -> list:
        m = self.m
        self.where = f"{t.label.rstrip('.')}"
        avail = S.TEXT_WIDTH
        ncols = max([len(t.columns)] + [sum(c.span for c in r.cells) for r in t.header + t.rows])
        pad = 4.0
        natural = [0.0] * ncols  # a column's longest cell text on one line, and its widest number or word
        minimum = [0.0] * ncols
        grid, spans_cmds = [], []
        rows = [(r, True) for r in t.header] + [(r, False) for r in t.rows]
        for ri, (row, head) in enumerate(rows):
            line, col = [], 0
            for cell in row.cells:
                text = self.t(cell.text, m.small, bold=head or row.total)
                align = "right" if (cell.align == "right" or cell.numeric) and not head else (
                    "center" if head and ncols > 1 and col > 0 else "left")
                line.append(TextBlock(text, m.small, m.small_leading, cjk=self.cjk, align=align, role="cell"))
                if cell.span == 1:
                    natural[col] = max(natural[col], text.width)
                    least = widest_piece(text.chars, text.widths, self.cjk, text.glue)
                    minimum[col] = max(minimum[col], columns.cell_minimum(text.width, least, avail, ncols))
                else:
                    spans_cmds.append(("SPAN", (col, ri), (col + cell.span - 1, ri)))
                line.extend([""] * (cell.span - 1))
                col += cell.span
            line.extend([""] * (ncols - col))
            grid.append(line)
        # as in Word: numbers and words whole, label columns take the rest (render/columns.py)
        widths = columns.column_widths([n + 2 * pad + 2 for n in natural], [m + 2 * pad + 2 for m in minimum], avail)
        last = len(grid) - 1
        grid_style = self.house.table_grid
        style = [("GRID", (0, 0), (-1, last), grid_style.line, S.color(grid_style.color)), self.font_cmd(),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)] + spans_cmds
        if t.header:
            style.append(("BACKGROUND", (0, 0), (-1, len(t.header) - 1), S.color(self.house.table_header_fill)))
        # notes and source are rows of the table without grid, unsplittable from its last row:
        # the source never starts a page alone (a line with a footnote mark stays a flowable of the
        # page, which places its note)
        below = list(t.notes) + ([t.source] if t.source else [])
        after = [self.small(spans, space_after=2) for spans in below] if any(
            s.kind == "note" for spans in below for s in spans) else []
        for spans in below if not after else []:
            grid.append([self.small(spans)] + [""] * (ncols - 1))
            style += [("SPAN", (0, len(grid) - 1), (-1, len(grid) - 1)),
                      ("LEFTPADDING", (0, len(grid) - 1), (-1, len(grid) - 1), 0)]
        if len(grid) - 1 > last:
            style += [("TOPPADDING", (0, last + 1), (-1, last + 1), 4), ("NOSPLIT", (0, last), (-1, -1))]
        table = KeptTable(grid, colWidths=widths, repeatRows=len(t.header), style=TableStyle(style), hAlign="LEFT")
        table.header, table.body_end = len(t.header), last + 1
        table.spaceAfter = m.para_space
        out = [self.caption(t.label, t.caption, t.anchor)]
        if t.unit:
            out.append(self.block_text(self.s(t.unit, m.small), size=m.small, leading=m.small_leading, align="right",
                                       keep_with_next=True, space_after=2, role="caption"))
        out.append(table)
        return out + after

    def abbreviations(self, a: AbbreviationsV) -> list:
        m = self.m
        self.where = "abbreviations"
        head = self.heading(HeadingV("chapter", None, [Span("text", a.heading)]))
        abbr_w = max([self.s(k).width for k, _ in a.entries] + [40.0]) + 16
        rows = [[TextBlock(self.s(k), m.size, m.leading, cjk=self.cjk, align="left", role="cell"),
                 TextBlock(self.t(v), m.size, m.leading, cjk=self.cjk, align="left", role="cell")]
                for k, v in a.entries]
        avail = S.TEXT_WIDTH
        table = Table(rows, colWidths=[abbr_w, avail - abbr_w], hAlign="LEFT",
                      style=TableStyle([self.font_cmd(), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        return [head, table, Spacer(1, m.para_space)]

    # -- figures and boxes
    def figure(self, f: FigureV) -> list:
        m = self.m
        self.where = f.label.rstrip(".")
        avail = S.TEXT_WIDTH
        out = [self.caption(f.label, f.caption, f.anchor)]
        if f.image is not None:
            img = Image(str(f.image))
            scale = min(1.0, avail / img.imageWidth)
            img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
            img._alt = f.alt  # reportlab does not write /Alt; kept for tagging later
            out.append(img)
        elif f.tiles:  # labelled tiles, as Word draws them: shaded, apart, centred
            per_row = 3
            cells = []
            for tile in f.tiles:
                label = self.t(tile.label + [Span("break")], m.small, bold=True) if tile.label else Text()
                cells.append(TextBlock(label + self.t(tile.text, m.small), m.small, m.small_leading, cjk=self.cjk,
                                       align="center", role="cell"))
            rows = [cells[i:i + per_row] + [""] * (per_row - len(cells[i:i + per_row]))
                    for i in range(0, len(cells), per_row)]
            shaded = [("BACKGROUND", (n % per_row, n // per_row), (n % per_row, n // per_row),
                       S.color(self.house.tile_fill))
                      for n in range(len(cells))]
            out.append(Table(rows, colWidths=[avail / per_row] * per_row, hAlign="LEFT",
                             style=TableStyle([self.font_cmd(), ("INNERGRID", (0, 0), (-1, -1), 3, Color(1, 1, 1)),
                                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                               ("TOPPADDING", (0, 0), (-1, -1), 5),
                                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)] + shaded)))
        elif f.description:
            # neutral for readers; a draft's description is marked missing by the view, and drawn red
            out.append(Framed([self.block_text(self.t(f.description, italic=True), align="left")],
                              self.house.placeholder, notes_ctx=self.notes, space_before=2, space_after=2))
        if f.source:
            out.append(self.small(f.source, space_before=3))
        return [KeepTogether(out), Spacer(1, m.para_space)]  # the source stays with its figure

    def finding(self, f: FindingV) -> Framed:
        h = self.house
        self.where = f.label
        text = self.s(f.label, bold=True) + self.t(f.text)
        return Framed([self.block_text(text, align=h.finding_text.align)], h.finding, notes_ctx=self.notes,
                      anchors=[f.anchor] if f.anchor else [], space_after=self.m.para_space)

    def quote(self, q: QuoteV) -> Framed:
        h = self.house
        self.where = "quotation"
        children = [self.block_text(self.t(q.text, italic=h.quote_text.italic), align=h.quote_text.align)]
        if q.attribution:
            a = h.attribution
            children.append(self.block_text(self.t(q.attribution, italic=a.italic), align=a.align,
                                            space_before=a.before))
        return Framed(children, h.quote, notes_ctx=self.notes, space_after=self.m.para_space)

    def box(self, b: BoxV) -> list:
        h = self.house
        self.where = b.label
        st = h.box_title
        title = self.s(b.label, bold=st.bold) + self.t(b.title, bold=st.bold)
        children = [self.block_text(title, align="left", space_after=st.after, anchors=[b.anchor] if b.anchor else [])]
        children += self.blocks(b.blocks, "annex", in_box=True)
        return [Framed(children, h.box, notes_ctx=self.notes, space_after=self.m.para_space, title=True)]

    def info(self, b: InfoV) -> list:
        h = self.house
        self.where = "information box"
        st = h.box_title
        children = [self.block_text(self.t(b.title, bold=st.bold), align="left", space_after=st.after)] if b.title else []
        children += self.blocks(b.blocks, "annex", in_box=True)
        return [Framed(children, h.info, notes_ctx=self.notes, space_after=self.m.para_space, title=bool(b.title))]

    def end_marker(self, text: str) -> TextBlock:
        return self.styled(text, self.house.end_marker)
