"""JSON Schema of the content files, generated from the model.

Editors (VS Code's YAML extension, JetBrains) use it to validate and
autocomplete ``content/**/*.yaml``; a test fails when the committed file is
stale.
"""
from __future__ import annotations

import json
from pathlib import Path

SCHEMA_PATH = Path("content") / "schema.json"


def schema() -> dict:
    from pydantic import TypeAdapter  # here: the CLI names SCHEMA_PATH on every run, the schema is rarely made

    from .model import DocumentIndex, PartFile

    adapter = TypeAdapter(DocumentIndex | PartFile)
    result = adapter.json_schema(ref_template="#/$defs/{model}")
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    result["title"] = "tareport content file (document.yaml or a part file)"
    return result


def schema_text() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
