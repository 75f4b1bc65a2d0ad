"""Figures: an embedded image at its natural size with alt text, else its tiles as labelled boxes,
else its description in a neutral frame (red only in a draft, where the view marks it missing).

The caption is above, as for tables; the source below. Alt text goes in
``wp:docPr/@descr`` (what Word shows as the picture's alternative text).
"""
from __future__ import annotations

from docx.image.image import Image
from docx.oxml.ns import qn
from docx.shared import Twips

from ...view import FigureV
from .boxes import frame
from .context import set_style
from .inline import add_spans
from .ooxml import borders
from .tables import caption, notes_below, row_cells, set_widths, shade, table_borders



def figure(ctx, flow, f: FigureV) -> None:
    caption(ctx, flow, f.label, f.caption, f.anchor, f.number)
    width = flow.width or ctx.text_width
    if f.image is not None:
        p = flow.paragraph("Figure")
        r = p.add_run()
        natural = Image.from_file(str(f.image)).width  # EMU, from the image's pixels and resolution
        r.add_picture(str(f.image), width=min(natural, Twips(width)))  # natural size, never wider than the text
        for pr in r._r.iter(qn("wp:docPr")):
            ctx.shape_added(int(pr.get("id")))
            pr.set("descr", f.alt or "")
            pr.set("title", f.alt or "")
    elif f.tiles:
        ncols = min(3, len(f.tiles))
        nrows = -(-len(f.tiles) // ncols)
        grid = flow.table(nrows, ncols)
        set_widths(grid, [width // ncols] * ncols)
        table_borders(grid, borders("w:tblBorders", sides=("top", "left", "bottom", "right", "insideH", "insideV"),
                                    sz=12, color="FFFFFF"))
        for n, tile in enumerate(f.tiles):
            cell = row_cells(grid, n // ncols)[n % ncols]
            shade(cell, ctx.typo.house.tile_fill)
            p = cell.paragraphs[0]
            set_style(p, "Figure Tile")
            if tile.label:
                add_spans(ctx, p, tile.label, flow.part, bold=True)
                p = cell.add_paragraph()
                set_style(p, "Figure Tile")
            add_spans(ctx, p, tile.text, flow.part)
    elif f.description:
        inner = frame(ctx, flow, ctx.typo.house.placeholder)  # neutral: the description is for readers
        add_spans(ctx, inner.paragraph("Box Text"), f.description, flow.part, italic=True)
        inner.close()
    notes_below(ctx, flow, f.source, [])
