"""Resolution numbers a document the way CDIP/33/4 is numbered."""
from __future__ import annotations

import pytest

import tareport
from tareport.view import FindingV, HeadingV, ParaV, plain

from .conftest import INDEX, PARA


def _paras(n, start=0):
    return "".join(f"  - type: para\n    id: p-{start + i}\n    text: {{zh: 段{start + i}, en: p{start + i}}}\n"
                   for i in range(1, n + 1))


def test_cdip_shaped_numbering(make_doc):
    index = INDEX.replace("files: [annex.yaml]", "files: [summary.yaml, ch1.yaml, ch5.yaml]")
    summary = ("blocks:\n  - {type: heading, level: chapter, numbered: false, standard: executive_summary}\n"
               + _paras(9)
               + "  - {type: heading, level: section, numbered: false, standard: conclusions}\n")
    ch1 = ("blocks:\n  - {type: heading, level: chapter, text: {zh: 导言, en: Introduction}}\n"
           "  - {type: heading, level: section, text: {zh: 一, en: One}}\n"
           + _paras(2, 9)
           # findings written out of order: 2 belongs to p-10, 1 to p-11 and is printed first
           + "  - {type: finding, anchor: p-11, id: f-b, text: {zh: 乙, en: b}}\n"
           "  - {type: finding, anchor: p-10, id: f-a, text: {zh: 甲, en: a}}\n"
           "  - {type: heading, level: section, text: {zh: 二, en: Two}}\n"
           "  - {type: heading, level: subheading, text: {zh: 小标题, en: Sub}}\n"
           + _paras(1, 11)
           + "  - {type: box, id: box-one, title: {zh: 框, en: Box}, blocks: [{type: para, text: {zh: 框内, en: in box}}]}\n")
    ch5 = ("blocks:\n  - {type: heading, level: chapter, text: {zh: 经验教训, en: Lessons}}\n"
           "  - {type: heading, level: lesson, id: lesson-one, text: {zh: 一, en: one}}\n"
           "  - {type: para, label: lesson, text: {zh: 甲, en: a}}\n"
           "  - {type: para, label: evidence, text: {zh: '见{@f-a}、{@box-one}、第{#p-10}段和{@lesson-one}', en: 'see {@f-a}, {@box-one}, paragraph {#p-10} and {@lesson-one}'}}\n"
           "  - {type: heading, level: lesson, text: {zh: 二, en: two}}\n")
    cover = "blocks:\n" + _paras(3, 100)
    doc = tareport.load(make_doc({"summary.yaml": summary, "ch1.yaml": ch1, "ch5.yaml": ch5, "cover.yaml": cover}, index))
    view = doc.view("en")
    main, annex = view.parts
    assert [b.number for b in main.blocks] == ["1", "2", "3"]
    paras = [b for b in annex.blocks if isinstance(b, ParaV)]
    assert [b.number for b in paras] == [str(i) for i in range(1, 15)]
    headings = [(b.level, b.number, plain(b.text)) for b in annex.blocks if isinstance(b, HeadingV)]
    assert headings == [("chapter", None, "Executive Summary"), ("section", None, "Conclusions"),
                        ("chapter", "1", "Introduction"), ("section", "1.1", "One"), ("section", "1.2", "Two"),
                        ("subheading", None, "Sub"), ("chapter", "2", "Lessons"), ("lesson", "1", "one"),
                        ("lesson", "2", "two")]
    # findings are placed after their anchor paragraphs and numbered in that order
    order = [(type(b).__name__, getattr(b, "number", None)) for b in annex.blocks if isinstance(b, (ParaV, FindingV))]
    assert order[9:13] == [("ParaV", "10"), ("FindingV", "1"), ("ParaV", "11"), ("FindingV", "2")]
    assert [plain(b.text) for b in annex.blocks if isinstance(b, FindingV)] == ["a", "b"]
    evidence = paras[-1]
    assert plain(evidence.label) == "Evidence: "
    assert plain(evidence.text) == "see Finding 1, Box 1, paragraph 10 and lesson 1"
    zh = doc.view("zh")
    assert plain(zh.parts[1].blocks[-2].text) == "见审查结果 1、专栏 1、第10段和经验教训 1"


