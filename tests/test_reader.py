"""The YAML reader (tareport.source): data built from libyaml's events, with positions and located mistakes."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tareport.source import read_yaml


def _read(text: str):
    data, diagnostics = read_yaml(text, "f.yaml")
    return data, [str(d) for d in diagnostics]


def test_values_and_their_positions():
    data, problems = _read("a: 1\nb:\n  - x\n  - {c: 2.50, d: 'q', e: 2024-12-09}\n")
    assert problems == []
    assert data == {"a": 1, "b": ["x", {"c": Decimal("2.50"), "d": "q", "e": __import__("datetime").date(2024, 12, 9)}]}
    assert (data.key_pos["b"].line, data.value_pos["b"].line, data.value_pos["b"].column) == (2, 3, 3)
    inner = data["b"][1]
    assert (inner.value_pos["d"].line, inner.value_pos["d"].column, inner.styles["d"]) == (4, 18, "'")
    assert data["b"].value_pos[1].column == 5


def test_an_alias_keeps_the_position_and_style_of_what_it_repeats():
    """Positions inside an aliased text are walked from where the text is written (not from the alias)."""
    data, problems = _read('a: &t "quoted text"\nb: *t\nc: &m {x: 1}\nd: *m\n')
    assert problems == []
    assert data.value_pos["b"] == data.value_pos["a"] and data.styles["b"] == data.styles["a"] == '"'
    assert data.value_pos["d"] == data.value_pos["c"] and data["d"] is data["c"]
    assert (data.value_pos["a"].line, data.value_pos["a"].column) == (1, 7)  # the quote, after the anchor


def test_merge_keys_follow_yaml():
    data, problems = _read("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\nn: {<<: [{a: 1}, {a: 2, b: 2}], c: 3}\n")
    assert problems == []
    assert data["m"] == {"x": 1, "y": 3} and data["n"] == {"a": 1, "b": 2, "c": 3}
    assert data["m"].key_pos["x"].line == 1 and data["m"].key_pos["y"].line == 4


def test_a_merge_key_merges_only_as_a_key():
    assert [_read(t)[0] for t in ("- <<\n", "a: <<\n", "<<\n")] == [["<<"], {"a": "<<"}, "<<"]


@pytest.mark.parametrize("text,where,message", [
    ("a: &x [1, *x]\n", "1:11", "an alias cannot repeat the value that holds it"),
    ("a: *nope\n", "1:4", "found undefined alias 'nope'"),
    ("a: &x 1\nb: &x 2\n", "2:4", "found duplicate anchor 'x'"),
    ("a: 1\n---\nb: 2\n", "2:1", "but found another document"),
    ("m: {<<: 3}\n", "1:9", "expected a mapping or list of mappings for merging"),
    ("? [a]\n: 1\n", "1:3", "a mapping key must be a plain value"),
    ("a: 1\na: 2\n", "2:1", "duplicate key 'a'"),
    ("x: !!map [1]\n", "1:4", "!!map needs a mapping"),
    ("x: !!seq {a: 1}\n", "1:4", "!!seq needs a list"),
    ("x: !!set {a}\n", "1:4", "unknown tag '!!set'"),
    ("x: !!str {a: 1}\n", "1:4", "!!str needs a string, not a mapping"),
    ("x: !!int [1]\n", "1:4", "!!int needs an integer, not a list"),
    ("a: 1\nb", "2:2", "could not find expected ':'"),  # no final line break: placed at the end of the last line
    ("x: !!map 3\n", "1:4", "!!map needs a mapping"),
    ("x: \"\\x0b\"\n", "1:5", "U+000B (a control character)"),
    ("x: !!str \"ab\\x01c\"\n", "1:13", "U+0001 (a control character)"),  # counted after the tag
    ("x: &a\n  \"ab\\x01\"\n", "2:6", "U+0001 (a control character)"),
    ("x: 0xFFFFFFFFFFFFFFFFFFFFFFFFFF\n", "1:4", "numbers have at most 18 digits"),
    ("x: [" + "[" * 70 + "]" * 71 + "\n", "1:67", "nested deeper than 64 levels"),
])
def test_mistakes_are_located(text, where, message):
    _, problems = _read(text)
    assert any(p.startswith(f"f.yaml:{where}: ") and message in p for p in problems), problems


def test_repeated_keys_resolve_alike():
    """Implicit types (YAML 1.1, as PyYAML reads them) are resolved once per distinct plain value."""
    data, _ = _read("- {t: true, n: null, o: on, y: yes, x: 1}\n- {t: 'true', n: null, o: on, y: Yes, x: '1'}\n")
    assert data[0] == {"t": True, "n": None, "o": True, "y": True, "x": 1}
    assert data[1] == {"t": "true", "n": None, "o": True, "y": True, "x": "1"}
