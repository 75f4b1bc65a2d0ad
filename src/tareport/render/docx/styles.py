"""The style set, defined once: every paragraph and run refers to a named style.

A person editing the .docx in Word finds real styles (Heading 1, Numbered
Paragraph, Finding, Footnote Text ...) instead of direct formatting. Fonts
are set on the document defaults and on the styles with explicit
``w:eastAsia`` names and without theme attributes: python-docx's
``font.name`` alone leaves Chinese text in the theme's East Asian font, and
LibreOffice maps SimSun/SimHei to the Noto Serif/Sans CJK faces only when
``w:lang w:eastAsia`` says the text is Chinese.

Every size, weight, case, alignment, indent, spacing and colour comes from
the shared house style (:mod:`tareport.render.style`), which the PDF reads too.
The set depends only on the typography (and the code): built once through
python-docx's style API, it is kept between runs in a prepared template
(:func:`document`).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cached_property

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from ..style import HouseStyle, house_style
from ..style import Text as TextStyle
from . import partcache
from .ooxml import PBDR_SUCCESSORS, borders, set_fonts, set_lang, strip_theme


def twips(points: float) -> int:
    return round(points * 20)


def eighths(points: float) -> int:
    """A border width in eighths of a point (``w:sz`` of borders)."""
    return round(points * 8)


#: One indentation step (1 cm) for paragraph numbers and list markers.
STEP = twips(house_style(False).number_indent)
#: Deepest list level with its own style.
LIST_LEVELS = 4
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


@dataclass(frozen=True)
class Typography:
    """The fonts and language tags of one document language."""

    latin: str
    body_east_asia: str | None
    heading_east_asia: str | None
    size: float
    lang_latin: str
    lang_east_asia: str | None

    @classmethod
    def for_view(cls, view) -> "Typography":
        if view.cjk:
            return cls("Arial", "SimSun", "SimHei", 11, "en-GB", view.tag)
        return cls("Arial", None, None, 11, view.tag, None)

    @cached_property
    def house(self) -> HouseStyle:
        return house_style(self.body_east_asia is not None)

    @property
    def bold_east_asia(self) -> str | None:
        """Bold Chinese is set in the Hei face (SimSun has no bold)."""
        return self.heading_east_asia


# Keep these styles of python-docx's template (cleaned); every other one is removed.
_KEEP = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header", "Footer",
         "Heading1", "Heading2", "Heading3", "Heading4", "Caption", "Strong", "Emphasis", "Quote"}


def document(typo: Typography):
    """A new python-docx document: its default template with the style set of ``typo`` in place of the
    template's 430 KB of styles. The template so prepared is kept between runs (:mod:`.partcache`), so that a
    rendering neither parses those styles nor builds the set again; it is always opened from its bytes, made
    now or recalled, so both give the same document."""
    return Document(io.BytesIO(partcache.remembered("template", repr(typo), lambda: _prepared(typo))))


def _prepared(typo: Typography) -> bytes:
    doc = Document()
    install(doc, typo)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def install(doc, typo: Typography) -> None:
    """Replace the template's styles by the document's style set."""
    styles_el = doc.styles.element
    for style in list(styles_el.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in _KEEP:
            styles_el.remove(style)
        else:
            for child in list(style):
                if child.tag in (qn("w:link"), qn("w:rsid")):
                    style.remove(child)
    strip_theme(styles_el)
    _defaults(styles_el, typo)

    s = doc.styles
    h = typo.house
    normal = s["Normal"]
    _para(normal, size=h.body.size, after=twips(h.body.after), align=_ALIGN[h.body.align])
    _fonts(normal, typo.latin, typo.body_east_asia)

    for level, name in enumerate(("chapter", "section", "lesson", "subheading"), 1):
        style = s[f"Heading {level}"]
        _reset(style)
        _apply(style, h.headings[name], keep_next=True)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.keep_together = True
        style.element.get_or_add_pPr().get_or_add_outlineLvl().set(qn("w:val"), str(level - 1))
        _fonts(style, typo.latin, typo.heading_east_asia)

    numbered = _new(s, "Numbered Paragraph", "Normal")
    _hanging(numbered, STEP, STEP)
    indented = _new(s, "Body Indented", "Normal")
    indented.paragraph_format.left_indent = Twips(STEP)
    for level in range(1, LIST_LEVELS + 1):
        item = _new(s, f"List Item {level}", "Normal")
        _hanging(item, STEP * (level + 1), STEP)
        item.paragraph_format.space_after = Pt(h.list_item.after)
        cont = _new(s, f"List Continue {level}", "Normal")
        cont.paragraph_format.left_indent = Twips(STEP * (level + 1))
        cont.paragraph_format.space_after = Pt(h.list_item.after)

    caption = s["Caption"]
    _reset(caption)
    _apply(caption, h.caption, keep_next=True)
    _fonts(caption, typo.latin, typo.heading_east_asia)
    unit = _new(s, "Table Unit", "Normal")
    _para(unit, size=h.source.size, after=60, keep_next=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    cell = _new(s, "Table Text", "Normal")
    _para(cell, size=h.table_text.size, before=40, after=40, align=WD_ALIGN_PARAGRAPH.LEFT)
    head = _new(s, "Table Heading", "Table Text")
    head.font.bold = True
    _fonts(head, typo.latin, typo.bold_east_asia)
    source = _new(s, "Source Note", "Normal")
    _apply(source, h.source)

    for name in ("Finding", "Box Text"):
        box = _new(s, name, "Normal")
        _para(box, before=0, after=120, align=_ALIGN[h.finding_text.align])
    box_title = _new(s, "Box Title", "Box Text")
    _apply(box_title, h.box_title)
    box_title.paragraph_format.keep_with_next = False  # inside a table cell LibreOffice keeps the whole box with what follows
    _fonts(box_title, typo.latin, typo.heading_east_asia)
    box_heading = _new(s, "Box Heading", "Box Title")
    box_heading.paragraph_format.keep_with_next = True  # a sub-heading never ends the page: it stays with its text
    tile = _new(s, "Figure Tile", "Table Text")
    tile.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure = _new(s, "Figure", "Normal")
    _para(figure, after=60, keep_next=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    quote = s["Quote"]
    _reset(quote)
    _apply(quote, h.quote_text)
    quote.paragraph_format.space_after = Pt(0)
    quote.paragraph_format.left_indent = Twips(twips(h.quote.indent + h.quote.padding))
    quote.paragraph_format.right_indent = Twips(twips(h.quote.right_indent))
    quote.paragraph_format.keep_with_next = True
    quote.element.get_or_add_pPr().insert_element_before(
        borders("w:pBdr", sides=h.quote.sides, sz=eighths(h.quote.line), color=h.quote.color,
                space=round(h.quote.padding)), *PBDR_SUCCESSORS)
    attribution = _new(s, "Quote Attribution", "Quote")
    _apply(attribution, h.attribution)
    attribution.paragraph_format.space_after = Pt(h.body.after)
    attribution.paragraph_format.keep_with_next = False

    abbr = _new(s, "Abbreviation", "Normal")
    _para(abbr, after=60)

    end = _new(s, "End Marker", "Normal")
    _apply(end, h.end_marker)

    header = s["Header"]
    _reset(header)
    _para(header, size=h.header.size, after=0, align=_ALIGN[h.header.align])
    header.paragraph_format.tab_stops.clear_all()
    header_last = _new(s, "Header Last", "Header")
    header_last.paragraph_format.space_after = Pt(24)
    annex_head = _new(s, "Annex Heading", "Normal")
    _para(annex_head, after=0)
    annex_mark = _new(s, "Annex Heading Last", "Annex Heading")
    annex_mark.paragraph_format.space_after = Pt(24)

    # cover and annex title page
    cover = {"Cover Letter": h.letter, "Cover Symbol": h.symbol, "Cover Meta": h.meta, "Cover Committee": h.committee,
             "Cover Session": h.session, "Cover Meeting": h.meeting, "Cover Title": h.title,
             "Cover Prepared": h.prepared}
    for name, st in cover.items():
        style = _new(s, name, "Normal")
        _apply(style, st)
        if st.bold:
            _fonts(style, typo.latin, typo.heading_east_asia)
    title_page = {
        "Title Page Title": dict(size=16, bold=True, before=2880, after=360, align=WD_ALIGN_PARAGRAPH.CENTER),
        "Title Page Line": dict(size=12, after=240, align=WD_ALIGN_PARAGRAPH.CENTER),
        "Title Page Author": dict(size=typo.size, after=60, align=WD_ALIGN_PARAGRAPH.CENTER),
    }
    for name, props in title_page.items():
        style = _new(s, name, "Normal")
        _para(style, **props)
        if props.get("bold"):
            _fonts(style, typo.latin, typo.heading_east_asia)
    s["Title Page Author"].paragraph_format.keep_together = True

    # footnotes
    fn_text = _new(s, "Footnote Text", "Normal")
    _para(fn_text, size=typo.size - 2, after=40)
    _hanging(fn_text, 284, 284)
    fn_ref = s.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    fn_ref.base_style = s["Default Paragraph Font"]
    fn_ref.font.superscript = True

    # character styles
    strong = s["Strong"]
    strong.font.bold = True
    _fonts(strong, typo.latin, typo.bold_east_asia)
    link = s.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.base_style = s["Default Paragraph Font"]
    link.font.color.rgb = RGBColor(0x00, 0x56, 0xB3)
    link.font.underline = True
    placeholder = s.add_style("Placeholder", WD_STYLE_TYPE.CHARACTER)
    placeholder.base_style = s["Default Paragraph Font"]
    placeholder.font.italic = True
    placeholder.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    placeholder.font.highlight_color = WD_COLOR_INDEX.YELLOW

    for style in s:
        if style.type == WD_STYLE_TYPE.PARAGRAPH or style.type == WD_STYLE_TYPE.CHARACTER:
            style.hidden = False
            style.unhide_when_used = False


def _defaults(styles_el, typo: Typography) -> None:
    """Document defaults: the fonts, size and language every style inherits."""
    defaults = styles_el.find(qn("w:docDefaults"))
    rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rPr, typo.latin, typo.body_east_asia or typo.latin)
    set_lang(rPr, typo.lang_latin, typo.lang_east_asia)
    for tag in ("w:sz", "w:szCs"):
        rPr.find(qn(tag)).set(qn("w:val"), str(int(typo.size * 2)))
    pPr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = pPr.find(qn("w:spacing"))
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")


def _new(styles, name: str, base: str):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _reset(style) -> None:
    """Drop the template's colours, sizes and borders of a kept style."""
    rPr = style.element.rPr
    if rPr is not None:
        style.element.remove(rPr)
    pPr = style.element.pPr
    if pPr is not None:
        for child in list(pPr):
            if child.tag in (qn("w:pBdr"), qn("w:spacing"), qn("w:ind"), qn("w:outlineLvl"), qn("w:contextualSpacing")):
                pPr.remove(child)


