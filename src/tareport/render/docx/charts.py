"""Charts as native Word charts: a DrawingML chart part with its data embedded as a workbook.

python-pptx writes the chart XML (``pptx.chart.xmlwriter``) and the workbook
(``CategoryChartData.xlsx_blob``, with XlsxWriter); its chart API sets legend,
data labels, axes and colours. What Word needs beyond PowerPoint is added
here: the chart part and the embedded workbook as parts of the .docx, the
``c:externalData`` link between them (so "Edit Data" opens the numbers), and
the inline ``w:drawing`` that places the chart in the text with its
alternative text in ``wp:docPr/@descr``. The values are cached in the chart
XML, so Word and LibreOffice draw the chart without updating it.

The embedded workbook carries creation dates: they are replaced by
``SOURCE_DATE_EPOCH`` (or removed) and the workbook re-packed with fixed
times, so the .docx stays byte-reproducible.

Importing python-pptx and XlsxWriter and running them costs more than the
rest of a Word rendering, so a chart's parts are kept between runs
(:mod:`.partcache`): a build whose charts are unchanged imports neither.
"""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from lxml import etree

from ...view import ChartV
from .. import chartstyle as style
from . import partcache
from .ooxml import quoteattr
from .package import source_date, zip_stamp
from .tables import caption, notes_below

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EMU_PER_PT = 12700
_EMU_PER_TWIP = 635


def chart(ctx, flow, c: ChartV) -> None:
    """Caption, the chart, then its note and source, kept together on one page."""
    caption(ctx, flow, c.label, c.caption, c.anchor, c.number)
    width = (flow.width or ctx.text_width) * _EMU_PER_TWIP
    height = int(height_pt(c, width / _EMU_PER_PT) * _EMU_PER_PT)
    rid = add_chart_part(ctx, flow.part, c)
    p = flow.paragraph("Figure")
    shape_id = ctx.shape_id()
    title = c.label + "".join(s.text for s in c.caption if s.kind != "note")
    p._p.add_r().append(_inline(rid, width, height, shape_id, f"Chart {c.number or shape_id}", c.alt, title))
    notes_below(ctx, flow, c.source, [c.note] if c.note else [])  # the chart's paragraph style keeps with them


def height_pt(c: ChartV, width: float) -> float:
    legend_lines = 0
    if c.legend in ("bottom", "top"):
        names = c.categories if c.kind == "pie" else [s.name or "" for s in c.series]
        legend_lines = sum(style.line_count(n, width * 0.9) for n in names)
    elif c.kind == "pie" and c.legend == "right":
        legend_lines = sum(style.line_count(n, width * 0.35) for n in c.categories)
    label_lines = max((style.line_count(n, width * 0.35) for n in c.categories), default=1) if c.kind != "pie" else 1
    return style.chart_height(c.kind, len(c.categories), len(c.series), legend_lines, label_lines)


# ------------------------------------------------------------- the chart XML

