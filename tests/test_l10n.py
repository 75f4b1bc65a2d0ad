"""Localization: catalogs cover every message, CLDR dates and numbers, ordinals, a third language."""
from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

import tareport
from tareport.l10n import Localizer, available_languages

from .conftest import CONTENT, ROOT

LANGS = ["en", "zh"]
CATALOGS = ["en", "zh", "fr", "es", "ru"]  # every catalog in locales/ (Arabic is out of scope)


def code_messages() -> set[str]:
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / "src"), keywords={"N_": None}, comment_tags=()):
        found.add(message)
    return found


def test_code_uses_messages():
    assert len(code_messages()) > 50


def test_the_catalogs_are_these():
    assert available_languages() == sorted(CATALOGS)


@pytest.mark.parametrize("lang", CATALOGS)
def test_every_code_message_is_translated(lang):
    loc = Localizer(lang)
    missing = sorted(m for m in code_messages() if not loc.has(m))
    assert missing == [], f"{lang}: untranslated or missing messages: {missing}"


@pytest.mark.parametrize("lang", CATALOGS)
def test_translations_keep_their_placeholders(lang):
    loc = Localizer(lang)
    with open(loc.path, "rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id:
            continue
        used = set(tareport.l10n.placeholders(message.string))
        offered = set(tareport.l10n.placeholders(message.id))
        assert used <= offered, (lang, message.id, message.string)


@pytest.mark.parametrize("lang,expected", [
    ("en", {"(in {unit})": "(in {unit})", "[Annex follows]": "[Annex follows]",
            "[End of Annex and of document]": "[End of Annex and of document]", "Abbreviations": "Abbreviations",
            "Executive Summary": "Executive Summary", "Conclusions": "Conclusions", "Recommendations": "Recommendations"}),
    ("zh", {"(in {unit})": "（单位：{unit}）", "[Annex follows]": "[后接附件]",
            "[End of Annex and of document]": "[附录和文件完]", "Abbreviations": "缩略语",
            "Executive Summary": "内容提要", "Conclusions": "结论", "Recommendations": "建议",
            "Overall Conclusions": "总体结论"}),
])
def test_boilerplate_words(lang, expected):
    loc = Localizer(lang)
    for message, text in expected.items():
        assert loc.gettext(message) == text


@pytest.mark.parametrize("lang,number,expected", [
    ("en", 3, {"Table {number}. {caption}": "Table 3. ", "Chart {number}. {caption}": "Chart 3. ",
               "Figure {number}. {caption}": "Figure 3. ", "Box {number}. {caption}": "Box 3. ",
               "Finding {number}: {text}": "Finding 3: ", "Annex, page {page}": "Annex, page 3",
               "paragraph {number}": "paragraph 3", "Chart {number}": "Chart 3", "Source: {source}": "Source: "}),
    ("zh", 3, {"Table {number}. {caption}": "表 3.", "Chart {number}. {caption}": "图表 3.",
               "Figure {number}. {caption}": "图 3.", "Box {number}. {caption}": "专栏 3.",
               "Finding {number}: {text}": "审查结果 3：", "Annex, page {page}": "附件第3页",
               "paragraph {number}": "第 3 段", "Chart {number}": "图表 3", "Source: {source}": "来源："}),
])
def test_numbered_labels(lang, number, expected):
    loc = Localizer(lang)
    for message, text in expected.items():
        assert loc.format(message, number=number, page=number, caption="", text="", source="") == text


@pytest.mark.parametrize("start,end,en,zh", [
    (dt.date(2024, 12, 9), dt.date(2024, 12, 13), "Geneva, December 9 to 13, 2024", "2024年12月9日至13日，日内瓦"),
    (dt.date(2024, 11, 28), dt.date(2024, 12, 2), "Geneva, November 28 to December 2, 2024", "2024年11月28日至12月2日，日内瓦"),
    (dt.date(2024, 12, 30), dt.date(2025, 1, 3), "Geneva, December 30, 2024 to January 3, 2025", "2024年12月30日至2025年1月3日，日内瓦"),
    (dt.date(2014, 5, 19), dt.date(2014, 5, 23), "Geneva, May 19 to 23, 2014", "2014年5月19日至23日，日内瓦"),
    (dt.date(2016, 10, 31), dt.date(2016, 11, 4), "Geneva, October 31 to November 4, 2016", "2016年10月31日至11月4日，日内瓦"),
    (dt.date(2016, 12, 30), dt.date(2017, 1, 3), "Geneva, December 30, 2016 to January 3, 2017", "2016年12月30日至2017年1月3日，日内瓦"),
])
def test_meeting_lines(start, end, en, zh):
    for lang, expected, place in (("en", en, "Geneva"), ("zh", zh, "日内瓦")):
        loc = Localizer(lang)
        assert loc.format("{place}, {dates}", place=place, dates=loc.date_range(start, end)) == expected


def test_document_date_lines():
    assert Localizer("en").format("DATE: {date!u:MMMM d, y}", date=dt.date(2014, 3, 6)) == "DATE: MARCH 6, 2014"
    assert Localizer("zh").format("DATE: {date!u:MMMM d, y}", date=dt.date(2013, 8, 19)) == "日期：2013年8月19日"
    assert Localizer("en").format("ORIGINAL: {language}", language="English") == "ORIGINAL: ENGLISH"
    assert Localizer("zh").format("ORIGINAL: {language}", language=Localizer("zh").gettext("English")) == "原文：英文"


@pytest.mark.parametrize("n,en,zh", [
    (1, "First", "一"), (11, "Eleventh", "十一"), (13, "Thirteenth", "十三"), (21, "Twenty-First", "二十一"),
    (33, "Thirty-Third", "三十三"), (100, "One Hundredth", "一百"), (111, "One Hundred and Eleventh", "一百一十一"),
    (199, "One Hundred and Ninety-Ninth", "一百九十九"),
])
def test_session_ordinals(n, en, zh):
    assert Localizer("en").format("{session!t:spellout-ordinal} Session", session=n) == f"{en} Session"
    assert Localizer("zh").format("{session!t:spellout-ordinal} Session", session=n) == f"第{zh}届会议"


def test_all_sessions_spell_out():
    en, zh = Localizer("en"), Localizer("zh")
    seen_en, seen_zh = set(), set()
    for n in range(1, 200):
        e = en.format("{session!t:spellout-ordinal} Session", session=n)
        z = zh.format("{session!t:spellout-ordinal} Session", session=n)
        assert e.endswith(" Session") and not any(ch.isdigit() for ch in e)
        assert z.startswith("第") and z.endswith("届会议") and not any(ch.isdigit() for ch in z)
        seen_en.add(e), seen_zh.add(z)
    assert len(seen_en) == len(seen_zh) == 199


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_and_percentages(lang):
    loc = Localizer(lang)
    assert loc.number(D("53308263.62")) == "53,308,263.62"
    assert loc.number(688698) == "688,698"
    assert loc.percent(D("74.1")) == "74.1%"
    assert loc.percent(D("17")) == "17%"
    assert loc.percent(D("37.0")) == "37.0%"
    assert loc.number(D("0.50")) == "0.50"


def test_language_tags():
    assert Localizer("zh").bcp47 == "zh-CN" and Localizer("zh").is_cjk
    assert Localizer("en").bcp47 == "en-GB" and not Localizer("en").is_cjk
    assert set(LANGS) <= set(available_languages())


def test_a_third_language_needs_only_a_catalog_and_texts(tmp_path, monkeypatch):
    """fr: a catalog in a temporary folder and French texts; no code changes."""
    en = Localizer("en")
    with open(en.path, "rb") as fh:
        source = read_po(fh)
    fr_texts = {
        "{session!t:spellout-ordinal} Session": "{session:spellout-ordinal} session",
        "{place}, {dates}": "{place}, {dates}",
        "{start:MMMM d} to {end:d, y}": "{start:d} au {end:d MMMM y}",
        "{start:MMMM d} to {end:MMMM d, y}": "{start:d MMMM} au {end:d MMMM y}",
        "{start:MMMM d, y} to {end:MMMM d, y}": "{start:d MMMM y} au {end:d MMMM y}",
        "ORIGINAL: {language}": "ORIGINAL : {language!u}", "English": "anglais", "E": "F",
        "DATE: {date!u:MMMM d, y}": "DATE : {date!u:d MMMM y}",
        "prepared by the Secretariat": "document établi par le Secrétariat",
        "[Annex follows]": "[L’annexe suit]",
    }
    catalog = Catalog(locale="fr_FR")
    for message in source:
        if message.id:
            catalog.add(message.id, fr_texts.get(message.id, message.string))
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "tareport.po", "wb") as fh:
        write_po(fh, catalog)

    doc_dir = tmp_path / "sample"
    shutil.copytree(CONTENT / "sample", doc_dir)
    index = (doc_dir / "document.yaml").read_text(encoding="utf-8")
    index = index.replace("languages: [zh, en]", "languages: [zh, en, fr]")
    index = index.replace("  en: Committee on Development and Intellectual Property (CDIP)",
                          "  en: Committee on Development and Intellectual Property (CDIP)\n  fr: Comité du développement et de la propriété intellectuelle (CDIP)")
    index = index.replace("en: Geneva}", "en: Geneva, fr: Genève}")
    index = index.replace('  en: "Sample Document: Review of Technical Assistance"',
                          '  en: "Sample Document: Review of Technical Assistance"\n  fr: "Document type : examen de l’assistance technique"')
    (doc_dir / "document.yaml").write_text(index, encoding="utf-8")

    monkeypatch.setenv("TAREPORT_LOCALES", str(tmp_path / "locales"))
    doc = tareport.load(doc_dir)
    assert "fr" in doc.languages
    view = doc.view("fr", draft=True, loc=Localizer("fr", dirs=[tmp_path / "locales"]))
    cover = view.cover
    assert cover.letter == "F"
    assert cover.session == "quatre-vingt-dix-neuvième session"
    assert cover.meeting == "Genève, 28 novembre au 2 décembre 2024"
    assert cover.original == "ORIGINAL : ANGLAIS"
    assert cover.date == "DATE : 6 MARS 2024"
    assert cover.committee.startswith("Comité du développement")
    assert cover.prepared_by == "document établi par le Secrétariat"
    assert view.parts[0].end_marker == "[L’annexe suit]"
    assert view.tag == "fr-FR"