def _para(style, size=None, before=None, after=None, bold=None, italic=None, keep_next=None, caps=None, align=None):
    pf, font = style.paragraph_format, style.font
    if size is not None:
        font.size = Pt(size)
    if before is not None:
        pf.space_before = Twips(before)
    if after is not None:
        pf.space_after = Twips(after)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if caps:
        font.all_caps = True
    if align is not None:
        pf.alignment = align


def _apply(style, st: TextStyle, keep_next: bool | None = None) -> None:
    """Give a paragraph style the house style's decision ``st`` (size, weight, slant, case, alignment,
    left indent, spacing)."""
    _para(style, size=st.size, before=twips(st.before), after=twips(st.after), bold=st.bold, italic=st.italic,
          keep_next=keep_next, caps=st.caps, align=_ALIGN[st.align])
    if st.indent:
        style.paragraph_format.left_indent = Twips(twips(st.indent))


def _hanging(style, left: int, hanging: int) -> None:
    pf = style.paragraph_format
    pf.left_indent = Twips(left)
    pf.first_line_indent = Twips(-hanging)
    pf.tab_stops.add_tab_stop(Twips(left), WD_TAB_ALIGNMENT.LEFT)


def _fonts(style, latin: str, east_asia: str | None) -> None:
    set_fonts(style.element.get_or_add_rPr(), latin, east_asia)
