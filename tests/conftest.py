"""Shared helpers: write small document folders into a temporary directory."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SEED = ROOT / "content" / "cdip_33_4" / "source" / "cdip_33_4_zh.txt"  # committed copy of the seed

INDEX = """\
symbol: CDIP/33/4
languages: [zh, en]
original_language: en
committee: {zh: 发展与知识产权委员会（CDIP）, en: Committee on Development and Intellectual Property (CDIP)}
session: 33
meeting: {start: 2024-12-09, end: 2024-12-13, place: {zh: 日内瓦, en: Geneva}}
title: {zh: 标题, en: Title}
main:
  files: [cover.yaml]
annexes:
  - id: annex
    files: [annex.yaml]
"""


def write_doc(root: Path, files: dict[str, str], index: str = INDEX) -> Path:
    """Write ``document.yaml`` and part files (dedented) into ``root``; returns ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "document.yaml").write_text(textwrap.dedent(index), encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


PARA = """\
blocks:
  - type: para
    text: {zh: 段落, en: A paragraph}
"""


@pytest.fixture
def make_doc(tmp_path):
    def make(files: dict[str, str], index: str = INDEX) -> Path:
        base = {name: PARA for name in ("cover.yaml", "annex.yaml") if name in index}  # an unlisted file is an error
        base.update(files)
        shutil.rmtree(tmp_path / "doc", ignore_errors=True)  # a fresh folder each time: no file of an earlier one
        return write_doc(tmp_path / "doc", base, index)

    return make


# Every PDF the suite renders in this process is scanned for .notdef glyphs (glyph 0, an
# empty box); tests/test_zz_notdef.py asserts that none was found, and also scans the PDFs
# that subprocess builds wrote under pytest's temporary folder.
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

# The suite's parsed-font cache (tareport.render.pdf.fontcache) is a temporary folder that the
# builds it runs in subprocesses inherit, not the user's cache.
os.environ.setdefault("TAREPORT_CACHE_DIR", tempfile.mkdtemp(prefix="tareport-test-cache-"))

sys.path.insert(0, str(Path(__file__).parent))

import tareport.render.pdf as _pdf  # noqa: E402
from pdfglyphs import notdef_glyphs  # noqa: E402

SCANNED_PDFS: list[tuple[str, list]] = []
_render_pdf = _pdf.render


def _scanned_render(*args, **kwargs):
    data = _render_pdf(*args, **kwargs)
    SCANNED_PDFS.append((os.environ.get("PYTEST_CURRENT_TEST", "?"), notdef_glyphs(data)))
    return data


_pdf.render = _scanned_render
