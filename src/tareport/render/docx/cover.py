"""The cover page of a WIPO document and the annex's first page.

Cover: language letter at the top right above a rule, the symbol block
(symbol, ORIGINAL, DATE when known) at the right, committee, session,
meeting line, title, prepared-by line; the main body's numbered paragraphs
follow on the same page. Annex: symbol and ANNEX at the top (no running
header on this page), then the title page, then a page break.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from .inline import add_break, add_marked, add_text
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
                        ("Cover Meeting", c.meeting), ("Cover Title", c.title)):
        add_text(ctx, flow.paragraph(style), text)
    prepared = flow.paragraph("Cover Prepared")
    lines = [c.prepared_by]
    if ctx.typo.body_east_asia:  # a Chinese name (and the 编拟 after the last) is never broken
        lines = between_names(c.prepared_by, ctx.view.authors, ctx.text_width / 20, ctx.typo.house.prepared.size)
    for k, line in enumerate(lines):
        if k:
            add_break(prepared)
        add_text(ctx, prepared, line)


def between_names(text: str, names, width: float, size: float) -> list[str]:
    """``text`` (``A、B和C编拟``) cut into lines of at most ``width`` points only before a name, as the PDF
    breaks it: Word would break a Chinese line anywhere, even inside 编拟. A character is counted as wide as
    the font size (Latin ones half), so a line never overflows."""
    cuts = sorted({k for k in (text.find(name) for name in names if name) if k > 0})
    pieces = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]
    lines: list[str] = []
    for piece in pieces:
        if lines and _width(lines[-1] + piece, size) <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines


def _width(text: str, size: float) -> float:
    return sum(size if ord(ch) >= 0x2E80 or ch in "·“”" else size * 0.6 for ch in text)


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
