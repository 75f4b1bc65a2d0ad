"""The document model: what a CDIP document is made of, as pydantic models.

One model for every language: structure, ids and numbers appear once and
every piece of wording is a :class:`~tareport.text.Text` holding all
languages side by side. The model knows nothing of YAML files (the loader
feeds it plain data) nor of Word or PDF (renderers read the language view).
Unknown keys are errors (``extra='forbid'``) so a typo is never ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    BeforeValidator,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .chartspec import CHART_FORMAT_PATTERN, chart_problems
from .diagnostics import Diagnostic, Position
from .inline import ID_PATTERN
from .source import PosDict
from .text import LANG_PATTERN, Text

Id = Annotated[str, Field(pattern=f"^{ID_PATTERN}$", description="lowercase words joined by '-'")]

#: Digits a printed number may have before and after the decimal point.
MAX_INTEGER_DIGITS, MAX_DECIMALS = 15, 10


def _printable_number(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("a number must be finite")
    exponent = value.as_tuple().exponent
    if value and value.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueError(f"{value} is too large to print: at most {MAX_INTEGER_DIGITS} digits before the decimal point")
    if exponent < -MAX_DECIMALS:
        raise ValueError(f"{value} has more than {MAX_DECIMALS} decimals")
    return value


#: A number a table or chart prints (finite, at most 15 integer digits and 10 decimals).
Number = Annotated[Decimal, AfterValidator(_printable_number)]
Lang = Annotated[str, Field(pattern=LANG_PATTERN)]


class Node(BaseModel):
    """Base of every model: forbids unknown keys and remembers its source position."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, populate_by_name=True, defer_build=True)
    _pos: Position | None = PrivateAttr(default=None)
    _value_pos: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_position(cls, data: Any, handler):
        obj = handler(data)
        if isinstance(data, PosDict):
            obj._pos = data.pos
            obj._value_pos = data.value_pos
        return obj

    @property
    def pos(self) -> Position | None:
        return self._pos

    def field_pos(self, name: str) -> Position | None:
        """Where the value of key ``name`` is written (the node's own position when unknown)."""
        return self._value_pos.get(name, self._pos)


# --------------------------------------------------------------------- metadata

_SYMBOL = re.compile(
    r"^(?P<body>[A-Z]{1,12})/(?P<session>[1-9][0-9]{0,3})/(?P<number>[0-9]{1,4}|[A-Z]{2,12}(?:/[0-9]{1,3})?)"
    r"(?:[ /](?P<suffix>Add|Rev|Corr)\.(?P<suffix_number>[0-9]{0,2}))?$"
)


@dataclass(frozen=True)
class Symbol:
    """A parsed document symbol such as ``CDIP/33/4`` or ``CDIP/26/2 Rev.``."""

    body: str
    session: int
    number: str
    suffix: str | None = None
    suffix_number: int | None = None
    text: str = ""

    @classmethod
    def parse(cls, text: str) -> "Symbol":
        match = _SYMBOL.match(text)
        if not match:
            raise ValueError(
                f"{text!r} is not a document symbol: expected BODY/SESSION/NUMBER with an optional "
                "Add./Rev./Corr. suffix, e.g. CDIP/33/4 or CDIP/26/2 Rev."
            )
        n = match["suffix_number"]
        return cls(match["body"], int(match["session"]), match["number"], match["suffix"],
                   int(n) if n else None, text)

    @property
    def file_stem(self) -> str:
        """The WIPO file name: ``cdip_33_4`` (suffixes become ``_rev``, ``_add_1`` …)."""
        parts = [self.body, str(self.session), *self.number.split("/")]
        if self.suffix:
            parts.append(self.suffix)
            if self.suffix_number:
                parts.append(str(self.suffix_number))
        return "_".join(parts).lower()

    def __str__(self) -> str:
        return self.text


class Author(Node):
    name: Text
    role: Text | None = None
    country: Text | None = None


