"""Alignment between languages (numbers, marks, script) and translation staleness."""
from __future__ import annotations

from decimal import Decimal

import pytest

import tareport
from tareport.alignment import numbers
from tareport.translations import short_hash

from .conftest import INDEX
from .test_cli import run

INDEX_ZH_SOURCE = INDEX.replace("original_language: en\n", "original_language: en\ntranslations_from: zh\n")


def values(text: str, lang: str) -> set[Decimal]:
    return set(numbers(text, lang))


@pytest.mark.parametrize("zh,en", [
    ("共有120万人", "1.2 million people"),
    ("总金额为53,308,263.62瑞郎", "a total of CHF 53,308,263.62"),
    ("总金额为53308263.62瑞郎", "a total of CHF 53,308,263.62"),
    ("2017-2022年期间", "the period 2017-2022"),
    ("74.1%的受访者", "74.1 percent of respondents"),
    ("７４．１％的受访者", "74.1% of respondents"),
    ("7.56亿瑞郎", "756 million Swiss francs"),
    ("增加了3个百分点", "an increase of 3 percentage points"),
    ("2021年10月", "October 2021"),
    ("调查显示，68.9%的成员国", "the survey shows that 68.9% of Member States"),
    ("37.0%", "37%"),
])
def test_numbers_are_normalized_per_language(zh, en):
    assert values(zh, "zh") == values(en, "en") != set()


def test_numbers_that_differ_are_told_apart():
    assert values("72%", "zh") != values("27%", "en")
    assert values("120万", "zh") != values("120 million", "en")
    assert values("1, 2 and 3", "en") == {1, 2, 3}  # a comma and a space: a list, not a grouped number
    assert values("we may", "en") == set() and values("May 2020", "en") == {5, 2020}


def annex(zh: str, en: str, extra: str = "") -> str:
    notes = "".join(f"  - id: {fn}\n    text: {{zh: 注。, en: Note.}}\n" for fn in ("fn-a", "fn-b") if fn in zh)
    return ("blocks:\n  - type: para\n    id: p-one\n    text:\n"
            f"      zh: \"{zh}\"\n      en: \"{en}\"\n{extra}"
            "  - type: para\n    id: p-two\n    text: {zh: 第二段。, en: Second.}\n"
            + ("footnotes:\n" + notes if notes else ""))


def problems(make_doc, zh, en, extra=""):
    doc = tareport.load(make_doc({"annex.yaml": annex(zh, en, extra)}, INDEX_ZH_SOURCE))
    return [str(d) for d in doc.alignment(["zh", "en"])]


def test_a_changed_number_is_an_error_at_the_english_text(make_doc):
    found = problems(make_doc, "72%的受访者{^fn-a}。", "27% of respondents.{^fn-a}")
    assert len(found) == 1 and found[0].endswith(
        "annex.yaml:6:11: numbers differ: zh has 72 not found in en; en has 27 not found in zh "
        "(fix the text, or give the reason: differs: {numbers: …})"), found


def test_a_written_exception_allows_a_difference(make_doc):
    extra = "      differs: {numbers: the source counts months; English names them}\n"
    assert problems(make_doc, "72%{^fn-a}", "27%{^fn-a}", extra) == []


def test_a_dropped_footnote_mark_or_reference_is_an_error(make_doc):
    with pytest.raises(tareport.ContentError) as err:  # footnote marks: already when the document is numbered
        problems(make_doc, "见{^fn-a}和{^fn-b}。", "See.{^fn-a}")
    assert "annex.yaml:6:12: the en text marks other footnotes than the zh text (lacks fn-b)" in str(err.value)
    found = problems(make_doc, "见{@p-two}和{^fn-a}。", "See{^fn-a}.")
    assert len(found) == 1 and "annex.yaml:6:11: footnote marks and references differ from zh: missing in en: {@p-two}" in found[0]


def test_swapped_references_are_an_error(make_doc):
    found = problems(make_doc, "{^fn-a}和{@p-two}", "{@p-two} and {^fn-a}")
    assert len(found) == 1 and "in another order than in zh: ^fn-a @p-two (zh) vs @p-two ^fn-a (en)" in found[0]


