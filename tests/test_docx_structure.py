"""The Word renderer's output, read back with python-docx and lxml.

Each document is rendered once per module; the tests inspect its XML parts:
footnotes, cross-reference fields and bookmarks, headers and page fields,
East Asian fonts and languages, numbering, finding boxes, properties,
template leftovers and byte reproducibility.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import docx.image.image
import pytest
from lxml import etree

import tareport
from tareport.render.docx import render
from tareport.render.docx.anchors import bookmark_name, collect_anchors
from tareport.render.docx.tables import column_widths
from tareport.view import FindingV, ListV, ParaV, RowV, CellV, Span, plain

from .wordnumbers import Definitions, labels, num_pr

ROOT = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Built:
    """A rendered .docx: its bytes, its view, and its parts parsed."""

    def __init__(self, view, data: bytes):
        self.view, self.data = view, data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = self.zip.namelist()

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    def rels(self, name: str) -> dict:
        folder, _, file = name.rpartition("/")
        root = self.xml(f"{folder}/_rels/{file}.rels")
        return {r.get("Id"): r for r in root}

    @property
    def body(self):
        return self.xml("word/document.xml")

    def labels(self, body) -> dict:
        """The label Word numbering prints for each numbered paragraph of ``body`` (a parsed ``self.body``)."""
        return labels(body, self.zip.read("word/numbering.xml"))


def walk_blocks(blocks):
    for b in blocks:
        yield b
        inner = getattr(b, "blocks", None)
        if inner:
            yield from walk_blocks(inner)


def spans_in(node):
    import dataclasses
    if isinstance(node, Span):
        yield node
    elif isinstance(node, (list, tuple)):
        for x in node:
            yield from spans_in(x)
    elif dataclasses.is_dataclass(node):
        for f in dataclasses.fields(node):
            yield from spans_in(getattr(node, f.name))


@pytest.fixture(scope="module")
def cdip():
    return tareport.load(ROOT / "content" / "cdip_33_4")


@pytest.fixture(scope="module")
def zh(cdip):
    view = cdip.view("zh")
    return Built(view, render(view))


@pytest.fixture(scope="module")
def en(cdip):
    view = cdip.view("en", draft=True)
    return Built(view, render(view))


@pytest.fixture(scope="module")
def sample():
    doc = tareport.load(ROOT / "content" / "sample")
    return {lang: Built(doc.view(lang), render(doc.view(lang))) for lang in doc.languages}


@pytest.fixture(params=["zh", "en"])
def any_doc(request, zh, en):
    return {"zh": zh, "en": en}[request.param]


@pytest.fixture(params=["cdip-zh", "sample-zh", "sample-en"])
def complete(request, zh, sample):
    """Views with every text present (a draft view drops the marks inside a missing text)."""
    return {"cdip-zh": zh, "sample-zh": sample["zh"], "sample-en": sample["en"]}[request.param]


# ------------------------------------------------------------------ opens

def test_python_docx_opens_it(any_doc):
    d = docx.Document(io.BytesIO(any_doc.data))
    assert len(d.sections) == len(any_doc.view.parts)
    assert d.paragraphs[0].text == any_doc.view.cover.letter


def test_xml_parts_are_well_formed(zh):
    for name in zh.names:
        if name.endswith((".xml", ".rels")):
            etree.fromstring(zh.zip.read(name))  # raises on malformed XML


# -------------------------------------------------------------- footnotes

@pytest.mark.parametrize("which", ["cdip-zh", "cdip-en-draft", "sample-zh", "sample-en"])
def test_footnotes_part_matches_the_content(which, zh, en, sample):
    any_doc = {"cdip-zh": zh, "cdip-en-draft": en, "sample-zh": sample["zh"], "sample-en": sample["en"]}[which]
    view = any_doc.view
    notes = any_doc.xml("word/footnotes.xml")
    special = notes.xpath("w:footnote[@w:type]", namespaces=NS)
    assert sorted(n.get(w("type")) for n in special) == ["continuationSeparator", "separator"]
    assert notes.xpath("w:footnote[@w:type='separator']//w:separator", namespaces=NS)
    normal = notes.xpath("w:footnote[not(@w:type)]", namespaces=NS)
    # a draft view replaces a missing text, footnote marks included, by a placeholder: only marked notes exist
    marked = {s.target for s in spans_in(view.parts) if s.kind == "note"}
    expected = [fn for fn in view.footnote_list() if fn.id in marked]
    if not view.draft:
        assert len(expected) == len(view.footnotes) > 0
    assert len(normal) == len(expected)
    for note, fn in zip(normal, expected):
        text = "".join(note.xpath(".//w:t/text()", namespaces=NS))
        assert text == plain(fn.text)
        assert note.xpath(".//w:footnoteRef", namespaces=NS)
        assert note.xpath("w:p/w:pPr/w:pStyle/@w:val", namespaces=NS) == ["FootnoteText"]


def test_footnote_references_run_in_order(any_doc):
    refs = any_doc.body.xpath("//w:footnoteReference/@w:id", namespaces=NS)
    marked = {s.target for s in spans_in(any_doc.view.parts) if s.kind == "note"}
    assert [int(r) for r in refs] == list(range(1, len(marked) + 1))
    # Word numbers the notes by the order of their references: that must give the content's numbers
    marks = [s for s in spans_in(any_doc.view.parts) if s.kind == "note"]
    assert [s.number for s in marks][:len(refs)] == [str(i) for i in range(1, len(refs) + 1)]
    settings = any_doc.xml("word/settings.xml")
    assert settings.xpath("w:footnotePr/w:footnote/@w:id", namespaces=NS) == ["-1", "0"]


def test_footnote_styles_exist(zh):
    styles = zh.xml("word/styles.xml")
    ids = set(styles.xpath("w:style/@w:styleId", namespaces=NS))
    assert {"FootnoteText", "FootnoteReference"} <= ids
    ref = styles.xpath("w:style[@w:styleId='FootnoteReference']//w:vertAlign/@w:val", namespaces=NS)
    assert ref == ["superscript"]


def test_gap_footnote_is_neutral_for_readers_and_red_in_a_draft(zh, en):
    for built, placeholder in ((zh, False), (en, True)):
        gaps = [fn for fn in built.view.footnote_list() if fn.gap]
        assert gaps, "CDIP/33/4 has a footnote without text"
        notes = built.xml("word/footnotes.xml")
        note = notes.xpath(f"w:footnote[@w:id='{gaps[0].number}']", namespaces=NS)
        if not note:  # a draft may have lost the mark with a missing text
            continue
        text = "".join(note[0].xpath(".//w:t/text()", namespaces=NS))
        assert plain(gaps[0].text) in text and len(plain(gaps[0].text)) > 5
        assert bool(note[0].xpath(".//w:rStyle[@w:val='Placeholder']", namespaces=NS)) is placeholder
        assert placeholder or note[0].xpath(".//w:r[w:t]/w:rPr/w:i", namespaces=NS)  # an editorial note


def test_links_in_footnotes_are_clickable(zh):
    notes = zh.xml("word/footnotes.xml")
    rels = zh.rels("word/footnotes.xml")
    links = notes.xpath("//w:hyperlink", namespaces=NS)
    urls = {s.link for fn in zh.view.footnote_list() for s in fn.text if s.link}
    assert urls and len(links) >= len(urls)
    found = set()
    for link in links:
        rel = rels[link.get(f"{{{R}}}id")]
        assert rel.get("TargetMode") == "External"
        found.add(rel.get("Target"))
    assert found == urls


# --------------------------------------------------------- cross-references

def _ref_fields(body):
    """(bookmark name, cached result) of each REF field, from the complex field runs."""
    out = []
    runs = body.xpath("//w:r", namespaces=NS)
    i = 0
    while i < len(runs):
        instr = runs[i].xpath("w:instrText/text()", namespaces=NS)
        if instr and instr[0].split()[0] in ("REF", "NOTEREF"):
            name = instr[0].split()[1]
            result = []
            j = i + 2  # skip separate
            while not runs[j].xpath("w:fldChar[@w:fldCharType='end']", namespaces=NS):
                result.extend(runs[j].xpath("w:t/text()", namespaces=NS))
                j += 1
            out.append((instr[0].split()[0], name, "".join(result), instr[0].split()[2:]))
            i = j
        i += 1
    return out


def test_every_reference_is_a_field_with_a_bookmark_and_the_right_number(complete):
    any_doc = complete
    body = any_doc.body
    numbers = any_doc.labels(body)
    paragraphs = {p.anchor for part in any_doc.view.parts for p in part.blocks if isinstance(p, ParaV) and p.number}
    bookmarks = {b.get(w("name")): b for b in body.xpath("//w:bookmarkStart", namespaces=NS)}
    fields = _ref_fields(body)
    # the words naming another part ("of the Annex") are ref spans without a number: text, not a field
    refs = [s for s in spans_in(any_doc.view.parts) if s.kind == "ref" and s.number]
    assert refs and len(fields) == len(refs)
    notes = {}
    for (kind, name, cached, switches), span in zip(fields, refs):
        assert name == bookmark_name(span.target)
        assert name in bookmarks
        assert cached == span.number
        if span.target in paragraphs:  # REF \r: the number Word numbering prints for the bookmarked paragraph
            assert (kind, switches) == ("REF", ["\\r", "\\h"])
            paragraph = bookmarks[name].getparent()
            assert numbers[paragraph] == span.number + "."
            continue
        assert switches == ["\\h"]
        if span.target in any_doc.view.footnotes:  # NOTEREF: the bookmark holds the footnote mark
            assert kind == "NOTEREF"
            start = bookmarks[name]
            assert start.getnext().xpath("w:footnoteReference", namespaces=NS)
            notes[name] = span
            continue
        assert kind == "REF"
        # the bookmark encloses exactly the number a REF field would return
        start = bookmarks[name]
        text = []
        node = start.getnext()
        while node is not None and node.tag != w("bookmarkEnd"):
            text.extend(node.xpath(".//w:t/text()", namespaces=NS))
            node = node.getnext()
        assert "".join(text) == span.number


def test_bookmark_ids_and_names_are_unique(zh):
    starts = zh.body.xpath("//w:bookmarkStart", namespaces=NS)
    ends = zh.body.xpath("//w:bookmarkEnd/@w:id", namespaces=NS)
    ids = [s.get(w("id")) for s in starts]
    names = [s.get(w("name")) for s in starts]
    assert len(set(ids)) == len(ids) == len(set(names)) == len(ends)
    assert set(ids) == set(ends)


def test_bookmark_names_are_valid_for_word():
    for anchor in ["table-dev-expenditure", "p-72", "x" * 80, "ünïcode-id", "a.b/c"]:
        name = bookmark_name(anchor)
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name), name
    assert bookmark_name("x" * 80) != bookmark_name("x" * 79 + "y")


def test_anchors_are_collected_from_nested_blocks(zh):
    anchors = collect_anchors(zh.view.parts)
    assert "box-sdg" in anchors and "p-legislative-advice" in anchors


# ------------------------------------------------------------------ pages

def _section_props(body):
    return body.xpath("//w:sectPr", namespaces=NS)


def test_a4_with_each_part_a_section_restarting_at_page_one(any_doc):
    sects = _section_props(any_doc.body)
    assert len(sects) == len(any_doc.view.parts)
    for sect in sects:
        size = sect.find(w("pgSz"))
        assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
        assert sect.find(w("titlePg")) is not None
        assert sect.find(w("pgNumType")).get(w("start")) == "1"


def test_headers_carry_symbol_and_live_page_field(any_doc):
    view = any_doc.view
    rels = any_doc.rels("word/document.xml")
    sects = _section_props(any_doc.body)
    for sect, part in zip(sects, view.parts):
        refs = {h.get(w("type")): rels[h.get(f"{{{R}}}id")].get("Target")
                for h in sect.findall(w("headerReference"))}
        assert set(refs) == {"first", "default"}
        first = any_doc.xml("word/" + refs["first"])
        assert "".join(first.xpath("//w:t/text()", namespaces=NS)) == ""
        header = any_doc.xml("word/" + refs["default"])
        paras = header.xpath("w:p", namespaces=NS)
        assert "".join(paras[0].xpath(".//w:t/text()", namespaces=NS)) == view.symbol
        instr = paras[1].xpath(".//w:instrText/text()", namespaces=NS)
        assert [i.strip() for i in instr] == ["PAGE"]
        # cached value: 2, the first page that shows this header; the whole line reads as in the document
        line = "".join(paras[1].xpath(".//w:t/text()", namespaces=NS))
        assert line == f"{part.header_prefix}2{part.header_suffix}"
    annex = view.parts[-1]
    assert annex.kind == "annex"
    assert (annex.header_prefix, annex.header_suffix) == (("附件第", "页") if view.lang == "zh" else ("Annex, page ", ""))


def test_cover_and_annex_first_page(any_doc):
    d = docx.Document(io.BytesIO(any_doc.data))
    texts = [p.text.replace("\n", "") for p in d.paragraphs]  # line breaks (w:br) read as "\n"
    c = any_doc.view.cover
    for line in (c.letter, c.symbol, c.original, c.committee, c.session, c.meeting, c.title, c.prepared_by):
        assert line in texts
    # Chinese: the prepared-by line breaks only before a name (never inside a name or 编拟), and fits
    [prepared] = [p.text for p in d.paragraphs if p.style.name == "Cover Prepared"]
    lines = prepared.split("\n")
    if any_doc.view.lang == "zh":
        assert len(lines) == 2 and lines[1].startswith(any_doc.view.authors[-1]) and lines[1].endswith("编拟")
        assert all(len(line) <= 42 for line in lines)  # 42 Chinese characters of 11 pt fill the 16.5 cm line
    else:
        assert lines == [c.prepared_by]
    for part in any_doc.view.parts:
        assert part.end_marker in texts
    annex = any_doc.view.parts[1]
    i = texts.index(annex.heading)
    assert texts[i - 1] == any_doc.view.symbol
    assert [t for _, t in annex.title_page.lines] == texts[i + 1:i + 1 + len(annex.title_page.lines)]


# ------------------------------------------------------------------ fonts

def test_east_asian_fonts_and_language_zh(zh):
    styles = zh.xml("word/styles.xml")
    raw = zh.zip.read("word/styles.xml").decode()
    assert "Theme" not in re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", raw, flags=re.S).replace("themeFontLang", "")
    fonts = styles.xpath("w:docDefaults//w:rFonts", namespaces=NS)[0]
    assert fonts.get(w("eastAsia")) == "SimSun" and fonts.get(w("ascii")) == "Arial"
    lang = styles.xpath("w:docDefaults//w:lang", namespaces=NS)[0]
    assert lang.get(w("eastAsia")) == "zh-CN"
    for sid in ("Heading1", "Heading2", "Heading3", "Heading4", "Strong", "Caption"):
        ea = styles.xpath(f"w:style[@w:styleId='{sid}']/w:rPr/w:rFonts/@w:eastAsia", namespaces=NS)
        assert ea == ["SimHei"], sid
    settings = zh.xml("word/settings.xml")
    assert settings.xpath("w:themeFontLang/@w:eastAsia", namespaces=NS) == ["zh-CN"]
    # no direct font names in the body: everything comes from the styles
    assert not zh.body.xpath("//w:rFonts[@w:eastAsia or @w:ascii]", namespaces=NS)
    font_table = zh.zip.read("word/fontTable.xml").decode()
    assert "SimSun" in font_table and "SimHei" in font_table and "ＭＳ" not in font_table


def test_english_is_arial_11_in_british_english(en):
    styles = en.xml("word/styles.xml")
    fonts = styles.xpath("w:docDefaults//w:rFonts", namespaces=NS)[0]
    assert fonts.get(w("ascii")) == fonts.get(w("hAnsi")) == "Arial"
    assert styles.xpath("w:docDefaults//w:sz/@w:val", namespaces=NS) == ["22"]
    assert styles.xpath("w:docDefaults//w:lang/@w:val", namespaces=NS) == ["en-GB"]
    assert not styles.xpath("w:docDefaults//w:lang/@w:eastAsia", namespaces=NS)


# ------------------------------------------------------------ numbering

def test_paragraph_numbers_run_as_in_the_content(any_doc):
    """Word numbering prints each part's paragraph numbers: the cover 1-3, the annex 1-144."""
    body = any_doc.body
    numbers = any_doc.labels(body)
    paragraphs = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='NumberedParagraph']", namespaces=NS)
    expected = [b.number + "." for part in any_doc.view.parts for b in part.blocks
                if isinstance(b, ParaV) and b.number]
    assert [numbers.get(p) for p in paragraphs] == expected
    assert expected[:4] == ["1.", "2.", "3.", "1."] and expected[-1] == "144."
    # the number is not typed: the paragraph's text starts with its own words
    first = next(b for b in any_doc.view.parts[1].blocks if isinstance(b, ParaV) and b.number)
    assert "".join(paragraphs[3].xpath(".//w:t/text()", namespaces=NS)) == plain(first.text)


