"""Tables: data tables, the abbreviations list; shared cell helpers.

Data tables have their caption above (``Table 1.`` label bookmarked for
cross-references), a header row that Word repeats on each page
(``w:tblHeader``), rows that do not split across pages, the last two rows
kept together (never one row alone on the next page), numbers right-aligned,
and the source and notes below. Column widths are shared with the PDF
(:mod:`tareport.render.columns`).
"""
from __future__ import annotations


from docx.table import _Cell

from ...view import AbbreviationsV, TableV
from .. import columns
from .context import set_style
from .inline import add_marked, add_spans, add_text
from . import ooxml
from .ooxml import TCPR, child, el, insert_in_order, keep_with_next, qn, shading

_ALIGN = ("left", "right", "center")  # a cell's alignments (w:jc values), else left
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
                        "w:tblPrChange")


def caption(ctx, flow, label: str, spans, anchor: str | None, number: str | None) -> None:
    """The caption line: the label (its separator comes from the catalog) and the caption text."""
    p = flow.paragraph("Caption")
    add_marked(ctx, p, label, number, anchor, style=None)
    add_spans(ctx, p, spans, flow.part)


def notes_below(ctx, flow, source, notes) -> None:
    """Notes, then the source, under a table or figure; each keeps with the next, so the last (the
    source) is on the page of what it describes."""
    lines = list(notes or []) + ([source] if source else [])
    if not lines:
        flow.paragraph("Source Note")  # keeps the paragraph spacing after the table
        return
    for n, spans in enumerate(lines):
        p = flow.paragraph("Source Note")
        if n < len(lines) - 1:
            keep_with_next(p._p)
        add_spans(ctx, p, spans, flow.part)


def table(ctx, flow, t: TableV) -> None:
    caption(ctx, flow, t.label, t.caption, t.anchor, t.number)
    if t.unit:
        add_text(ctx, flow.paragraph("Table Unit"), t.unit)
    ncols = max([len(t.columns)] + [sum(c.span for c in r.cells) for r in t.header + t.rows])
    rows = t.header + t.rows
    grid = flow.table(len(rows), ncols)
    grid._tbl.tblPr.get_or_add_tblStyle().val = "TableGrid"
    widths = column_widths(rows, ncols, flow.width or ctx.text_width, ctx.typo.body_east_asia is not None,
                           ctx.typo.house.table_text.size, len(t.header))
    set_widths(grid, widths)
    for r, row in enumerate(rows):
        header = r < len(t.header)
        trPr = grid._tbl.tr_lst[r].get_or_add_trPr()
        trPr.append(el("w:cantSplit"))
        if header:
            trPr.append(el("w:tblHeader"))
        cells = row_cells(grid, r)
        col = 0
        for cell in row.cells:
            if col >= ncols:
                break
            target = merge_across(cells[col:col + cell.span])
            p = target.paragraphs[0]
            set_style(p, "Table Heading" if header or row.total else "Table Text")
            align = "right" if cell.numeric else cell.align
            if header and col < len(t.columns):
                align = t.columns[col] if cell.span == 1 else "center"
            ooxml.align(p._p, align if align in _ALIGN else "left")
            add_spans(ctx, p, cell.text, flow.part, bold=header or row.total)
            if header:
                shade(target, ctx.typo.house.table_header_fill)
            col += cell.span
    # Word keeps a row whose paragraphs keep with the next with the row (or line) below it: the last two body
    # rows stay together, so a table that breaks never leaves one row alone on the next page; the last row
    # stays with the source and notes below it
    kept = [-2] if len(t.rows) >= 4 else []
    if t.source or t.notes:
        kept.append(-1)
    for k in kept:
        for p in grid._tbl.tr_lst[k].iter(qn("w:p")):
            keep_with_next(p)
    notes_below(ctx, flow, t.source, t.notes)