def chart_xml(c: ChartV, latin: str, east_asia: str | None, lang: str) -> tuple[bytes, bytes]:
    """The chart part's XML (values cached) and its workbook, from the language view."""
    from pptx.chart.chart import Chart
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xmlwriter import ChartXmlWriter
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_MARK
    from pptx.oxml import parse_xml as pptx_parse
    from pptx.util import Pt

    kinds = {"pie": XL_CHART_TYPE.PIE, "bar": XL_CHART_TYPE.COLUMN_CLUSTERED, "hbar": XL_CHART_TYPE.BAR_CLUSTERED,
             "grouped-hbar": XL_CHART_TYPE.BAR_CLUSTERED, "stacked-hbar": XL_CHART_TYPE.BAR_STACKED_100}
    scale = Decimal(100) if c.percent else Decimal(1)
    data = CategoryChartData(number_format=c.number_format)
    data.categories = c.categories
    for s in c.series:
        data.add_series(s.name or "", [float(Decimal(v) / scale) for v in s.values], c.number_format)
    space = pptx_parse(ChartXmlWriter(kinds[c.kind], data).xml.encode("utf-8"))
    workbook = data.xlsx_blob
    ch = Chart(space, None)
    ch.has_title = False
    ch.font.size = Pt(style.FONT_SIZE)
    ch.font.name = latin
    ch.font.color.rgb = _rgb(style.TEXT)

    legend = c.legend if c.legend != "none" else None
    ch.has_legend = legend is not None
    if legend:
        ch.legend.position = {"bottom": XL_LEGEND_POSITION.BOTTOM, "right": XL_LEGEND_POSITION.RIGHT,
                              "top": XL_LEGEND_POSITION.TOP}[legend]
        ch.legend.include_in_layout = False
        ch.legend.font.size = Pt(style.FONT_SIZE)

    plot = ch.plots[0]
    if c.kind == "pie":
        plot.vary_by_categories = True
        for i, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(style.colour(i))
            point.format.line.color.rgb = _rgb("FFFFFF")
    else:
        plot.vary_by_categories = False
        plot.gap_width = 50 if len(c.series) > 1 else 60
        for i, series in enumerate(plot.series):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(style.colour(i))
            series.invert_if_negative = False
    if c.data_labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = c.number_format
        labels.number_format_is_linked = False
        labels.show_value = True
        labels.font.size = Pt(style.FONT_SIZE)
        labels.position = {"pie": XL_LABEL_POSITION.OUTSIDE_END,
                           "stacked-hbar": XL_LABEL_POSITION.CENTER}.get(c.kind, XL_LABEL_POSITION.OUTSIDE_END)
        if c.kind == "stacked-hbar":
            for i, series in enumerate(plot.series):
                series.data_labels.font.color.rgb = _rgb(style.text_on(style.colour(i)))
                series.data_labels.number_format = c.number_format
                series.data_labels.number_format_is_linked = False
                series.data_labels.show_value = True
                series.data_labels.position = XL_LABEL_POSITION.CENTER

    if c.axis is not None:
        horizontal = c.kind != "bar"
        cat, val = ch.category_axis, ch.value_axis
        cat.reverse_order = horizontal  # the first category on top, as it is read
        cat.major_tick_mark = XL_TICK_MARK.NONE
        cat.format.line.color.rgb = _rgb(style.AXIS)
        cat.tick_labels.font.size = Pt(style.FONT_SIZE)
        val.minimum_scale = 0.0
        val.maximum_scale = float(c.axis.maximum / scale)
        val.major_unit = float(c.axis.step / scale)
        val.has_major_gridlines = True
        val.major_gridlines.format.line.color.rgb = _rgb(style.GRID)
        val.major_tick_mark = XL_TICK_MARK.NONE
        val.format.line.fill.background()
        val.tick_labels.number_format = c.axis.number_format
        val.tick_labels.number_format_is_linked = False
        val.tick_labels.font.size = Pt(style.FONT_SIZE)
        if horizontal:  # with the categories reversed, the value axis stays at the bottom
            _child(space.find(f".//{{{_C}}}valAx"), "crosses").set("val", "max")

    _finish(space, east_asia, lang)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True), workbook


def _rgb(hex_colour: str):
    from pptx.dml.color import RGBColor
    return RGBColor.from_string(hex_colour)


def _child(parent, tag: str):
    node = parent.find(f"{{{_C}}}{tag}")
    if node is None:
        raise ValueError(f"chart XML without c:{tag}")
    return node