def _items(blocks):
    """(item, its list, nesting level) of every list item in reading order."""
    from tareport.view import BoxV, InfoV
    for b in blocks:
        if isinstance(b, ListV):
            yield from _list_items(b, 0)
        elif isinstance(b, ParaV) and b.list:
            yield from _list_items(b.list, 0)
        elif isinstance(b, (BoxV, InfoV)):
            yield from _items(b.blocks)


def _list_items(lst, level):
    for item in lst.items:
        yield item, lst, level
        if item.list:
            yield from _list_items(item.list, level + 1)


def test_numbering_part_and_num_pr_on_every_numbered_paragraph(any_doc):
    """A numbering part defines the numbers; every numbered paragraph and list item carries ``w:numPr``:
    the paragraphs of one part share one list (level 0), each list of the content is a list of its own whose
    level is its nesting, and its definition prints the content's marker style."""
    rels = any_doc.rels("word/document.xml")
    assert [r.get("Target") for r in rels.values() if r.get("Type").endswith("/numbering")] == ["numbering.xml"]
    defs = Definitions(any_doc.zip.read("word/numbering.xml"))
    body = any_doc.body
    view = any_doc.view
    # paragraphs: one num per part, level 0, "%1." hanging one step (1 cm) at the margin
    per_part = []
    for section in _sections(body):
        nums = {num_pr(p) for p in section if p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["NumberedParagraph"]}
        per_part.append(nums)
    assert [len(n) for n in per_part] == [1] * len(view.parts)
    assert len({n for nums in per_part for n in nums}) == len(view.parts)  # a new list in each part
    for (num_id, ilvl), in per_part:
        level = defs.level(num_id, ilvl)
        assert (ilvl, level["fmt"], level["text"], level["left"], level["hanging"]) == (0, "decimal", "%1.", 567, 567)
        assert defs.nums[num_id][1] == {0: 1}  # restarts at 1
    # lists: every item numbered; each list its own num at its nesting level, starting at its first number
    items = body.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'ListItem')]", namespaces=NS)
    assert items and all(num_pr(p) for p in items)
    expected = [x for part in view.parts for x in _items(part.blocks)]
    assert len(items) == len(expected)
    lists = {}
    for p, (item, lst, level) in zip(items, expected):
        lists.setdefault(id(lst), (lst, level, []))[2].append(p)
    seen = set()
    for lst, level, mine in lists.values():
        [(num_id, ilvl)] = {num_pr(p) for p in mine}
        assert num_id not in seen
        seen.add(num_id)
        assert ilvl == min(level, 3)
        assert all(p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == [f"ListItem{ilvl + 1}"] for p in mine)
        assert defs.nums[num_id][1] == {ilvl: lst.start}
        lvl = defs.level(num_id, ilvl)
        if lst.style == "bullet":
            assert (lvl["fmt"], lvl["text"]) == ("bullet", "•")
        else:
            token = next(t for t in "ai1" if t in lst.style)
            assert lvl["text"] == lst.style.replace(token, f"%{ilvl + 1}")
            assert lvl["fmt"] == {"a": "lowerLetter", "i": "lowerRoman", "1": "decimal"}[token]
        assert (lvl["left"], lvl["hanging"]) == (567 * (ilvl + 2), 567)
    styles = {lst.style for lst, _, _ in lists.values()}
    assert {"a.", "bullet"} <= styles