class Meeting(Node):
    start: dt.date
    end: dt.date
    place: Text

    @model_validator(mode="after")
    def _ordered(self):
        if self.end < self.start:
            raise ValueError("the meeting ends before it starts")
        return self


class TitlePage(Node):
    title: Text | None = None
    period: Text | None = None
    subtitle: Text | None = None
    authors: bool = False


class PartSpec(Node):
    files: list[str] = Field(min_length=1, description="content files of this part, in reading order")
    end_marker: Text | None = Field(
        None, description="the line that ends this part, when WIPO's rule ([Annex follows], [End of document] …) "
                          "does not fit; default: derived from the annexes")


class AnnexSpec(PartSpec):
    id: Id | None = Field(None, description="makes the annex referenceable: {@id} prints 'Annex II' / '附件二'")
    number: int | None = Field(
        None, ge=1, le=99,
        description="the annex's number (Annex III): default its position when the document has several annexes, "
                    "none (plain 'Annex') when it has one")
    title_page: TitlePage | None = None


class DocumentIndex(Node):
    """``document.yaml``: metadata and the list of parts and their files."""

    symbol: str
    languages: list[Lang] = Field(min_length=1)
    original_language: Lang
    translations_from: Lang | None = None  # the language translations are made from (default: original_language)
    date: dt.date | None = None
    committee: Text
    session: int = Field(ge=1, le=999)
    meeting: Meeting
    title: Text
    prepared_by: Literal["authors", "secretariat"] = "secretariat"
    authors: list[Author] = []
    main: PartSpec
    annexes: list[AnnexSpec] = []

    @field_validator("symbol")
    @classmethod
    def _symbol(cls, value: str) -> str:
        Symbol.parse(value)
        return value

    @field_validator("languages")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @model_validator(mode="after")
    def _consistent(self):
        if Symbol.parse(self.symbol).session != self.session:
            raise ValueError(f"session {self.session} does not match the symbol {self.symbol}")
        if self.translations_from and self.translations_from not in self.languages:
            raise ValueError(f"translations_from: {self.translations_from!r} is not one of the languages")
        if self.prepared_by == "authors" and not self.authors:
            raise ValueError("prepared_by: authors needs at least one author")
        numbers = [a for a in self.annex_numbers() if a is not None]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"two annexes have the same number (annex numbers: {', '.join(map(str, numbers))})")
        ids = [a.id for a in self.annexes if a.id]
        if len(set(ids)) != len(ids):
            raise ValueError("two annexes have the same id")
        return self

    def annex_numbers(self) -> list[int | None]:
        """Each annex's number: as written, else its position when there are several, else none ("Annex")."""
        several = len(self.annexes) > 1
        return [a.number if a.number is not None else (n if several else None)
                for n, a in enumerate(self.annexes, 1)]

    @property
    def parsed_symbol(self) -> Symbol:
        return Symbol.parse(self.symbol)


# ------------------------------------------------------------------------ blocks

ListStyle = Literal["a.", "a)", "(a)", "（a）", "(i)", "i)", "i.", "1.", "1)", "1）", "bullet"]
StandardHeading = Literal[
    "abbreviations", "executive_summary", "conclusions_and_recommendations",
    "conclusions", "overall_conclusions", "recommendations",
]


class Heading(Node):
    type: Literal["heading"]
    level: Literal["chapter", "section", "subheading", "lesson"]
    id: Id | None = None
    text: Text | None = None
    standard: StandardHeading | None = None
    numbered: bool | None = Field(None, description="default: true for chapter, section and lesson")

    @model_validator(mode="after")
    def _one_wording(self):
        if (self.text is None) == (self.standard is None):
            raise ValueError("a heading needs either 'text' or 'standard' (not both)")
        if self.level == "subheading" and self.numbered:
            raise ValueError("a subheading is never numbered")
        return self

    @property
    def is_numbered(self) -> bool:
        return self.level != "subheading" if self.numbered is None else self.numbered


class ListItem(Node):
    text: Text
    id: Id | None = None
    list: "ListBlock | None" = None
    after: Text | None = None


