"""The cover page of a WIPO document and the annex's first page.

Cover: language letter at the top right above a rule, the symbol block
(symbol, ORIGINAL, DATE when known) at the right, committee, session,
meeting line, title, prepared-by line; the main body's numbered paragraphs
follow on the same page. Annex: symbol and ANNEX at the top (no running
header on this page), then the title page, then a page break.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .inline import add_marked, add_text
from .ooxml import PBDR_SUCCESSORS, borders
from .styles import eighths


def cover(ctx, flow) -> None:
    c = ctx.view.cover
    letter = flow.paragraph("Cover Letter")
    add_text(ctx, letter, c.letter)
    rule = ctx.typo.house.rule
    letter._p.get_or_add_pPr().insert_element_before(
        borders("w:pBdr", sides=("bottom",), sz=eighths(rule.line), color=rule.color, space=4), *PBDR_SUCCESSORS)
    add_text(ctx, flow.paragraph("Cover Symbol"), c.symbol)
    meta = [c.original] + ([c.date] if c.date else [])
    for line in meta:
        add_text(ctx, flow.paragraph("Cover Meta"), line)
    for style, text in (("Cover Committee", c.committee), ("Cover Session", c.session),
                        ("Cover Meeting", c.meeting), ("Cover Title", c.title), ("Cover Prepared", c.prepared_by)):
        add_text(ctx, flow.paragraph(style), text)


def end_marker(ctx, flow, text: str) -> None:
    add_text(ctx, flow.paragraph("End Marker"), text)


def annex_opening(ctx, flow, part) -> None:
    """Symbol and ANNEX at the top of the annex's first page, then its title page."""
    top = flow.paragraph("Annex Heading")
    top.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_text(ctx, top, ctx.view.symbol)
    if part.heading:
        head = flow.paragraph("Annex Heading Last")
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_marked(ctx, head, part.heading, part.number, part.anchor, style=None)  # REF target of {@annex-id}
    if part.title_page is None:
        return
    styles = {"title": "Title Page Title", "author": "Title Page Author"}
    for role, text in part.title_page.lines:
        add_text(ctx, flow.paragraph(styles.get(role, "Title Page Line")), text)
    flow.break_next = True  # the annex text starts on the next page