def _sections(body):
    """The body's paragraphs (tables included) grouped by section."""
    out = [[]]
    for p in body.iter(w("p")):
        out[-1].append(p)
        if p.xpath("w:pPr/w:sectPr", namespaces=NS):
            out.append([])
    return [s for s in out if s]


def test_inserting_a_paragraph_renumbers(zh):
    """An editor copies a numbered paragraph into the annex: every later number moves up by one, and so
    does what the REF fields to them evaluate to (their bookmarks' paragraphs)."""
    import copy
    body = zh.body
    before = zh.labels(body)
    paragraphs = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='NumberedParagraph']", namespaces=NS)
    tenth = paragraphs[3 + 9]  # annex paragraph 10
    assert before[tenth] == "10."
    new = copy.deepcopy(tenth)
    for mark in new.xpath(".//w:bookmarkStart | .//w:bookmarkEnd", namespaces=NS):
        mark.getparent().remove(mark)
    tenth.addprevious(new)
    after = zh.labels(body)
    assert after[new] == "10." and after[tenth] == "11." and after[paragraphs[-1]] == "145."
    assert after[paragraphs[0]] == "1." and after[paragraphs[3]] == "1."  # the cover and annex 1-9 unchanged
    target = body.xpath("//w:bookmarkStart[@w:name='ref_p_legislative_advice']", namespaces=NS)[0].getparent()
    assert int(after[target][:-1]) == int(before[target][:-1]) + 1


