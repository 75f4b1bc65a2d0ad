"""Small OOXML helpers: what python-docx has no API for, and what it does too slowly for every paragraph.

python-docx covers paragraphs, runs, tables, sections and styles; fields,
bookmarks, hyperlinks, East Asian fonts and language tags are plain
WordprocessingML elements built here, each in the place the schema orders
them (Word refuses files whose elements are out of order).

The elements of the body (thousands of paragraphs, runs and their
properties) are built here too, through the same parser as python-docx's
``OxmlElement`` (so they are its element classes, and serialize the same),
without its per-call costs: an element is a copy of an empty one made once,
and a property is put in its schema place by one pass over the few children
present, where python-docx searches for each of some thirty successor tags.
"""
from __future__ import annotations

from functools import cache

from docx.oxml.ns import nsmap
from docx.oxml.ns import qn as _docx_qn
from docx.oxml.parser import oxml_parser
from docx.shared import Pt

#: Theme attributes that would override explicit fonts (Word resolves a theme font before the named one).
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


@cache
def qn(tag: str) -> str:
    """``w:p`` → ``{http://…/main}p`` (python-docx's ``qn``, worked out once per tag)."""
    return _docx_qn(tag)


@cache
def _prototype(tag: str):
    """An empty ``tag`` made by python-docx's parser: never changed, only copied (a copy costs a fifth of
    making an element)."""
    prefix = tag.partition(":")[0]
    return oxml_parser.makeelement(qn(tag), nsmap={prefix: nsmap[prefix]})


@cache
def _attr(key: str) -> str:
    return qn(key.replace("_", ":", 1))


def el(tag: str, **attrs):
    """A new element ``tag`` with ``w:``-namespaced attributes (``w_val="x"`` → ``w:val="x"``), as
    python-docx's ``OxmlElement`` makes it."""
    node = _prototype(tag).__copy__()
    for key, value in attrs.items():
        node.set(_attr(key), str(value))
    return node


