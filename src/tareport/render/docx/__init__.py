"""Word renderer: a :class:`~tareport.view.DocumentView` → the bytes of an official CDIP .docx.

python-docx does everything it covers (paragraphs, tables, sections,
headers, styles, pictures, core properties); the modules here add what it
lacks with small OOXML helpers: East Asian fonts and language tags
(:mod:`.styles`), footnotes (:mod:`.footnotes`), numbering
(:mod:`.numbering`), PAGE and REF fields and bookmarks (:mod:`.page`, :mod:`.inline`, :mod:`.anchors`), one-cell-table
boxes (:mod:`.boxes`), and a clean, byte-reproducible package
(:mod:`.package`).
"""
from __future__ import annotations

from . import cover as cover_mod
from . import package, page, styles
from .blocks import render_blocks
from .context import Context, Flow
from .footnotes import Footnotes
from .numbering import Numbering

__all__ = ["render", "warm"]


def warm() -> None:
    """Import now what a chart imports on first use (python-pptx, XlsxWriter): see :func:`tareport.render.warm`."""
    import pptx.chart.data  # noqa: F401
    import pptx.chart.xmlwriter  # noqa: F401


def render(view, **options) -> bytes:
    """The .docx of ``view``; the same view gives the same bytes."""
    typo = styles.Typography.for_view(view)
    doc = styles.document(typo)
    page.setup(doc.sections[0])
    ctx = Context.create(doc, view, typo)
    ctx.footnotes = Footnotes(ctx)
    ctx.numbering = Numbering(typo, styles.STEP, styles.LIST_LEVELS)
    flow = Flow.body(ctx)
    for index, part in enumerate(view.parts):
        if index == 0:
            section = doc.sections[0]
        else:
            section = page.new_section(doc)
        page.part_headers(ctx, section, part)
        ctx.numbering.new_part()
        if part.kind == "main":
            cover_mod.cover(ctx, flow)
        else:
            cover_mod.annex_opening(ctx, flow, part)
        render_blocks(ctx, flow, part.blocks)
        cover_mod.end_marker(ctx, flow, part.end_marker)
    ctx.numbering.install(doc)
    package.clean_template(doc, typo)
    package.properties(doc, view)
    return package.to_bytes(doc)
