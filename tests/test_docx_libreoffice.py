"""A real client opens the .docx: LibreOffice converts it to PDF, poppler reads the PDF.

The PDF shows what a reader sees: the footnote texts at the bottom of their
pages, the live page number in the annex header (``附件第2页``), the finding
labels, a plausible page count; and ``pdffonts`` shows whether the East Asian
fonts and language are right (LibreOffice maps SimSun to a Serif CJK face and
SimHei to a Sans CJK face only when the runs are tagged ``zh-CN``).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import tareport
from tareport.render.docx import render
from tareport.view import ChartV, FindingV, plain

ROOT = Path(__file__).resolve().parents[1]


def convert(docx_path: Path, profile: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (libreoffice-writer-nogui) is required: .ci/run installs it"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(docx_path.parent), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    pdf = docx_path.with_suffix(".pdf")
    assert pdf.exists()
    return pdf


def pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    doc = tareport.load(ROOT / "content" / "cdip_33_4")
    work = tmp_path_factory.mktemp("docx_lo")
    out = {}
    for lang, view in (("zh", doc.view("zh")), ("en", doc.view("en", draft=True))):
        path = work / f"{lang}.docx"
        path.write_bytes(render(view))
        out[lang] = (view, convert(path, work / "profile"))
    return out


def test_east_asian_faces_in_the_pdf(pdfs):
    _, pdf = pdfs["zh"]
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert any("SerifCJK" in n for n in names), fonts  # body: SimSun → Noto Serif CJK
    assert any("SansCJK" in n for n in names), fonts  # headings and bold: SimHei → Noto Sans CJK
    assert not any("DejaVu" in n for n in names), fonts


def test_cover_page_has_both_faces(pdfs):
    """The cover's bold lines are Hei (Sans), its numbered paragraphs Song (Serif)."""
    view, pdf = pdfs["zh"]
    fonts = subprocess.run(["pdffonts", "-f", "1", "-l", "1", str(pdf)], check=True, capture_output=True,
                           text=True).stdout
    # the cover page has the bold committee line (Sans) and the numbered paragraphs (Serif)
    assert "SansCJK" in fonts and "SerifCJK" in fonts


def test_page_count_is_plausible(pdfs):
    zh_pages = len(pages_text(pdfs["zh"][1]))
    en_pages = len(pages_text(pdfs["en"][1]))
    assert 30 <= zh_pages <= 80
    assert 10 <= en_pages <= 80


def test_annex_header_page_numbers(pdfs):
    view, pdf = pdfs["zh"]
    pages = [squash(p) for p in pages_text(pdf)]
    annex_start = next(i for i, p in enumerate(pages) if p.startswith("CDIP/33/4附件"))
    assert "附件第" not in pages[annex_start]  # no running header on the annex's first page
    assert pages[annex_start + 1].startswith("CDIP/33/4附件第2页")
    assert pages[annex_start + 5].startswith("CDIP/33/4附件第6页")
    assert "附件第" not in pages[0] and "页" not in pages[0][:20]  # the cover has no header
    en_pages = [squash(p) for p in pages_text(pdfs["en"][1])]
    assert any(p.startswith("CDIP/33/4Annex,page2") for p in en_pages)


def test_footnotes_at_the_bottom_of_their_pages(pdfs):
    view, pdf = pdfs["zh"]
    pages = [[squash(line) for line in page.splitlines() if line.strip()] for page in pages_text(pdf)]
    for fn in view.footnote_list():
        probe = squash(plain(fn.text))[:10]
        # lines that begin with the note's text (its superscript number may print on a line of its own)
        places = [(i, len(lines)) for lines in pages for i, line in enumerate(lines)
                  if line.lstrip(fn.number).startswith(probe)]
        assert places, f"footnote {fn.number} not in the PDF"
        # the note sits in the lower part of its page, below the body text
        assert any(i >= n * 0.5 for i, n in places), (fn.number, places)


def test_finding_labels_and_markers(pdfs):
    view, pdf = pdfs["zh"]
    text = squash("".join(pages_text(pdf)))
    labels = [b.label for part in view.parts for b in part.blocks if isinstance(b, FindingV)]
    assert len(labels) == 27
    positions = [text.find(squash(label)) for label in labels]
    assert -1 not in positions and positions == sorted(positions)
    assert squash(view.parts[0].end_marker) in text and squash(view.parts[1].end_marker) in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cross_references_show_their_numbers_without_updating_fields(pdfs, lang):
    """Every reference prints its label and number (a paragraph's from Word numbering, through REF \\r)."""
    from tareport.view import ParaV
    view, pdf = pdfs[lang]
    text = squash("".join(pages_text(pdf)))
    paragraphs = {b.anchor for part in view.parts for b in part.blocks if isinstance(b, ParaV) and b.number}
    refs = [s for part in view.parts for s in _spans(part.blocks) if s.kind == "ref" and s.number]
    assert any(s.target in paragraphs for s in refs)
    position = 0
    for s in refs:
        found = text.find(squash(s.text), position)
        assert found >= 0, s.text
        position = found
    if lang == "zh":
        assert "（见表1）" in text and "第72段" in text


