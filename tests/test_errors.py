"""Every class of content error is reported with the right file, line and column."""
from __future__ import annotations

import subprocess
import sys

import pytest

import tareport
from tareport import ContentError

from .conftest import INDEX, ROOT


def errors_of(folder):
    with pytest.raises(ContentError) as info:
        tareport.load(folder)
    return [str(d) for d in info.value.diagnostics]


def test_yaml_syntax_error_points_at_the_line(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    text: {zh: 段落, en: A\n"})
    [message] = errors_of(folder)
    assert message.startswith("doc/annex.yaml:") or "annex.yaml:" in message
    assert "YAML syntax error" in message
    assert ":4:1:" in message  # the flow mapping is still open at the end of the file


def test_unknown_key_with_suggestion(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    txet: {zh: 段落}\n    text: {zh: 段落, en: x}\n"})
    messages = errors_of(folder)
    assert any(m.endswith("annex.yaml:3:5: unknown key 'txet'; did you mean 'text'?") for m in messages), messages


def test_unknown_block_type(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: parra\n    text: {zh: 段落}\n"})
    [message] = errors_of(folder)
    assert message.endswith("annex.yaml:2:11: unknown block type 'parra'; did you mean 'para'?")


def test_wrong_type(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: list\n    style: a.\n    start: many\n    items: [{text: {zh: 一}}]\n"})
    [message] = errors_of(folder)
    assert message.endswith("annex.yaml:4:12: start: expected a whole number, got a string")


def test_text_must_be_a_mapping(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    text: just a string\n"})
    [message] = errors_of(folder)
    assert "annex.yaml:3:11:" in message and "mapping of language to text" in message


def test_undeclared_language_is_an_error(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    text: {zh: 段落, zn: 段落}\n"})
    [message] = errors_of(folder)
    assert "annex.yaml:3:11:" in message and "'zn' is not declared" in message


def test_missing_language_listed_with_line(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    text: {zh: 段落}\n  - type: para\n    text:\n      zh: 段落\n"})
    problems = [str(d) for d in tareport.check(folder, lang="en")]
    assert [p.split("doc/")[-1] for p in problems] == [
        "annex.yaml:3:11: missing en text (has: zh)",
        "annex.yaml:6:7: missing en text (has: zh)",
    ]
    assert tareport.check(folder, lang="zh") == []


def test_dangling_reference_and_suggestion(make_doc):
    folder = make_doc({"annex.yaml": """\
        blocks:
          - type: table
            id: table-budget
            caption: {zh: 表, en: T}
            columns: [{}]
            rows: [["x"]]
          - type: para
            text:
              zh: 见{@table-budgte}。
              en: See {@table-budget}.
        """})
    [message] = errors_of(folder)
    assert message.endswith("annex.yaml:9:12: reference to 'table-budgte': no element has this id; did you mean 'table-budget'?")


def test_duplicate_id(make_doc):
    folder = make_doc({"annex.yaml": """\
        blocks:
          - type: para
            id: p-one
            text: {zh: 一, en: one}
          - type: para
            id: p-one
            text: {zh: 二, en: two}
        """})
    [message] = errors_of(folder)
    assert "annex.yaml:6:9: duplicate id 'p-one' (first used at" in message and "annex.yaml:3:9)" in message


def test_wrongly_typed_ids(make_doc):
    folder = make_doc({"annex.yaml": """\
        blocks:
          - type: para
            id: p-one
            text: {zh: "一{^p-one}", en: "one{^p-one}"}
          - type: quote
            id: q-one
            text: {zh: 引, en: q}
          - type: finding
            anchor: q-one
            text: {zh: "见{@q-one}", en: "see {@q-one}"}
        """})
    messages = errors_of(folder)
    joined = "\n".join(messages)
    assert "annex.yaml:4:18: {^p-one} marks a footnote, but 'p-one' is a paragraph" in joined
    assert "annex.yaml:9:13: anchor 'q-one' is a quote, not a paragraph" in joined
    assert "annex.yaml:10:18: reference to 'q-one': this quote has no number to refer to" in joined


def test_footnote_errors(make_doc):
    folder = make_doc({"annex.yaml": """\
        blocks:
          - type: para
            text: {zh: "一{^fn-a}", en: "one"}
        footnotes:
          - id: fn-a
            text: {zh: 注, en: note}
          - id: fn-unused
            text: {zh: 注, en: note}
        """})
    joined = "\n".join(errors_of(folder))
    assert "annex.yaml:3:33: the en text marks other footnotes than the zh text (lacks fn-a)" in joined
    assert "annex.yaml:7:5: footnote 'fn-unused' is defined but no text marks it" in joined


def test_footnote_needs_text_or_gap(make_doc):
    folder = make_doc({"annex.yaml": """\
        blocks:
          - type: para
            text: {zh: "一{^fn-both}", en: "one{^fn-both}"}
        footnotes:
          - id: fn-both
            text: {zh: 注, en: note}
            gap: no text
        """})
    [message] = errors_of(folder)
    assert "annex.yaml:5:5: a footnote needs either 'text' or a declared 'gap'" in message


def test_inline_syntax_error_position(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    text:\n      zh: |-\n        第一行\n        第二行{b:未闭合\n      en: x\n"})
    [message] = errors_of(folder)
    assert "annex.yaml:6:12: unclosed {b:…}" in message


def test_paths_cannot_leave_the_document(make_doc, tmp_path):
    (tmp_path / "outside.yaml").write_text("blocks: []\n")
    index = INDEX.replace("files: [annex.yaml]", "files: [../outside.yaml, /etc/passwd, missing.yaml]")
    folder = make_doc({}, index=index)
    joined = "\n".join(errors_of(folder))
    assert "document.yaml:12:13: '../outside.yaml' is outside the document's folder" in joined
    assert "'/etc/passwd' is outside the document's folder" in joined
    assert "file 'missing.yaml' does not exist" in joined


def test_all_errors_reported_not_only_the_first(make_doc):
    folder = make_doc({
        "cover.yaml": "blocks:\n  - type: para\n    txt: {zh: 一}\n",
        "annex.yaml": "blocks:\n  - type: heading\n    level: chapterr\n    text: {zh: 一}\n",
    })
    messages = errors_of(folder)
    assert any("cover.yaml:3:5" in m for m in messages) and any("annex.yaml:3:12" in m for m in messages)


def test_symbol_is_validated(make_doc):
    folder = make_doc({}, index=INDEX.replace("symbol: CDIP/33/4", "symbol: CDIP-33-4"))
    [message] = errors_of(folder)
    assert "document.yaml:1:9:" in message and "not a document symbol" in message


def test_cli_reports_without_traceback_and_exits_2(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    txet: {zh: x}\n"})
    for command in (["check"], ["build", "--lang", "zh"]):
        result = subprocess.run([sys.executable, "-m", "tareport", *command, "--doc", str(folder)],
                                capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "annex.yaml:3:5: unknown key 'txet'" in result.stderr


def test_image_paths_stay_inside_and_exist(make_doc, tmp_path):
    (tmp_path / "secret.png").write_bytes(b"x")
    folder = make_doc({"annex.yaml": """\
        blocks:
          - type: figure
            caption: {zh: 图, en: F}
            image: ../secret.png
          - type: figure
            caption: {zh: 图, en: F}
            image: figures/none.png
        """})
    joined = "\\n".join(errors_of(folder))
    assert "annex.yaml:4:12: image '../secret.png' is outside the document's folder" in joined
    assert "annex.yaml:7:12: image 'figures/none.png' does not exist" in joined