def abbreviations(ctx, flow, a: AbbreviationsV) -> None:
    p = flow.paragraph("Box Title" if flow.in_box else "Heading 1")
    add_text(ctx, p, a.heading)
    grid = flow.table(len(a.entries), 2)
    width = flow.width or ctx.text_width
    set_widths(grid, [1701, width - 1701])
    for r, (abbr, spans) in enumerate(a.entries):
        left, right = row_cells(grid, r)
        lp, rp = left.paragraphs[0], right.paragraphs[0]
        set_style(lp, "Abbreviation")
        set_style(rp, "Abbreviation")
        add_text(ctx, lp, abbr)
        add_spans(ctx, rp, spans, flow.part)
    flow.paragraph("Source Note")


# ------------------------------------------------------------------ helpers

#: Left and right cell margins of the TableGrid style (108 twips each), and a little room for the faces
#: LibreOffice substitutes, in points.
_CELL_PADDING = 2 * 5.4 + 2.0


def column_widths(rows, ncols: int, total: int, cjk: bool = False, size: float = 9.5, header: int = 0) -> list[int]:
    """Column widths in twips that fill ``total``, shared with the PDF (:mod:`tareport.render.columns`):
    every column at least as wide as its widest number or word, label columns get the rest of the room."""
    natural, minimum = [_CELL_PADDING] * ncols, [_CELL_PADDING] * ncols
    for r, row in enumerate(rows):
        col = 0
        for cell in row.cells:
            if col >= ncols:
                break
            if cell.span == 1:
                text = "".join(s.text for s in cell.text)
                n, m = columns.text_width(text, size, cjk, bold=r < header or row.total)
                natural[col] = max(natural[col], n + _CELL_PADDING)
                minimum[col] = max(minimum[col], columns.cell_minimum(n, m, total / 20, ncols) + _CELL_PADDING)
            col += cell.span
    widths = [int(w * 20) for w in columns.column_widths(natural, minimum, total / 20)]
    widths[0] += total - sum(widths)
    return widths


def row_cells(grid, r: int) -> list[_Cell]:
    """The cells of row ``r``, one per column while no cell of the row is merged (python-docx's ``row.cells``
    works the grid of the whole table out on each call)."""
    return [_Cell(tc, grid) for tc in grid._tbl.tr_lst[r].tc_lst]


def merge_across(cells: list[_Cell]) -> _Cell:
    """The first of ``cells`` (adjacent in one row, empty, widths set) spanning them all, as python-docx's
    ``merge`` makes it (their widths added, ``w:gridSpan``, the others removed) without working out the grid
    of the whole table."""
    first = cells[0]._tc
    if len(cells) > 1:
        width = _width(first)
        for other in cells[1:]:
            width += _width(other._tc)
            other._tc.getparent().remove(other._tc)
        cell_width(first, width)
        child(first.get_or_add_tcPr(), "w:gridSpan", TCPR).set(qn("w:val"), str(len(cells)))
    return cells[0]


def _width(tc) -> int:
    return int(tc.get_or_add_tcPr().find(qn("w:tcW")).get(qn("w:w")))


def set_widths(grid, widths: list[int]) -> None:
    """Column widths in the grid (LibreOffice reads these) and in every cell (Word reads these), before any
    cell is merged."""
    tbl = grid._tbl
    for col, width in zip(tbl.tblGrid.gridCol_lst, widths):
        col.set(qn("w:w"), str(width))
    for tr in tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths):
            cell_width(tc, width)


def cell_width(tc, width: int) -> None:
    """``w:tcW``: the width of cell element ``tc`` in twips, as python-docx's ``cell.width`` writes it."""
    tcPr = tc.get_or_add_tcPr()
    tcW = child(tcPr, "w:tcW", TCPR)
    tcW.set(qn("w:type"), "dxa")
    tcW.set(qn("w:w"), str(width))


def shade(cell, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    old = tcPr.find(qn("w:shd"))
    if old is not None:
        tcPr.remove(old)
    insert_in_order(tcPr, shading(fill), TCPR)


def table_borders(grid, node) -> None:
    tblPr = grid._tbl.tblPr
    old = tblPr.find(qn("w:tblBorders"))
    if old is not None:
        tblPr.remove(old)
    tblPr.insert_element_before(node, *_TBLPR_AFTER_BORDERS)


def cell_margins(grid, twips: int) -> None:
    mar = el("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        mar.append(el(f"w:{side}", w_w=twips, w_type="dxa"))
    grid._tbl.tblPr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