def _finish(space, east_asia: str | None, lang: str) -> None:
    """Language, East Asian font, square corners and no frame: what PowerPoint's defaults leave out."""
    first = next(child for child in space if child.tag != f"{{{_C}}}date1904")
    first.addprevious(etree.Element(f"{{{_C}}}lang", val=lang))
    first.addprevious(etree.Element(f"{{{_C}}}roundedCorners", val="0"))
    for props in space.iter(f"{{{_A}}}defRPr"):
        props.set("lang", lang)
        latin = props.find(f"{{{_A}}}latin")
        if east_asia and latin is not None and props.find(f"{{{_A}}}ea") is None:
            latin.addnext(etree.Element(f"{{{_A}}}ea", typeface=east_asia))
    # no border around the chart area (Word draws one by default)
    chart = space.find(f"{{{_C}}}chart")
    sp = etree.Element(f"{{{_C}}}spPr")
    sp.append(etree.Element(f"{{{_A}}}noFill"))
    line = etree.SubElement(sp, f"{{{_A}}}ln")
    line.append(etree.Element(f"{{{_A}}}noFill"))
    chart.addnext(sp)


# ---------------------------------------------------------------- the parts

def chart_parts(c: ChartV, latin: str, east_asia: str | None, lang: str) -> tuple[bytes, bytes]:
    """The chart XML and its workbook (dates fixed), as :func:`chart_xml` made them for the same chart in an
    earlier run, else made now."""
    def make() -> tuple[bytes, bytes]:
        xml, workbook = chart_xml(c, latin, east_asia, lang)
        return xml, normalize_workbook(workbook)

    return partcache.remembered("charts", repr((c, latin, east_asia, lang, source_date())), make)


def add_chart_part(ctx, owner, c: ChartV) -> str:
    """Add the chart part and its workbook to the package; return the relationship id from ``owner``."""
    typo = ctx.typo
    xml, workbook = chart_parts(c, typo.latin, typo.body_east_asia, ctx.view.tag)
    package = ctx.doc.part.package
    # the n-th chart and its workbook, numbered as python-docx's next_partname would (the template has none),
    # without its walk through every part of the package for each
    ctx.charts += 1
    book = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{ctx.charts}.xlsx"), CT.SML_SHEET, workbook,
                package)
    part = Part(PackURI(f"/word/charts/chart{ctx.charts}.xml"), CT.DML_CHART, b"", package)
    book_rid = part.relate_to(book, RT.PACKAGE)
    space = etree.fromstring(xml)
    external = etree.Element(f"{{{_C}}}externalData", nsmap={"r": _R})
    external.set(f"{{{_R}}}id", book_rid)
    etree.SubElement(external, f"{{{_C}}}autoUpdate", val="0")
    _insert_external(space, external)
    part._blob = etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)
    return owner.relate_to(part, RT.CHART)


def _insert_external(space, external) -> None:
    """``c:externalData`` after ``c:chart``, ``c:spPr`` and ``c:txPr`` (the schema's order)."""
    anchor = None
    for tag in ("chart", "spPr", "txPr"):
        node = space.find(f"{{{_C}}}{tag}")
        if node is not None:
            anchor = node
    anchor.addnext(external)


def normalize_workbook(blob: bytes) -> bytes:
    """The workbook with fixed dates: ``SOURCE_DATE_EPOCH`` in its properties (or none) and fixed zip times."""
    when = source_date()
    stamp = zip_stamp(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "docProps/core.xml":
                data = _fixed_core(data, when)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, data, compresslevel=6)
    return out.getvalue()


def _fixed_core(data: bytes, when) -> bytes:
    root = etree.fromstring(data)
    terms = "http://purl.org/dc/terms/"
    for tag in ("created", "modified"):
        node = root.find(f"{{{terms}}}{tag}")
        if node is None:
            continue
        if when is None:
            root.remove(node)
        else:
            node.text = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ------------------------------------------------------------- the drawing

def _inline(rid: str, cx: int, cy: int, shape_id: int, name: str, descr: str, title: str):
    return parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'xmlns:a="{_A}" xmlns:c="{_C}" xmlns:r="{_R}">'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name={quoteattr(name)} descr={quoteattr(descr)} title={quoteattr(title)}/>'
        '<wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_C}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic>'
        '</wp:inline></w:drawing>')
