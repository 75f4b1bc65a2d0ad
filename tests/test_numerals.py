"""Chinese numerals for session numbers (and any count up to 10^12), written without a library."""
import pytest
from babel import Locale

from tareport.l10n.numerals import chinese_cardinal, spell_cardinal, spell_ordinal


@pytest.mark.parametrize("n,expected", [
    (0, "零"), (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (33, "三十三"),
    (100, "一百"), (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"), (199, "一百九十九"),
    (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"), (2024, "二千零二十四"),
    (10000, "一万"), (10001, "一万零一"), (10010, "一万零一十"), (100000, "十万"), (110000, "十一万"),
    (1000100, "一百万零一百"), (12345678, "一千二百三十四万五千六百七十八"),
    (100000000, "一亿"), (100000001, "一亿零一"), (100010000, "一亿零一万"),
    (800002944, "八亿零二千九百四十四"),  # a whole group of zeros is read as one 零
    (999999999999, "九千九百九十九亿九千九百九十九万九千九百九十九"), (-12, "负十二"),
])
def test_chinese_cardinal(n, expected):
    assert chinese_cardinal(n) == expected


def test_chinese_cardinal_is_one_to_one_below_a_million():
    seen = {chinese_cardinal(n) for n in range(1_000_000)}
    assert len(seen) == 1_000_000 and not any(ch.isdigit() for text in seen for ch in text)


def test_chinese_cardinal_refuses_what_it_cannot_write():
    with pytest.raises(ValueError):
        chinese_cardinal(10 ** 12)


def test_spelled_out_per_language():
    zh, en = Locale.parse("zh_Hans_CN"), Locale.parse("en_GB")
    assert spell_ordinal(33, zh) == "第三十三" and spell_cardinal(33, zh) == "三十三"
    assert spell_ordinal(33, en) == "thirty-third" and spell_cardinal(33, en) == "thirty-three"


def test_a_language_without_words_gets_digits():
    locale = Locale.parse("haw")  # Hawaiian: in CLDR, not in num2words
    assert spell_cardinal(33, locale) == "33" and spell_ordinal(33, locale) == "33."
