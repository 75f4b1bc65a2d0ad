"""PDF renderer: a language view typeset as an A4 PDF with reportlab.

Fonts are embedded TrueType subsets (:mod:`.fonts`); Chinese and Latin text
is broken into lines and justified by our own breaker (:mod:`.linebreak`);
footnotes sit at the foot of the page that references them
(:mod:`.footnotes`); every heading has an outline entry, references and
footnote marks are internal links, URLs are clickable, and the output is
byte-identical for the same content.
"""
from __future__ import annotations

import dataclasses
import io

from reportlab.platypus import PageBreak

from tareport.gc_pause import paused
from tareport.view import DocumentView, Span

from .. import RenderError
from . import fonts as _fonts
from .document import PartState, PdfDocument
from .flowables import Marker, Outline, TextBlock
from .fonts import FontError, FontSet, FontWarning
from .footnotes import Footnotes
from .layout import Layout, collect_anchors
from .text import Tone, Typesetter

__all__ = ["render", "FontError", "FontWarning"]


def render(view: DocumentView, fonts: dict | FontSet | None = None, record: list | None = None,
           **options) -> bytes:
    """The PDF of ``view``, as bytes.

    ``fonts``: ``{"body": "path[:index]", "heading": ..., "latin": ..., "latin_bold": ...}``
    (the CLI's ``--font-*``), or an already resolved :class:`FontSet`. ``record``: a list that
    receives the layout's record of what was drawn where (see :func:`.flowables.log`).
    """
    font_set = fonts if isinstance(fonts, FontSet) else _fonts.resolve(fonts or {})
    # Typesetting allocates a great many small objects and frees them by reference counting; the cyclic
    # collector would walk the whole heap (the loaded model and view, the parsed fonts) again and again
    # for nothing: about a tenth of a cold build. It is off while the PDF is made (memory is unchanged).
    with paused():
        return _render(view, font_set, record)


def _render(view: DocumentView, font_set: FontSet, record: list | None) -> bytes:
    ts = Typesetter(font_set, view.cjk, collect_anchors(view))
    m_note = Layout(view, ts, None, Outline()).m

    note_blocks = {}
    for fn in view.footnote_list():
        where = f"footnote {fn.number}"
        tone = Tone(m_note.note, italic=fn.gap)
        label = ts.plain(fn.number, Tone(m_note.note * 0.8), where)
        note_blocks[fn.id] = TextBlock(ts.spans(fn.text, tone, where), m_note.note, m_note.note_leading,
                                       cjk=view.cjk, indent=14, label=label, align=m_note.house.body.align,
                                       role="note")
    notes = Footnotes(note_blocks)
    outline = Outline()
    layout = Layout(view, ts, notes, outline)
    state = PartState()

    story = []
    for i, part in enumerate(view.parts):
        if i:
            story.append(PageBreak())
        story.append(Marker(lambda canv, part=part: state.begin(part, canv)))
        if part.kind == "main":
            cover = layout.cover()
            cover[0].outline = (view.symbol + " " + view.title, 0, outline)
            story.extend(cover)
        else:
            story.extend(layout.annex_title(part))
        body = layout.blocks(part.blocks, part.kind)
        if body:  # the end marker never stands alone on a page: the part's last block goes with it
            body[-1].keepWithNext = True
        story.extend(body)
        story.append(layout.end_marker(part.end_marker))

    buf = io.BytesIO()
    doc = PdfDocument(buf, view=view, fonts=font_set, ts=ts, notes=notes, state=state, record=record)
    doc.build(story)
    referenced = note_targets(view)
    missing = [fid for fid in note_blocks if fid in referenced and fid not in notes.printed]
    if missing:  # never lose a note silently
        raise RenderError(f"footnotes referenced but not placed: {', '.join(missing)}")
    return buf.getvalue()


def iter_spans(obj):
    """Every :class:`Span` reachable from a view object (blocks, cells, items ...)."""
    if isinstance(obj, Span):
        yield obj
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            yield from iter_spans(x)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from iter_spans(getattr(obj, f.name))


def note_targets(view: DocumentView) -> set[str]:
    """Footnote ids whose mark appears in the body (a draft may have lost some)."""
    return {s.target for part in view.parts for s in iter_spans(part.blocks) if s.kind == "note"}
