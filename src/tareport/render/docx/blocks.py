"""Block renderers: headings, numbered paragraphs, lists, quotes; dispatch to tables, boxes and figures.

Paragraph numbers and list markers are Word numbering (:mod:`.numbering`),
which prints the content's numbers at the left of a hanging indent, followed
by a tab, so the text lines up after them as in WIPO documents; an editor who
inserts a paragraph in Word sees the numbers follow.
"""
from __future__ import annotations

from ...view import (AbbreviationsV, BoxV, ChartV, FigureV, FindingV, HeadingV, InfoV, ListV, ParaV, QuoteV,
                     TableV)
from .inline import add_marked, add_spans, add_tab, add_text, close_bookmark, open_bookmark
from .numbering import apply as number
from .ooxml import hang, space_after
from .styles import LIST_LEVELS, STEP

_HEADING_STYLE = {"chapter": "Heading 1", "section": "Heading 2", "lesson": "Heading 3", "subheading": "Heading 4"}


def render_blocks(ctx, flow, blocks) -> None:
    for block in blocks:
        render_block(ctx, flow, block)


def render_block(ctx, flow, block) -> None:
    from . import boxes, charts, figures, tables
    if isinstance(block, ParaV):
        paragraph(ctx, flow, block)
    elif isinstance(block, HeadingV):
        heading(ctx, flow, block)
    elif isinstance(block, ListV):
        list_block(ctx, flow, block, 0)
    elif isinstance(block, TableV):
        tables.table(ctx, flow, block)
    elif isinstance(block, ChartV):
        charts.chart(ctx, flow, block)
    elif isinstance(block, FigureV):
        figures.figure(ctx, flow, block)
    elif isinstance(block, FindingV):
        boxes.finding(ctx, flow, block)
    elif isinstance(block, QuoteV):
        quote(ctx, flow, block)
    elif isinstance(block, BoxV):
        boxes.box(ctx, flow, block)
    elif isinstance(block, InfoV):
        boxes.info(ctx, flow, block)
    elif isinstance(block, AbbreviationsV):
        tables.abbreviations(ctx, flow, block)
    else:
        raise TypeError(f"the Word renderer has no rendering for {type(block).__name__}")


def heading(ctx, flow, h: HeadingV) -> None:
    """A heading in its outline style; a number at the margin, the text after a tab in the paragraphs' column."""
    style = "Box Heading" if flow.in_box else _HEADING_STYLE.get(h.level, "Heading 4")
    p = flow.paragraph(style)
    if h.number:
        add_marked(ctx, p, h.number, h.number, h.anchor, style=None)
        if h.level != "section":
            add_text(ctx, p, ".")
        add_tab(p)
        hang(p._p, STEP, STEP)
    add_spans(ctx, p, h.text, flow.part)


def paragraph(ctx, flow, para: ParaV) -> None:
    numbered = para.number is not None
    # an unnumbered paragraph of the body continues the text column of the numbered ones
    style = "Numbered Paragraph" if numbered else ("Box Text" if flow.in_box else "Body Indented")
    p = flow.paragraph(style)
    end = None
    if numbered:
        ctx.numbering.number_paragraph(p, int(para.number))
        end = open_bookmark(ctx, p, para.anchor)
    for extra in (para.label, para.lead):
        if extra:
            add_spans(ctx, p, extra, flow.part, bold=True)
            if needs_space("".join(s.text for s in extra)):
                add_text(ctx, p, " ")
    add_spans(ctx, p, para.text, flow.part)
    close_bookmark(p, end)
    if para.list:
        list_block(ctx, flow, para.list, 0)
    if para.after:
        after = flow.paragraph("Body Indented" if numbered else style)
        add_spans(ctx, after, para.after, flow.part)


def list_block(ctx, flow, lst: ListV, level: int) -> None:
    n = min(level + 1, LIST_LEVELS)
    num = ctx.numbering.new_list(lst.style, n - 1, lst.start)
    last = None
    for item in lst.items:
        p = flow.paragraph(f"List Item {n}")
        number(p, num, n - 1)
        end = open_bookmark(ctx, p, item.anchor)
        add_spans(ctx, p, item.text, flow.part)
        close_bookmark(p, end)
        last = p
        if item.list:
            last = list_block(ctx, flow, item.list, level + 1) or last
        if item.after:
            last = flow.paragraph(f"List Continue {n}")
            add_spans(ctx, last, item.after, flow.part)
    if level == 0 and last is not None and not flow.in_box:
        space_after(last._p, ctx.typo.house.body.after)  # the list ends: back to paragraph spacing
    return last


def quote(ctx, flow, q: QuoteV) -> None:
    p = flow.paragraph("Quote")
    add_spans(ctx, p, q.text, flow.part)
    if q.attribution:
        a = flow.paragraph("Quote Attribution")
        add_spans(ctx, a, q.attribution, flow.part)
    else:
        space_after(p._p, ctx.typo.house.body.after)


def needs_space(text: str) -> bool:
    """A Latin label ("Lesson learned:") is followed by a space; a Chinese one ("经验教训：") or one whose
    catalog text already ends with a space is not."""
    return bool(text) and not text[-1].isspace() and ord(text[-1]) < 0x2E80
