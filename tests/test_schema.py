"""The committed JSON Schema is generated from the model and up to date."""
from __future__ import annotations

import json

from tareport.schema import schema_text

from .conftest import ROOT


def test_committed_schema_is_current():
    committed = (ROOT / "content" / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "content/schema.json is stale: run `python -m tareport schema`"


def test_schema_describes_blocks_and_texts():
    schema = json.loads(schema_text())
    defs = schema["$defs"]
    assert {"Para", "Finding", "Table", "Chart", "Figure", "Box", "Footnote", "DocumentIndex"} <= set(defs)
    assert defs["Para"]["additionalProperties"] is False
    text = defs["Para"]["properties"]["text"]
    assert "patternProperties" in text
