"""The language view: one language of a numbered document, ready to render.

Renderers consume only this module's dataclasses: every text is a list of
:class:`Span` in one language, every number and label is already formatted
by the catalog (``表 1.``, ``审查结果 3：``, ``第 42 段``), list markers are
computed, and footnotes carry their numbers. Labels (``label`` of tables,
charts, figures, boxes, findings and labelled paragraphs, and a paragraph's
``lead``) end with the language's separator (``"Table 1. "`` / ``"表 1."``),
so a renderer prints label and text side by side. Nothing here knows about
YAML, Word or PDF.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from babel import Locale

from .chartspec import NumberFormat, chart_values, number_format, value_axis, written_decimals
from .cjk import fullwidth_punctuation
from .diagnostics import ContentError, Diagnostic
from .inline import Bold, FootnoteMark, Italic, LineBreak, Link, Ref, Str, walk
from .l10n import Localizer, N_
from .l10n.formatting import roman
from .model import (Abbreviations, Box, Chart, Figure, Finding, Heading, Info, ListBlock, Para,
                    Quote, Row, SpanCell, Table)
from .model import iter_texts
from .numbering import NumberedDocument
from .text import Text


# ------------------------------------------------------------------ inline spans

@dataclass(frozen=True)
class Span:
    """A piece of inline text in one language.

    ``kind``: ``text``; ``note`` (footnote mark: ``number``, ``target`` = footnote id);
    ``ref`` (cross-reference: ``text`` as printed, ``target`` = id); ``break``;
    ``missing`` (a visible editorial placeholder).
    """

    kind: str
    text: str = ""
    bold: bool = False
    italic: bool = False
    link: str | None = None
    target: str | None = None
    number: str | None = None


Spans = list[Span]


def plain(spans: Spans | None) -> str:
    """The text a reader sees, as one string (footnote marks left out)."""
    if not spans:
        return ""
    return "".join("\n" if s.kind == "break" else s.text for s in spans if s.kind != "note")


# ------------------------------------------------------------------------ blocks

@dataclass
class HeadingV:
    level: str  # chapter | section | subheading | lesson
    number: str | None
    text: Spans
    anchor: str | None = None


@dataclass
class ItemV:
    marker: str
    text: Spans
    list: "ListV | None" = None
    after: Spans | None = None
    anchor: str | None = None


@dataclass
class ListV:
    style: str  # the marker as this language prints it: a., (a), （a）, (i), 1., bullet …
    items: list[ItemV]
    depth: int = 0
    start: int = 1  # the number of the first item


@dataclass
class ParaV:
    number: str | None
    text: Spans
    label: Spans | None = None
    lead: Spans | None = None
    list: ListV | None = None
    after: Spans | None = None
    anchor: str | None = None


@dataclass
class CellV:
    text: Spans
    span: int = 1
    align: str = "left"
    numeric: bool = False


@dataclass
class RowV:
    cells: list[CellV]
    total: bool = False


@dataclass
class TableV:
    label: str
    caption: Spans
    columns: list[str]  # alignment per column
    header: list[RowV]
    rows: list[RowV]
    unit: str | None = None
    source: Spans | None = None
    notes: list[Spans] = field(default_factory=list)
    anchor: str | None = None
    number: str | None = None


@dataclass
class SeriesV:
    name: str | None
    values: list[Decimal]
    labels: list[str]  # the values as printed in this language


@dataclass
class AxisV:
    """A bar chart's value axis: from 0 to ``maximum`` in steps of ``step``, each tick as printed."""

    maximum: Decimal
    step: Decimal
    ticks: list[tuple[Decimal, str]]
    number_format: str  # the spreadsheet format code of the tick labels


