"""Every element type loads from YAML into the model and round-trips."""
from __future__ import annotations

from decimal import Decimal

import pytest

import tareport
from tareport.model import (Abbreviations, Box, Chart, DocumentIndex, Figure, Finding, Footnote, Heading, Info,
                            ListBlock, Para, PartFile, Quote, Symbol, Table)
from tareport.model import iter_nodes

from .conftest import CONTENT

SAMPLE = CONTENT / "sample"


@pytest.fixture(scope="module")
def sample():
    return tareport.load(SAMPLE)


def test_sample_uses_every_element_type(sample):
    kinds = set()
    for part in sample.sources.parts:
        for f in part.files:
            for node in iter_nodes(f.content.blocks):
                kinds.add(type(node))
            kinds.update(type(fn) for fn in f.content.footnotes)
    assert {Heading, Para, ListBlock, Table, Chart, Figure, Finding, Quote, Box, Info, Abbreviations, Footnote} <= kinds
    levels = {n.level for part in sample.sources.parts for f in part.files
              for n in iter_nodes(f.content.blocks) if isinstance(n, Heading)}
    assert levels == {"chapter", "section", "subheading", "lesson"}


def test_round_trip_through_the_model(sample):
    for part in sample.sources.parts:
        for f in part.files:
            dumped = f.content.model_dump(mode="python", exclude_none=True)
            again = PartFile.model_validate(dumped)
            assert again.model_dump(mode="python", exclude_none=True) == dumped
    index = sample.index
    dumped = index.model_dump(exclude_none=True)
    assert DocumentIndex.model_validate(dumped).model_dump(exclude_none=True) == dumped


def test_numbers_are_read_as_written(sample):
    table = next(n for part in sample.sources.parts for f in part.files
                 for n in f.content.blocks if isinstance(n, Table))
    assert table.rows[0][3] == Decimal("20.6") and str(table.rows[1][3]) == "17"
    view = sample.view("en")
    tv = next(b for p in view.parts for b in p.blocks if type(b).__name__ == "TableV")
    printed = [[s.text for c in r.cells for s in c.text] for r in tv.rows]
    assert printed[0] == ["2016/2017", "688,698", "141,893", "20.6%"]
    assert printed[1][3] == "17%"
    assert tv.rows[2].total and tv.header[0].cells[1].span == 2


@pytest.mark.parametrize("text,parts", [
    ("CDIP/33/4", ("CDIP", 33, "4", None, None, "cdip_33_4")),
    ("CDIP/26/2 Rev.", ("CDIP", 26, "2", "Rev", None, "cdip_26_2_rev")),
    ("CDIP/24/10 Rev.2", ("CDIP", 24, "10", "Rev", 2, "cdip_24_10_rev_2")),
    ("CDIP/32/INC", ("CDIP", 32, "INC", None, None, "cdip_32_inc")),
    ("WO/GA/55/1", None),
    ("CDIP/33/4/Add.1", ("CDIP", 33, "4", "Add", 1, "cdip_33_4_add_1")),
])
def test_symbol_parsing(text, parts):
    if parts is None:
        with pytest.raises(ValueError):
            Symbol.parse(text)
        return
    s = Symbol.parse(text)
    assert (s.body, s.session, s.number, s.suffix, s.suffix_number, s.file_stem) == parts


def test_missing_translation_blocks_the_view_unless_draft(sample, make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    text: {zh: 只有中文}\n"})
    doc = tareport.load(folder)
    with pytest.raises(tareport.ContentError) as info:
        doc.view("en")
    assert "annex.yaml:3:11: missing en text" in str(info.value)
    draft = doc.view("en", draft=True)
    para = draft.parts[1].blocks[0]
    assert para.text[0].kind == "missing" and "en" in para.text[0].text


def test_list_markers_in_each_language(make_doc):
    folder = make_doc({"annex.yaml": """\
        blocks:
          - type: list
            style: （a）
            start: 2
            items:
              - text: {zh: 甲, en: a}
                list:
                  style: (i)
                  items: [{text: {zh: 一, en: one}}, {text: {zh: 二, en: two}}, {text: {zh: 三, en: three}}, {text: {zh: 四, en: four}}]
        """})
    doc = tareport.load(folder)
    zh, en = (doc.view(lang).parts[1].blocks[0] for lang in ("zh", "en"))
    assert zh.items[0].marker == "（b）" and en.items[0].marker == "(b)"  # full-width brackets are Chinese typography
    assert [i.marker for i in en.items[0].list.items] == ["(i)", "(ii)", "(iii)", "(iv)"]
