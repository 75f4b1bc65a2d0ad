"""Word numbering: paragraph numbers and list markers as numbering definitions, not typed text.

A number typed as text stays what it is when an editor inserts a paragraph in
Word; a numbered paragraph (``w:numPr`` pointing into the numbering part)
renumbers. The definitions reproduce the printed numbers exactly:

- the numbered paragraphs of each part are one list, restarting at 1 in each
  annex (``1.`` at the margin, the text after a tab one step in);
- each list of the content is its own list, starting at its first number, its
  marker as printed (``a.``, ``a)``, ``(a)``, ``（a）``, ``(i)``, ``1.``, ``•``)
  at the level of its nesting.

Lists of one marker style share an abstract definition, and each list is a
``w:num`` that restarts it (``w:startOverride``), as Word's own "Restart
numbering" does. A cross-reference to a numbered paragraph is a ``REF … \\r``
field, which Word and LibreOffice both evaluate to the paragraph's number
without its full stop (``42``).
"""
from __future__ import annotations

from functools import cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from .ooxml import PPR, el, insert_in_order, ppr, qn

#: The counter's place in a list style (view.list_marker's order: letters, then roman, then arabic).
_TOKENS = (("a", "lowerLetter"), ("i", "lowerRoman"), ("1", "decimal"))


def marker_format(style: str, level: int) -> tuple[str, str]:
    """``(w:numFmt, w:lvlText)`` of a list style as printed at ``level`` (0-based): ``(a)`` → ``lowerLetter``, ``(%1)``."""
    if style == "bullet":
        return "bullet", "•"
    for token, fmt in _TOKENS:
        if token in style:
            return fmt, style.replace(token, f"%{level + 1}", 1)
    return "none", style


class Numbering:
    """The numbering definitions of one document, built while its paragraphs are written."""

    def __init__(self, typo, step: int, list_levels: int):
        self.typo = typo
        self.step = step  # twips: paragraph numbers hang one step, list markers one step per level further in
        self.list_levels = list_levels
        self._abstracts: list = []
        self._abstract_of: dict[str | None, int] = {}  # by marker style; None: paragraph numbers
        self._nums: list = []
        self._part_num: int | None = None

    # ------------------------------------------------------------ paragraphs

    def new_part(self) -> None:
        """The next numbered paragraph starts a new list (paragraph numbers restart in each part)."""
        self._part_num = None

    def number_paragraph(self, p, number: int) -> None:
        """Make ``p`` the next numbered paragraph of its part (the first one sets where the part starts)."""
        if self._part_num is None:
            self._part_num = self._num(self._abstract(None), 0, number)
        apply(p, self._part_num, 0)

    # ----------------------------------------------------------------- lists

    def new_list(self, style: str, level: int, start: int) -> int:
        """A new list of marker ``style`` at nesting ``level``, its first item numbered ``start``: its ``numId``."""
        return self._num(self._abstract(style), level, start)

    # ------------------------------------------------------------ the part

    def install(self, doc) -> None:
        """Write the numbering part, or drop the template's when nothing is numbered."""
        if not self._nums:
            for rid, rel in list(doc.part.rels.items()):
                if rel.reltype == RT.NUMBERING:
                    doc.part.rels.pop(rid)
            return
        root = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        for node in self._abstracts + self._nums:  # the schema puts every abstractNum before the nums
            root.append(node)
        doc.part.numbering_part._element = root

    # ------------------------------------------------------------- helpers

    def _abstract(self, style: str | None) -> int:
        if style in self._abstract_of:
            return self._abstract_of[style]
        aid = len(self._abstracts)
        node = el("w:abstractNum", w_abstractNumId=aid)
        if style is None:
            node.append(el("w:multiLevelType", w_val="singleLevel"))
            node.append(self._level(0, "decimal", "%1.", self.step, ascii_only=True))
        else:
            node.append(el("w:multiLevelType", w_val="multilevel"))
            for level in range(self.list_levels):
                fmt, text = marker_format(style, level)
                node.append(self._level(level, fmt, text, self.step * (level + 2), ascii_only=text.isascii()))
        self._abstracts.append(node)
        self._abstract_of[style] = aid
        return aid

    def _level(self, level: int, fmt: str, text: str, left: int, ascii_only: bool):
        lvl = el("w:lvl", w_ilvl=level)
        lvl.append(el("w:start", w_val=1))
        lvl.append(el("w:numFmt", w_val=fmt))
        lvl.append(el("w:lvlText", w_val=text))
        lvl.append(el("w:lvlJc", w_val="left"))
        ppr = el("w:pPr")
        ppr.append(el("w:ind", w_left=left, w_hanging=self.step))
        lvl.append(ppr)
        if not ascii_only and self.typo.body_east_asia:
            # as a typed marker: shared punctuation (•, full-width brackets) in the Song face
            rpr = el("w:rPr")
            rpr.append(el("w:rFonts", w_hint="eastAsia"))
            lvl.append(rpr)
        return lvl

    def _num(self, abstract: int, level: int, start: int) -> int:
        nid = len(self._nums) + 1
        num = el("w:num", w_numId=nid)
        num.append(el("w:abstractNumId", w_val=abstract))
        override = el("w:lvlOverride", w_ilvl=level)
        override.append(el("w:startOverride", w_val=start))
        num.append(override)
        self._nums.append(num)
        return nid


def apply(p, num_id: int, level: int) -> None:
    """``w:numPr`` on paragraph ``p``: numbered by list ``num_id`` at ``level``."""
    props = ppr(p._p)
    old = props.find(qn("w:numPr"))
    if old is not None:
        props.remove(old)
    insert_in_order(props, _numbered(num_id, level).__copy__(), PPR)


@cache
def _numbered(num_id: int, level: int):
    """``<w:numPr><w:ilvl w:val=level/><w:numId w:val=num_id/></w:numPr>``: made once, copied for each paragraph."""
    numPr = el("w:numPr")
    numPr.append(el("w:ilvl", w_val=level))
    numPr.append(el("w:numId", w_val=num_id))
    return numPr
