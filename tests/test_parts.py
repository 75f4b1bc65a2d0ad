"""Documents of other shapes, read back from the outputs: two annexes, no annex, five languages.

``content/sample_annexes`` (CDIP/98/5: a cover and two annexes, references
across them) and ``content/sample_rev`` (CDIP/98/2 Rev.: no annex, in en, zh,
fr, es and ru) are built with :func:`tareport.build` in both formats; the
tests read what a reader sees: the PDF's text (pdftotext), the .docx's XML,
and the .docx as LibreOffice prints it (live page numbers in the headers).
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import tareport
from tareport.render.docx.anchors import bookmark_name
from tareport.view import ParaV, TableV, plain

from .test_docx_libreoffice import convert
from .wordnumbers import labels

ROOT = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

#: What WIPO prints, per language: cover end marker, annex headings, annex end markers, header line of page n.
EXPECTED = {
    "en": {"cover_end": "[Annexes follow]", "headings": ["ANNEX I", "ANNEX II"],
           "ends": ["[Annex II follows]", "[End of Annex II and of document]"],
           "header": ["Annex I, page {n}", "Annex II, page {n}"], "no_annex_end": "[End of document]"},
    "zh": {"cover_end": "[后接附件]", "headings": ["附件一", "附件二"],
           "ends": ["[后接附件二]", "[附件二和文件完]"],
           "header": ["附件一第{n}页", "附件二第{n}页"], "no_annex_end": "[文件完]"},
}
#: References across parts, as each language names the part; the same targets inside their own part.
ACROSS = {
    "en": ["paragraph 4 of Annex I", "paragraph 4 of Annex II", "Table 1 of Annex I", "Table 1 of Annex II"],
    "zh": ["附件一第 4 段", "附件二第 4 段", "附件一表 1", "附件二表 1"],
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def spaced(text: str) -> str:
    """Whitespace (line ends, no-break spaces) as single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(path: Path, layout: bool = False) -> list[str]:
    """The text of each page; ``layout`` keeps lines as printed (a hanging number beside its first line)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


class Docx:
    """A built .docx: the body's paragraphs grouped by section (= part), each as (style, text); a numbered
    paragraph's text starts with the label Word numbering prints for it and a tab."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        self.body = etree.fromstring(self.zip.read("word/document.xml"))
        numbering = "word/numbering.xml" in self.zip.namelist()
        numbers = labels(self.body, self.zip.read("word/numbering.xml")) if numbering else {}
        self.sections: list[list[tuple[str, str]]] = [[]]
        for p in self.body.iter(f"{{{W}}}p"):
            if p.xpath("ancestor::w:tbl", namespaces=NS):
                continue
            style = p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
            # all visible text, field results included (a REF field's cached number)
            text = "".join(p.xpath(".//w:t/text()", namespaces=NS))
            if p in numbers:
                text = numbers[p] + "\t" + text
            self.sections[-1].append((style, text))
            if p.xpath("w:pPr/w:sectPr", namespaces=NS):
                self.sections.append([])
        if not self.sections[-1]:
            self.sections.pop()

    def text(self) -> str:
        return "\n".join(t for section in self.sections for _, t in section)

    def styled(self, style: str) -> list[str]:
        return [t for section in self.sections for s, t in section if s == style]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both sample documents in zh and en (and sample_rev in fr, es, ru), both formats."""
    out = tmp_path_factory.mktemp("parts")
    paths = tareport.build(ROOT / "content" / "sample_annexes", langs=["zh", "en"], formats="all", out=out)
    paths += tareport.build(ROOT / "content" / "sample_rev", langs="all", formats="all", out=out)
    return out, paths


def output(built, lang: str, stem: str, ext: str) -> Path:
    path = built[0] / lang / f"{stem}.{ext}"
    assert path in built[1]
    return path


@pytest.fixture(scope="module")
def views():
    return {name: tareport.load(ROOT / "content" / name) for name in ("sample_annexes", "sample_rev")}


# ------------------------------------------------------------------ the PDF

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_parts_markers_and_headers(built, lang):
    exp = EXPECTED[lang]
    pages = pdf_pages(output(built, lang, "cdip_98_5", "pdf"))
    starts = [i for i, page in enumerate(pages) for h in exp["headings"]
              if page.lstrip().startswith(f"CDIP/98/5\n{h}\n")]
    assert len(starts) == 2 and starts[0] > 0, [p[:40] for p in pages]
    # the cover part: no header, ends with the cover's end marker
    for page in pages[:starts[0]]:
        assert "Annex" not in page.splitlines()[0] and "附件第" not in page
    assert exp["cover_end"] in pages[starts[0] - 1]
    bounds = [(starts[0], starts[1]), (starts[1], len(pages))]
    for k, (first, end) in enumerate(bounds):
        # the annex's first page: symbol and its heading with its numeral, no running header
        assert pages[first].lstrip().startswith(f"CDIP/98/5\n{exp['headings'][k]}\n")
        assert end - first >= 2, "each sample annex runs over at least two pages"
        for n, page in enumerate(pages[first + 1:end], 2):
            # the following pages: symbol, then "Annex II, page n" counted within the annex
            assert page.lstrip().startswith(f"CDIP/98/5\n{exp['header'][k].format(n=n)}\n"), page[:60]
        assert exp["ends"][k] in pages[end - 1]
        assert all(exp["ends"][k] not in page for page in pages[first:end - 1])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_paragraph_numbers_restart_in_each_annex(built, views, lang):
    view = views["sample_annexes"].view(lang)
    numbers = [[b.number for b in part.blocks if isinstance(b, ParaV)] for part in view.parts]
    assert numbers == [["1", "2", "3"], [str(n) for n in range(1, 7)], [str(n) for n in range(1, 10)]]
    text = squash("".join(pdf_pages(output(built, lang, "cdip_98_5", "pdf"), layout=True)))
    position = 0
    for part in view.parts:
        for b in part.blocks:
            if isinstance(b, ParaV):
                # the printed number sits right before the paragraph's first words, in reading order
                found = text.find(squash(f"{b.number}.{plain(b.text)[:12]}"), position)
                assert found >= 0, (b.number, plain(b.text)[:20])
                position = found
    # tables number within their annex too: each annex has its Table 1
    label = "Table 1. " if lang == "en" else "表 1."
    assert [[b.label for b in part.blocks if isinstance(b, TableV)] for part in view.parts] == [[], [label], [label]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_references_across_parts_name_the_part(built, lang):
    pages = pdf_pages(output(built, lang, "cdip_98_5", "pdf"))
    cover = squash(pages[0])
    for ref in ACROSS[lang]:
        assert squash(ref) in cover, ref
    annex_2 = squash("".join(p for p in pages if "CDIP/98/5\n" + EXPECTED[lang]["headings"][1] in p
                             or EXPECTED[lang]["header"][1].format(n="") in p))
    # from Annex II: Annex I's paragraph and table name Annex I; its own table stays short
    own = "(seeTable1)" if lang == "en" else "（见表1）"
    assert squash(ACROSS[lang][0]) in annex_2 and squash(ACROSS[lang][2]) in annex_2 and own in annex_2
    # the annex itself, referenced
    assert ("AnnexI,personnelcosts" if lang == "en" else "与附件一所述项目一样") in annex_2


def test_pdf_keeps_the_space_after_a_reference_at_a_line_break(built):
    text = spaced(" ".join(pdf_pages(output(built, "en", "cdip_98_5", "pdf"))))
    assert "described in paragraph 4 of Annex I that national coordinators matter most" in text
    rev = spaced(" ".join(pdf_pages(output(built, "en", "cdip_98_2_rev", "pdf"))))
    assert "The changes listed in paragraph 2 respond to the comments" in rev


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_no_annex_document(built, lang):
    pages = pdf_pages(output(built, lang, "cdip_98_2_rev", "pdf"))
    text = "".join(pages)
    assert pages[0].lstrip().startswith(("E" if lang == "en" else "C") + "\nCDIP/98/2 Rev.\n")
    assert text.count(EXPECTED[lang]["no_annex_end"]) == 1 and EXPECTED[lang]["no_annex_end"] in pages[-1]
    assert "ANNEX" not in text and "附件" not in text and "Annex" not in text


# ------------------------------------------------------------------ the .docx

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_parts_markers_and_headers(built, lang):
    exp = EXPECTED[lang]
    d = Docx(output(built, lang, "cdip_98_5", "docx"))
    assert len(d.sections) == 3
    assert d.styled("EndMarker") == [exp["cover_end"]] + exp["ends"]
    for k, section in enumerate(d.sections[1:]):
        top = [t for s, t in section if s.startswith("AnnexHeading")]
        assert top == ["CDIP/98/5", exp["headings"][k]]
    # the running header of each annex section: symbol, then the words around a live PAGE field
    z = d.zip
    rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    sects = d.body.xpath("//w:sectPr", namespaces=NS)
    for k, sect in enumerate(sects[1:]):
        ref = sect.xpath("w:headerReference[@w:type='default']/@r:id",
                         namespaces={**NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"})
        header = etree.fromstring(z.read("word/" + target[ref[0]]))
        lines = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in header.xpath("w:p", namespaces=NS)]
        assert lines == ["CDIP/98/5", exp["header"][k].format(n=2)]
        assert [i.strip() for i in header.xpath("//w:instrText/text()", namespaces=NS)] == ["PAGE"]
        assert sect.xpath("w:pgNumType/@w:start", namespaces=NS) == ["1"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_numbering_and_references(built, views, lang):
    d = Docx(output(built, lang, "cdip_98_5", "docx"))
    numbers = [[t.split(".")[0] for s, t in section if s == "NumberedParagraph"] for section in d.sections]
    assert numbers == [["1", "2", "3"], [str(n) for n in range(1, 7)], [str(n) for n in range(1, 10)]]
    cover = "\n".join(t for _, t in d.sections[0])
    for ref in ACROSS[lang]:
        assert ref in cover, ref
    annex_2 = "\n".join(t for _, t in d.sections[2])
    assert ACROSS[lang][0] in annex_2 and ACROSS[lang][2] in annex_2
    assert ("(see Table 1)" if lang == "en" else "（见表 1）") in annex_2
    # the numbers are REF fields to bookmarks; an annex reference's field returns its numeral
    fields = d.body.xpath("//w:instrText/text()", namespaces=NS)
    assert f" REF {bookmark_name('annex-universities')} \\h " in [f" {x.strip()} " for x in fields]
    start = d.body.xpath(f"//w:bookmarkStart[@w:name='{bookmark_name('annex-universities')}']", namespaces=NS)[0]
    assert "".join(start.getnext().xpath(".//w:t/text()", namespaces=NS)) == ("II" if lang == "en" else "二")


def test_docx_keeps_the_space_after_a_reference_at_a_line_break(built):
    d = Docx(output(built, "en", "cdip_98_5", "docx"))
    assert "described in paragraph 4 of Annex I that national coordinators matter most" in d.text()
    rev = Docx(output(built, "en", "cdip_98_2_rev", "docx"))
    assert "The changes listed in paragraph 2 respond to the comments" in rev.text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_no_annex_document(built, lang):
    d = Docx(output(built, lang, "cdip_98_2_rev", "docx"))
    assert len(d.sections) == 1
    assert d.styled("EndMarker") == [EXPECTED[lang]["no_annex_end"]]
    assert [t.split(".")[0] for s, t in d.sections[0] if s == "NumberedParagraph"] == ["1", "2", "3", "4"]


@pytest.fixture(scope="module")
def word_as_printed(built, tmp_path_factory):
    """The two-annex .docx files as LibreOffice prints them: page numbers are computed there."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice (libreoffice-writer-nogui) is required: .ci/run installs it")
    work = tmp_path_factory.mktemp("parts_lo")
    out = {}
    for lang in ("zh", "en"):
        path = work / f"{lang}.docx"
        shutil.copy(output(built, lang, "cdip_98_5", "docx"), path)
        out[lang] = pdf_pages(convert(path, work / "profile"))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_word_pages_as_printed(word_as_printed, lang):
    exp, pages = EXPECTED[lang], word_as_printed[lang]
    flat = [squash(p) for p in pages]
    firsts = [next(i for i, p in enumerate(flat) if p.startswith(squash(f"CDIP/98/5{h}"))) for h in exp["headings"]]
    assert 0 < firsts[0] < firsts[1]
    assert squash(exp["cover_end"]) in flat[firsts[0] - 1]
    for k, (first, end) in enumerate(zip(firsts, firsts[1:] + [len(pages)])):
        assert end - first >= 2
        for n, page in enumerate(flat[first + 1:end], 2):
            assert page.startswith(squash(f"CDIP/98/5{exp['header'][k].format(n=n)}")), page[:40]
        assert squash(exp["ends"][k]) in flat[end - 1]


