"""The Chinese/Latin line breaker and justification (pure: no fonts, no PDF)."""
import re

from hypothesis import given, settings, strategies as st

from tareport.cjk import NO_LINE_END, NO_LINE_START
from tareport.render.pdf.linebreak import break_lines, can_break, positions, wide_char

CLOSING = "，。、；：！？）》」』”’"
OPENING = "（《「『“‘"


def widths(text):
    return [10.0 if wide_char(c, True) else 5.5 for c in text]


def lines_of(text, width, cjk=True):
    return [text[l.start:l.end] for l in break_lines(text, widths(text), width, cjk)]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation():
    text = ("产权组织称，“当受益方是发展中国家，且没有用于发达国家（与过去的做法一致）的类似支出时”，"
            "该支出才有资格称为“发展支出”。根据《产权组织2016-2023年期间的绩效报告》，不同领域的发展支出总计"
            "529,864瑞郎；平均占产权组织该期总支出的18.7%。") * 3
    for width in range(60, 460, 7):
        out = lines_of(text, width)
        assert "".join(out) == text
        for line in out[1:]:
            assert line[0] not in NO_LINE_START, (width, line)
        for line in out[:-1]:
            assert line[-1] not in NO_LINE_END, (width, line)


def test_closing_quote_and_comma_move_with_the_character_before():
    text = "一二三四五六七八九”，十"
    out = lines_of(text, 95)  # 9 ideographs fit, the marks do not
    assert out == ["一二三四五六七八", "九”，十"]


def test_latin_words_and_numbers_are_not_split():
    text = "审查采用了WIPO Academy的数据和2016/17年的529,864瑞郎" * 4
    spans = [(m.start(), m.end()) for m in re.finditer(r"WIPO|Academy|2016/17|529,864", text)]
    for width in range(80, 300, 3):
        for line in break_lines(text, widths(text), width)[1:]:
            assert not any(s < line.start < e for s, e in spans), (width, text[line.start:line.end])


def test_english_breaks_at_spaces_and_never_inside_words():
    text = "The review covered technical assistance provided by WIPO between 2017 and 2022 in all regions."
    out = lines_of(text, 120, cjk=False)
    assert " ".join(out) == text
    assert all(w in text.split() for line in out for w in line.split())


def test_long_url_is_cut_after_a_delimiter():
    url = "https://www.wipo.int/edocs/mdocs/govbody/en/wo_pbc_35/wo_pbc_35_3.pdf"
    out = lines_of("见" + url, 120)
    assert "".join(out) == "见" + url
    assert all(w <= 120 for w in (sum(widths(l)) for l in out))
    assert all(l[-1] in "/._-见" or l == out[-1] for l in out)


def test_forced_break_and_spaces():
    out = lines_of("第一行\n第二行  Latin", 200)
    assert out == ["第一行", "第二行  Latin"]


def test_justified_chinese_line_fills_the_measure():
    text = "审查组认为，本次审查职责范围中提到的WIPO技术援助支柱有助于确定和规划整个组织的技术援助。" * 2
    w = widths(text)
    lines = break_lines(text, w, 205.0)
    assert len(lines) > 2
    for line in lines[:-1]:
        xs, extra = positions(text, w, line, 205.0, True)
        assert abs(xs[-1] + w[line.end - 1] - 205.0) < 1e-6
        assert extra >= 0
    xs, extra = positions(text, w, lines[-1], 205.0, True)
    assert extra == 0  # the last line stays natural


def test_ragged_rather_than_spaced_out():
    text = "见" + "https://www.example.org/" + "a" * 60
    w = widths(text)
    first = break_lines(text, w, 200.0)[0]
    xs, extra = positions(text, w, first, 200.0, True, max_stretch=5.0)
    assert extra == 0 or extra <= 5.0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="中文字审查报告产权组织" + CLOSING + OPENING + "ab12 ", min_size=1, max_size=120),
       st.integers(min_value=40, max_value=300))
def test_rules_hold_for_any_text(text, width):
    lines = break_lines(text, widths(text), width)
    kept = "".join(text[l.start:l.end] for l in lines)
    assert kept.replace(" ", "") == text.replace(" ", "")  # nothing lost but spaces at breaks
    for prev, line in zip(lines, lines[1:]):
        seg, before = text[line.start:line.end], text[prev.start:prev.end]
        emergency = not any(can_break(text, k) for k in range(prev.start, max(prev.start, line.start - 1)))
        if seg and seg[0] in NO_LINE_START or before and before[-1] in NO_LINE_END:
            assert emergency, (before, seg)  # only when the line had no legal break at all


def test_no_break_space_glues_a_reference():
    from tareport.render.pdf.linebreak import NO_BREAK_SPACE, can_break

    text = f"见图表{NO_BREAK_SPACE}7）。"
    assert not can_break(text, 2) and not can_break(text, 3)  # 表|nbsp and nbsp|7
    assert can_break(text, 0)


def test_glued_positions_never_break():
    text = "发展中国家的许多知识产权局在其核心资金的可持续性方面面临挑战（见图表 7）。"
    w = widths(text)
    start = text.index("图")
    glue = set(range(start, start + len("图表 7") - 1))
    for width in range(60, 400, 7):
        for line in break_lines(text, w, float(width), glue=glue):
            assert not (start < line.start <= start + len("图表 7") - 1), (width, text[line.start:line.end])