def _spans(node):
    import dataclasses
    from tareport.view import Span
    if isinstance(node, Span):
        yield node
    elif isinstance(node, (list, tuple)):
        for x in node:
            yield from _spans(x)
    elif dataclasses.is_dataclass(node):
        for f in dataclasses.fields(node):
            yield from _spans(getattr(node, f.name))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_native_charts_are_drawn_from_their_cached_values(pdfs, lang):
    """LibreOffice draws each chart without updating it: its categories, series names, values
    (formatted as the view prints them) and axis ticks are text on the chart's page, with its source."""
    view, pdf = pdfs[lang]
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = [squash(p) for p in raw.split("\f")]
    charts = [b for part in view.parts for b in part.blocks if isinstance(b, ChartV)]
    assert len(charts) == 7
    for chart in charts:
        [page] = [p for p in pages if squash(chart.label + plain(chart.caption)) in p]
        words = chart.categories + [s.name for s in chart.series if s.name]
        words += [label for s in chart.series for label in s.labels]
        words += [text for _, text in chart.axis.ticks] if chart.axis else []
        assert not [w for w in words if squash(w) not in page], chart.label
        assert squash(plain(chart.source)) in page  # the source line is on the chart's page


def _opening(spans, n: int) -> str:
    """The first ``n`` characters a reader sees of a text, up to its first footnote mark."""
    out = ""
    for s in spans:
        if s.kind == "note":
            break
        out += s.text
    return squash(out)[:n]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_word_numbering_prints_the_numbers_and_markers(pdfs, lang):
    """Paragraph numbers and list markers are Word numbering: LibreOffice prints each one, in reading order,
    right before the first words of its paragraph or item (cover 1-3, annex 1-144; a., a), (a), （a）, •)."""
    from tareport.view import BoxV, InfoV, ListV, ParaV
    view, pdf = pdfs[lang]
    text = squash("".join(pages_text(pdf)))
    expected = []

    def items(lst):
        for item in lst.items:
            expected.append(item.marker + _opening(item.text, 6))
            if item.list:
                items(item.list)

    def blocks(bs):
        for b in bs:
            if isinstance(b, ParaV):
                if b.number:
                    expected.append(f"{b.number}." + _opening((b.label or []) + (b.lead or []) + b.text, 6))
                if b.list:
                    items(b.list)
            elif isinstance(b, ListV):
                items(b)
            elif isinstance(b, (BoxV, InfoV)):
                blocks(b.blocks)

    for part in view.parts:
        blocks(part.blocks)
    assert len(expected) > 147
    position = 0
    for probe in expected:
        found = text.find(probe, position)
        assert found >= 0, probe
        position = found + len(probe)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_box_sub_headings_stay_with_their_text(pdfs, lang):
    """In LibreOffice's print, the box title and each sub-heading of 专栏 1 / Box 1 are on the page of the
    first words that follow them (Word and LibreOffice keep table rows, not paragraphs of a cell, together)."""
    from tareport.view import BoxV, HeadingV, ListV
    view, pdf = pdfs[lang]
    pages = [squash(p) for p in pages_text(pdf)]
    [box] = [b for part in view.parts for b in part.blocks if isinstance(b, BoxV)]

    def first_words(block) -> str:
        spans = block.items[0].text if isinstance(block, ListV) else block.text
        return _opening(spans, 8)

    pairs = [(squash(box.label + plain(box.title))[:12], first_words(box.blocks[0]))]
    pairs += [(squash(plain(h.text)), first_words(nxt)) for h, nxt in zip(box.blocks, box.blocks[1:])
              if isinstance(h, HeadingV)]
    assert len(pairs) == 6
    for heading, words in pairs:
        [page] = [k for k, p in enumerate(pages) if heading in p]
        assert words in pages[page][pages[page].find(heading):], (heading, words)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_cells_never_break_a_number_or_a_word(pdfs, lang):
    """Every number and word of every table cell prints on one line in LibreOffice's print (no
    ``2016/20`` | ``17``, ``688,69`` | ``8``, ``Baselin`` | ``e``): the columns are at least that wide."""
    from tareport.render.columns import pieces
    from tareport.view import TableV
    view, pdf = pdfs[lang]
    pages = pages_text(pdf)
    tables = [b for part in view.parts for b in part.blocks if isinstance(b, TableV)]
    assert len(tables) == 6
    checked = 0
    for t in tables:
        caption = squash(t.label + plain(t.caption))
        [k] = [k for k, p in enumerate(pages) if caption in squash(p)]
        lines = [re.sub(r"\s+", " ", line) for page in pages[k:k + 2] for line in page.splitlines()]
        for row in t.header + t.rows:
            for cell in row.cells:
                for piece in pieces(plain(cell.text), view.cjk):
                    if len(piece) > 1 and piece.isascii():
                        assert any(piece in line for line in lines), (t.label, piece)
                        checked += 1
    assert checked > 100