class ListBlock(Node):
    type: Literal["list"] = "list"
    style: ListStyle
    items: list[ListItem] = Field(min_length=1)
    id: Id | None = None
    start: int = Field(1, ge=1)


class Para(Node):
    type: Literal["para"]
    id: Id | None = None
    numbered: bool = True
    label: Literal["lesson", "evidence"] | None = None
    lead: Text | None = None
    text: Text
    list: ListBlock | None = None
    after: Text | None = None

    @model_validator(mode="after")
    def _after_needs_list(self):
        if self.after is not None and self.list is None:
            raise ValueError("'after' continues a paragraph after its list: add the 'list'")
        return self


class Column(Node):
    align: Literal["left", "right", "center"] = "left"
    format: Literal["text", "number", "percent"] = "text"


class SpanCell(Node):
    span: int = Field(ge=1)
    text: Text | str | None = None
    value: Number | None = None


def _cell_kind(value: Any) -> str:
    """The kind of a cell, from YAML data or (when serializing) from a model value."""
    if isinstance(value, Text):
        return "text"
    if isinstance(value, SpanCell):
        return "span"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float, Decimal)):
        return "number"
    if isinstance(value, str):
        return "literal"
    if isinstance(value, dict):
        return "span" if "span" in value else "text"
    return "other"


Cell = Annotated[
    Union[
        Annotated[None, Tag("empty")],
        Annotated[Number, Tag("number")],
        Annotated[str, Tag("literal")],
        Annotated[Text, Tag("text")],
        Annotated[SpanCell, Tag("span")],
    ],
    Discriminator(_cell_kind, custom_error_type="cell",
                  custom_error_message="a cell is a number, a text {zh: …}, a string, null or {span: …}"),
]


class Row(Node):
    cells: list[Cell]
    total: bool = False


def _row_kind(value: Any) -> str:
    return "row" if isinstance(value, (dict, Row)) else "cells"


RowLike = Annotated[
    Union[Annotated[list[Cell], Tag("cells")], Annotated[Row, Tag("row")]],
    Discriminator(_row_kind),
]


class Table(Node):
    type: Literal["table"]
    id: Id | None = None
    caption: Text
    unit: Text | None = None
    columns: list[Column] = Field(min_length=1)
    header: list[list[Cell]] = []
    rows: list[RowLike] = Field(min_length=1)
    source: Text | None = None
    notes: list[Text] = []

    @staticmethod
    def row_cells(row) -> list:
        return row.cells if isinstance(row, Row) else row

    @model_validator(mode="after")
    def _widths(self):
        width = len(self.columns)
        for where, rows in (("header row", self.header), ("row", [self.row_cells(r) for r in self.rows])):
            for n, cells in enumerate(rows, 1):
                used = sum(c.span if isinstance(c, SpanCell) else 1 for c in cells)
                if used != width:
                    raise ValueError(f"{where} {n} has {used} cells, the table has {width} columns")
        return self