@dataclass
class ChartV:
    """A chart in one language: the content's numbers, the words and the values as printed.

    ``number_format`` is the spreadsheet format code of the values for this
    language (``0.0%``), so that a native chart formats them as the view does.
    """

    label: str
    caption: Spans
    kind: str  # pie | bar | hbar | grouped-hbar | stacked-hbar
    categories: list[str]
    series: list[SeriesV]
    format: str  # percent | number
    decimals: int
    number_format: str
    axis: AxisV | None = None  # bar charts
    legend: str = "none"  # bottom | right | top | none
    data_labels: bool = True
    source: Spans | None = None
    note: Spans | None = None
    alt: str = ""
    anchor: str | None = None
    number: str | None = None

    @property
    def percent(self) -> bool:
        return self.format == "percent"


@dataclass
class TileV:
    label: Spans | None
    text: Spans


@dataclass
class FigureV:
    label: str
    caption: Spans
    image: Path | None = None
    tiles: list[TileV] = field(default_factory=list)
    description: Spans | None = None
    source: Spans | None = None
    alt: str = ""
    anchor: str | None = None
    number: str | None = None


@dataclass
class FindingV:
    label: str
    number: str
    text: Spans
    anchor: str | None = None


@dataclass
class QuoteV:
    text: Spans
    attribution: Spans | None = None


@dataclass
class BoxV:
    label: str
    title: Spans
    blocks: list
    anchor: str | None = None
    number: str | None = None


@dataclass
class InfoV:
    title: Spans | None
    blocks: list


@dataclass
class AbbreviationsV:
    heading: str
    entries: list[tuple[str, Spans]]


BlockV = HeadingV | ParaV | ListV | TableV | ChartV | FigureV | FindingV | QuoteV | BoxV | InfoV | AbbreviationsV


# ------------------------------------------------------------------- document

@dataclass
class CoverV:
    letter: str
    symbol: str
    original: str
    date: str | None
    committee: str
    session: str
    meeting: str
    title: str
    prepared_by: str


@dataclass
class TitlePageV:
    lines: list[tuple[str, str]]  # (role, text): role is title | period | subtitle | author


@dataclass
class PartV:
    kind: str  # main | annex
    id: str | None
    heading: str | None  # "ANNEX" / "ANNEX II" / "附件二" on the annex's first page
    title_page: TitlePageV | None
    blocks: list
    end_marker: str  # "[Annex II follows]", "[End of Annex II and of document]" …
    header_prefix: str  # text before the page number in the running header
    header_suffix: str
    number: str | None = None  # the annex's numeral as printed in ``heading`` ("II", "二"); None: no numeral
    anchor: str | None = None  # the annex's id, a cross-reference target (its heading carries it)


@dataclass
class FootnoteV:
    number: str
    id: str
    text: Spans
    gap: bool = False


@dataclass
class DocumentView:
    lang: str
    tag: str  # BCP 47: zh-CN, en-GB
    cjk: bool
    symbol: str
    file_stem: str
    title: str
    authors: list[str]
    cover: CoverV
    parts: list[PartV]
    footnotes: dict[str, FootnoteV]
    localizer: Localizer
    draft: bool = False

    def footnote_list(self) -> list[FootnoteV]:
        return sorted(self.footnotes.values(), key=lambda f: int(f.number))


# -------------------------------------------------------------------- builder

_REF_FORMS = {
    "paragraph": N_("paragraph {number}"), "chapter": N_("chapter {number}"), "section": N_("section {number}"),
    "lesson": N_("lesson {number}"), "finding": N_("Finding {number}"), "table": N_("Table {number}"),
    "chart": N_("Chart {number}"), "figure": N_("Figure {number}"), "box": N_("Box {number}"),
    "footnote": N_("footnote {number}"),
}
#: A reference into another part names that part; inside one part it stays short.
_IN_ANNEX = N_("{reference} of Annex {number}")
_IN_THE_ANNEX = N_("{reference} of the Annex")
_IN_MAIN = N_("{reference} of the present document")
_STANDARD_HEADINGS = {
    "abbreviations": N_("Abbreviations"), "executive_summary": N_("Executive Summary"),
    "conclusions_and_recommendations": N_("Conclusions and Recommendations"), "conclusions": N_("Conclusions"),
    "overall_conclusions": N_("Overall Conclusions"), "recommendations": N_("Recommendations"),
}
_CHART_KINDS = {
    "pie": N_("Pie chart: {data}"), "bar": N_("Column chart: {data}"), "hbar": N_("Bar chart: {data}"),
    "grouped-hbar": N_("Bar chart: {data}"), "stacked-hbar": N_("100% stacked bar chart: {data}"),
}
_LANGUAGE_NAMES = {
    "en": N_("English"), "fr": N_("French"), "es": N_("Spanish"), "ru": N_("Russian"),
    "ar": N_("Arabic"), "zh": N_("Chinese"),
}


