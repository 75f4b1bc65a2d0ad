"""The command line: exit codes, messages, and that bad input never costs a good output."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import CONTENT, ROOT


def run(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "tareport", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_help_on_each_command():
    for args in ([], ["check"], ["schema"], ["build"]):
        result = run(*args, "--help")
        assert result.returncode == 0 and "usage: tareport" in result.stdout
    assert "exit codes: 0 ok, 1 build failure, 2 invalid content or usage" in run("build", "--help").stdout


def test_usage_error_exits_2():
    result = run("build")
    assert result.returncode == 2 and "--lang" in result.stderr and "Traceback" not in result.stderr


def test_check_ok_and_translation_summary():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "content/cdip_33_4: ok (CDIP/33/4, 18 footnotes; translations in progress: en:" in result.stdout
    assert "content/sample: ok" in result.stdout


def test_check_lang_lists_missing_texts_with_places():
    result = run("check", "--doc", "cdip_33_4", "--lang", "en")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("content/cdip_33_4/abbreviations.yaml:") and lines[0].endswith("missing en text (has: zh)")
    assert lines[-1].startswith("content/cdip_33_4: ") and lines[-1].endswith("text(s) without a en version")
    assert run("check", "--doc", "cdip_33_4", "--lang", "zh").returncode == 0


def test_unknown_language_is_a_usage_error():
    result = run("check", "--doc", "sample", "--lang", "fr")
    assert result.returncode == 2 and "'fr' is not one of the document's languages" in result.stderr


def test_build_refuses_missing_translations_without_draft(tmp_path):
    result = run("build", "--doc", "cdip_33_4", "--lang", "en", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "missing en text" in result.stderr and "use --draft" in result.stderr
    assert not any(tmp_path.iterdir())


def test_schema_command_writes_the_schema(tmp_path):
    out = tmp_path / "schema.json"
    result = run("schema", "--output", str(out))
    assert result.returncode == 0 and out.read_text(encoding="utf-8") == (CONTENT / "schema.json").read_text(encoding="utf-8")
