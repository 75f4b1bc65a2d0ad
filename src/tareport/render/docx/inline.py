"""Spans → runs: text, bold and italic, hyperlinks, footnote marks, cross-reference fields.

Runs are built as raw ``w:r`` elements (python-docx has no hyperlink, field
or footnote-reference API, and raw runs are several times faster than
``Paragraph.add_run`` on a long document). Bold is the ``Strong`` character
style, which in Chinese also sets the Hei face.
"""
from __future__ import annotations

from functools import cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from ...view import Span
from .anchors import bookmark_name
from .ooxml import bookmark, el, field_runs, hyperlink, qn

_SPACE = qn("xml:space")


def run(ctx, text: str, style: str | None = None, bold: bool = False, italic: bool = False):
    """A ``w:r`` of ``text`` in character ``style``, bold, italic; shared punctuation of a Chinese text in the
    East Asian font (``w:hint``)."""
    hint = bool(ctx.typo.body_east_asia) and not text.isascii()
    node = _empty_run(style, hint, bold, italic).__copy__()
    t = node[-1]
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(_SPACE, "preserve")
    return node


@cache
def _empty_run(style: str | None, hint: bool, bold: bool, italic: bool):
    """A run with these properties (in schema order: rStyle, rFonts, b, i) and an empty ``w:t``: made once,
    copied for each run (one copy instead of up to six new elements)."""
    node = el("w:r")
    props = []
    if style:
        props.append(el("w:rStyle", w_val=style))
    if hint:
        props.append(el("w:rFonts", w_hint="eastAsia"))
    if bold:
        props.append(el("w:b"))
    if italic:
        props.append(el("w:i"))
    if props:
        rPr = el("w:rPr")
        rPr.extend(props)
        node.append(rPr)
    node.append(el("w:t"))
    return node


def tab_run():
    node = el("w:r")
    node.append(el("w:tab"))
    return node


def add_text(ctx, p, text: str, style: str | None = None, bold: bool = False, italic: bool = False) -> None:
    if text:
        p._p.append(run(ctx, text, style, bold, italic))


def add_tab(p) -> None:
    p._p.append(tab_run())


def add_break(p) -> None:
    """A line break (``w:br``) in paragraph ``p``."""
    node = el("w:r")
    node.append(el("w:br"))
    p._p.append(node)


def add_marked(ctx, p, text: str, number: str | None, anchor: str | None, style: str | None = "Strong") -> None:
    """``text`` (a label such as ``Table 3.``) with a bookmark around its ``number`` when it is a target."""
    place = ctx.bookmarks.place(anchor) if anchor and number and number in text else None
    if place is None:
        add_text(ctx, p, text, style)
        return
    cut = text.rfind(number)
    add_text(ctx, p, text[:cut], style)
    start, end = bookmark(*place)
    p._p.append(start)
    p._p.append(run(ctx, number, style))
    p._p.append(end)
    add_text(ctx, p, text[cut + len(number):], style)


def open_bookmark(ctx, p, anchor: str | None):
    """Start the bookmark of ``anchor`` in ``p`` (a numbered paragraph or item, whose number is Word's);
    returns its end, to append after the text, or None."""
    place = ctx.bookmarks.place(anchor) if anchor else None
    if place is None:
        return None
    start, end = bookmark(*place)
    p._p.append(start)
    return end


def close_bookmark(p, end) -> None:
    if end is not None:
        p._p.append(end)


def add_spans(ctx, p, spans: list[Span] | None, part, bold: bool = False, italic: bool = False,
              style: str | None = None) -> None:
    """Append ``spans`` to paragraph ``p``; ``part`` owns the hyperlink relationships (body, footnotes, header)."""
    if not spans:
        return
    parent = p._p
    for span in spans:
        b, i = span.bold or bold, span.italic or italic
        kind = span.kind
        if kind == "text":
            if span.link:
                rid = part.relate_to(span.link, RT.HYPERLINK, is_external=True)
                link = hyperlink(rid=rid)
                link.append(run(ctx, span.text, "Hyperlink", b, i))
                parent.append(link)
            else:
                parent.append(run(ctx, span.text, style if style else ("Strong" if b else None), False, i))
        elif kind == "note":
            node = _note(ctx, span)
            place = ctx.bookmarks.place(span.target) if ctx.bookmarks.has(span.target) else None
            if place is not None:  # a footnote that is cross-referenced: NOTEREF needs a bookmark on the mark
                start, end = bookmark(*place)
                parent.extend([start, node, end])
            else:
                parent.append(node)
        elif kind == "ref":
            _ref(ctx, parent, span, b, i, style)
        elif kind == "break":
            node = el("w:r")
            node.append(el("w:br"))
            parent.append(node)
        elif kind == "missing":
            parent.append(run(ctx, span.text, "Placeholder", b, False))
        else:  # an unknown kind still shows its text
            parent.append(run(ctx, span.text, style, b, i))


def _note(ctx, span: Span):
    """A real footnote reference; a repeated mark of the same note is its number in the reference style."""
    node = el("w:r")
    node.append(_style_rpr("FootnoteReference"))
    if ctx.footnotes is not None and span.target not in ctx.seen_notes and ctx.footnotes.has(span.target):
        ctx.seen_notes.add(span.target)
        node.append(el("w:footnoteReference", w_id=ctx.footnotes.add(span.target)))
    else:
        t = el("w:t")
        t.text = span.number or span.text
        node.append(t)
    return node


def _style_rpr(style: str):
    props = el("w:rPr")
    props.append(el("w:rStyle", w_val=style))
    return props


def _ref(ctx, parent, span: Span, bold: bool, italic: bool, style: str | None) -> None:
    """``Table 2``: the words as text, the number as a ``REF`` field to the target's bookmark (cached number).

    A reference to a footnote is a ``NOTEREF`` field, whose bookmark is around the footnote mark; one to a
    numbered paragraph is ``REF … \\r``, the paragraph's number (Word numbering) without its full stop.
    """
    text, number = span.text, span.number
    run_style = style if style else ("Strong" if bold else None)
    if not ctx.bookmarks.has(span.target) or not number or number not in text:
        parent.append(run(ctx, text, run_style, False, italic))
        return
    cut = text.rfind(number)
    if text[:cut]:
        parent.append(run(ctx, text[:cut], run_style, False, italic))
    name = bookmark_name(span.target)
    kind = "NOTEREF" if span.target in ctx.view.footnotes else "REF"
    switches = "\\r \\h" if span.target in ctx.bookmarks.numbered else "\\h"
    for node in field_runs(f"{kind} {name} {switches}", [run(ctx, number, run_style, False, italic)]):
        parent.append(node)
    if text[cut + len(number):]:
        parent.append(run(ctx, text[cut + len(number):], run_style, False, italic))