#: Full-width list brackets (（a）, 1）) are Chinese typography; other languages print (a), 1).
_HALFWIDTH_BRACKETS = str.maketrans("（）", "()")


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def list_marker(style: str, n: int) -> str:
    """The printed marker of item ``n`` (from 1) of a list in ``style``."""
    if style == "bullet":
        return "•"
    if "a" in style:
        return style.replace("a", _letters(n))
    if "i" in style:
        return style.replace("i", roman(n).lower())
    return style.replace("1", str(n))


def original_language(loc: Localizer, code: str) -> str:
    """The name of the original language: the catalog's word (WIPO writes 英文, not CLDR's 英语), else CLDR's."""
    message = _LANGUAGE_NAMES.get(code)
    if message and loc.has(message):
        return loc.gettext(message)
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(loc.locale) or code
    except (ValueError, LookupError):
        return code


def text_roots(doc: NumberedDocument) -> list:
    """The model nodes that hold the document's texts: the index, every block, every footnote."""
    roots = [doc.sources.index]
    for part in doc.parts:
        roots.extend(p.block for p in part.blocks)
    roots.extend(fn for _, fn in doc.footnotes)
    return roots


def missing_texts(doc: NumberedDocument, lang: str) -> list[Diagnostic]:
    """Every text of the document that has no ``lang`` version, with its place."""
    found = []
    for root in text_roots(doc):
        for text in iter_texts(root):
            if lang not in text.inlines:
                present = ", ".join(sorted(text.inlines)) or "none"
                where = text.pos or getattr(root, "pos", None)
                found.append(Diagnostic(where, f"missing {lang} text (has: {present})"))
    return found