@pytest.mark.parametrize("lang,n,expected", [
    ("fr", 1, "Première session"), ("fr", 33, "Trente-troisième session"), ("fr", 21, "Vingt et unième session"),
    ("es", 11, "Undécima sesión"), ("es", 18, "Decimoctava sesión"), ("es", 33, "Trigésima tercera sesión"),
    ("es", 40, "Cuadragésima sesión"), ("ru", 13, "Тринадцатая сессия"), ("ru", 33, "Тридцать третья сессия"),
])
def test_session_ordinals_agree_with_session(lang, n, expected):
    assert Localizer(lang).format("{session!t:spellout-ordinal} Session", session=n) == expected


@pytest.mark.parametrize("lang,lines", [
    ("fr", ["Genève, 9 – 13 décembre 2024", "DATE\u00a0: 6 MARS 2014", "[Les annexes suivent]", "Annexe II, page 3"]),
    ("es", ["Ginebra, 9 a 13 de diciembre de 2024", "FECHA: 6 DE MARZO DE 2014", "[Siguen los Anexos]",
            "Anexo II, página 3"]),
    ("ru", ["Женева, 9–13 декабря 2024 г.", "ДАТА: 6 марта 2014 г.", "[Приложения следуют]",
            "Приложение II, стр. 3"]),
])
def test_wipo_lines_in_french_spanish_russian(lang, lines):
    loc = Localizer(lang)
    meeting = loc.format("{place}, {dates}", place=lines[0].split(",")[0],
                         dates=loc.date_range(dt.date(2024, 12, 9), dt.date(2024, 12, 13)))
    numeral = loc.format("{number:roman}", number=2)
    assert [meeting, loc.format("DATE: {date!u:MMMM d, y}", date=dt.date(2014, 3, 6)), loc.gettext("[Annexes follow]"),
            loc.format("Annex {number}, page {page}", number=numeral, page=3)] == lines


@pytest.mark.parametrize("lang,numerals", [
    ("en", ["I", "II", "III", "IV", "IX", "XIV"]), ("fr", ["I", "II", "III", "IV", "IX", "XIV"]),
    ("ru", ["I", "II", "III", "IV", "IX", "XIV"]), ("zh", ["一", "二", "三", "四", "九", "十四"]),
])
def test_annex_numerals(lang, numerals):
    loc = Localizer(lang)
    assert [loc.format("{number:roman}", number=n) for n in (1, 2, 3, 4, 9, 14)] == numerals


def test_original_language_from_cldr_when_the_catalog_has_no_name():
    from tareport.view import original_language
    assert original_language(Localizer("en"), "en") == "English"
    assert original_language(Localizer("zh"), "en") == "英文"  # WIPO's word, not CLDR's 英语
    assert original_language(Localizer("fr"), "pt") == "portugais"
    assert original_language(Localizer("en"), "pt") == "Portuguese"
