"""Pages and sections: A4 with WIPO margins, one section per part, running headers with a live PAGE field.

Each part (the main body with its cover, then each annex) is a section whose
first page has no header (``titlePg`` with an empty first-page header) and
whose page numbers restart at 1 (``w:pgNumType w:start``). The other pages
show the symbol, then ``Annex, page N`` where N is a ``PAGE`` field: Word and
LibreOffice compute it on every page; its cached text is 2, the number of
the first page that shows this header.
"""
from __future__ import annotations

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Twips

from ..style import Page
from .context import set_style
from .styles import twips
from .inline import add_text, run
from .ooxml import el, field_runs

_PAGE = Page()
A4 = (twips(_PAGE.width), twips(_PAGE.height))
#: top, right, bottom, left, header, footer (twips), as the house style says
MARGINS = tuple(twips(x) for x in (_PAGE.top, _PAGE.right, _PAGE.bottom, _PAGE.left, _PAGE.header, _PAGE.header))

_PGNUM_SUCCESSORS = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                     "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def setup(section) -> None:
    """A4 portrait with the WIPO margins (python-docx's template is US Letter)."""
    section.page_width, section.page_height = Twips(A4[0]), Twips(A4[1])
    top, right, bottom, left, header, footer = MARGINS
    section.top_margin, section.right_margin = Twips(top), Twips(right)
    section.bottom_margin, section.left_margin = Twips(bottom), Twips(left)
    section.header_distance, section.footer_distance = Twips(header), Twips(footer)
    section.gutter = Twips(0)


def new_section(doc):
    """A new section starting on a new page, same page setup as the previous one."""
    return doc.add_section(WD_SECTION.NEW_PAGE)


def part_headers(ctx, section, part) -> None:
    """No header on the part's first page; symbol and ``prefix PAGE suffix`` on the following pages."""
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    _restart_numbering(section)

    symbol_p = header.paragraphs[0]
    set_style(symbol_p, "Header")
    symbol_p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_text(ctx, symbol_p, ctx.view.symbol)
    page_p = header.add_paragraph()
    set_style(page_p, "Header Last")
    page_p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_text(ctx, page_p, part.header_prefix)
    for node in field_runs("PAGE", [run(ctx, "2")]):
        page_p._p.append(node)
    add_text(ctx, page_p, part.header_suffix)
    # footers stay empty but must not be inherited from a previous section either
    for footer in (section.first_page_footer, section.footer):
        footer.is_linked_to_previous = False


def _restart_numbering(section) -> None:
    sectPr = section._sectPr
    pg = sectPr.find(qn("w:pgNumType"))
    if pg is None:
        pg = el("w:pgNumType")
        sectPr.insert_element_before(pg, *_PGNUM_SUCCESSORS)
    pg.set(qn("w:start"), "1")
