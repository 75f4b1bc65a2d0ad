"""Property-based: mutated and random YAML never produces a traceback, only diagnostics."""
from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

import tareport
from tareport.diagnostics import ContentError, Diagnostic
from tareport.source import source_lines

from .conftest import CONTENT

SAMPLE_FILE = (CONTENT / "sample" / "chapter_1.yaml").read_text(encoding="utf-8")


def _load_reports_only(folder):
    """Loading gives a document or located diagnostics: each at a line and column that exist in its file."""
    try:
        tareport.load(folder)
    except ContentError as exc:
        assert exc.diagnostics, "a ContentError must carry at least one diagnostic"
        for d in exc.diagnostics:
            assert isinstance(d, Diagnostic) and d.message
            assert d.position.file.endswith(".yaml") or "document" in d.position.file
            lines = source_lines(Path(d.position.file).read_text(encoding="utf-8"))
            assert 1 <= d.position.line <= len(lines), (str(d), len(lines))
            assert 1 <= d.position.column <= len(lines[d.position.line - 1]) + 1, (str(d), lines[d.position.line - 1])


#: What the YAML reader must survive: tags, impossible dates, numbers no document prints,
#: nesting deeper than any content, alias bombs and escapes of characters no document holds.
HOSTILE = st.one_of(
    st.sampled_from(["!!int ", "!!bool ", "!!map ", "!!seq ", "!!timestamp ", "!!float ", "!!str ", "!!null ",
                     "!!binary ", "!!set ", "!!omap ", "!!pairs ", "!foo ", "!!python/object:os.system "]),
    st.sampled_from(["2024-02-30", "2024-13-01", "0000-00-00", "2024-12-09T25:61:00", "1999-9-9"]),
    st.sampled_from(["1.0e+30", "1.0e+999999999", "1e-99", ".nan", "-.inf", "0x1F", "0o17", "1_000", "9" * 5000,
                     "-0.0", "99.999999999999999"]),
    st.integers(40, 1100).map(lambda n: "[" * n + "]" * n),
    st.integers(40, 400).map(lambda n: "\n" + "- " * n + "x\n"),
    st.sampled_from(["&a ", "*a", "<<: *a\n", "&a [*a]", "&b {<<: *a}", "&a [x, x, x, x, x, x, x, x, x, x]\n"
                     "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"]),
    st.sampled_from(['"\\x0b"', '"\\0"', '"\\uFFFE"', '"\\ud800"', '"\\U0010FFFF"', '"a\\\nb"', "\x0b", "\x85",
                     "\u2028", "\ufeff", "{b:{b:{b:", "{link:", "{^", "\\"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_sample_never_crashes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(CONTENT / "sample", folder / "sample")
    text = SAMPLE_FILE
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["delete", "insert", "replace", "swap-lines", "indent", "hostile", "value"]))
        pos = data.draw(st.integers(0, max(0, len(text) - 1)))
        if kind == "delete":
            text = text[:pos] + text[pos + data.draw(st.integers(1, 12)):]
        elif kind == "insert":
            text = text[:pos] + data.draw(st.sampled_from(["{", "}", ":", "- ", "\n", "  ", "'", '"', "[", "type: x\n", "{@", "\t", "&a", "*a", "!!python/object "])) + text[pos:]
        elif kind == "hostile":
            text = text[:pos] + data.draw(HOSTILE) + text[pos:]
        elif kind == "value":  # a hostile value in place of the value after a "key: "
            starts = [i + 2 for i in range(len(text) - 1) if text[i:i + 2] == ": "]
            start = data.draw(st.sampled_from(starts))
            end = text.find("\n", start)
            text = text[:start] + data.draw(HOSTILE) + text[end if end >= 0 else len(text):]
        elif kind == "replace":
            text = text[:pos] + data.draw(st.text(max_size=5)) + text[pos + 5:]
        elif kind == "swap-lines":
            lines = text.split("\n")
            i, j = data.draw(st.integers(0, len(lines) - 1)), data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            lines = text.split("\n")
            i = data.draw(st.integers(0, len(lines) - 1))
            lines[i] = "  " + lines[i]
            text = "\n".join(lines)
    (folder / "sample" / "chapter_1.yaml").write_text(text, encoding="utf-8")
    _load_reports_only(folder / "sample")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "text", "zh", "en", "id", "blocks", "level", "items", "style", "rows", "columns",
                         "caption", "span", "anchor", "footnotes", "gap", "kind", "series", "values"]) | st.text(max_size=4),
        children, max_size=5),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=yaml_values)
def test_random_structures_never_crash(tmp_path_factory, value):
    import yaml

    folder = tmp_path_factory.mktemp("rand")
    shutil.copytree(CONTENT / "sample", folder / "sample")
    (folder / "sample" / "chapter_1.yaml").write_text(yaml.safe_dump({"blocks": [value]}, allow_unicode=True), encoding="utf-8")
    _load_reports_only(folder / "sample")
