"""Framed boxes as one-cell tables: findings, the text box (专栏 1), info boxes.

A one-cell table is the robust frame: Word, LibreOffice and converters keep
it in the text flow exactly where it stands (text boxes and frames float and
get lost), and its border and shading survive editing. A cell that breaks
across pages keeps its frame closed on both.

Inside a cell neither Word nor LibreOffice applies "keep with next" (it keeps
table rows together, not paragraphs), so a box with sub-headings keeps each
sub-heading with its text by structure: its title and first section are a
row that does not split, and each further section is a borderless nested
table that does not split, in a second row that may.
"""
from __future__ import annotations

from docx.shared import Pt

from ...view import BoxV, FindingV, HeadingV, InfoV
from ..style import Frame
from .blocks import render_blocks
from .context import Flow
from .inline import add_marked, add_spans
from .ooxml import borders, el
from .styles import eighths, twips
from .tables import cell_margins, row_cells, set_widths, shade, table_borders

_TCPR_AFTER_MAR = ("w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
                   "w:cellDel", "w:cellMerge", "w:tcPrChange")


def frame(ctx, flow, st: Frame, keep: bool = False):
    """A one-cell table framed as the house style's ``st`` says; returns the Flow of its cell.

    ``keep``: the box must not break across pages (a finding is a few lines;
    a long box such as 专栏 1 may break, and Word closes and reopens its frame).
    """
    grid = flow.table(1, 1)
    if keep:
        grid._tbl.tr_lst[0].get_or_add_trPr().append(el("w:cantSplit"))
    width = flow.width or ctx.text_width
    pad = twips(st.padding)
    set_widths(grid, [width])
    table_borders(grid, borders("w:tblBorders", val="dashed" if st.dashed else "single", sz=eighths(st.line),
                                color=st.color))
    cell_margins(grid, pad)
    [cell] = row_cells(grid, 0)
    if st.fill:
        shade(cell, st.fill)
    return Flow(cell, flow.part, in_box=True, width=width - 2 * pad)


def after_frame(flow) -> None:
    """Paragraph spacing after a frame (a table has no space after of its own)."""
    flow.paragraph("Source Note")


def finding(ctx, flow, f: FindingV) -> None:
    inner = frame(ctx, flow, ctx.typo.house.finding, keep=True)
    p = inner.paragraph("Finding")
    add_marked(ctx, p, f.label, f.number, f.anchor, style="Strong")  # the label ends with the catalog's separator
    add_spans(ctx, p, f.text, flow.part)
    inner.close()
    after_frame(flow)


def box(ctx, flow, b: BoxV) -> None:
    st = ctx.typo.house.box
    sections = keep_units(b.blocks)
    inner = frame(ctx, flow, st)
    p = inner.paragraph("Box Title")
    add_marked(ctx, p, b.label, b.number, b.anchor, style=None)  # the label ends with the catalog's separator
    add_spans(ctx, p, b.title, flow.part)
    render_blocks(ctx, inner, sections[0])
    inner.close()
    if len(sections) > 1:
        rest = second_row(inner, st)
        strut(rest.paragraph("Table Text"))  # a nested table must not open a cell
        for blocks in sections[1:]:
            kept(ctx, rest, blocks)
    after_frame(flow)


def keep_units(blocks) -> list[list]:
    """The box's blocks cut before each sub-heading but the first: the title keeps the first section."""
    units: list[list] = [[]]
    for k, block in enumerate(blocks):
        if isinstance(block, HeadingV) and k > 0:
            units.append([])
        units[-1].append(block)
    return units


def second_row(inner, st: Frame):
    """Make the frame's row unsplittable and add a second, splittable row in the same frame (no rule
    between them, no padding where they meet); its Flow."""
    cell = inner.parent
    cell._tc.getparent().get_or_add_trPr().append(el("w:cantSplit"))
    row = cell._parent.add_row()  # a cell's parent is its table
    nxt = row.cells[0]
    nxt.width = cell.width
    if st.fill:
        shade(nxt, st.fill)
    _cell_margin(cell, "bottom", 0)
    _cell_margin(nxt, "top", 0)
    return Flow(nxt, inner.part, in_box=True, width=inner.width)


def kept(ctx, flow, blocks) -> None:
    """``blocks`` in a borderless one-cell table that does not split, followed by a 1-point paragraph
    (two tables must not touch, and a cell ends with a paragraph)."""
    grid = flow.table(1, 1)
    strut(flow.parent.paragraphs[-1])  # python-docx adds a paragraph after a table in a cell
    grid._tbl.tr_lst[0].get_or_add_trPr().append(el("w:cantSplit"))
    set_widths(grid, [flow.width])
    cell_margins(grid, 0)
    [cell] = row_cells(grid, 0)
    inner = Flow(cell, flow.part, in_box=True, width=flow.width)
    render_blocks(ctx, inner, blocks)
    inner.close()


def strut(p) -> None:
    """A paragraph 1 pt high: it separates tables without a visible gap."""
    pf = p.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = Pt(1)


def _cell_margin(cell, side: str, twips_: int) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    mar = tcPr.find(el("w:tcMar").tag)
    if mar is None:
        mar = el("w:tcMar")
        tcPr.insert_element_before(mar, *_TCPR_AFTER_MAR)
    mar.append(el(f"w:{side}", w_w=twips_, w_type="dxa"))


def info(ctx, flow, i: InfoV) -> None:
    inner = frame(ctx, flow, ctx.typo.house.info)
    if i.title:
        add_spans(ctx, inner.paragraph("Box Title"), i.title, flow.part)
    render_blocks(ctx, inner, i.blocks)
    inner.close()
    after_frame(flow)
