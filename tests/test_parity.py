"""One document in two formats: the cover, the headings and the labels, read from both outputs, agree.

The PDF as tareport writes it and the .docx as LibreOffice prints it are
read with ``pdftohtml -xml`` (text, position, size, bold and italic per
run). For each element of the cover (symbol block, committee, session,
meeting line, title, prepared-by line, end marker), the first heading of
each level, a finding label and a caption: the same left edge (within
2 pt), the same weight and slant, the same case and the same size, in
Chinese and in English. Vertical positions are not compared: Word's
"single" spacing comes from the font, the PDF sets its leading.
"""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

import tareport
from tareport.render.docx import render as render_docx
from tareport.render.pdf import render as render_pdf
from tareport.view import FindingV, HeadingV, TableV, plain

from .test_docx_libreoffice import convert

ROOT = Path(__file__).resolve().parents[1]
HEI = re.compile(r"Hei", re.I)  # the PDF's bold Chinese face (tareport draws it only bold)


@dataclass
class Run:
    page: int
    top: float
    left: float
    size: float
    text: str
    bold: bool
    italic: bool


def runs(pdf: Path) -> list[list[Run]]:
    """The PDF's lines (runs on one baseline), page by page, top to bottom."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-zoom", "1", str(pdf)], check=True,
                         capture_output=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    fonts = {f.get("id"): (float(f.get("size")), f.get("family")) for f in root.iter("fontspec")}
    out: list[Run] = []
    for page in root.iter("page"):
        for t in page.iter("text"):
            size, family = fonts[t.get("font")]
            hei = bool(HEI.search(family))
            pieces = []  # (text, bold, italic): pdftohtml marks bold and italic parts of one <text> with <b>, <i>

            def walk(node, bold, italic):
                bold, italic = bold or node.tag == "b", italic or node.tag == "i"
                if node.text:
                    pieces.append((node.text, bold, italic))
                for child in node:
                    walk(child, bold, italic)
                    if child.tail:
                        pieces.append((child.tail, bold, italic))
            walk(t, hei, False)
            for text, bold, italic in pieces:
                if text.strip():
                    out.append(Run(int(page.get("number")), float(t.get("top")), float(t.get("left")), size,
                                   text, bold, italic))
    lines: list[list[Run]] = []
    for r in sorted(out, key=lambda r: (r.page, r.top)):  # stable: the pieces of one <text> stay in order
        if lines and lines[-1][0].page == r.page and abs(lines[-1][0].top - r.top) <= 2.5:
            lines[-1].append(r)
        else:
            lines.append([r])
    return [sorted(line, key=lambda r: r.left) for line in lines]  # stable too


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find(lines, target: str, after: tuple[int, float] = (0, 0)) -> list[Run]:
    """The runs that print the start of ``target`` on the first line (after ``after``) that begins with it."""
    want = squash(target)[:12]
    for line in lines:
        if (line[0].page, line[0].top) <= after:
            continue
        joined = squash("".join(r.text for r in line))
        if joined.startswith(want):
            covered, used = "", []
            for r in line:
                used.append(r)
                covered += squash(r.text)
                if len(covered) >= len(want):
                    return used
    raise AssertionError(f"{target!r} not found")


@pytest.fixture(scope="module", params=["zh", "en"])
def both(request, tmp_path_factory):
    lang = request.param
    view = tareport.load(ROOT / "content" / "cdip_33_4").view(lang)
    work = tmp_path_factory.mktemp(f"parity_{lang}")
    pdf = work / "tareport.pdf"
    pdf.write_bytes(render_pdf(view))
    docx = work / "word.docx"
    docx.write_bytes(render_docx(view))
    return view, runs(pdf), runs(convert(docx, work / "profile"))


def targets(view) -> list[tuple[str, str]]:
    """(what, printed text) of the elements compared, in reading order."""
    c = view.cover
    out = [("symbol", c.symbol), ("original", c.original), ("committee", c.committee), ("session", c.session),
           ("meeting", c.meeting), ("title", c.title), ("prepared by", c.prepared_by),
           ("end marker", view.parts[0].end_marker)]
    seen = set()
    annex = view.parts[1].blocks
    for b in annex:
        if isinstance(b, HeadingV) and b.level not in seen:
            seen.add(b.level)
            number = (b.number + ("" if b.level == "section" else ".")) if b.number else ""
            out.append((f"{b.level} heading", number + plain(b.text)))
    out.append(("finding label", next(b.label for b in annex if isinstance(b, FindingV))))
    out.append(("table caption", next(b.label + plain(b.caption) for b in annex if isinstance(b, TableV))))
    return out


def test_cover_headings_and_labels_agree_in_position_weight_case_and_size(both):
    view, pdf_lines, word_lines = both
    checked = 0
    pdf_at, word_at = (0, 0), (0, 0)
    for what, text in targets(view):
        printed = text.upper() if (what in ("title", "chapter heading") and not view.cjk) else text
        a, b = find(pdf_lines, printed, pdf_at), find(word_lines, printed, word_at)
        if what in ("symbol", "committee", "end marker"):  # the rest is searched for in the annex
            pdf_at, word_at = (a[0].page, a[0].top), (b[0].page, b[0].top)
        where = f"{view.lang} {what} {text[:20]!r}"
        assert abs(a[0].left - b[0].left) <= 2, (where, a[0], b[0])  # where the element starts
        assert [r.bold for r in a] == [True] * len(a) or not any(r.bold for r in a), (where, a)
        assert a[-1].bold == b[-1].bold and a[0].bold == b[0].bold, (where, a, b)  # every run of a label bold
        assert a[-1].italic == b[-1].italic, (where, a, b)
        assert abs(a[-1].size - b[-1].size) <= 1, (where, a, b)
        assert squash("".join(r.text for r in a))[:12] == squash("".join(r.text for r in b))[:12], (where, a, b)
        if len(a) > 1 and len(b) > 1 and what.endswith("heading") and squash(a[0].text).rstrip(".").isdigit():
            assert abs(a[1].left - b[1].left) <= 2, (where, "heading text column", a, b)
        checked += 1
    assert checked >= 13


def test_the_decisions_compared_are_the_house_style(both):
    """What the formats agree on is WIPO's look: symbol block in the right column, committee bold, headings
    of chapters in capitals in English, finding labels bold through the Chinese word."""
    view, pdf_lines, _ = both
    c = view.cover
    symbol, committee = find(pdf_lines, c.symbol), find(pdf_lines, c.committee)
    assert 330 < symbol[0].left < 380 and symbol[0].bold  # 10 cm from the left margin
    assert committee[0].left < 75 and all(r.bold for r in committee)
    assert all(r.bold for r in find(pdf_lines, c.meeting))
    label = find(pdf_lines, next(b.label for p in view.parts for b in p.blocks if isinstance(b, FindingV)))
    assert all(r.bold for r in label)
    if not view.cjk:
        chapter = next(b for b in view.parts[1].blocks if isinstance(b, HeadingV) and b.level == "chapter"
                       and b.number)
        text = find(pdf_lines, f"{chapter.number}.{plain(chapter.text).upper()}")
        assert "".join(r.text for r in text[1:]).isupper()