def test_footnotes_numbered_by_first_mark_across_files(make_doc):
    cover = "blocks:\n  - {type: para, text: {zh: '一{^fn-b}', en: 'one{^fn-b}'}}\nfootnotes:\n  - {id: fn-a, text: {zh: 甲, en: a}}\n"
    annex = ("blocks:\n  - {type: para, text: {zh: '二{^fn-a}{^fn-b}', en: 'two{^fn-b}{^fn-a}'}}\n"
             "footnotes:\n  - {id: fn-b, text: {zh: 乙, en: b}}\n  - {id: fn-gap, gap: not in the source}\n"
             "  - {id: fn-c, text: {zh: '丙 {@fn-b}', en: 'c, see note {#fn-b}'}}\n"
             "  - {type: para, text: {zh: x, en: x}}\n")
    annex = ("blocks:\n  - {type: para, text: {zh: '二{^fn-a}{^fn-b}{^fn-gap}', en: 'two{^fn-b}{^fn-a}{^fn-gap}'}}\n"
             "  - {type: para, text: {zh: '三{^fn-c}', en: 'three{^fn-c}'}}\n"
             "footnotes:\n  - {id: fn-b, text: {zh: 乙, en: b}}\n  - {id: fn-gap, gap: not in the source}\n"
             "  - {id: fn-c, text: {zh: '丙{@fn-b}', en: 'c, see note {#fn-b}'}}\n")
    doc = tareport.load(make_doc({"cover.yaml": cover, "annex.yaml": annex}))
    view = doc.view("en")
    assert [(f.number, f.id) for f in view.footnote_list()] == [("1", "fn-b"), ("2", "fn-a"), ("3", "fn-gap"), ("4", "fn-c")]
    assert view.footnotes["fn-gap"].gap and "not available" in plain(view.footnotes["fn-gap"].text)
    assert plain(view.footnotes["fn-c"].text) == "c, see note 1"
    marks = [s.number for s in view.parts[1].blocks[0].text if s.kind == "note"]
    assert marks == ["1", "2", "3"]  # en order differs from zh; numbers follow zh, the first language


# ---------------------------------------------------------------- parts and annexes

def _index(annexes: list[str], extra: str = "") -> str:
    """document.yaml with the given annex entries (YAML flow mappings)."""
    head = INDEX.split("annexes:")[0]
    body = "".join(f"  - {a}\n" for a in annexes)
    return head + extra + ("annexes:\n" + body if annexes else "")


def _ends(view) -> list[str]:
    return [p.end_marker for p in view.parts]


@pytest.mark.parametrize("annexes,en,zh", [
    ([], ["[End of document]"], ["[文件完]"]),
    (["{files: [a1.yaml]}"], ["[Annex follows]", "[End of Annex and of document]"], ["[后接附件]", "[附录和文件完]"]),
    (["{files: [a1.yaml]}", "{files: [a2.yaml]}"],
     ["[Annexes follow]", "[Annex II follows]", "[End of Annex II and of document]"],
     ["[后接附件]", "[后接附件二]", "[附件二和文件完]"]),
    (["{files: [a1.yaml]}", "{files: [a2.yaml]}", "{files: [a3.yaml]}"],
     ["[Annexes follow]", "[Annex II follows]", "[Annex III follows]", "[End of Annex III and of document]"],
     ["[后接附件]", "[后接附件二]", "[后接附件三]", "[附件三和文件完]"]),
    # an annex numbered in the content (an addendum carrying Annex III alone)
    (["{number: 3, files: [a1.yaml]}"], ["[Annex III follows]", "[End of Annex III and of document]"],
     ["[后接附件三]", "[附件三和文件完]"]),
])
def test_end_markers_follow_wipo_rule(make_doc, annexes, en, zh):
    files = {f"a{n}.yaml": PARA for n in range(1, 4) if f"a{n}.yaml" in "".join(annexes)}  # listed ones only
    doc = tareport.load(make_doc(files, _index(annexes)))
    assert _ends(doc.view("en")) == en
    assert _ends(doc.view("zh")) == zh


def test_annex_numerals_headings_and_headers(make_doc):
    annexes = [f"{{files: [a{n}.yaml]}}" for n in range(1, 5)]
    doc = tareport.load(make_doc({f"a{n}.yaml": PARA for n in range(1, 5)}, _index(annexes)))
    en, zh = doc.view("en"), doc.view("zh")
    assert [p.heading for p in en.parts[1:]] == ["ANNEX I", "ANNEX II", "ANNEX III", "ANNEX IV"]
    assert [p.heading for p in zh.parts[1:]] == ["附件一", "附件二", "附件三", "附件四"]
    assert [f"{p.header_prefix}3{p.header_suffix}" for p in en.parts[1:3]] == ["Annex I, page 3", "Annex II, page 3"]
    assert [f"{p.header_prefix}3{p.header_suffix}" for p in zh.parts[1:3]] == ["附件一第3页", "附件二第3页"]
    single = tareport.load(make_doc({}, INDEX)).view("en").parts[1]
    assert (single.heading, single.number, single.header_prefix) == ("ANNEX", None, "Annex, page ")


def test_end_marker_given_per_part(make_doc):
    index = _index(["{files: [a1.yaml], end_marker: {zh: '[后接附件二至附件五]', en: '[Annexes II to V follow]'}}",
                    "{files: [a2.yaml]}"])
    index = index.replace("main:\n  files: [cover.yaml]",
                          "main:\n  files: [cover.yaml]\n  end_marker: {zh: '[后接附件一]', en: '[Annex I follows]'}")
    doc = tareport.load(make_doc({"a1.yaml": PARA, "a2.yaml": PARA}, index))
    assert _ends(doc.view("en")) == ["[Annex I follows]", "[Annexes II to V follow]", "[End of Annex II and of document]"]
    assert _ends(doc.view("zh"))[:2] == ["[后接附件一]", "[后接附件二至附件五]"]


