"""The state of one rendering: the python-docx document, the view, the style set, bookmarks, footnotes.

:class:`Flow` hides the difference between writing into the document body
and into a table cell (a box), so that the block renderers are written once.

Rendering is linear in the length of the document: python-docx's body
appends, ``add_table`` and ``doc.sections`` each scan the whole body (for
its final ``w:sectPr``), so the body flow inserts before that element
directly and the text width is computed once; its ``next_id`` scans the
whole document for drawing ids and ``next_partname`` walks every part, so
drawings and charts are counted here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from docx.oxml.table import CT_Tbl
from docx.table import Table
from docx.text.paragraph import Paragraph

from ...view import Span
from .anchors import Bookmarks, nodes, numbered_paragraphs
from .ooxml import el, ppr, qn
from .styles import Typography

_VAL = qn("w:val")
_PSTYLE = qn("w:pStyle")


@dataclass
class Context:
    doc: object  # docx.Document
    view: object  # DocumentView
    typo: Typography
    bookmarks: Bookmarks
    footnotes: object = None  # footnotes.Footnotes
    numbering: object = None  # numbering.Numbering
    seen_notes: set = field(default_factory=set)
    block_width: int = 0  # width between the margins, in EMU (every section has the same page setup)
    last_shape_id: int | None = None  # the largest drawing id (wp:docPr/@id) in the document, once looked up
    charts: int = 0  # the charts added to the package so far

    @classmethod
    def create(cls, doc, view, typo) -> "Context":
        found = list(nodes(view.parts))
        anchors = {a for node in found if not isinstance(node, Span) and (a := getattr(node, "anchor", None))}
        # footnotes that references point to (a NOTEREF field needs a bookmark on the note's mark)
        anchors |= {n.target for n in found if isinstance(n, Span) and n.kind == "ref" and n.target in view.footnotes}
        section = doc.sections[0]
        width = section.page_width - section.left_margin - section.right_margin
        return cls(doc, view, typo, Bookmarks(anchors, numbered_paragraphs(view.parts)), block_width=width)

    @property
    def text_width(self) -> int:
        """Width between the margins, in twips."""
        return int(self.block_width / 635)

    def shape_id(self) -> int:
        """A new drawing id, as python-docx's ``next_id`` gives it (one more than the largest ``id`` in the
        document), without its scan of the whole document for every drawing."""
        if self.last_shape_id is None:
            self.last_shape_id = self.doc.part.next_id - 1
        self.last_shape_id += 1
        return self.last_shape_id

    def shape_added(self, shape_id: int) -> None:
        """Take note of a drawing id that python-docx gave (a picture)."""
        if self.last_shape_id is not None:
            self.last_shape_id = max(self.last_shape_id, shape_id)


def set_style(p, name: str | None) -> None:
    """Give paragraph ``p`` the style named ``name``, by id (every style of this set has id = name without spaces).

    python-docx's ``paragraph.style = name`` looks the name up among all styles each time: most of the render time;
    its ``pPr.style`` setter then tries some thirty successor tags to place ``w:pStyle``, which is always first.
    """
    if name:
        _set_style(p._p, name)


def _set_style(element, name: str) -> None:
    pPr = ppr(element)
    pStyle = pPr.find(_PSTYLE)
    if pStyle is None:
        pStyle = el("w:pStyle")
        pPr.insert(0, pStyle)
    pStyle.set(_VAL, name.replace(" ", ""))


@cache
def _empty_paragraph(style: str | None):
    """An empty ``w:p`` in ``style``: made once, copied for each paragraph of the body."""
    element = el("w:p")
    if style:
        _set_style(element, style)
    return element


class Flow:
    """Where blocks go: the document body, or a table cell (whose first, empty paragraph is reused)."""

    def __init__(self, parent, part, in_box: bool = False, width: int | None = None):
        self.parent = parent
        self.part = part  # the package part that owns hyperlinks and images written here
        self.in_box = in_box
        self.width = width
        self._spare = parent.paragraphs[0] if hasattr(parent, "merge") else None
        self.break_next = False  # the next block starts a new page
        self._end = None  # in the body: its final w:sectPr, before which every block goes
        self._block_width = None

    @classmethod
    def body(cls, ctx) -> "Flow":
        """The document body; blocks are inserted before its final ``w:sectPr`` without searching for it.

        That element stays the body's last child when sections are added (python-docx copies it into
        the new section break), so one lookup serves the whole rendering.
        """
        doc = ctx.doc
        flow = cls(doc._body, doc.part)
        flow._end = doc.element.body.get_or_add_sectPr()
        flow._block_width = ctx.block_width
        return flow

    def paragraph(self, style: str | None = None):
        if self._spare is not None:
            p, self._spare = self._spare, None
        elif self._end is not None:
            element = _empty_paragraph(style).__copy__()
            self._end.addprevious(element)
            p = Paragraph(element, self.parent)
            style = None  # the copy has it
        else:
            p = self.parent.add_paragraph()
        set_style(p, style)
        if self.break_next:
            self.break_next = False
            p.paragraph_format.page_break_before = True
        return p

    def table(self, rows: int, cols: int):
        if self.break_next:
            self.paragraph("Source Note")
        if self._spare is not None:
            # a cell must not start with a stray empty paragraph before a nested table
            self._spare._p.getparent().remove(self._spare._p)
            self._spare = None
        if self._end is not None:  # as python-docx's Document.add_table, without its body scans
            tbl = CT_Tbl.new_tbl(rows, cols, self._block_width)
            self._end.addprevious(tbl)
            return Table(tbl, self.parent)
        return self.parent.add_table(rows, cols)

    def close(self) -> None:
        """A cell must end with a paragraph (Word's rule): add one after a trailing table."""
        if hasattr(self.parent, "merge"):
            tc = self.parent._tc
            children = [c for c in tc if c.tag != qn("w:tcPr")]
            if not children or children[-1].tag == qn("w:tbl"):
                set_style(self.parent.add_paragraph(), "Table Text")
