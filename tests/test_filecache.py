"""Validated files kept between loads: recalled only unchanged, never with a problem, always fresh."""
from __future__ import annotations

import os
import re

import pytest

import tareport
from tareport import filecache, loader
from tareport.diagnostics import ContentError
from tareport.model import iter_nodes

from .conftest import CONTENT


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TAREPORT_CACHE_DIR", str(tmp_path / "cache"))
    filecache.forget()
    yield tmp_path / "cache"
    filecache.forget()


def _no_parsing(monkeypatch):
    def fail(text, file, *args, **kwargs):
        pytest.fail(f"{file} parsed again")
        return real(text, file, *args, **kwargs)
    real = loader.read_yaml
    monkeypatch.setattr(loader, "read_yaml", fail)


def _positions(doc):
    return [[n.pos for n in iter_nodes(f.content)] for p in doc.sources.parts for f in p.files]


def _contents(doc):
    return [(f.name, f.content, f.lines) for p in doc.sources.parts for f in p.files]


def test_an_unchanged_file_is_recalled_as_it_was_validated(cache, monkeypatch):
    first = tareport.load(CONTENT / "cdip_33_4")
    assert list((cache / "content").iterdir())
    filecache.forget()  # from the disk, as a later run would
    _no_parsing(monkeypatch)
    second = tareport.load(CONTENT / "cdip_33_4")
    assert _contents(first) == _contents(second)
    assert _positions(first) == _positions(second)  # diagnostics after the load still point into the files
    assert first.missing("en") == second.missing("en") and first.typography() == second.typography()
    assert tareport.load(CONTENT / "cdip_33_4").view("zh") is not None  # from memory now


def test_a_changed_file_is_read_again(cache, make_doc):
    folder = make_doc({})
    assert "段落" in str(tareport.load(folder).sources.parts[1].files[0].content.blocks[0].text)
    (folder / "annex.yaml").write_text("blocks:\n  - type: para\n    text: {zh: 新的段落, en: A new paragraph}\n",
                                       encoding="utf-8")
    assert "新的段落" in str(tareport.load(folder).sources.parts[1].files[0].content.blocks[0].text)


def test_a_changed_document_yaml_is_read_again_and_an_invalid_one_not_kept(cache, make_doc):
    folder = make_doc({})
    index = (folder / "document.yaml").read_text(encoding="utf-8")
    first = tareport.load(folder).index
    (folder / "document.yaml").write_text(index.replace("title: {zh: 标题, en: Title}", "title: {zh: 新标题, en: New}"),
                                          encoding="utf-8")
    assert "New" not in str(first.title) and "New" in str(tareport.load(folder).index.title)
    (folder / "document.yaml").write_text(index.replace("session: 33", "session: -1"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError) as err:
            tareport.load(folder)
        assert any(d.position.file.endswith("document.yaml") for d in err.value.diagnostics)


def test_a_file_with_a_problem_is_never_kept(cache, make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    txt: {zh: 段落, en: A paragraph}\n"})
    for _ in range(2):
        with pytest.raises(ContentError) as err:
            tareport.load(folder)
        assert any("unknown key 'txt'" in str(d) for d in err.value.diagnostics)
    assert len(filecache._MEMORY) == 2  # document.yaml and cover.yaml, not annex.yaml
    assert len(list((cache / "content").iterdir())) == 2


def test_a_recalled_file_is_a_fresh_copy(cache):
    first = tareport.load(CONTENT / "sample")
    block = first.sources.parts[0].files[0].content.blocks[0]
    block.__dict__["id"] = "changed-by-a-caller"
    second = tareport.load(CONTENT / "sample")
    assert second.sources.parts[0].files[0].content.blocks[0].id != "changed-by-a-caller"


def test_entries_of_other_code_are_not_used(cache, monkeypatch):
    tareport.load(CONTENT / "sample")
    filecache.forget()
    from tareport import usercache
    monkeypatch.setattr(usercache, "_FINGERPRINT", "another version of tareport")
    calls = []
    real = loader.read_yaml
    monkeypatch.setattr(loader, "read_yaml", lambda text, file, *a, **k: calls.append(file) or real(text, file, *a, **k))
    tareport.load(CONTENT / "sample")
    assert len(calls) > 1  # every part file parsed again, not only document.yaml


def test_a_broken_entry_is_no_entry(cache, monkeypatch):
    tareport.load(CONTENT / "sample")
    filecache.forget()
    for entry in (cache / "content").iterdir():
        data = entry.read_bytes()
        entry.write_bytes(data[:32] + b"not a pickle")
    assert tareport.load(CONTENT / "sample").view("en") is not None


def test_without_a_cache_folder_a_process_still_keeps_files(monkeypatch, make_doc):
    monkeypatch.setenv("TAREPORT_CACHE_DIR", "")
    filecache.forget()
    folder = make_doc({})
    tareport.load(folder)
    _no_parsing(monkeypatch)
    tareport.load(folder)
    filecache.forget()


def test_the_cache_keeps_a_bounded_number_of_entries(cache, monkeypatch):
    from tareport import usercache
    monkeypatch.setattr(usercache, "MAX_ENTRIES", 8)
    folder = cache / "content"
    folder.mkdir(parents=True)
    for n in range(20):  # what earlier runs left
        (folder / f"{n:02}.pickle").write_bytes(b"x")
        os.utime(folder / f"{n:02}.pickle", ns=(n * 10**9, n * 10**9))
    monkeypatch.setattr(usercache, "_PRUNED", set())
    usercache.write(usercache.entry("content", "new.pickle"), b"x")  # a process's first write prunes
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) <= 8 and "new.pickle" in left and "19.pickle" in left and "00.pickle" not in left


def test_a_catalog_is_read_again_only_when_it_changes(cache, tmp_path, monkeypatch):
    import shutil

    from tareport import l10n
    from tareport.l10n import CatalogError, _read_catalog

    folder = tmp_path / "locales" / "zh" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "tareport.po"
    shutil.copy(CONTENT.parent / "locales" / "zh" / "LC_MESSAGES" / "tareport.po", po)
    first = _read_catalog(po, po.stat().st_mtime)
    _read_catalog.cache_clear()
    monkeypatch.setattr(l10n, "_parse_catalog", lambda path: pytest.fail("parsed again"))
    assert _read_catalog(po, po.stat().st_mtime) == first  # from the cache, as a later run reads it
    monkeypatch.undo()
    monkeypatch.setenv("TAREPORT_CACHE_DIR", str(cache))
    po.write_text(re.sub(r'(?m)^msgstr "(?=[^"])', 'msgstr "{nonsense} ', po.read_text(encoding="utf-8"), count=1),
                  encoding="utf-8")
    with pytest.raises(CatalogError):  # a changed catalog is checked again: its mistake is found
        _read_catalog(po, po.stat().st_mtime)


def test_a_sound_image_is_judged_once(cache, tmp_path):
    """A second run with the same images imports no Pillow: the verdict "sound" is remembered by the image's bytes."""
    import subprocess
    import sys

    code = ("import sys, tareport; tareport.load(sys.argv[1]); print('PIL' in sys.modules)")
    env = {**os.environ, "TAREPORT_CACHE_DIR": str(cache)}
    runs = [subprocess.run([sys.executable, "-c", code, str(CONTENT / "sample")], capture_output=True, text=True,
                           env=env, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]
