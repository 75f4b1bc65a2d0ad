"""Cross-reference targets: Word bookmarks named after the content's ids.

Every element with an ``anchor`` gets a bookmark around its printed number
(``1`` of ``Table 1.``, ``3`` of ``Finding 3:``), so that a ``REF`` field to it
yields exactly that number, and the reference jumps to it. A numbered
paragraph's number is Word numbering, not text: its bookmark holds the
paragraph, and ``REF … \\r`` yields the paragraph's number. Word limits
bookmark names to 40 letters, digits and underscores, starting with a letter.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import operator
import re

from ...view import Span

_MAX = 40


def bookmark_name(anchor: str) -> str:
    """A valid, stable Word bookmark name for a content id."""
    name = "ref_" + re.sub(r"[^0-9A-Za-z]", "_", anchor)
    if len(name) > _MAX:
        digest = hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:8]
        name = name[:_MAX - 9] + "_" + digest
    return name


def nodes(root):
    """Every node of the view below ``root`` (parts, blocks, items, spans), in no particular order."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        values = _values(type(node))
        if values is not None:
            yield node
            stack.extend(v for v in values(node) if not isinstance(v, _SCALARS))


_SCALARS = (str, int, float, type(None))


@functools.cache
def _values(cls):
    """For a view dataclass, a function giving the values of its fields (looked up once per class); else None."""
    if not dataclasses.is_dataclass(cls):
        return None
    get = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))
    return get if len(dataclasses.fields(cls)) > 1 else lambda node: (get(node),)


def collect_anchors(root) -> set[str]:
    """Every ``anchor`` in the view below ``root`` (parts, blocks, items)."""
    return {anchor for node in nodes(root) if not isinstance(node, Span) and (anchor := getattr(node, "anchor", None))}


def numbered_paragraphs(parts) -> set[str]:
    """The anchors of numbered paragraphs, whose numbers are Word numbering (a REF to them takes ``\\r``)."""
    from ...view import ParaV
    return {b.anchor for part in parts for b in part.blocks if isinstance(b, ParaV) and b.number and b.anchor}


class Bookmarks:
    """Bookmark ids and names, and which anchors exist (so a reference is a field only if it can resolve).

    ``numbered``: the anchors whose number Word computes (numbered paragraphs); their bookmark holds the
    paragraph's text, and a ``REF`` field returns the paragraph's number with the ``\\r`` switch.
    """

    def __init__(self, anchors: set[str], numbered: set[str] = frozenset()):
        self.anchors = anchors
        self.numbered = numbered
        self.placed: dict[str, str] = {}
        self._next = 0

    def has(self, anchor: str | None) -> bool:
        return bool(anchor) and anchor in self.anchors

    def place(self, anchor: str) -> tuple[int, str] | None:
        """A new ``(id, name)`` for ``anchor``, or None if it was already placed (ids and names are unique)."""
        if anchor in self.placed:
            return None
        name = bookmark_name(anchor)
        self.placed[anchor] = name
        self._next += 1
        return self._next, name
