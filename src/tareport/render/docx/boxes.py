"""Framed boxes as one-cell tables: findings, the text box (专栏 1), info boxes.

A one-cell table is the robust frame: Word, LibreOffice and converters keep
it in the text flow exactly where it stands (text boxes and frames float and
get lost), and its border and shading survive editing.
"""
from __future__ import annotations

from ...view import BoxV, FindingV, InfoV
from ..style import Frame
from .blocks import render_blocks
from .context import Flow
from .inline import add_marked, add_spans
from .ooxml import borders, el
from .styles import eighths, twips
from .tables import cell_margins, set_widths, shade, table_borders


def frame(ctx, flow, st: Frame, keep: bool = False):
    """A one-cell table framed as the house style's ``st`` says; returns the Flow of its cell.

    ``keep``: the box must not break across pages (a finding is a few lines;
    a long box such as 专栏 1 may break, and Word closes and reopens its frame).
    """
    grid = flow.table(1, 1)
    if keep:
        grid.rows[0]._tr.get_or_add_trPr().append(el("w:cantSplit"))
    width = flow.width or ctx.text_width
    pad = twips(st.padding)
    set_widths(grid, [width])
    table_borders(grid, borders("w:tblBorders", val="dashed" if st.dashed else "single", sz=eighths(st.line),
                                color=st.color))
    cell_margins(grid, pad)
    cell = grid.rows[0].cells[0]
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
    inner = frame(ctx, flow, ctx.typo.house.box)
    p = inner.paragraph("Box Title")
    add_marked(ctx, p, b.label, b.number, b.anchor, style=None)  # the label ends with the catalog's separator
    add_spans(ctx, p, b.title, flow.part)
    render_blocks(ctx, inner, b.blocks)
    inner.close()
    after_frame(flow)


def info(ctx, flow, i: InfoV) -> None:
    inner = frame(ctx, flow, ctx.typo.house.info)
    if i.title:
        add_spans(ctx, inner.paragraph("Box Title"), i.title, flow.part)
    render_blocks(ctx, inner, i.blocks)
    inner.close()
    after_frame(flow)
