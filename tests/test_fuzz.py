"""Property-based: mutated and random YAML never produces a traceback, only diagnostics."""
from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings, strategies as st

import tareport
from tareport.diagnostics import ContentError, Diagnostic

from .conftest import CONTENT

SAMPLE_FILE = (CONTENT / "sample" / "chapter_1.yaml").read_text(encoding="utf-8")


def _load_reports_only(folder):
    try:
        tareport.load(folder)
    except ContentError as exc:
        assert exc.diagnostics, "a ContentError must carry at least one diagnostic"
        for d in exc.diagnostics:
            assert isinstance(d, Diagnostic) and d.message
            assert d.position.file.endswith(".yaml") or "document" in d.position.file


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_sample_never_crashes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(CONTENT / "sample", folder / "sample")
    text = SAMPLE_FILE
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["delete", "insert", "replace", "swap-lines", "indent"]))
        pos = data.draw(st.integers(0, max(0, len(text) - 1)))
        if kind == "delete":
            text = text[:pos] + text[pos + data.draw(st.integers(1, 12)):]
        elif kind == "insert":
            text = text[:pos] + data.draw(st.sampled_from(["{", "}", ":", "- ", "\n", "  ", "'", '"', "[", "type: x\n", "{@", "\t", "&a", "*a", "!!python/object "])) + text[pos:]
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