def _number(value: Any) -> Any:
    """A chart value is a YAML number: a quoted ``"41"``, ``41%`` or ``yes`` is a mistake, not data."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PydanticCustomError("chart_value", "not a number: {value} (write the number alone, e.g. 41 or 33.7)",
                                  {"value": repr(value)})
    return value


ChartValue = Annotated[Decimal, BeforeValidator(_number), Field(allow_inf_nan=False), AfterValidator(_printable_number)]


class Series(Node):
    name: Text | None = None
    values: list[ChartValue] = Field(min_length=1)

    @property
    def values_pos(self) -> Position | None:
        """Where the ``values`` list is written (for data errors), else where the series is."""
        return self.field_pos("values")


class Chart(Node):
    """A chart drawn from the content's numbers: the same data in every language and format.

    ``format``: ``percent`` or ``number`` (as many decimals as the values are written
    with), or a number format (``0%``, ``0.0%``, ``0``, ``#,##0.0``). ``legend``:
    where the legend stands (default: right of a pie, below bars of several series
    or of one named series, none for one unnamed series). ``data_labels``: each value printed on the chart.
    """

    type: Literal["chart"]
    kind: Literal["pie", "bar", "hbar", "grouped-hbar", "stacked-hbar"]
    caption: Text
    categories: list[Text] = Field(min_length=1)
    series: list[Series] = Field(min_length=1)
    id: Id | None = None
    format: Annotated[str, Field(pattern=CHART_FORMAT_PATTERN,
                                 description="percent | number | a number format: 0%, 0.0%, 0, #,##0.0")] = "percent"
    axis_max: Number | None = None
    legend: Literal["bottom", "right", "top", "none"] | None = None
    data_labels: bool = True
    source: Text | None = None
    note: Text | None = None
    alt: Text | None = None

    @model_validator(mode="after")
    def _data(self, info: ValidationInfo):
        problems = chart_problems(self)
        sink = (info.context or {}).get("diagnostics")
        if problems and sink is None:
            raise ValueError(problems[0][1])
        for where, message in problems:
            sink.append(Diagnostic(where or self.pos or Position("content"), message))
        return self


class Tile(Node):
    label: Text | None = None
    text: Text


class Figure(Node):
    type: Literal["figure"]
    caption: Text
    id: Id | None = None
    image: str | None = None
    tiles: list[Tile] = []
    description: Text | None = None
    source: Text | None = None
    alt: Text | None = None

    @model_validator(mode="after")
    def _has_content(self):
        if not (self.image or self.tiles or self.description):
            raise ValueError("a figure needs an 'image', 'tiles' or a 'description'")
        return self


class Finding(Node):
    type: Literal["finding"]
    text: Text
    id: Id | None = None
    anchor: Id | None = Field(None, description="id of the paragraph the box belongs to (default: the paragraph before it)")


class Quote(Node):
    type: Literal["quote"]
    text: Text
    attribution: Text | None = None
    id: Id | None = None


BoxContent = Annotated[Union[Heading, Para, ListBlock, Quote], Field(discriminator="type")]


class Box(Node):
    type: Literal["box"]
    title: Text
    blocks: list[BoxContent] = Field(min_length=1)
    id: Id | None = None


class Info(Node):
    type: Literal["info"]
    blocks: list[BoxContent] = Field(min_length=1)
    title: Text | None = None
    id: Id | None = None


class Abbreviation(Node):
    abbr: str
    text: Text


class Abbreviations(Node):
    type: Literal["abbreviations"]
    entries: list[Abbreviation] = Field(min_length=1)
    id: Id | None = None


Block = Annotated[
    Union[Heading, Para, ListBlock, Table, Chart, Figure, Finding, Quote, Box, Info, Abbreviations],
    Field(discriminator="type"),
]
BLOCK_TYPES = ("heading", "para", "list", "table", "chart", "figure", "finding", "quote", "box", "info", "abbreviations")


class Footnote(Node):
    id: Id
    text: Text | None = None
    gap: str | None = Field(None, description="the source gives no text: why (an editorial note)")

    @model_validator(mode="after")
    def _text_or_gap(self):
        if (self.text is None) == (self.gap is None):
            raise ValueError("a footnote needs either 'text' or a declared 'gap' (not both)")
        return self


class PartFile(Node):
    """One content file: its blocks in reading order and the footnotes they mark."""

    blocks: list[Block] = []
    footnotes: list[Footnote] = []





# ------------------------------------------------------------------- walkers

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A model's field names in declaration order (pydantic's ``model_fields`` is slow to ask for each node)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(cls.model_fields)
    return names


def iter_texts(node):
    """Every Text inside a model node, in reading order (fields are declared in reading order)."""
    if isinstance(node, Text):
        yield node
    elif isinstance(node, BaseModel):
        for name in _field_names(type(node)):
            yield from iter_texts(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from iter_texts(item)


def iter_nodes(node):
    """Every model node inside ``node`` (itself included), depth first."""
    if isinstance(node, BaseModel):
        yield node
        for name in _field_names(type(node)):
            yield from iter_nodes(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from iter_nodes(item)