def escape(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` as entities, for XML written as a string (as
    ``xml.sax.saxutils.escape``, whose import pulls in urllib, http and ssl)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(value: str) -> str:
    """``value`` as a quoted XML attribute value (as ``xml.sax.saxutils.quoteattr``)."""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


# ------------------------------------------------------------ schema order

#: The children of ``w:pPr`` in schema order.
PPR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
       "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
       "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
       "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
       "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
       "w:rPr", "w:sectPr", "w:pPrChange")
#: The children of ``w:tcPr`` in schema order.
TCPR = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
        "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
        "w:cellMerge", "w:tcPrChange")


@cache
def _after(order: tuple[str, ...], name: str) -> frozenset[str]:
    """The qualified names of the tags that follow the qualified ``name`` in ``order``."""
    names = [qn(t) for t in order]
    return frozenset(names[names.index(name) + 1:])


def insert_in_order(parent, node, order: tuple[str, ...]):
    """Put ``node`` among the children of ``parent`` where ``order`` (a schema sequence) places it: before the
    first child whose tag comes after it; returns ``node``."""
    later = _after(order, node.tag)
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(node)
            return node
    parent.append(node)
    return node


def child(parent, tag: str, order: tuple[str, ...]):
    """The child ``tag`` of ``parent``, added in its schema place (``order``) if it is not there yet."""
    node = parent.find(qn(tag))
    if node is None:
        node = insert_in_order(parent, el(tag), order)
    return node


def ppr(p):
    """The ``w:pPr`` of paragraph element ``p`` (its first child), added if missing."""
    node = p.find(qn("w:pPr"))
    if node is None:
        node = el("w:pPr")
        p.insert(0, node)
    return node


# ------------------------------------------------------ paragraph properties
# What python-docx's ``paragraph_format`` setters write, for the properties set on many paragraphs.

def align(p, value: str) -> None:
    """``w:jc``: the alignment (``left``, ``right``, ``center``, ``both``) of paragraph element ``p``."""
    child(ppr(p), "w:jc", PPR).set(qn("w:val"), value)


def keep_with_next(p) -> None:
    """``w:keepNext``: paragraph element ``p`` stays on the page of the next one."""
    child(ppr(p), "w:keepNext", PPR).attrib.pop(qn("w:val"), None)


def space_after(p, points: float) -> None:
    """``w:spacing/@w:after`` of paragraph element ``p``, in twips as python-docx converts ``Pt(points)``."""
    child(ppr(p), "w:spacing", PPR).set(qn("w:after"), str(Pt(points).twips))


def hang(p, left: int, hanging: int) -> None:
    """A hanging indent (twips) with a tab stop where the text starts, on paragraph element ``p``."""
    props = ppr(p)
    ind = child(props, "w:ind", PPR)
    ind.set(qn("w:left"), str(left))
    ind.attrib.pop(qn("w:firstLine"), None)
    ind.set(qn("w:hanging"), str(hanging))
    tab = el("w:tab")
    tab.set(qn("w:pos"), str(left))
    tab.set(qn("w:val"), "left")
    child(props, "w:tabs", PPR).append(tab)


def set_fonts(rPr, latin: str, east_asia: str | None) -> None:
    """Name the Latin and East Asian fonts of ``rPr`` and drop theme fonts that would win over them."""
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rPr.get_or_add_rFonts()
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    if east_asia:
        fonts.set(qn("w:eastAsia"), east_asia)


def set_lang(rPr, latin: str, east_asia: str | None) -> None:
    """``w:lang``: the language of Latin text and, for Chinese, ``w:eastAsia`` (which also picks the CJK font)."""
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = el("w:lang")
        rPr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.attrib.clear()
    lang.set(qn("w:val"), latin)
    if east_asia:
        lang.set(qn("w:eastAsia"), east_asia)
    lang.set(qn("w:bidi"), "ar-SA")


def set_hint_east_asia(rPr) -> None:
    """``w:hint="eastAsia"``: shared punctuation (“ ” … —) in this run takes the East Asian font."""
    rPr.get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


def strip_theme(element) -> None:
    """Remove theme font and theme colour attributes below ``element``."""
    for fonts in element.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            fonts.attrib.pop(qn(attr), None)
    for color in element.iter(qn("w:color")):
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)


# ----------------------------------------------------------------- fields

def field_runs(instruction: str, result_runs: list) -> list:
    """A complex field (begin, instruction, separate, cached result, end) as runs.

    The cached result is what Word and LibreOffice show before (or without)
    updating fields, so it must already be the right text.
    """
    runs = [_fld_char("begin")]
    instr = el("w:r")
    text = el("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    runs.append(instr)
    runs.append(_fld_char("separate"))
    runs.extend(result_runs)
    runs.append(_fld_char("end"))
    return runs


def _fld_char(kind: str):
    run = el("w:r")
    run.append(el("w:fldChar", w_fldCharType=kind))
    return run


def text_run(text: str, rPr=None):
    """A ``w:r`` with optional copied properties and one ``w:t``."""
    run = el("w:r")
    if rPr is not None:
        run.append(rPr)
    t = el("w:t")
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def bookmark(bid: int, name: str):
    """A ``(bookmarkStart, bookmarkEnd)`` pair to put around the target text."""
    return el("w:bookmarkStart", w_id=bid, w_name=name), el("w:bookmarkEnd", w_id=bid)


def hyperlink(rid: str | None = None, anchor: str | None = None):
    """A ``w:hyperlink`` to an external relationship ``rid`` or to a bookmark ``anchor``."""
    link = el("w:hyperlink")
    if rid:
        link.set(qn("r:id"), rid)
    if anchor:
        link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    return link


# ----------------------------------------------------------- cells/borders

#: Elements that follow ``w:pBdr`` in ``w:pPr`` (schema order).
PBDR_SUCCESSORS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                   "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                   "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                   "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def borders(tag: str, sides=("top", "left", "bottom", "right"), val="single", sz=6, color="000000", space=0):
    """A border container (``w:tcBorders``, ``w:tblBorders``, ``w:pBdr``) with the same line on each side."""
    box = el(tag)
    for side in sides:
        box.append(el(f"w:{side}", w_val=val, w_sz=sz, w_space=space, w_color=color))
    return box


def shading(fill: str):
    return el("w:shd", w_val="clear", w_color="auto", w_fill=fill)