def test_han_characters_in_english_and_latin_only_chinese(make_doc):
    found = problems(make_doc, "审查{^fn-a}", "The 审查 Review{^fn-a}")
    assert len(found) == 1 and "annex.yaml:6:11: Han character '审' in the en text" in found[0]
    found = problems(make_doc, "The Review{^fn-a}", "The Review{^fn-a}")
    assert len(found) == 1 and "annex.yaml:5:11: the zh text has no Han character, only Latin letters" in found[0]
    assert problems(make_doc, "https://www.wipo.int/academy/{^fn-a}", "https://www.wipo.int/academy/{^fn-a}") == []
    assert problems(make_doc, "WIPO Re:Search{^fn-a}", "WIPO Re:Search{^fn-a}",
                    "      differs: {script: \"a product name, written in Latin letters in Chinese too\"}\n") == []


def test_aligned_texts_pass(make_doc):
    assert problems(make_doc, "2017-2022年，120万人中74.1%{^fn-a}见{^fn-b}",
                    "In 2017-2022, 74.1% of 1.2 million people{^fn-a} (see{^fn-b})") == []


def test_stale_until_confirmed_then_stale_again_when_the_source_changes(make_doc, tmp_path):
    folder = make_doc({"annex.yaml": "# a comment that confirm keeps\nblocks:\n  - type: para\n    text:\n"
                                     "      zh: |-\n        第一段\n        文字。\n      en: |-\n        First\n"
                                     "        paragraph.\n    # between blocks\n  - type: para\n"
                                     "    text: {zh: 第二段。, en: Second paragraph.}\n"}, INDEX_ZH_SOURCE)
    content = folder.parent
    check = run("check", "--content", str(content), "--lang", "en", cwd=tmp_path)
    assert check.returncode == 2
    assert "doc/annex.yaml:8:11: stale en text: no record of the zh text this en text was made from" in check.stderr
    confirmed = run("confirm", "--content", str(content), "--lang", "en", cwd=tmp_path)
    assert confirmed.returncode == 0 and "en: 6 text(s) confirmed" in confirmed.stdout, confirmed.stdout
    text = (folder / "annex.yaml").read_text(encoding="utf-8")
    assert text.startswith("# a comment that confirm keeps\n") and "    # between blocks\n" in text
    assert f"      en_from: {short_hash('第一段文字。')}\n    # between blocks" in text
    assert f"{{zh: 第二段。, en: Second paragraph., en_from: {short_hash('第二段。')}}}" in text
    assert run("check", "--content", str(content), "--lang", "en", cwd=tmp_path).returncode == 0
    again = run("confirm", "--content", str(content), "--lang", "en", cwd=tmp_path)
    assert "en: 0 text(s) confirmed" in again.stdout and (folder / "annex.yaml").read_text(encoding="utf-8") == text
    # rewrapping the source changes nothing; changing a word makes the translation stale
    (folder / "annex.yaml").write_text(text.replace("第一段\n        文字。", "第一段文字。"), encoding="utf-8")
    assert run("check", "--content", str(content), "--lang", "en", cwd=tmp_path).returncode == 0
    (folder / "annex.yaml").write_text(text.replace("第二段。", "第二部分。"), encoding="utf-8")
    stale = run("check", "--content", str(content), "--lang", "en", cwd=tmp_path)
    assert stale.returncode == 2 and "doc/annex.yaml:14:27: " in stale.stderr
    assert "stale en text: the zh text changed since this en text was confirmed" in stale.stderr
    report = run("check", "--content", str(content), "--report", cwd=tmp_path)
    row = next(line for line in report.stdout.splitlines() if "annex.yaml" in line)
    assert row.split()[-3:] == ["1", "1", "0"], report.stdout  # complete, stale, missing


def test_a_malformed_hash_is_located(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    text: {zh: 段。, en: Para., en_from: xyz}\n"})
    with pytest.raises(tareport.ContentError) as err:
        tareport.load(folder)
    assert "annex.yaml:3:11: text: en_from: 8 hexadecimal digits" in str(err.value)