def test_headings_use_outline_styles(zh):
    d = docx.Document(io.BytesIO(zh.data))
    chapters = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert "1.\t导言" in chapters  # the number at the margin, the text after a tab in the paragraphs' column
    sections = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert "1.1\t背景" in sections


@pytest.mark.parametrize("which", ["cdip-zh", "cdip-en", "sample-zh", "sample-en"])
def test_list_markers_as_printed(which, zh, en, sample):
    """Word numbering prints every list marker as the content has it (a., a), (a), （a）, (i), 1., •) and
    restarts each list at its first number."""
    any_doc = {"cdip-zh": zh, "cdip-en": en, "sample-zh": sample["zh"], "sample-en": sample["en"]}[which]
    body = any_doc.body
    numbers = any_doc.labels(body)
    items = body.xpath("//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'ListItem')]", namespaces=NS)
    expected = [item.marker for part in any_doc.view.parts for item, _, _ in _items(part.blocks)]
    assert [numbers[p] for p in items] == expected
    assert expected[:2] == ["a.", "b."] or which.startswith("sample")
    d = docx.Document(io.BytesIO(any_doc.data))
    style = d.styles["List Item 1"].paragraph_format
    assert style.first_line_indent < 0 < style.left_indent


# ----------------------------------------------------------- finding boxes

