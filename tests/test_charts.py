"""Charts from data: one dataset, checked at load time, drawn natively in Word and as vectors in PDF.

The .docx holds one chart part per chart, each linked to an embedded workbook
and caching the content's numbers; the PDF holds every label and value as
text in its embedded fonts; both are byte-reproducible, and each kind of bad
data is reported at its place in the content file.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale
from lxml import etree

import tareport
from tareport.l10n.formatting import spreadsheet_format
from tareport.render.docx import render as render_docx
from tareport.render.pdf import render as render_pdf
from tareport.view import ChartV, FigureV, TableV, plain

from .conftest import ROOT

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"c": C, "r": R, "rel": PKG, "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def charts_of(view) -> list[ChartV]:
    return [b for part in view.parts for b in part.blocks if isinstance(b, ChartV)]


@pytest.fixture(scope="module")
def cdip():
    return tareport.load(ROOT / "content" / "cdip_33_4")


@pytest.fixture(scope="module", params=["zh", "en"])
def built(request, cdip):
    view = cdip.view(request.param, draft=True)
    return view, render_docx(view)


def rels_of(z: zipfile.ZipFile, name: str) -> dict[str, tuple[str, str]]:
    folder, _, file = name.rpartition("/")
    root = etree.fromstring(z.read(f"{folder}/_rels/{file}.rels"))
    return {r.get("Id"): (r.get("Type"), r.get("Target")) for r in root}


def resolve(base: str, target: str) -> str:
    parts = base.rpartition("/")[0].split("/")
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


# ------------------------------------------------------------------ the Word charts

def test_one_chart_part_per_chart_with_its_workbook_and_the_content_numbers(built):
    view, data = built
    z = zipfile.ZipFile(io.BytesIO(data))
    body = etree.fromstring(z.read("word/document.xml"))
    doc_rels = rels_of(z, "word/document.xml")
    refs = body.xpath("//c:chart/@r:id", namespaces=NS)
    charts = charts_of(view)
    assert len(refs) == len(charts) == 7
    parts = [resolve("word/document.xml", doc_rels[rid][1]) for rid in refs]
    assert all(doc_rels[rid][0] == CHART_REL for rid in refs) and len(set(parts)) == len(parts)
    assert sorted(parts) == sorted(n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n))
    types = etree.fromstring(z.read("[Content_Types].xml"))
    for chart, part in zip(charts, parts):
        space = etree.fromstring(z.read(part))
        # the values cached in the chart XML are the content's numbers (percentages stored as fractions)
        scale = Decimal(100) if chart.percent else Decimal(1)
        cached = [[Decimal(v) * scale for v in ser.xpath("c:val//c:pt/c:v/text()", namespaces=NS)]
                  for ser in space.xpath("//c:ser", namespaces=NS)]
        assert cached == [list(s.values) for s in chart.series]
        for ser in space.xpath("//c:ser", namespaces=NS):
            assert ser.xpath("c:cat//c:pt/c:v/text()", namespaces=NS) == chart.categories
        assert space.xpath("//c:numCache/c:formatCode/text()", namespaces=NS)[0] == chart.number_format
        # the data labels print the values as the view does
        assert set(space.xpath("//c:dLbls/c:numFmt/@formatCode", namespaces=NS)) == {chart.number_format}
        # c:externalData links the embedded workbook ("Edit Data")
        [rid] = space.xpath("c:externalData/@r:id", namespaces=NS)
        kind, target = rels_of(z, part)[rid]
        book = resolve(part, target)
        assert kind == PACKAGE_REL and book.endswith(".xlsx")
        assert types.xpath(f"//*[@PartName='/{part}']/@ContentType")[0].endswith("drawingml.chart+xml")
        with zipfile.ZipFile(io.BytesIO(z.read(book))) as xlsx:
            sheet = etree.fromstring(xlsx.read("xl/worksheets/sheet1.xml"))
            strings = etree.fromstring(xlsx.read("xl/sharedStrings.xml")).xpath("//s:t/text()", namespaces=NS)
        # the workbook stores doubles (XlsxWriter writes 17 digits): the same doubles as the content's numbers
        numbers = [float(v) for v in sheet.xpath("//s:c[not(@t)]/s:v/text()", namespaces=NS)]
        assert sorted(numbers) == sorted(float(Decimal(v) / scale) for s in chart.series for v in s.values)
        assert set(chart.categories) <= set(strings)


def test_chart_alt_text_and_title_in_the_document_language(built):
    view, data = built
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    frames = body.xpath("//wp:inline[.//c:chart]/wp:docPr", namespaces=NS)
    charts = charts_of(view)
    assert [f.get("descr") for f in frames] == [c.alt for c in charts]
    assert len({f.get("id") for f in body.xpath("//wp:docPr", namespaces=NS)}) == len(
        body.xpath("//wp:docPr", namespaces=NS))  # drawing ids are unique
    pie = next(c for c in charts if c.kind == "pie")
    if view.lang == "zh":
        assert pie.alt.startswith("饼图：非常高 41%，高 20%，平均 19%")
    else:
        assert pie.alt.startswith("Pie chart: Very high 41%, High 20%, Average 19%")
    grouped = charts[0]
    assert grouped.series[0].name in grouped.alt and "37.0%" in grouped.alt


def test_chinese_chart_text_names_the_east_asian_font(cdip):
    view = cdip.view("zh")
    z = zipfile.ZipFile(io.BytesIO(render_docx(view)))
    space = etree.fromstring(z.read("word/charts/chart1.xml"))
    assert space.xpath("c:lang/@val", namespaces=NS) == ["zh-CN"]
    assert space.xpath("c:txPr//a:ea/@typeface", namespaces=NS) == ["SimSun"]


def test_docx_with_charts_is_byte_reproducible_and_workbook_dates_are_fixed(cdip, monkeypatch):
    view = cdip.view("zh")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733702400")  # 2024-12-09
    first = render_docx(view)
    assert first == render_docx(view)
    z = zipfile.ZipFile(io.BytesIO(first))
    book = zipfile.ZipFile(io.BytesIO(z.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")))
    core = book.read("docProps/core.xml").decode()
    assert "2024-12-09T00:00:00Z" in core and core.count("2024-12-09T00:00:00Z") == 2
    assert {i.date_time for i in book.infolist()} == {(2024, 12, 9, 0, 0, 0)}
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    book = zipfile.ZipFile(io.BytesIO(zipfile.ZipFile(io.BytesIO(render_docx(view))).read(
        "word/embeddings/Microsoft_Excel_Worksheet1.xlsx")))
    assert "created" not in book.read("docProps/core.xml").decode()  # XlsxWriter's "now" is gone


def test_source_lines_keep_with_their_table_or_chart(cdip):
    """The chart paragraph keeps with its source; a table's last row keeps with the lines below it."""
    view = cdip.view("zh")
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(render_docx(view))).read("word/document.xml"))
    for frame in body.xpath("//w:p[.//c:chart]", namespaces=NS):
        style = frame.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)
        assert style == ["Figure"]
        below = frame.getnext()
        while below.xpath("w:pPr/w:keepNext", namespaces=NS):  # notes keep with the source
            below = below.getnext()
        assert "".join(below.xpath(".//w:t/text()", namespaces=NS)).startswith("来源：")
    tables = [b for part in view.parts for b in part.blocks if isinstance(b, TableV)]
    grids = body.xpath("//w:tbl[w:tr[1]/w:trPr/w:tblHeader]", namespaces=NS)
    for table, grid in zip(tables, grids):
        keep = grid.xpath("w:tr[last()]//w:p/w:pPr/w:keepNext", namespaces=NS)
        assert bool(keep) == bool(table.source or table.notes)


