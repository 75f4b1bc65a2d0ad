"""Resolution numbers a document the way CDIP/33/4 is numbered."""
from __future__ import annotations

import tareport
from tareport.view import FindingV, HeadingV, ParaV, plain

from .conftest import INDEX


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
