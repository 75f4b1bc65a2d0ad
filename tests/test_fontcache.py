"""The parsed-font cache: a cached face is the parsed face, entries follow the file, failures parse."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from tareport.render.pdf import fontcache
from tareport.render.pdf.fontcache import CachedTTFont

LATIN = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
CJK = "/usr/share/fonts/truetype/arphic/uming.ttc"
FONTS = [p for p in (LATIN, CJK) if Path(p).is_file()]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TAREPORT_CACHE_DIR", str(folder))
    return folder


def _same(a, b, where="face"):
    assert type(a) is type(b), (where, type(a), type(b))
    if isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for n, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{n}]")
    else:
        assert a == b, where


def _fields(font) -> dict:
    face = font.face
    out = {k: getattr(face, k) for k in vars(TTFont("plain", face.filename).face) if k not in ("_pdfScale", "_ttf_data")}
    for k in ("hmetrics", "glyphPos"):  # restored as read-only sequences over packed numbers: their items
        out[k] = [out[k][i] for i in range(len(out[k]))]
    out["data"] = bytes(face._ttf_data[:])
    out["scaled"] = face._pdfScale(777)
    out["font"] = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    return out


@pytest.mark.parametrize("path", FONTS)
def test_a_cached_face_holds_what_reportlab_parses(cache, path):
    parsed = TTFont("plain", path)
    first = CachedTTFont("plain", path)  # parses and writes the entry
    assert list((cache / "fonts").iterdir())
    second = CachedTTFont("plain", path)  # restored from the entry
    expected = _fields(parsed)
    _same(expected, _fields(first))
    _same(expected, _fields(second))
    assert parsed.stringWidth("Abc 中文", 10) == second.stringWidth("Abc 中文", 10)


def test_a_cached_face_is_not_parsed_again(cache, monkeypatch):
    CachedTTFont("a", LATIN)
    monkeypatch.setattr(TTFontFile, "extractInfo", lambda self, charInfo=1: pytest.fail("parsed again"))
    font = CachedTTFont("b", LATIN)
    assert font.face.charToGlyph[ord("A")]


def test_the_entry_follows_the_file(cache, tmp_path):
    copy = tmp_path / "font.ttf"
    copy.write_bytes(Path(LATIN).read_bytes())
    before = fontcache.entry_path(str(copy), 0)
    os.utime(copy, ns=(1_000_000_000, 1_000_000_000))
    assert fontcache.entry_path(str(copy), 0) != before  # a changed file is parsed, not restored
    assert fontcache.entry_path(str(copy), 1) != fontcache.entry_path(str(copy), 0)


def test_a_broken_entry_means_parsing(cache):
    entry = fontcache.entry_path(LATIN, 0)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"not marshal data")
    font = CachedTTFont("plain", LATIN)
    _same(_fields(TTFont("plain", LATIN)), _fields(font))


def test_no_cache_folder_no_entries(monkeypatch, tmp_path):
    monkeypatch.setenv("TAREPORT_CACHE_DIR", "")
    assert fontcache.entry_path(LATIN, 0) is None
    font = CachedTTFont("a", LATIN)
    assert font.face.charToGlyph[ord("A")]


def test_an_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("TAREPORT_CACHE_DIR", str(blocker))
    font = CachedTTFont("a", LATIN)
    assert font.face.charToGlyph[ord("A")]


def test_the_pdf_is_the_same_with_a_cold_and_a_warm_cache(cache):
    import tareport
    from tareport.render.pdf import fonts, render

    view = tareport.load(Path(__file__).resolve().parents[1] / "content" / "sample").view("zh")
    outputs = []
    for _ in range(2):
        fonts._REGISTERED.clear()  # register (and so read the cache) again
        outputs.append(render(view))
    assert outputs[0] == outputs[1]


def _subset(face) -> list[int]:
    return [0] + [ord(c) for c in "Abc 123 中文，产权组织（见表 1）" if ord(c) in face.charToGlyph]


@pytest.mark.parametrize("path", FONTS)
def test_a_cached_face_cuts_the_same_subsets_reading_only_what_they_need(cache, path, monkeypatch):
    plain = TTFont("plain", path).face
    CachedTTFont("warm", path)  # writes the entry
    reads, real = [], os.pread
    monkeypatch.setattr(os, "pread", lambda fd, n, at: reads.append(n) or real(fd, n, at))
    face = CachedTTFont("cached", path).face
    assert face.makeSubset(_subset(plain)) == plain.makeSubset(_subset(plain))
    assert reads and sum(reads) < os.path.getsize(path) / 10  # the header and the subset's glyphs, not the file


def test_without_pread_a_cached_face_reads_the_file_whole(cache, monkeypatch):
    plain = TTFont("plain", LATIN).face
    CachedTTFont("warm", LATIN)
    monkeypatch.setattr(fontcache.FileBytes, "supported", False)
    face = CachedTTFont("cached", LATIN).face
    assert isinstance(face._ttf_data, bytes)
    assert face.makeSubset(_subset(plain)) == plain.makeSubset(_subset(plain))