# ------------------------------------------------------------------------ the PDF

@pytest.fixture(scope="module")
def pdf_pages(cdip, tmp_path_factory):
    out = {}
    for lang in ("zh", "en"):
        view = cdip.view(lang, draft=True)
        data = render_pdf(view)
        path = tmp_path_factory.mktemp("charts") / f"{lang}.pdf"
        path.write_bytes(data)
        text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout
        out[lang] = (view, data, text.split("\f"))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_holds_every_chart_label_and_formatted_value_as_text(pdf_pages, lang):
    view, _, pages = pdf_pages[lang]
    for chart in charts_of(view):
        caption = squash(chart.label + plain(chart.caption))
        [page] = [p for p in pages if caption in squash(p)]
        words = chart.categories + [s.name for s in chart.series if s.name]
        words += [label for s in chart.series for label in s.labels]
        words += [text for _, text in chart.axis.ticks] if chart.axis else []
        missing = [w for w in words if squash(w) not in squash(page)]
        assert not missing, (chart.label, missing)
        assert any(label.endswith("%") for s in chart.series for label in s.labels)
        # the source line is on the chart's page, after it
        assert squash(plain(chart.source)) in squash(page)


def test_pdf_chart_fonts_are_the_embedded_ones(pdf_pages, tmp_path):
    _, data, _ = pdf_pages["zh"]
    path = tmp_path / "zh.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all(r[-5] == "yes" for r in rows), fonts  # embedded, every one
    assert "Helvetica" not in fonts and "Times" not in fonts


