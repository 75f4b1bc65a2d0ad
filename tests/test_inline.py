"""The inline markup: forms, escapes, and literal characters that must stay literal."""
from __future__ import annotations

from hypothesis import given, strategies as st

from tareport.cjk import fold_line_breaks, fullwidth_punctuation, split_runs
from tareport.inline import Bold, FootnoteMark, Italic, LineBreak, Link, Ref, Str, parse_inline, plain_text


def test_forms():
    nodes, errors = parse_inline("见{@chart-relevance}和第{#p-42}段{^fn-1}，{b:粗{i:斜}}{br}{link:https://a.org|站点}")
    assert errors == []
    assert nodes == (Str("见"), Ref("chart-relevance"), Str("和第"), Ref("p-42", bare=True), Str("段"),
                     FootnoteMark("fn-1"), Str("，"), Bold((Str("粗"), Italic((Str("斜"),)))), LineBreak(),
                     Link("https://a.org", (Str("站点"),)))


def test_plain_characters_stay_literal():
    text = "a < b && c > d * e {not markup} } {@ x \\ y 50% {b c"
    nodes, errors = parse_inline(text)
    assert plain_text(nodes) == text.replace("{@ x", "{@ x")
    assert not [n for n in nodes if not isinstance(n, Str)]
    assert errors == [(text.index("{@"), "malformed cross-reference: expected {@id} with a lowercase id")]


def test_escapes():
    nodes, errors = parse_inline(r"\{b:not bold\} \| \\ \n")
    assert errors == [] and plain_text(nodes) == r"{b:not bold} | \ \n"


def test_bare_urls_become_links_and_stop_at_chinese():
    nodes, _ = parse_inline("见https://www.wipo.int/a_b/c.pdf。又见 http://x.org/p?q=1.")
    links = [n for n in nodes if isinstance(n, Link)]
    assert [l.url for l in links] == ["https://www.wipo.int/a_b/c.pdf", "http://x.org/p?q=1"]
    assert plain_text(nodes).endswith("1.")


def test_unclosed_form_is_reported_with_offset():
    _, errors = parse_inline("前文{b:未闭合")
    assert errors == [(2, "unclosed {b:…}: add the closing } (or write \\{ for a literal brace)")]


def test_line_breaks_fold_by_script():
    assert fold_line_breaks("中文\n中文") == "中文中文"
    assert fold_line_breaks("英文 CDIP\n文件") == "英文 CDIP文件"
    assert fold_line_breaks("word\nword") == "word word"
    nodes, _ = parse_inline("第一行\n{^fn-a}第二行")
    assert nodes == (Str("第一行"), FootnoteMark("fn-a"), Str("第二行"))


def test_cjk_runs_and_punctuation():
    assert split_runs("使用WIPO Lex的2022年") == [(True, "使用"), (False, "WIPO Lex"), (True, "的"), (False, "2022"), (True, "年")]
    assert fullwidth_punctuation("中文,英文;结束:") == "中文，英文；结束："
    assert fullwidth_punctuation("3,5 and a:b") == "3,5 and a:b"  # Latin text keeps its own punctuation


@given(st.text(alphabet=st.sampled_from(list("ab中{}\\|^@#:bil/<>&*\n ")), max_size=60))
def test_parser_never_crashes_and_keeps_literal_text(text):
    nodes, errors = parse_inline(text)
    for offset, message in errors:
        assert 0 <= offset <= len(text) and message
    # with no markup sigils at all, the text comes back unchanged (modulo line folding)
    if "{" not in text and "\\" not in text and "http" not in text:
        assert plain_text(nodes) == plain_text(parse_inline(text)[0])


def test_line_breaks_beside_references_and_marks():
    """A reference or a mark is narrow to the fold: a break after it keeps its space (before a mark none)."""
    nodes, _ = parse_inline("see {@p-3}\nthat it")
    assert nodes == (Str("see "), Ref("p-3"), Str(" that it"))
    nodes, _ = parse_inline("see\n{@p-3} and\n{#p-4}")
    assert nodes == (Str("see "), Ref("p-3"), Str(" and "), Ref("p-4", bare=True))
    nodes, _ = parse_inline("a note{^fn-a}\nThen")
    assert nodes == (Str("a note"), FootnoteMark("fn-a"), Str(" Then"))
    nodes, _ = parse_inline("a word\n{^fn-a} then")  # the mark stays on its word
    assert nodes == (Str("a word"), FootnoteMark("fn-a"), Str(" then"))
    nodes, _ = parse_inline("见{@p-3}\n所述{^fn-a}\n之后")  # Chinese neighbours still remove the break
    assert nodes == (Str("见"), Ref("p-3"), Str("所述"), FootnoteMark("fn-a"), Str("之后"))
