"""Small OOXML helpers for what python-docx has no API for.

python-docx covers paragraphs, runs, tables, sections and styles; fields,
bookmarks, hyperlinks, East Asian fonts and language tags are plain
WordprocessingML elements built here, each in the place the schema orders
them (Word refuses files whose elements are out of order).
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

#: Theme attributes that would override explicit fonts (Word resolves a theme font before the named one).
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def el(tag: str, **attrs) -> OxmlElement:
    """A new element ``tag`` with ``w:``-namespaced attributes (``w_val="x"`` → ``w:val="x"``)."""
    node = OxmlElement(tag)
    for key, value in attrs.items():
        node.set(qn(key.replace("_", ":", 1)), str(value))
    return node


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
        lang = OxmlElement("w:lang")
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
    instr = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    runs.append(instr)
    runs.append(_fld_char("separate"))
    runs.extend(result_runs)
    runs.append(_fld_char("end"))
    return runs


def _fld_char(kind: str):
    run = OxmlElement("w:r")
    run.append(el("w:fldChar", w_fldCharType=kind))
    return run


def text_run(text: str, rPr=None):
    """A ``w:r`` with optional copied properties and one ``w:t``."""
    run = OxmlElement("w:r")
    if rPr is not None:
        run.append(rPr)
    t = OxmlElement("w:t")
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
    link = OxmlElement("w:hyperlink")
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
    box = OxmlElement(tag)
    for side in sides:
        box.append(el(f"w:{side}", w_val=val, w_sz=sz, w_space=space, w_color=color))
    return box


def shading(fill: str):
    return el("w:shd", w_val="clear", w_color="auto", w_fill=fill)