def test_pdf_with_charts_is_byte_reproducible(cdip, pdf_pages):
    view, data, _ = pdf_pages["en"]
    assert render_pdf(view) == data


def test_table_and_figure_sources_stay_on_their_page(pdf_pages):
    view, _, pages = pdf_pages["zh"]
    for block in (b for part in view.parts for b in part.blocks if isinstance(b, (TableV, FigureV))):
        if not block.source:
            continue
        caption = squash(block.label + plain(block.caption))[:12]
        page = next(p for p in pages if caption in squash(p))
        assert squash(plain(block.source)) in squash(page), block.label


# ---------------------------------------------------------------- figures, drafts

def test_figures_without_data_are_neutral_outside_drafts(cdip):
    for draft, kind in ((False, "text"), (True, "missing")):
        view = cdip.view("zh", draft=draft)
        described = [b for part in view.parts for b in part.blocks if isinstance(b, FigureV) and b.description]
        assert len(described) == 3
        assert all({s.kind for s in f.description} - {"ref", "note"} == {kind} for f in described)
        gap = next(f for f in view.footnote_list() if f.gap)
        assert {s.kind for s in gap.text} == {kind}
    body = zipfile.ZipFile(io.BytesIO(render_docx(cdip.view("zh"))))
    for name in ("word/document.xml", "word/footnotes.xml"):
        assert b'w:val="Placeholder"' not in body.read(name)


def test_tile_figure_has_alt_text_from_its_tiles(cdip):
    view = cdip.view("en")
    [tiles] = [b for part in view.parts for b in part.blocks if isinstance(b, FigureV) and b.tiles]
    assert tiles.alt.startswith("Figure: ") and plain(tiles.tiles[-1].text) in tiles.alt


# -------------------------------------------------------------- one chart spec

def test_value_axis_from_axis_max_or_rounded_up(cdip):
    view = cdip.view("zh")
    charts = charts_of(view)
    relevance, results = charts[0], charts[5]
    assert relevance.axis.maximum == 60 and [t for _, t in relevance.axis.ticks][-1] == "60%"
    assert results.axis.maximum == 80 and results.axis.step == 20  # largest value 71.3
    assert [t for _, t in results.axis.ticks] == ["0%", "20%", "40%", "60%", "80%"]


def test_spreadsheet_number_formats_follow_the_locale():
    assert spreadsheet_format(Locale.parse("en_GB"), True, 1) == "0.0%"
    assert spreadsheet_format(Locale.parse("zh_Hans_CN"), True, 0) == "0%"
    assert spreadsheet_format(Locale.parse("en_GB"), False, 1, grouping=True) == "#,##0.0"
    french = spreadsheet_format(Locale.parse("fr"), True, 1)  # "37,0 %": the space is a quoted literal
    assert french.startswith("0.0\"") and french.endswith("\"%")


def test_chart_values_take_the_charts_decimals(cdip):
    chart = charts_of(cdip.view("en"))[0]
    assert chart.decimals == 1 and chart.series[1].labels[:2] == ["41.1%", "27.8%"]
    assert chart.series[1].labels[-1] == "3.3%"
    pie = charts_of(cdip.view("en"))[1]
    assert pie.decimals == 0 and pie.number_format == "0%" and pie.series[0].labels[0] == "41%"


CHART = """\
blocks:
  - type: chart
    kind: {kind}
    caption: {{zh: 图, en: Chart}}
    categories:
      - {{zh: 甲, en: A}}
      - {{zh: 乙, en: B}}
    series:
{series}
"""


def chart_file(kind: str, *series: str, extra: str = "") -> str:
    return CHART.format(kind=kind, series="".join(f"      - values: {s}\n" for s in series)) + extra


def errors_of(folder) -> list[str]:
    return [str(d) for d in tareport.check(folder)]