def test_finding_boxes_in_order_with_labels(any_doc):
    findings = [b for part in any_doc.view.parts for b in walk_blocks(part.blocks) if isinstance(b, FindingV)]
    boxes = []
    for tbl in any_doc.body.xpath("//w:tbl", namespaces=NS):
        paras = tbl.xpath("w:tr/w:tc/w:p", namespaces=NS)
        if paras and paras[0].xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) == ["Finding"]:
            assert len(tbl.xpath("w:tr/w:tc", namespaces=NS)) == 1  # a one-cell table
            assert tbl.xpath("w:tr/w:tc/w:tcPr/w:shd/@w:fill", namespaces=NS)
            assert tbl.xpath("w:tblPr/w:tblBorders/w:top/@w:val", namespaces=NS) == ["single"]
            strong = "".join(paras[0].xpath("w:r[w:rPr/w:rStyle/@w:val='Strong']/w:t/text()", namespaces=NS))
            boxes.append(strong)
    assert boxes == [f.label for f in findings]
    assert len(boxes) == 27  # CDIP/33/4 has 27 findings


def test_finding_follows_its_paragraph(zh):
    """Finding 1 comes right after the paragraph it is anchored to (no other block between)."""
    body = zh.body.find(w("body"))
    children = list(body)
    for i, node in enumerate(children):
        if node.tag == w("tbl") and node.xpath(".//w:pStyle[@w:val='Finding']", namespaces=NS):
            prev = children[i - 1]
            assert prev.tag == w("p")
            assert prev.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS) in (["NumberedParagraph"], ["SourceNote"],
                                                                           ["ListItem1"], ["ListItem2"])
            break
    else:
        pytest.fail("no finding box")