def test_a_slash_never_starts_a_line():
    from tareport.render.pdf.linebreak import can_break
    text = "我不知道/不可用"
    assert not can_break(text, text.index("/") - 1)  # 道|/ is not a break
    assert can_break(text, text.index("/") + 1)  # 不|可 still is


# ---------------------------------------------------------------- labels in table cells

def label_of(text, width, cjk=True):
    from tareport.render.pdf.linebreak import label_lines
    return [text[l.start:l.end] for l in label_lines(text, widths(text), width, cjk)]


def test_a_label_breaks_after_the_slash_not_after_the_next_character():
    """我不知道/不可用 in a narrow column: 我不知道/ | 不可用, never 我不知道/不 | 可用, nor a line starting with /."""
    text = "我不知道/不可用"
    assert lines_of(text, 62) == ["我不知道/不", "可用"]  # what filling the first line gives
    for width in (50, 62, 70):
        assert label_of(text, width) == ["我不知道/", "不可用"]


def test_a_label_breaks_after_punctuation_and_balances_its_lines():
    text = "30名产权组织工作人员、24个成员国、6个合作伙伴"
    assert label_of(text, 150) == ["30名产权组织工作人员、", "24个成员国、6个合作伙伴"]
    text = "Development expenditure as a share of the total budget"
    out = label_of(text, 220, cjk=False)
    assert len(out) == len(lines_of(text, 220, cjk=False)) == 2
    assert abs(len(out[0]) - len(out[1])) <= 4  # as even as two lines allow, not a full line and a stray word


def test_labels_keep_forced_breaks_and_prose_fills_its_lines():
    assert label_of("调查：\n96个答案-66个国家", 200) == ["调查：", "96个答案-66个国家"]
    prose = "产权组织的技术援助具有高度相关性，并适应了成员国的需求和优先事项。" * 3
    assert label_of(prose, 150) == lines_of(prose, 150)  # four lines and more: filled as any paragraph


def test_widest_piece_is_a_number_or_a_word():
    from tareport.render.pdf.linebreak import widest_piece
    for text, piece in (("2016/2017", "2016/2017"), ("Total 688,698", "688,698"), ("伦理原则", "则"),
                        ("（见表 1）", "（见")):
        assert widest_piece(text, widths(text), True) == sum(widths(piece)), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab-/ .\n\u00a0中文，。（）“”—…") + ["x"]), max_size=40),
       st.booleans())
def test_the_one_pass_opportunities_are_can_break_at_every_position(text, cjk):
    from tareport.render.pdf.linebreak import break_opportunities
    assert break_opportunities(text, cjk) == [can_break(text, i, cjk) for i in range(len(text) - 1)]


def plain_break_lines(text, widths, line_width, cjk, glue):
    """The greedy fill written plainly, a character at a time: what :func:`break_lines` must agree with."""
    from tareport.render.pdf.linebreak import FORCED, _emergency_cut, url_breaks
    n = len(text)
    extra = url_breaks(text) if "/" in text else set()
    lines, i = [], 0
    while i < n:
        if lines:
            while i < n and text[i] == " ":
                i += 1
            if i >= n:
                break
        avail, x, last, j, cut, hard = line_width(len(lines)), 0.0, -1, i, None, False
        while j < n:
            if text[j] == FORCED:
                cut, hard = j, True
                break
            if text[j] != " " and j > i and x + widths[j] > avail + 1e-6:
                cut = last if last > i else _emergency_cut(text, i, j)
                break
            x += widths[j]
            if j + 1 < n and j not in glue and (can_break(text, j, cjk) or j + 1 in extra):
                last = j + 1
            j += 1
        end, nxt = (n, n) if cut is None else (cut, cut + 1 if hard else cut)
        hard = hard or cut is None
        while end > i and text[end - 1] == " ":
            end -= 1
        lines.append((i, end, hard))
        i = nxt
    return lines or [(0, 0, True)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab-/ .:\n\u00a0中文，。（）“”—…") + ["www.", "http://x/y"]), max_size=30).map("".join),
       st.lists(st.sampled_from([0.0, 3.0, 5.5, 10.0]), min_size=7, max_size=7),
       st.sampled_from([0.0, 8.0, 25.0, 60.0]), st.sampled_from([8.0, 40.0, 100.0]), st.booleans(),
       st.sets(st.integers(0, 80), max_size=6))
def test_the_breaker_fills_lines_as_a_plain_character_by_character_fill(text, sizes, first, other, cjk, glue):
    widths = [sizes[k % 7] for k in range(len(text))]
    line_width = lambda i: first if i == 0 else other
    got = [(l.start, l.end, l.hard) for l in break_lines(text, widths, line_width, cjk, glue)]
    assert got == plain_break_lines(text, widths, line_width, cjk, glue)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab  -/.中文，。（）“”\u00a0")), min_size=2, max_size=40), st.booleans())
def test_the_stretch_points_of_a_line_are_the_stretchable_boundaries(line, cjk):
    from tareport.render.pdf.linebreak import _stretch_flags, stretchable
    assert _stretch_flags(line, cjk) == [stretchable(line, k, cjk) for k in range(1, len(line))]