@pytest.mark.parametrize("content, expected", [
    (chart_file("grouped-hbar", "[60, 40]", "[50]"), "annex.yaml:10:17: series 2 has 1 values for 2 categories"),
    (chart_file("stacked-hbar", "[60, 40]", "[40, 50]"),
     "annex.yaml:7:9: the parts of 100% stacked bar 2 (乙) sum to 90, not 100 (± 0.5)"),
    (chart_file("hbar", "[60, '40%']"), "annex.yaml:9:22: values: not a number: '40%' (write the number alone, e.g. 41 or 33.7)"),
    (chart_file("hbar", "[60, yes]"), "annex.yaml:9:22: values: not a number: True (write the number alone, e.g. 41 or 33.7)"),
    (chart_file("hbar", "[60, .nan]"), "annex.yaml:9:22: '.nan' is not a finite number"),
    (chart_file("pie", "[60, 30]"), "annex.yaml:9:17: the parts of a pie chart sum to 90%, not 100% (± 0.5)"),
    (chart_file("pie", "[60, 40]", "[50, 50]"), "annex.yaml:10:9: a pie chart has one series; this one has 2"),
    (chart_file("hbar", "[60, 70]", extra="    axis_max: 60\n"), "annex.yaml:11:15: axis_max 60 is below the largest value 70"),
])
def test_bad_chart_data_is_reported_at_its_place(make_doc, content, expected):
    messages = errors_of(make_doc({"annex.yaml": content}))
    assert any(m.endswith(expected) for m in messages), messages


def test_good_chart_data_passes_and_small_rounding_is_tolerated(make_doc):
    content = chart_file("stacked-hbar", "[60.2, 40]", "[39.9, 60]") + "    format: 0.0%\n    legend: right\n"
    assert errors_of(make_doc({"annex.yaml": content})) == []


