"""Word numbering read back from a .docx: the label each numbered paragraph prints, computed as Word does.

A paragraph with ``w:numPr`` prints the ``w:lvlText`` of its level, each
``%n`` replaced by the current count of level n in the numbering format of
that level. Counters belong to the abstract definition (every ``w:num`` of
one abstract numbering continues the same list) unless a ``w:num`` restarts a
level with ``w:startOverride`` where it is first used; a level restarts after
an item of a higher level.
"""
from __future__ import annotations

import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _val(node, path: str) -> str | None:
    found = node.xpath(f"{path}/@w:val", namespaces=NS)
    return found[0] if found else None


def formatted(n: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(n)
    if fmt == "lowerLetter":  # Word: a … z, aa … zz, aaa …
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "lowerRoman":
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out, n = out + letters, n - value
        return out
    if fmt in ("bullet", "none"):
        return ""
    raise ValueError(f"numbering format {fmt!r} not read here")


class Definitions:
    """The abstract numberings (levels: start, format, text, indents) and the nums of a numbering part."""

    def __init__(self, numbering_xml: bytes):
        root = etree.fromstring(numbering_xml)
        self.abstracts: dict[str, dict[int, dict]] = {}
        for a in root.xpath("w:abstractNum", namespaces=NS):
            levels = {}
            for lvl in a.xpath("w:lvl", namespaces=NS):
                ind = lvl.xpath("w:pPr/w:ind", namespaces=NS)
                levels[int(lvl.get(f"{{{W}}}ilvl"))] = {
                    "start": int(_val(lvl, "w:start") or 0), "fmt": _val(lvl, "w:numFmt"),
                    "text": _val(lvl, "w:lvlText"),
                    "left": int(ind[0].get(f"{{{W}}}left")) if ind else None,
                    "hanging": int(ind[0].get(f"{{{W}}}hanging")) if ind else None}
            self.abstracts[a.get(f"{{{W}}}abstractNumId")] = levels
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        for n in root.xpath("w:num", namespaces=NS):
            overrides = {int(o.get(f"{{{W}}}ilvl")): int(_val(o, "w:startOverride"))
                         for o in n.xpath("w:lvlOverride[w:startOverride]", namespaces=NS)}
            self.nums[n.get(f"{{{W}}}numId")] = (_val(n, "w:abstractNumId"), overrides)

    def level(self, num_id: str, ilvl: int) -> dict:
        return self.abstracts[self.nums[num_id][0]][ilvl]


def num_pr(p) -> tuple[str, int] | None:
    """``(numId, ilvl)`` of a paragraph numbered directly, or None."""
    num = _val(p, "w:pPr/w:numPr/w:numId")
    if num is None or num == "0":
        return None
    return num, int(_val(p, "w:pPr/w:numPr/w:ilvl") or 0)


def labels(body, numbering_xml: bytes) -> dict:
    """``{w:p element: printed label}`` for every numbered paragraph of ``body``, in document order."""
    defs = Definitions(numbering_xml)
    counters: dict[str, dict[int, int]] = {}  # per abstract numbering: level → current count
    started: set[str] = set()
    out = {}
    for p in body.iter(f"{{{W}}}p"):
        found = num_pr(p)
        if found is None:
            continue
        num_id, ilvl = found
        abstract, overrides = defs.nums[num_id]
        levels = defs.abstracts[abstract]
        count = counters.setdefault(abstract, {})
        if num_id not in started:
            started.add(num_id)
            for lvl, start in overrides.items():
                count[lvl] = start - 1
        count[ilvl] = count.get(ilvl, levels[ilvl]["start"] - 1) + 1
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]
        text = levels[ilvl]["text"]
        out[p] = re.sub(r"%(\d)", lambda m: formatted(count.get(int(m.group(1)) - 1, 1),
                                                        levels[int(m.group(1)) - 1]["fmt"]), text)
    return out