def test_box_sections_are_rows_that_do_not_split(any_doc):
    """专栏 1 is one frame: its title and first section a row that does not split, then a row that may,
    holding each further section (a sub-heading and its text) in a borderless table that does not split."""
    [frame] = [t for t in any_doc.body.xpath("//w:tbl", namespaces=NS)
               if t.xpath("w:tr[1]/w:tc/w:p[1]/w:pPr/w:pStyle/@w:val", namespaces=NS) == ["BoxTitle"]]
    rows = frame.xpath("w:tr", namespaces=NS)
    assert len(rows) == 2
    assert rows[0].xpath("w:trPr/w:cantSplit", namespaces=NS) and not rows[1].xpath("w:trPr/w:cantSplit", namespaces=NS)
    assert not frame.xpath("w:tblPr/w:tblBorders/w:insideH", namespaces=NS)  # no rule between the rows
    headings = frame.xpath(".//w:p[w:pPr/w:pStyle/@w:val='BoxHeading']", namespaces=NS)
    assert len(headings) == 5
    for h in headings:
        row = h.xpath("ancestor::w:tr[1]", namespaces=NS)[0]
        assert row.xpath("w:trPr/w:cantSplit", namespaces=NS)
        following = h.xpath("following-sibling::w:p", namespaces=NS)
        assert following and following[0].xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)[0].startswith("ListItem")
    nested = rows[1].xpath("w:tc/w:tbl", namespaces=NS)
    assert len(nested) == 4 and all(not t.xpath("w:tblPr/w:tblBorders", namespaces=NS) for t in nested)


