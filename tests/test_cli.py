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


def untranslated_sample(tmp_path):
    """A copy of the sample whose second abbreviation (line 7) lacks its English."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT / "sample", content / "sample")
    path = content / "sample" / "abbreviations.yaml"
    text = path.read_text(encoding="utf-8")
    assert ", en: small and medium-sized enterprises}" in text
    path.write_text(text.replace(", en: small and medium-sized enterprises}", "}"), encoding="utf-8")
    return content


def test_check_ok_and_translation_summary(tmp_path):
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "content/cdip_33_4: ok (CDIP/33/4, 18 footnotes)" in result.stdout
    assert "content/sample: ok" in result.stdout
    result = run("check", "--content", str(untranslated_sample(tmp_path)))
    assert result.returncode == 0 and "translations in progress: en: 1 missing)" in result.stdout, result.stdout


def test_check_lang_lists_missing_texts_with_places(tmp_path):
    content = untranslated_sample(tmp_path)
    result = run("check", "--content", str(content), "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].endswith("content/sample/abbreviations.yaml:7:15: missing en text (has: zh)"), lines
    assert lines[-1].endswith("content/sample: 1 text(s) without a en version"), lines
    assert run("check", "--content", str(content), "--lang", "zh", cwd=tmp_path).returncode == 0


def test_unknown_language_is_a_usage_error():
    result = run("check", "--doc", "sample", "--lang", "fr")
    assert result.returncode == 2 and "'fr' is not one of the document's languages" in result.stderr


def test_build_refuses_missing_translations_without_draft(tmp_path):
    content = untranslated_sample(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = run("build", "--content", str(content), "--lang", "en", "--out", str(out))
    assert result.returncode == 2
    assert "missing en text" in result.stderr and "use --draft" in result.stderr
    assert not any(out.iterdir())


def test_schema_command_writes_the_schema(tmp_path):
    out = tmp_path / "schema.json"
    result = run("schema", "--output", str(out))
    assert result.returncode == 0 and out.read_text(encoding="utf-8") == (CONTENT / "schema.json").read_text(encoding="utf-8")


def test_bad_content_keeps_the_previous_good_output(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT / "sample", content / "sample")
    out = tmp_path / "build"
    first = run("build", "--content", str(content), "--lang", "all", "--format", "pdf", "--out", str(out))
    assert first.returncode == 0, first.stderr
    good = {p: p.read_bytes() for p in out.rglob("*.pdf")}
    assert sorted(p.relative_to(out).as_posix() for p in good) == ["en/cdip_99_1_rev.pdf", "zh/cdip_99_1_rev.pdf"]
    assert all(data.startswith(b"%PDF") for data in good.values())

    # an editor breaks a reference: the build is refused with the place, and nothing is touched
    chapter = content / "sample" / "chapter_1.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("{@box-sdg}", "{@box-sgd}"), encoding="utf-8")
    broken = run("build", "--content", str(content), "--lang", "all", "--format", "pdf", "--out", str(out))
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert "chapter_1.yaml:" in broken.stderr and "'box-sgd'" in broken.stderr
    assert {p: p.read_bytes() for p in out.rglob("*.pdf")} == good
    assert [p.name for p in out.rglob("*") if p.is_file() and not p.name.endswith(".pdf")] == []  # no temporary files left


def test_builds_are_reproducible_and_draft_builds_missing_languages(tmp_path):
    content = untranslated_sample(tmp_path)
    a = run("build", "--content", str(content), "--lang", "en", "--draft", "--format", "pdf", "--out", str(tmp_path / "a"))
    b = run("build", "--content", str(content), "--lang", "en", "--draft", "--format", "pdf", "--out", str(tmp_path / "b"))
    assert a.returncode == b.returncode == 0, a.stderr
    assert "wrote" in a.stdout and (tmp_path / "a" / "en" / "cdip_99_1_rev.pdf").exists()
    assert (tmp_path / "a" / "en" / "cdip_99_1_rev.pdf").read_bytes() == (tmp_path / "b" / "en" / "cdip_99_1_rev.pdf").read_bytes()


def test_write_atomic_failure_keeps_the_old_file(tmp_path, monkeypatch):
    import os

    from tareport.output import write_atomic

    target = tmp_path / "x.pdf"
    write_atomic(target, b"good")

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"good" and [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


def test_a_glyph_no_font_has_fails_the_build_with_its_place(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT / "sample", content / "sample")
    out = tmp_path / "build"
    assert run("build", "--content", str(content), "--lang", "zh", "--out", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*.*")}
    cover = content / "sample" / "cover.yaml"
    cover.write_text(cover.read_text(encoding="utf-8").replace("请委员会审议", "请委员会\U0001F600审议"), encoding="utf-8")
    result = run("build", "--content", str(content), "--lang", "zh", "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "U+1F600" in result.stderr and "paragraph 3" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*.*")} == before  # neither the .docx nor the .pdf was replaced


def test_check_warns_on_straight_quotes_in_english_prose(tmp_path):
    """Straight quotes next to curly ones: a warning at the text's place, and check still succeeds."""
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT / "sample", content / "sample")
    path = content / "sample" / "chapter_1.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if "WIPO’s technical assistance" in line)
    lines[row] = lines[row].replace("WIPO’s", "WIPO's")
    path.write_text("".join(lines), encoding="utf-8")
    result = run("check", "--content", str(content))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning: straight quote" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:{row + 1}:") and "WIPO's" in warnings[0]
    assert run("check").stderr.count("straight quote") == 0  # the committed content writes curly quotes
