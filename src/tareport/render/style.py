"""WIPO's house style, decided once per element and read by both renderers.

A reader who opens the Word file and the PDF of one document must see one
document. So every visible typographic decision (page margins, the cover's
symbol block, weights, case, alignment, indents, spacing, frames and their
colours) is made here, in format-neutral units: points and ``RRGGBB``
colours. The Word renderer turns them into twips, half-points and eighths of
a point; the PDF renderer draws them. What differs between the formats is
only what a format forces (Word's "single" line spacing comes from the font,
the PDF sets its leading itself).

The decisions follow WIPO's documents (CONVENTIONS.md section 4): A4, Arial
11 pt; Song body and Hei headings in Chinese; paragraph numbers at the left
margin with the text after a tab; chapter titles in capitals in English;
English prose left-aligned (never justified), Chinese justified; the symbol
block and the end marker in a column on the right half of the page; bold
Chinese set in the Hei face.
"""
from __future__ import annotations

from dataclasses import dataclass

CM = 72 / 2.54  # points per centimetre


@dataclass(frozen=True)
class Text:
    """One element's type: size (pt), weight, slant, case, alignment, left indent and spacing (pt)."""

    size: float
    bold: bool = False
    italic: bool = False
    caps: bool = False
    align: str = "left"  # left | right | center | justify
    indent: float = 0.0
    before: float = 0.0
    after: float = 0.0


@dataclass(frozen=True)
class Frame:
    """A box: line width (pt, 0 for none), line colour, fill, dashed line, sides drawn, inner padding (pt)."""

    line: float
    color: str = "000000"
    fill: str | None = None
    dashed: bool = False
    sides: tuple[str, ...] = ("top", "left", "bottom", "right")
    padding: float = 7.0
    indent: float = 0.0  # left indent of the frame (pt)
    right_indent: float = 0.0


@dataclass(frozen=True)
class Page:
    """A4 and the margins (pt); ``header`` is the distance from the top edge to the running header."""

    width: float = 595.28
    height: float = 841.89
    top: float = 3.0 * CM
    bottom: float = 2.0 * CM
    left: float = 2.5 * CM
    right: float = 2.0 * CM
    header: float = 1.25 * CM

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


@dataclass(frozen=True)
class HouseStyle:
    """Every element's decision for one script (Chinese or Latin)."""

    cjk: bool
    page: Page
    body: Text
    number_indent: float  # paragraph numbers at the margin, text (and heading text) after a tab here
    list_step: float  # a list marker one step in, its text one step further
    list_item: Text
    right_column: float  # left edge of the cover's symbol block and of the end marker
    # cover
    letter: Text
    rule: Frame  # the rule under the language letter: its width and colour
    symbol: Text
    meta: Text  # ORIGINAL, DATE
    committee: Text
    session: Text
    meeting: Text
    title: Text
    prepared: Text
    end_marker: Text
    header: Text  # running header lines of annex pages (flush right)
    # headings, by semantic level
    headings: dict[str, Text]
    box_title: Text
    # captions: label and text both bold (the Chinese word in the Hei face); the separator is the catalog's
    caption: Text
    source: Text  # source lines and table notes
    table_text: Text
    table_grid: Frame
    table_header_fill: str
    finding: Frame
    finding_text: Text
    quote: Frame  # a rule on the left, the quotation indented
    quote_text: Text
    attribution: Text
    box: Frame  # 专栏 / Box N: framed and shaded, with its title
    info: Frame
    placeholder: Frame  # a figure known only by its description
    tile_fill: str


def house_style(cjk: bool) -> HouseStyle:
    """The house style of a Chinese (``cjk``) or a Latin-script document."""
    page = Page()
    size = 11.0
    body = Text(size, align="justify" if cjk else "left", after=12.0)
    step = 1.0 * CM
    right_column = 10.0 * CM
    heading_size = {"chapter": 14.0 if cjk else 12.0, "section": 12.0 if cjk else 11.0}
    headings = {
        "chapter": Text(heading_size["chapter"], bold=True, caps=not cjk, before=12.0, after=12.0),
        "section": Text(heading_size["section"], bold=True, before=12.0, after=12.0),
        "lesson": Text(size, bold=True, before=12.0, after=6.0),
        "subheading": Text(size, bold=True, italic=not cjk, before=6.0, after=6.0),
    }
    return HouseStyle(
        cjk=cjk, page=page, body=body, number_indent=step, list_step=step,
        list_item=Text(size, align=body.align, after=6.0),
        right_column=right_column,
        letter=Text(28.0, bold=True, align="right", after=6.0),
        rule=Frame(1.5, "000000"),
        symbol=Text(size, bold=True, indent=right_column),
        meta=Text(size, indent=right_column),
        committee=Text(14.0, bold=True, before=36.0, after=6.0),
        session=Text(12.0, bold=True, after=6.0),
        meeting=Text(size, bold=True, after=36.0),
        title=Text(14.0 if cjk else 12.0, bold=True, caps=not cjk, after=12.0),
        prepared=Text(size, italic=not cjk, after=36.0),
        end_marker=Text(size, indent=right_column, before=24.0),
        header=Text(size, align="right"),
        headings=headings,
        box_title=Text(size, bold=True, after=6.0),
        caption=Text(size, bold=True, before=6.0, after=6.0),
        source=Text(size - 2, before=3.0, after=12.0),
        table_text=Text(size - 1.5),
        table_grid=Frame(0.5, "000000", padding=4.0),
        table_header_fill="D9D9D9",
        finding=Frame(0.75, "1F4E79", fill="DEEAF6"),
        finding_text=Text(size, align=body.align),
        quote=Frame(2.25, "A6A6A6", sides=("left",), padding=6.0, indent=2 * step, right_indent=step),
        quote_text=Text(size, italic=not cjk, align=body.align),
        attribution=Text(size, italic=not cjk, align="right", before=3.0),
        box=Frame(1.0, "1F4E79", fill="F2F2F2"),
        info=Frame(0.75, "808080"),
        placeholder=Frame(0.75, "808080"),  # neutral: a figure's description is for readers
        tile_fill="DEEAF6",
    )


def rgb(color: str) -> tuple[float, float, float]:
    """``RRGGBB`` as reportlab's 0-1 components."""
    return tuple(int(color[i:i + 2], 16) / 255 for i in (0, 2, 4))