class _Builder:
    def __init__(self, doc: NumberedDocument, loc: Localizer, draft: bool = False):
        self.doc, self.loc, self.lang, self.draft = doc, loc, loc.lang, draft
        self.part = 0  # index of the part being built: references elsewhere name their part

    def numeral(self, number: int | str | None) -> str | None:
        """An annex's number as the language writes it: ``II`` (Roman) / ``二`` (Chinese numerals)."""
        return None if number is None else self.loc.format(N_("{number:roman}"), number=int(number))

    # -- inline
    def spans(self, text: Text | None) -> Spans | None:
        if text is None:
            return None
        nodes = text.inlines.get(self.lang)
        if nodes is None:
            # draft: a visible placeholder, keeping the footnote marks of the text it stands for
            # so that footnotes and their numbering survive in a draft
            placeholder = [Span("missing", self.loc.format(N_("[{lang} text missing]"), lang=self.lang))]
            other = next(iter(text.inlines.values()), ())
            for node in walk(other):
                if isinstance(node, FootnoteMark):
                    number = self.doc.targets[node.id].number
                    placeholder.append(Span("note", number, target=node.id, number=number))
            return placeholder
        out: Spans = []
        self._inline(nodes, out, False, False, None)
        return out

    def _inline(self, nodes, out: Spans, bold: bool, italic: bool, link: str | None):
        for node in nodes:
            if isinstance(node, Str):
                text = fullwidth_punctuation(node.text) if self.loc.is_cjk else node.text
                out.append(Span("text", text, bold, italic, link))
            elif isinstance(node, Bold):
                self._inline(node.children, out, True, italic, link)
            elif isinstance(node, Italic):
                self._inline(node.children, out, bold, True, link)
            elif isinstance(node, Link):
                self._inline(node.children, out, bold, italic, node.url)
            elif isinstance(node, LineBreak):
                out.append(Span("break"))
            elif isinstance(node, FootnoteMark):
                number = self.doc.targets[node.id].number
                out.append(Span("note", number, target=node.id, number=number))
            elif isinstance(node, Ref):
                out.extend(self.reference(node, bold, italic))

    def reference(self, node: Ref, bold: bool, italic: bool) -> Spans:
        """``paragraph 3``; in another part ``paragraph 3 of Annex I`` / ``附件一第 3 段``.

        The part's words are ``ref`` spans of the same target without a number, so a
        renderer links the whole and finds the number in the span that has it.
        """
        target = self.doc.targets[node.id]
        if target.kind == "annex":
            numeral = self.numeral(target.number)
            shown = (self.loc.format(N_("Annex {number}"), number=numeral) if numeral
                     else self.loc.gettext(N_("the Annex")))
            return [Span("ref", numeral if node.bare and numeral else shown, bold, italic,
                         target=node.id, number=numeral)]
        shown = target.number if node.bare else self.loc.format(_REF_FORMS[target.kind], number=target.number)
        ref = Span("ref", shown, bold, italic, target=node.id, number=target.number)
        if node.bare or target.kind == "footnote" or target.part is None or target.part == self.part:
            return [ref]
        where = self.doc.parts[target.part]
        if where.kind == "main":
            before, after = self.loc.split(_IN_MAIN, "reference")
        elif where.number is None:
            before, after = self.loc.split(_IN_THE_ANNEX, "reference")
        else:
            before, after = self.loc.split(_IN_ANNEX, "reference", number=self.numeral(where.number))
        return ([Span("ref", before, bold, italic, target=node.id)] if before else []) + [ref] + \
            ([Span("ref", after, bold, italic, target=node.id)] if after else [])

    def end_marker(self, index: int) -> str:
        """The line that ends part ``index``, by WIPO's rule unless the content gives its own."""
        part, loc = self.doc.parts[index], self.loc
        if part.spec.end_marker is not None:
            return self.string(part.spec.end_marker)
        following = self.doc.parts[index + 1] if index + 1 < len(self.doc.parts) else None
        if following is not None:
            if part.kind == "main" and len(self.doc.parts) > 2:
                return loc.gettext(N_("[Annexes follow]"))
            if following.number is None:
                return loc.gettext(N_("[Annex follows]"))
            return loc.format(N_("[Annex {number} follows]"), number=self.numeral(following.number))
        if part.kind == "main":
            return loc.gettext(N_("[End of document]"))
        if part.number is not None:
            return loc.format(N_("[End of Annex {number} and of document]"), number=self.numeral(part.number))
        return loc.gettext(N_("[End of Annex and of document]"))

    def string(self, text: Text | None) -> str:
        return plain(self.spans(text))

    def labelled(self, message: str, field_name: str, spans: Spans | None) -> Spans | None:
        if spans is None:
            return None
        before, after = self.loc.split(message, field_name)
        return ([Span("text", before)] if before else []) + spans + ([Span("text", after)] if after else [])

    # -- blocks
    def block(self, b, in_box: bool = False):
        doc, loc = self.doc, self.loc
        number = doc.number(b)
        if isinstance(b, Heading):
            text = self.spans(b.text) if b.text else [Span("text", loc.gettext(_STANDARD_HEADINGS[b.standard]))]
            return HeadingV(b.level, number, text, b.id)
        if isinstance(b, Para):
            label = None
            if b.label:
                message = N_("Lesson learned: {text}") if b.label == "lesson" else N_("Evidence: {text}")
                label = [Span("text", loc.split(message, "text")[0])]
            lead = self.spans(b.lead)
            if lead:
                lead = lead + [Span("text", loc.split(N_("{lead} {text}"), "text", lead="")[0])]
            return ParaV(None if in_box else number, self.spans(b.text), label, lead,
                         self.list(b.list, 1) if b.list else None, self.spans(b.after), b.id)
        if isinstance(b, ListBlock):
            return self.list(b, 0)
        if isinstance(b, Table):
            return self.table(b, number)
        if isinstance(b, Chart):
            return self.chart(b, number)
        if isinstance(b, Figure):
            return self.figure(b, number)
        if isinstance(b, Finding):
            return FindingV(self.caption_label(N_("Finding {number}: {text}"), number, "text"), number, self.spans(b.text), b.id)
        if isinstance(b, Quote):
            return QuoteV(self.spans(b.text), self.spans(b.attribution))
        if isinstance(b, Box):
            return BoxV(self.caption_label(N_("Box {number}. {caption}"), number), self.spans(b.title),
                        [self.block(x, in_box=True) for x in b.blocks], b.id, number)
        if isinstance(b, Info):
            return InfoV(self.spans(b.title), [self.block(x, in_box=True) for x in b.blocks])
        if isinstance(b, Abbreviations):
            return AbbreviationsV(loc.gettext(N_("Abbreviations")), [(e.abbr, self.spans(e.text)) for e in b.entries])
        raise TypeError(f"no view for {type(b).__name__}")

    def chart(self, b: Chart, number: str) -> ChartV:
        loc = self.loc
        fmt = number_format(b.format, chart_values(b))
        printed = self.chart_number(fmt)
        series = [SeriesV(self.string(s.name) or None, list(s.values), [printed(v) for v in s.values])
                  for s in b.series]
        categories = [self.string(c) for c in b.categories]
        axis = None
        if b.kind != "pie":
            maximum, step = value_axis(b)
            tick_format = NumberFormat(fmt.percent, written_decimals(step), fmt.grouping)
            printed_tick = self.chart_number(tick_format)
            ticks, tick = [], Decimal(0)
            while tick <= maximum:
                ticks.append((tick, printed_tick(tick)))
                tick += step
            axis = AxisV(maximum, step, ticks, loc.number_format_code(tick_format.percent, tick_format.decimals,
                                                                      tick_format.grouping))
        legend = b.legend or ("right" if b.kind == "pie" else "bottom" if len(series) > 1 or series[0].name
                              else "none")
        alt = self.string(b.alt) if b.alt else self.chart_alt(b.kind, categories, series)
        return ChartV(self.caption_label(N_("Chart {number}. {caption}"), number), self.spans(b.caption), b.kind,
                      categories, series, "percent" if fmt.percent else "number", fmt.decimals,
                      loc.number_format_code(fmt.percent, fmt.decimals, fmt.grouping), axis, legend,
                      b.data_labels, self.source(b.source), self.labelled(N_("Note: {note}"), "note", self.spans(b.note)),
                      alt, b.id, number)

    def chart_number(self, fmt: NumberFormat):
        """The language's printed form of a chart value, with the chart's fixed decimals."""
        quantum = Decimal(1).scaleb(-fmt.decimals)
        formatter = self.loc.percent if fmt.percent else self.loc.number
        return lambda value: formatter(Decimal(value).quantize(quantum))

    def chart_alt(self, kind: str, categories: list[str], series: list[SeriesV]) -> str:
        """The alternative text of a chart, from its data: ``Pie chart: Very high 41%, High 20%, …``."""
        loc = self.loc
        groups = []
        for s in series:
            items = self.chain(N_("{items}, {item}"), [loc.format(N_("{category} {value}"), category=c, value=v)
                                                        for c, v in zip(categories, s.labels)])
            groups.append(loc.format(N_("{series}: {values}"), series=s.name, values=items) if s.name else items)
        return loc.format(_CHART_KINDS[kind], data=self.chain(N_("{items}; {item}"), groups))

    def chain(self, message: str, items: list[str]) -> str:
        """Items joined one by one with the catalog's ``{items}, {item}`` (``{items}，{item}``)."""
        out = items[0] if items else ""
        for item in items[1:]:
            out = self.loc.format(message, items=out, item=item)
        return out

    def figure(self, b: Figure, number: str) -> FigureV:
        image = (self.doc.sources.root / b.image) if b.image else None
        tiles = [TileV(self.spans(t.label), self.spans(t.text)) for t in b.tiles]
        if b.alt:
            alt = self.string(b.alt)
        elif tiles:
            alt = self.loc.format(N_("Figure: {data}"), data=self.chain(N_("{items}; {item}"), [
                (self.loc.format(N_("{label} {text}"), label=plain(t.label), text=plain(t.text)) if t.label
                 else plain(t.text)).replace("\n", " ") for t in tiles]))
        else:
            alt = self.string(b.caption)
        description = self.labelled(N_("[Figure not reproduced: {description}]"), "description",
                                    self.spans(b.description))
        return FigureV(self.caption_label(N_("Figure {number}. {caption}"), number), self.spans(b.caption), image,
                       tiles, self.editorial(description), self.source(b.source), alt, b.id, number)

    def editorial(self, spans: Spans | None) -> Spans | None:
        """An editorial note (a figure without data, a note without text): a red placeholder in a
        draft, a neutral italic text in a document for readers."""
        if spans is None:
            return None
        kind = "missing" if self.draft else "text"
        return [Span(kind, s.text, s.bold, True, s.link, s.target, s.number) if s.kind in ("text", "missing") else s
                for s in spans]

    def caption_label(self, message: str, number: str, field_name: str = "caption") -> str:
        """The label before a caption or box text, with the language's separator: ``Table 1. `` / ``表 1.``."""
        return self.loc.split(message, field_name, number=number)[0]

    def source(self, text: Text | None) -> Spans | None:
        return self.labelled(N_("Source: {source}"), "source", self.spans(text))

    def list(self, b: ListBlock, depth: int) -> ListV:
        items = []
        style = b.style if self.loc.is_cjk else b.style.translate(_HALFWIDTH_BRACKETS)
        for n, item in enumerate(b.items, b.start):
            items.append(ItemV(list_marker(style, n), self.spans(item.text),
                               self.list(item.list, depth + 1) if item.list else None,
                               self.spans(item.after), item.id))
        return ListV(style, items, depth, b.start)

    def cell(self, cell, column) -> CellV:
        align = column.align if column else "left"
        if cell is None:
            return CellV([], 1, align)
        if isinstance(cell, SpanCell):
            inner = self.cell(cell.value if cell.value is not None else cell.text, column)
            inner.span = cell.span
            return inner
        if isinstance(cell, Text):
            return CellV(self.spans(cell), 1, align)
        if isinstance(cell, str):
            return CellV([Span("text", cell)], 1, align)
        fmt = self.loc.percent if column is not None and column.format == "percent" else self.loc.number
        return CellV([Span("text", fmt(cell))], 1, align, numeric=True)

    def row(self, cells, columns) -> list[CellV]:
        out, col = [], 0
        for cell in cells:
            out.append(self.cell(cell, columns[col] if col < len(columns) else None))
            col += cell.span if isinstance(cell, SpanCell) else 1
        return out

    def table(self, b: Table, number: str) -> TableV:
        header = [RowV(self.row(r, b.columns)) for r in b.header]
        rows = [RowV(self.row(Table.row_cells(r), b.columns), isinstance(r, Row) and r.total) for r in b.rows]
        unit = self.loc.format(N_("(in {unit})"), unit=self.string(b.unit)) if b.unit else None
        return TableV(self.caption_label(N_("Table {number}. {caption}"), number), self.spans(b.caption),
                      [c.align for c in b.columns], header, rows, unit, self.source(b.source),
                      [self.spans(n) for n in b.notes], b.id, number)


