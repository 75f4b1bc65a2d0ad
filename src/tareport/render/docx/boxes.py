"""Framed boxes as one-cell tables: findings, the text box (专栏 1), info boxes.

A one-cell table is the robust frame: Word, LibreOffice and converters keep
it in the text flow exactly where it stands (text boxes and frames float and
get lost), and its border and shading survive editing.
"""
from __future__ import annotations

from ...view import BoxV, FindingV, InfoV
from .blocks import needs_space, render_blocks
from .context import Flow
from .inline import add_marked, add_spans, add_text
from .ooxml import borders, el
from .tables import cell_margins, set_widths, shade, table_borders

FINDING_FILL = "DEEAF6"
BOX_FILL = "F2F2F2"
_PAD = 142  # 2.5 mm inside the frame


def frame(ctx, flow, fill: str | None, line: str = "single", size: int = 8, color: str = "1F4E79",
          keep: bool = False):
    """A one-cell framed table; returns the Flow of its cell.

    ``keep``: the box must not break across pages (a finding is a few lines;
    a long box such as 专栏 1 may break).
    """
    grid = flow.table(1, 1)
    if keep:
        grid.rows[0]._tr.get_or_add_trPr().append(el("w:cantSplit"))
    width = flow.width or ctx.text_width
    set_widths(grid, [width])
    table_borders(grid, borders("w:tblBorders", val=line, sz=size, color=color))
    cell_margins(grid, _PAD)
    cell = grid.rows[0].cells[0]
    if fill:
        shade(cell, fill)
    return Flow(cell, flow.part, in_box=True, width=width - 2 * _PAD)


def after_frame(flow) -> None:
    """Paragraph spacing after a frame (a table has no space after of its own)."""
    flow.paragraph("Source Note")


def finding(ctx, flow, f: FindingV) -> None:
    inner = frame(ctx, flow, FINDING_FILL, keep=True)
    p = inner.paragraph("Finding")
    add_marked(ctx, p, f.label, f.number, f.anchor, style="Strong")
    if needs_space(f.label):
        add_text(ctx, p, " ")
    add_spans(ctx, p, f.text, flow.part)
    inner.close()
    after_frame(flow)


def box(ctx, flow, b: BoxV) -> None:
    inner = frame(ctx, flow, BOX_FILL)
    p = inner.paragraph("Box Title")
    add_marked(ctx, p, b.label, b.number, b.anchor, style=None)
    if needs_space(b.label):
        add_text(ctx, p, " ")
    add_spans(ctx, p, b.title, flow.part)
    render_blocks(ctx, inner, b.blocks)
    inner.close()
    after_frame(flow)


def info(ctx, flow, i: InfoV) -> None:
    inner = frame(ctx, flow, None, size=6, color="808080")
    if i.title:
        add_spans(ctx, inner.paragraph("Box Title"), i.title, flow.part)
    render_blocks(ctx, inner, i.blocks)
    inner.close()
    after_frame(flow)