# ----------------------------------------------------------------- tables

def test_table_header_rows_repeat_and_numbers_align_right(zh):
    tables = [t for t in zh.body.xpath("//w:tbl", namespaces=NS)
              if t.xpath("w:tr[1]/w:trPr/w:tblHeader", namespaces=NS)]
    n_tables = sum(1 for part in zh.view.parts for b in walk_blocks(part.blocks) if type(b).__name__ == "TableV")
    assert len(tables) == n_tables
    first = tables[0]
    cells = first.xpath("w:tr[2]/w:tc", namespaces=NS)
    assert cells[-1].xpath("w:p/w:pPr/w:jc/@w:val", namespaces=NS) == ["right"]
    assert all(tr.xpath("w:trPr/w:cantSplit", namespaces=NS) for tr in first.xpath("w:tr", namespaces=NS))
    # a table that breaks never leaves one row alone on the next page: its last two rows keep together
    for t in tables:
        body = t.xpath("w:tr[not(w:trPr/w:tblHeader)]", namespaces=NS)
        if len(body) >= 4:
            assert all(p.xpath("w:pPr/w:keepNext", namespaces=NS) for p in body[-2].xpath(".//w:p", namespaces=NS))
            assert not body[-3].xpath(".//w:pPr/w:keepNext", namespaces=NS)


def test_captions_above_tables_with_bookmarked_number(zh):
    d = docx.Document(io.BytesIO(zh.data))
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    # label and caption as the catalog joins them (表 1.2016-2023年…, as in the original)
    assert any(c.startswith("表 1.2016-2023年") for c in captions)
    assert any(c.startswith("图 1.数据收集方法") for c in captions)
    assert any(c.startswith("图表 1.成员国评估") for c in captions)
    assert "ref_table_dev_expenditure" in zh.body.xpath("//w:bookmarkStart/@w:name", namespaces=NS)


def test_column_widths_fill_the_width():
    rows = [RowV([CellV([Span("text", "A long label in the first column")]), CellV([Span("text", "12")])])]
    widths = column_widths(rows, 2, 9000)
    assert sum(widths) == 9000 and widths[0] > widths[1]


def test_number_columns_hold_their_numbers_and_headers_whole():
    """Table 1 of CDIP/33/4: a long label column and four number columns; each number column is at least
    as wide as ``2016/2017`` in bold and ``688,698`` (with the cell margins), the label column takes the rest."""
    from tareport.render.columns import text_width
    label = "Development expenditure as a share of the total budget " * 2
    header = RowV([CellV([Span("text", "Expenditure")])] + [CellV([Span("text", y)]) for y in
                                                              ("2016/2017", "2018/2019", "2020/2021", "2022/2023")])
    body = RowV([CellV([Span("text", label)])] + [CellV([Span("text", "688,698")], numeric=True)] * 4)
    widths = column_widths([header, body], 5, 9354, header=1)
    assert sum(widths) == 9354
    need = (text_width("2016/2017", 9.5, False, bold=True)[0] + 2 * 5.4) * 20
    assert all(w >= need for w in widths[1:]) and widths[0] > 2 * widths[1]
    # Chinese: a short label stays whole, a long one gets the room left
    rows = [RowV([CellV([Span("text", "伦理原则")]), CellV([Span("text", "积极遵守道德价值观和专业标准" * 6)])])]
    narrow, wide = column_widths(rows, 2, 9354, cjk=True)
    assert narrow >= text_width("伦理原则", 9.5, True)[0] * 20 + 2 * 5.4 * 20 and wide > 4 * narrow


def test_figure_image_has_alt_text(sample):
    for built in sample.values():
        figures = [b for part in built.view.parts for b in walk_blocks(part.blocks)
                   if type(b).__name__ == "FigureV" and b.image]
        assert figures
        pictures = built.body.xpath("//wp:inline[.//pic:pic]", namespaces=NS)
        assert [p.xpath("wp:docPr/@descr", namespaces=NS)[0] for p in pictures] == [f.alt for f in figures]
        for picture, f in zip(pictures, figures):  # at its natural size (its pixels at its resolution)
            natural = docx.image.image.Image.from_file(str(f.image))
            width, height = (int(v) for v in picture.xpath("wp:extent/@cx | wp:extent/@cy", namespaces=NS))
            assert (width, height) == (natural.width, natural.height)
        assert any(n.startswith("word/media/") for n in built.names)