# ------------------------------------------------------------------ fr, es, ru

COVERS = {
    "fr": ["F", "CDIP/98/2 Rev.", "ORIGINAL : ANGLAIS", "DATE : 14 FÉVRIER 2025",
           "Comité du développement et de la propriété intellectuelle (CDIP)", "Quatre-vingt-dix-huitième session",
           "Genève, 5 – 9 mai 2025", "établi par le Secrétariat", "[Fin du document]"],
    "es": ["S", "CDIP/98/2 Rev.", "ORIGINAL: INGLÉS", "FECHA: 14 DE FEBRERO DE 2025",
           "Comité de Desarrollo y Propiedad Intelectual (CDIP)", "Nonagésima octava sesión",
           "Ginebra, 5 a 9 de mayo de 2025", "preparado por la Secretaría", "[Fin del documento]"],
    "ru": ["R", "CDIP/98/2 Rev.", "ОРИГИНАЛ: АНГЛИЙСКИЙ", "ДАТА: 14 февраля 2025 г.",
           "Комитет по развитию и интеллектуальной собственности (КРИС)", "Девяносто восьмая сессия",
           "Женева, 5–9 мая 2025 г.", "документ подготовлен Секретариатом", "[Конец документа]"],
}


@pytest.mark.parametrize("lang", sorted(COVERS))
def test_other_official_languages_build_from_their_catalogs(built, lang):
    """fr, es, ru: the catalog in locales/ and the content's texts; no code knows these languages."""
    lines = [spaced(line) for line in pdf_pages(output(built, lang, "cdip_98_2_rev", "pdf"))[0].splitlines()]
    words = [spaced(t) for t in Docx(output(built, lang, "cdip_98_2_rev", "docx")).text().splitlines()]
    for expected in COVERS[lang]:
        assert expected in lines, (lang, expected, lines[:12])
        assert expected in words, (lang, expected, words[:12])