def test_references_across_parts_name_the_part(make_doc):
    index = _index(["{id: annex-one, files: [a1.yaml]}", "{id: annex-two, files: [a2.yaml]}"])
    cover = ("blocks:\n  - {type: para, id: p-cover, text: {zh: '见{@p-a}和{@annex-two}', en: 'see {@p-a} and {@annex-two}'}}\n")
    a1 = ("blocks:\n  - {type: para, id: p-a, text: {zh: 甲, en: a}}\n"
          "  - {type: table, id: t-a, caption: {zh: 表, en: t}, columns: [{}], rows: [[x]]}\n"
          "  - {type: heading, level: chapter, id: ch-a, text: {zh: 章, en: c}}\n"
          "  - {type: heading, level: section, id: sec-a, text: {zh: 节, en: s}}\n"
          "  - {type: para, text: {zh: '见{@t-a}和{@sec-a}', en: 'see {@t-a} and {@sec-a}'}}\n")
    a2 = ("blocks:\n  - {type: para, id: p-b, text: {zh: '乙{^fn-x}', en: 'b{^fn-x}'}}\n"
          "  - {type: table, id: t-b, caption: {zh: 表, en: t}, columns: [{}], rows: [[x]]}\n"
          "  - {type: finding, id: f-b, text: {zh: 结果, en: f}}\n"
          "  - {type: para, text: {zh: '见{@t-a}、{@t-b}、{@p-cover}、{@ch-a}、{@sec-a}、{@fn-x}、第{#p-a}段和{@annex-one}',"
          " en: 'see {@t-a}, {@t-b}, {@p-cover}, {@ch-a}, {@sec-a}, {@fn-x}, paragraph {#p-a} and {@annex-one}'}}\n"
          "footnotes:\n  - {id: fn-x, text: {zh: 注, en: n}}\n")
    doc = tareport.load(make_doc({"cover.yaml": cover, "a1.yaml": a1, "a2.yaml": a2}, index))
    en, zh = doc.view("en"), doc.view("zh")
    assert plain(en.parts[0].blocks[0].text) == "see paragraph 1 of Annex I and Annex II"
    assert plain(zh.parts[0].blocks[0].text) == "见附件一第 1 段和附件二"
    assert plain(en.parts[1].blocks[-1].text) == "see Table 1 and section 1.1"  # inside its part: short
    # tables (and findings, charts, figures, boxes) number within each annex; footnotes through the document
    assert plain(en.parts[2].blocks[-1].text) == (
        "see Table 1 of Annex I, Table 1, paragraph 1 of the present document, chapter 1 of Annex I, "
        "section 1.1 of Annex I, footnote 1, paragraph 1 and Annex I")
    assert plain(zh.parts[2].blocks[-1].text) == (
        "见附件一表 1、表 1、本文件第 1 段、附件一第 1 章、附件一第 1.1 节、脚注 1、第1段和附件一")
    # the part's words belong to the reference: same target, no number (a renderer links them all)
    spans = [s for s in en.parts[0].blocks[0].text if s.kind == "ref"]
    assert [(s.text, s.target, s.number) for s in spans] == [
        ("paragraph 1", "p-a", "1"), (" of Annex I", "p-a", None), ("Annex II", "annex-two", "II")]


def test_a_single_annex_is_the_annex(make_doc):
    index = INDEX.replace("- id: annex", "- id: annex-only")
    cover = "blocks:\n  - {type: para, text: {zh: '见{@annex-only}{@p-x}', en: 'see {@annex-only}, {@p-x}'}}\n"
    annex = "blocks:\n  - {type: para, id: p-x, text: {zh: 甲, en: a}}\n"
    doc = tareport.load(make_doc({"cover.yaml": cover, "annex.yaml": annex}, index))
    assert plain(doc.view("en").parts[0].blocks[0].text) == "see the Annex, paragraph 1 of the Annex"
    assert plain(doc.view("zh").parts[0].blocks[0].text) == "见附件附件第 1 段"


@pytest.mark.parametrize("annexes,message", [
    (["{id: annex-a, number: 2, files: [a1.yaml]}", "{files: [a2.yaml]}"], "two annexes have the same number"),
    (["{id: annex-a, files: [a1.yaml]}", "{id: annex-a, files: [a2.yaml]}"], "two annexes have the same id"),
])
def test_annex_numbers_and_ids_are_unique(make_doc, annexes, message):
    with pytest.raises(tareport.ContentError) as info:
        tareport.load(make_doc({"a1.yaml": PARA, "a2.yaml": PARA}, _index(annexes)))
    assert any(message in str(d) for d in info.value.diagnostics), info.value.diagnostics


def test_annex_id_shares_the_id_space(make_doc):
    index = INDEX.replace("- id: annex", "- id: p-x")
    annex = "blocks:\n  - {type: para, id: p-x, text: {zh: 甲, en: a}}\n"
    with pytest.raises(tareport.ContentError) as info:
        tareport.load(make_doc({"annex.yaml": annex}, index))
    assert any("duplicate id 'p-x'" in str(d) for d in info.value.diagnostics)