def unbroken(name: str) -> str:
    """A person's name kept on one line (its spaces become no-break spaces): lines break between names."""
    return name.replace(" ", "\u00a0")


def build_view(doc: NumberedDocument, loc: Localizer, draft: bool = False) -> DocumentView:
    """The ``loc.lang`` view of a numbered document.

    Without ``draft``, a missing text is an error listing every one; with
    ``draft``, each renders as a visible placeholder.
    """
    if not draft:
        missing = missing_texts(doc, loc.lang)
        if missing:
            raise ContentError(missing)
    index = doc.sources.index
    b = _Builder(doc, loc, draft)
    symbol = index.parsed_symbol

    names = [unbroken(b.string(a.name)) for a in index.authors]
    if index.prepared_by == "authors":
        prepared = loc.format(N_("prepared by {names}"), names=loc.join(names))
    else:
        prepared = loc.gettext(N_("prepared by the Secretariat"))
    language = original_language(loc, index.original_language)
    cover = CoverV(
        letter=loc.gettext(N_("E")),  # the language letter on the cover
        symbol=symbol.text,
        original=loc.format(N_("ORIGINAL: {language}"), language=language),
        date=loc.format(N_("DATE: {date!u:MMMM d, y}"), date=index.date) if index.date else None,
        committee=b.string(index.committee),
        session=loc.format(N_("{session!t:spellout-ordinal} Session"), session=index.session),
        meeting=loc.format(N_("{place}, {dates}"), place=b.string(index.meeting.place),
                           dates=loc.date_range(index.meeting.start, index.meeting.end)),
        title=b.string(index.title),
        prepared_by=prepared,
    )

    parts: list[PartV] = []
    for k, part in enumerate(doc.parts):
        b.part = k
        blocks = [b.block(p.block) for p in part.blocks]
        end = b.end_marker(k)
        if part.kind == "main":
            prefix, suffix = loc.split(N_("page {page}"), "page")
            parts.append(PartV("main", None, None, None, blocks, end, prefix, suffix))
            continue
        numeral = b.numeral(part.number)
        if numeral:
            heading = loc.format(N_("ANNEX {number}"), number=numeral)
            prefix, suffix = loc.split(N_("Annex {number}, page {page}"), "page", number=numeral)
        else:
            heading = loc.gettext(N_("ANNEX"))
            prefix, suffix = loc.split(N_("Annex, page {page}"), "page")
        title_page = None
        tp = part.spec.title_page
        if tp is not None:
            lines = [(role, b.string(getattr(tp, role))) for role in ("title", "period", "subtitle")
                     if getattr(tp, role) is not None]
            if tp.authors:
                for a in index.authors:
                    line = loc.format(N_("{name} ({role})"), name=unbroken(b.string(a.name)), role=b.string(a.role)) \
                        if a.role else unbroken(b.string(a.name))
                    lines.append(("author", line))
            title_page = TitlePageV(lines)
        parts.append(PartV("annex", part.spec.id, heading, title_page, blocks, end, prefix, suffix,
                           numeral, part.spec.id))

    footnotes = {}
    for number, fn in doc.footnotes:
        b.part = doc.targets[fn.id].part or 0  # a note's references are seen from the part that defines it
        if fn.text is None:
            gap = [Span("text", loc.gettext(N_("[Note text not available in the source]")))]
            footnotes[fn.id] = FootnoteV(number, fn.id, b.editorial(gap), gap=True)
        else:
            footnotes[fn.id] = FootnoteV(number, fn.id, b.spans(fn.text))

    return DocumentView(loc.lang, loc.bcp47, loc.is_cjk, symbol.text, symbol.file_stem, cover.title,
                        names, cover, parts, footnotes, loc, draft)
