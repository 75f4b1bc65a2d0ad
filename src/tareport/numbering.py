"""Resolution: number everything as the official document does and check every id.

One pass over the parts in reading order assigns

* paragraph numbers per part (the cover has its own 1-3, each annex numbers
  continuously through all its files), ignoring paragraphs inside boxes;
* chapter ``1``, section ``1.1`` and lesson numbers, restarting per chapter;
* finding numbers in the order of the paragraphs they are anchored to
  (a finding with an explicit ``anchor`` is moved right after that
  paragraph), then in the order written;
* table, chart, figure and box numbers in order of appearance;
* footnote numbers in order of their first mark;
* annex numbers (``Annex II``) from ``document.yaml``.

Everything but footnotes restarts in each part: WIPO numbers paragraphs,
findings, tables, charts, figures and boxes within each annex (an annex is
usually a report of its own), and a reference into another part names that
part (``Table 1 of Annex I``). Footnotes run through the whole document, as
Word numbers them. Every target remembers its part for that purpose.

and checks ids: duplicates, dangling or wrongly typed references, unused
footnotes, and footnote marks that differ between languages.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .diagnostics import ContentError, Diagnostic, Position
from .inline import FootnoteMark, Ref, walk
from .loader import LoadedFile, Sources
from .model import (Abbreviations, AnnexSpec, iter_nodes, iter_texts, Box, Chart, Figure, Finding, Footnote, Heading, Info,
                    ListBlock, ListItem, Para, Quote, Table)
from .text import Text

#: The kinds of numbered things a reference can point to.
KINDS = ("paragraph", "chapter", "section", "lesson", "finding", "table", "chart", "figure", "box", "footnote",
         "annex")


@dataclass
class Target:
    id: str
    kind: str | None  # None: the element has an id but no number
    number: str | None  # an annex without a number ("the Annex") has kind "annex" and no number
    node: object
    position: Position | None
    part: int | None = None  # index of the part it is in (for a footnote: the part that defines it)


@dataclass
class Placed:
    """A block in its final reading order, with the file it came from."""

    block: object
    file: LoadedFile


@dataclass
class NumberedPart:
    kind: str  # main | annex
    spec: object  # PartSpec / AnnexSpec
    blocks: list[Placed]
    number: int | None = None  # the annex's number (Annex II); None for the main body and a single annex


@dataclass
class NumberedDocument:
    """The model with numbers assigned and references checked."""

    sources: Sources
    parts: list[NumberedPart]
    numbers: dict[int, str] = field(default_factory=dict)  # id(node) -> number
    targets: dict[str, Target] = field(default_factory=dict)
    footnotes: list[tuple[str, Footnote]] = field(default_factory=list)  # (number, footnote) in order

    def number(self, node) -> str | None:
        return self.numbers.get(id(node))


def _reorder(blocks: list[Placed], by_id: dict[str, object]) -> list[Placed]:
    """Move findings with an explicit anchor right after their paragraph."""
    anchored: dict[int, list[Placed]] = {}
    rest = []
    for placed in blocks:
        b = placed.block
        if isinstance(b, Finding) and b.anchor and isinstance(by_id.get(b.anchor), Para):
            anchored.setdefault(id(by_id[b.anchor]), []).append(placed)
        else:
            rest.append(placed)
    if not anchored:
        return blocks
    out = []
    for placed in rest:
        out.append(placed)
        if isinstance(placed.block, Para) and id(placed.block) in anchored:
            # after the paragraph and any finding already following it
            out.extend(anchored.pop(id(placed.block)))
    for leftovers in anchored.values():  # anchor in another part: keep written place
        out.extend(leftovers)
    return out


def resolve(sources: Sources) -> NumberedDocument:
    diagnostics: list[Diagnostic] = []
    primary = sources.index.languages[0]

    # 1. ids: collect and detect duplicates
    by_id: dict[str, object] = {}
    first_pos: dict[str, Position | None] = {}
    footnote_defs: dict[str, Footnote] = {}
    footnote_part: dict[str, int] = {}
    for spec in sources.index.annexes:
        if spec.id:
            by_id[spec.id], first_pos[spec.id] = spec, spec.pos
    for part_index, part in enumerate(sources.parts):
        for f in part.files:
            for node in list(iter_nodes(f.content.blocks)) + list(f.content.footnotes):
                ident = getattr(node, "id", None)
                if not ident:
                    continue
                if ident in by_id:
                    diagnostics.append(Diagnostic(node.field_pos("id") or Position(f.name),
                                                  f"duplicate id {ident!r} (first used at {first_pos[ident]})"))
                    continue
                by_id[ident], first_pos[ident] = node, node.field_pos("id")
                if isinstance(node, Footnote):
                    footnote_defs[ident] = node
                    footnote_part[ident] = part_index

    doc = NumberedDocument(sources, [])
    kind_of = {Table: "table", Chart: "chart", Figure: "figure", Box: "box", Finding: "finding"}
    annex_numbers = iter(sources.index.annex_numbers())

    # 2. anchors, then order and numbers
    for part_index, part in enumerate(sources.parts):
        placed: list[Placed] = []
        last_para = None
        for f in part.files:
            for block in f.content.blocks:
                if isinstance(block, Para):
                    last_para = block
                if isinstance(block, Finding):
                    if block.anchor:
                        target = by_id.get(block.anchor)
                        where = block.field_pos("anchor")
                        if target is None:
                            diagnostics.append(Diagnostic(where, f"anchor {block.anchor!r}: no paragraph has this id{_suggest(block.anchor, by_id)}"))
                        elif target is block:
                            diagnostics.append(Diagnostic(where, f"anchor {block.anchor!r} is this finding itself: "
                                                                 "name the paragraph it belongs to"))
                        elif not isinstance(target, Para):
                            diagnostics.append(Diagnostic(where, f"anchor {block.anchor!r} is a {_kind_name(target)}, not a paragraph"))
                    elif last_para is None:
                        diagnostics.append(Diagnostic(block.pos, "a finding needs a paragraph before it or an 'anchor'"))
                placed.append(Placed(block, f))
        blocks = _reorder(placed, by_id)
        number = next(annex_numbers) if part.kind == "annex" else None
        doc.parts.append(NumberedPart(part.kind, part.spec, blocks, number))
        if part.kind == "annex" and part.spec.id:
            doc.targets[part.spec.id] = Target(part.spec.id, "annex", None if number is None else str(number),
                                               part.spec, part.spec.pos, part_index)

        paragraph = chapter = section = lesson = 0
        counters = dict.fromkeys(kind_of.values(), 0)
        for p in blocks:
            b = p.block
            if isinstance(b, Para) and b.numbered:
                paragraph += 1
                _assign(doc, b, "paragraph", str(paragraph), part_index)
            elif isinstance(b, Heading) and b.is_numbered:
                if b.level == "chapter":
                    chapter += 1
                    section = lesson = 0
                    _assign(doc, b, "chapter", str(chapter), part_index)
                elif b.level == "section":
                    section += 1
                    _assign(doc, b, "section", f"{chapter}.{section}" if chapter else str(section), part_index)
                elif b.level == "lesson":
                    lesson += 1
                    _assign(doc, b, "lesson", str(lesson), part_index)
            elif type(b) in kind_of:
                kind = kind_of[type(b)]
                counters[kind] += 1
                _assign(doc, b, kind, str(counters[kind]), part_index)
            for inner in iter_nodes(b):
                if inner is b:
                    continue
                if isinstance(inner, Heading) and inner.is_numbered:
                    diagnostics.append(Diagnostic(inner.pos, "a heading inside a box is never numbered: add 'numbered: false' or make it a subheading"))
                ident = getattr(inner, "id", None)
                if ident and id(inner) not in doc.numbers:
                    doc.targets[ident] = Target(ident, None, None, inner, inner.pos, part_index)
            ident = getattr(b, "id", None)
            if ident and ident not in doc.targets:
                doc.targets[ident] = Target(ident, None, None, b, b.pos, part_index)

    # 3. references and footnote marks, in reading order
    seen_marks: set[str] = set()
    for part in doc.parts:
        for p in part.blocks:
            for text in iter_texts(p.block):
                _check_text(doc, text, p.file, primary, footnote_defs, by_id, seen_marks, diagnostics)
    for part in sources.parts:
        for f in part.files:
            for fn in f.content.footnotes:
                if fn.text is not None:
                    for text in iter_texts(fn.text):
                        _check_text(doc, text, f, primary, footnote_defs, by_id, seen_marks, diagnostics, in_note=True)
                if fn.id not in seen_marks and footnote_defs.get(fn.id) is fn:
                    diagnostics.append(Diagnostic(fn.pos, f"footnote {fn.id!r} is defined but no text marks it with {{^{fn.id}}}"))
    for ident, part_index in footnote_part.items():
        if ident in doc.targets and doc.targets[ident].kind == "footnote":
            doc.targets[ident].part = part_index
    if diagnostics:
        raise ContentError(diagnostics)
    return doc


def _assign(doc: NumberedDocument, node, kind: str, number: str, part: int) -> None:
    doc.numbers[id(node)] = number
    if getattr(node, "id", None):
        doc.targets[node.id] = Target(node.id, kind, number, node, node.pos, part)


def _kind_name(node) -> str:
    return {Para: "paragraph", Heading: "heading", Finding: "finding", Table: "table", Chart: "chart",
            Figure: "figure", Box: "box", Quote: "quote", Info: "info box", ListBlock: "list",
            ListItem: "list item", Abbreviations: "abbreviations list", Footnote: "footnote",
            AnnexSpec: "annex"}.get(type(node), type(node).__name__)


def _suggest(ident: str, ids) -> str:
    close = difflib.get_close_matches(ident, list(ids), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _check_text(doc, text: Text, f: LoadedFile, primary: str, footnote_defs, by_id, seen_marks, diagnostics, in_note=False):
    marks_by_lang: dict[str, list[str]] = {}
    misspelled = False  # a mark with no footnote is reported as such, not again as a difference between languages
    for lang, nodes in text.inlines.items():
        marks = marks_by_lang.setdefault(lang, [])
        for node in walk(nodes):
            if isinstance(node, FootnoteMark):
                where = text.position_of(lang, node.offset, f.lines)
                if node.id not in footnote_defs:
                    target = by_id.get(node.id)
                    if target is not None:
                        diagnostics.append(Diagnostic(where, f"{{^{node.id}}} marks a footnote, but {node.id!r} is a {_kind_name(target)}"))
                    else:
                        diagnostics.append(Diagnostic(where, f"no footnote has the id {node.id!r}{_suggest(node.id, footnote_defs)}"))
                    misspelled = True
                    continue
                if in_note:
                    diagnostics.append(Diagnostic(where, "a footnote cannot mark another footnote"))
                    continue
                marks.append(node.id)
            elif isinstance(node, Ref):
                where = text.position_of(lang, node.offset, f.lines)
                target = doc.targets.get(node.id)
                if target is None and node.id in footnote_defs:
                    continue  # footnote numbers are assigned below; checked there
                if target is None:
                    diagnostics.append(Diagnostic(where, f"reference to {node.id!r}: no element has this id{_suggest(node.id, list(doc.targets) + list(footnote_defs))}"))
                elif target.kind is None:
                    diagnostics.append(Diagnostic(where, f"reference to {node.id!r}: this {_kind_name(target.node)} has no number to refer to"))
    # footnotes are numbered by first mark in the primary language (or the first language present)
    order_lang = primary if primary in marks_by_lang else next(iter(marks_by_lang), None)
    if order_lang is None:
        return
    reference = marks_by_lang[order_lang]
    for lang, marks in marks_by_lang.items():
        if sorted(marks) != sorted(reference) and not misspelled:
            missing = sorted(set(reference) - set(marks))
            extra = sorted(set(marks) - set(reference))
            detail = "; ".join(x for x in (f"lacks {', '.join(missing)}" if missing else "",
                                            f"adds {', '.join(extra)}" if extra else "") if x)
            diagnostics.append(Diagnostic(text.position_of(lang, 0, f.lines) or text.pos,
                                          f"the {lang} text marks other footnotes than the {order_lang} text ({detail})"))
    for ident in reference + [i for marks in marks_by_lang.values() for i in marks]:
        if ident not in seen_marks:
            seen_marks.add(ident)
            number = str(len(doc.footnotes) + 1)
            fn = footnote_defs[ident]
            doc.footnotes.append((number, fn))
            doc.numbers[id(fn)] = number
            doc.targets[ident] = Target(ident, "footnote", number, fn, fn.pos)