def test_every_bad_case_at_once_through_the_cli(make_doc):
    folder = make_doc({"annex.yaml": chart_file("stacked-hbar", "[60, 30]", "[40]")
                       + chart_file("pie", "[1, 2]").replace("blocks:\n", "")})
    result = subprocess.run([sys.executable, "-m", "tareport", "check", "--content", str(folder.parent),
                             "--doc", folder.name], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2, result.stderr
    assert "annex.yaml:10:17: series 2 has 1 values for 2 categories" in result.stderr
    assert "annex.yaml:19:17: the parts of a pie chart sum to 3%" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_spec_is_language_neutral(cdip):
    """Both languages draw the same numbers: the view only formats them."""
    zh, en = (charts_of(cdip.view(lang)) for lang in ("zh", "en"))
    assert [[s.values for s in c.series] for c in zh] == [[s.values for s in c.series] for c in en]
    assert [c.kind for c in zh] == ["grouped-hbar", "pie", "pie", "pie", "grouped-hbar", "hbar", "hbar"]
    assert [c.axis and (c.axis.maximum, c.axis.step) for c in zh] == [c.axis and (c.axis.maximum, c.axis.step)
                                                                       for c in en]


KINDS = """\
blocks:
  - type: chart
    kind: bar
    format: number
    caption: {zh: 柱形图, en: Columns}
    categories: [{zh: 二〇二一年, en: Year 2021}, {zh: 二〇二二年, en: Year 2022}]
    series:
      - {name: {zh: 学员, en: Students}, values: [1171, 1866]}
  - type: chart
    kind: stacked-hbar
    caption: {zh: 堆积条形图, en: Stacked bars}
    categories: [{zh: 相关性, en: Relevance}, {zh: 有效性, en: Effectiveness}]
    series:
      - {name: {zh: 高, en: High}, values: [60.5, 45.0]}
      - {name: {zh: 低, en: Low}, values: [39.5, 55.0]}
  - type: chart
    kind: pie
    legend: bottom
    format: 0.0%
    caption: {zh: 饼图, en: Pie}
    categories: [{zh: 是, en: "Yes"}, {zh: 否, en: "No"}]
    series:
      - values: [75, 25]
  - type: chart
    kind: hbar
    legend: none
    data_labels: false
    caption: {zh: 条形图, en: Bars}
    categories: [{zh: 甲, en: A}, {zh: 乙, en: B}]
    series:
      - values: [12, 34]
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_and_option_is_drawn_in_both_formats(make_doc, tmp_path, lang):
    view = tareport.load(make_doc({"annex.yaml": KINDS})).view(lang)
    charts = charts_of(view)
    assert [c.legend for c in charts] == ["bottom", "bottom", "bottom", "none"]
    columns, stacked, pie, bars = charts
    assert columns.series[0].labels == ["1,171", "1,866"] and columns.number_format == "#,##0"
    assert pie.series[0].labels == ["75.0%", "25.0%"] and pie.number_format == "0.0%"
    assert stacked.axis.maximum == 100 and not bars.data_labels
    z = zipfile.ZipFile(io.BytesIO(render_docx(view)))
    spaces = [etree.fromstring(z.read(f"word/charts/chart{n}.xml")) for n in range(1, 5)]
    assert [s.xpath("c:chart/c:plotArea/*[1]", namespaces=NS)[0].tag.split("}")[1] for s in spaces] == [
        "barChart", "barChart", "pieChart", "barChart"]
    assert spaces[0].xpath("//c:barDir/@val", namespaces=NS) == ["col"]
    assert spaces[1].xpath("//c:grouping/@val", namespaces=NS) == ["percentStacked"]
    assert spaces[2].xpath("//c:legendPos/@val", namespaces=NS) == ["b"]
    assert not spaces[3].xpath("//c:legend", namespaces=NS) and not spaces[3].xpath("//c:dLbls", namespaces=NS)
    path = tmp_path / "kinds.pdf"
    path.write_bytes(render_pdf(view))
    text = squash(subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                                 text=True).stdout)
    for chart in charts:
        words = chart.categories + [s.name for s in chart.series if s.name]
        words += [label for s in chart.series for label in s.labels] if chart.data_labels else []
        assert not [w for w in words if squash(w) not in text], chart.label
    assert "34%" not in text  # no data labels on the last chart (its ticks are 0%, 10%, ...)


_RENDER_SAMPLE = """\
import sys
import tareport
from tareport.render.docx import render
view = tareport.load(sys.argv[1]).view("en", draft=True)
data = render(view)
sys.stdout.buffer.write(data)
sys.stderr.write(" ".join(m for m in ("pptx", "xlsxwriter") if m in sys.modules))
"""


def test_chart_parts_and_template_come_from_the_user_cache_without_importing_pptx(tmp_path):
    """A second rendering of unchanged charts in a new process takes their parts, and the template with its
    style set, from the user cache: the same bytes, and neither python-pptx nor XlsxWriter is imported; with the
    cache off, the same bytes again."""
    def run(cache: str) -> tuple[bytes, str]:
        env = {**os.environ, "TAREPORT_CACHE_DIR": cache}
        done = subprocess.run([sys.executable, "-c", _RENDER_SAMPLE, str(ROOT / "content" / "sample")], env=env,
                              capture_output=True, cwd=ROOT, check=True)
        return done.stdout, done.stderr.decode()

    cache = str(tmp_path / "cache")
    first, imported = run(cache)
    assert imported == "pptx xlsxwriter"  # nothing kept yet: the libraries made the parts
    assert list((tmp_path / "cache" / "charts").iterdir()) and list((tmp_path / "cache" / "template").iterdir())
    again, imported = run(cache)
    assert imported == ""
    assert again == first
    off, imported = run("")
    assert imported == "pptx xlsxwriter" and off == first
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        assert any(n.startswith("word/charts/chart") for n in z.namelist())
        assert any(n.startswith("word/embeddings/") for n in z.namelist())


def test_a_changed_chart_is_not_taken_from_the_cache(cdip, tmp_path, monkeypatch):
    from dataclasses import replace

    from tareport.render.docx.charts import chart_parts
    monkeypatch.setenv("TAREPORT_CACHE_DIR", str(tmp_path / "cache"))
    chart = charts_of(cdip.view("en", draft=True))[1]
    xml, _ = chart_parts(chart, "Arial", None, "en-GB")
    first = chart.series[0]
    changed = replace(chart, series=[replace(first, values=[Decimal("12.5")] + first.values[1:])] + chart.series[1:])
    xml2, book2 = chart_parts(changed, "Arial", None, "en-GB")
    assert xml2 != xml and b"<c:v>0.125</c:v>" in xml2 and b"<c:v>0.125</c:v>" not in xml
    assert chart_parts(changed, "Arial", None, "en-GB") == (xml2, book2)  # now recalled, the same
    assert len(list((tmp_path / "cache" / "charts").iterdir())) == 2


def test_drawings_are_numbered_in_order_around_a_picture(make_doc):
    """Charts take drawing ids without scanning the document each time; a picture placed by python-docx
    between them keeps the ids unique and in reading order."""
    import shutil

    chart = CHART.format(kind="hbar", series="      - values: [60, 40]\n").replace("blocks:\n", "")
    picture = ("  - type: figure\n    caption: {zh: 图, en: Figure}\n    image: gradient.png\n"
               "    alt: {zh: 图, en: A figure}\n")
    folder = make_doc({"annex.yaml": "blocks:\n" + chart + picture + chart})
    shutil.copy(ROOT / "content" / "sample" / "figures" / "gradient.png", folder / "gradient.png")
    data = render_docx(tareport.load(folder).view("en", draft=True))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    ids = [int(d.get("id")) for d in body.xpath("//wp:docPr", namespaces=NS)]
    kinds = [bool(d.xpath("..//c:chart", namespaces=NS)) for d in body.xpath("//wp:docPr", namespaces=NS)]
    assert kinds == [True, False, True] and ids == sorted(set(ids)) and len(ids) == 3, ids