def test_abbreviations_table_has_no_borders(zh):
    d = docx.Document(io.BytesIO(zh.data))
    abbr = [t for t in d.tables if t.rows[0].cells[0].paragraphs[0].style.name == "Abbreviation"]
    assert len(abbr) == 1 and len(abbr[0].columns) == 2
    assert abbr[0]._tbl.tblPr.find(w("tblBorders")) is None
    assert abbr[0].style.name == "Normal Table"


# ------------------------------------------------------- package and props

def test_properties(zh):
    core = zh.xml("docProps/core.xml")
    assert core.findtext("dc:title", namespaces=NS) == zh.view.title
    assert core.findtext("dc:subject", namespaces=NS) == "CDIP/33/4"
    assert core.findtext("dc:language", namespaces=NS) == "zh-CN"
    assert core.findtext("dc:creator", namespaces=NS) == "; ".join(zh.view.authors)
    custom = zh.zip.read("docProps/custom.xml").decode()
    assert 'name="Symbol"><vt:lpwstr>CDIP/33/4</vt:lpwstr>' in custom
    assert "docProps/custom.xml" in zh.zip.read("[Content_Types].xml").decode()


def test_no_template_leftovers(any_doc):
    assert not any("thumbnail" in n or n.startswith("customXml/") or "stylesWithEffects" in n for n in any_doc.names)
    for name in any_doc.names:
        if name.endswith((".xml", ".rels")):
            text = any_doc.zip.read(name).decode("utf-8")
            assert "2013-" not in text, name
            assert "python-docx" not in text, name
            assert "12240" not in text, name  # US Letter width
    assert "Macintosh" not in any_doc.zip.read("docProps/app.xml").decode()
    assert "dcterms:created" not in any_doc.zip.read("docProps/core.xml").decode()


def test_same_content_same_bytes(cdip, zh):
    again = render(cdip.view("zh"))
    assert again == zh.data
    infos = zipfile.ZipFile(io.BytesIO(again)).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_fixes_dates(cdip, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1733702400")  # 2024-12-09T00:00:00Z
    first = render(cdip.view("en", draft=True))
    assert first == render(cdip.view("en", draft=True))
    z = zipfile.ZipFile(io.BytesIO(first))
    core = z.read("docProps/core.xml").decode()
    assert "2024-12-09T00:00:00Z" in core
    assert {i.date_time for i in z.infolist()} == {(2024, 12, 9, 0, 0, 0)}


def test_build_writes_the_file(tmp_path):
    from tareport.build import build
    paths = build(ROOT / "content" / "sample", langs="all", formats=["docx"], out=tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in paths)
    assert names == ["en/sample.docx", "zh/sample.docx"] or all(n.endswith(".docx") for n in names)
    for p in paths:
        assert zipfile.is_zipfile(p)
        assert not list(p.parent.glob(".*.tmp"))


def test_labels_are_followed_by_exactly_one_space(sample):
    d = docx.Document(io.BytesIO(sample["en"].data))
    texts = [p.text for t in d.tables for p in t._cells[0].paragraphs[:1]] + [p.text for p in d.paragraphs]
    findings = [t for t in texts if t.startswith("Finding ")]
    assert findings and all(re.match(r"Finding \d+: \S", t) for t in findings)
    assert any("Lesson learned: The" in t for t in texts)
    zh = docx.Document(io.BytesIO(sample["zh"].data))
    zh_findings = [p.text for t in zh.tables for p in t._cells[0].paragraphs[:1] if p.text.startswith("审查结果")]
    assert zh_findings and all(re.match(r"审查结果 \d+：\S", t) for t in zh_findings)


def test_finding_boxes_do_not_break_across_pages(zh):
    rows = zh.body.xpath("//w:tbl[.//w:pStyle[@w:val='Finding']]/w:tr", namespaces=NS)
    assert len(rows) == 27
    assert all(r.xpath("./w:trPr/w:cantSplit", namespaces=NS) for r in rows)


def test_not_in_compatibility_mode_and_proofing_not_preset(any_doc):
    settings = etree.fromstring(any_doc.zip.read("word/settings.xml"))
    assert settings.xpath("//w:compatSetting[@w:name='compatibilityMode']/@w:val", namespaces=NS) == ["15"]
    assert not settings.xpath("//w:proofState", namespaces=NS)  # Word checks spelling and grammar itself
