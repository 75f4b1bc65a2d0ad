"""Parsed TrueType fonts kept between runs, so that a process does not parse the same files again.

reportlab parses a font's tables (cmap, hmtx, loca …) in Python each time a
process registers it: about 0.1 s for each Chinese font, over a quarter of a
second for the five fonts of a document, in every run. What the parse yields
is plain data (numbers, names, tables of widths and glyph positions), so it
is saved in the user cache folder (:mod:`tareport.usercache`), keyed by the
font file's path, face index, size and modification time and by reportlab's
version, and a later run restores it on the face instead of parsing. The
font file itself is still read (subsets are cut from its bytes). The data is
stored with :mod:`marshal` (plain values only, nothing executable); a
missing, stale or unreadable entry means parsing as before.
"""
from __future__ import annotations

import hashlib
import marshal
import os
from array import array
from collections.abc import Sequence
from fnmatch import fnmatch
from pathlib import Path
import weakref
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.rl_config import unShapedFontGlob
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from ... import usercache

#: Changes when what is stored changes: entries of another format are ignored.
FORMAT = 2
_NAME = "\0name"  # the tag of a TTFNameBytes (bytes with their decoded text)
_SKIP = {"_ttf_data", "_pdfScale", "_cache_entry", "_packed", "_cached"}  # the file's bytes (read anyway), a function, our own


def entry_path(path: str, index: int) -> Path | None:
    """Where the parsed data of face ``index`` of ``path`` is kept, for the file as it is now."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    key = f"{FORMAT}|{reportlab.Version}|{os.path.realpath(path)}|{index}|{stat.st_size}|{stat.st_mtime_ns}"
    return usercache.entry("fonts", hashlib.sha256(key.encode()).hexdigest()[:32] + ".marshal")


def _column(values: list):
    """A list of numbers as packed machine values (``array``), or None when it holds anything else."""
    kinds = {type(v) for v in values}
    if kinds <= {int} and all(-2 ** 63 <= v < 2 ** 63 for v in values):
        return ("q", array("q", values).tobytes())
    if kinds <= {int, float}:  # floats, or a mix: the positions of the ints are kept
        ints = [i for i, v in enumerate(values) if type(v) is int]
        return ("d", array("d", values).tobytes(), array("q", ints).tobytes())
    return None


def _unpack(column) -> tuple[array, frozenset]:
    """The packed values and the positions of those that were ints among floats."""
    values = array(column[0])
    values.frombytes(column[1])
    ints = array("q")
    if len(column) == 3:
        ints.frombytes(column[2])
    return values, frozenset(ints)


def _uncolumn(column) -> list:
    values, ints = _unpack(column)
    out = values.tolist()
    for i in ints:
        out[i] = int(out[i])
    return out


class PackedColumn(Sequence):
    """A read-only list of numbers over packed values: indexing reads one, nothing is unpacked at load.

    reportlab reads ``glyphPos`` and ``hmetrics`` only at the glyphs of a subset, a few hundred of
    tens of thousands."""

    __slots__ = ("_values", "_ints")

    def __init__(self, column):
        self._values, self._ints = _unpack(column)

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        value = self._values[i]
        return int(value) if self._ints and (i % len(self._values)) in self._ints else value


class PackedPairs(Sequence):
    """A read-only list of pairs (``hmetrics``: advance, left side bearing) over two packed columns."""

    __slots__ = ("_first", "_second")

    def __init__(self, first, second):
        self._first, self._second = PackedColumn(first), PackedColumn(second)

    def __len__(self) -> int:
        return len(self._first)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return (self._first[i], self._second[i])


def _encode(value):
    """A field as marshal stores it: big tables of numbers packed (unpacking ~40,000 small objects
    one by one is what makes a plain marshal slow), names as (bytes, text)."""
    if isinstance(value, TTFNameBytes):
        return (_NAME, bytes(value), value.ustr)
    if isinstance(value, dict) and len(value) > 64:
        keys = _column(list(value))
        items = list(value.values())
        if keys is not None and all(type(v) is list for v in items):  # glyph -> characters
            flat = _column([c for v in items for c in v])
            if flat is not None:
                return ("\0dict-lists", keys, _column([len(v) for v in items]), flat)
        values = _column(items)
        if keys is not None and values is not None:
            return ("\0dict", keys, values)
    if isinstance(value, list) and len(value) > 64:
        column = _column(value)
        if column is not None:
            return ("\0list", column)
        if all(type(v) is tuple and len(v) == 2 for v in value):
            firsts, seconds = _column([v[0] for v in value]), _column([v[1] for v in value])
            if firsts is not None and seconds is not None:
                return ("\0pairs", firsts, seconds)
    return value


def _decode(value):
    if type(value) is not tuple or not value or type(value[0]) is not str or value[0][:1] != "\0":
        return value
    tag = value[0]
    if tag == _NAME:
        name = TTFNameBytes(value[1])
        name.ustr = value[2]
        return name
    if tag == "\0dict":
        return dict(zip(_uncolumn(value[1]), _uncolumn(value[2])))
    if tag == "\0dict-lists":
        flat, out, at = _uncolumn(value[3]), {}, 0
        for key, count in zip(_uncolumn(value[1]), _uncolumn(value[2])):
            out[key] = flat[at:at + count]
            at += count
        return out
    if tag == "\0list":
        return PackedColumn(value[1])
    if tag == "\0pairs":
        return PackedPairs(value[1], value[2])
    return value


def _scale(units_per_em: int):
    """reportlab's font-unit → 1/1000 em scaling, as its parser makes it."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def _read(entry: Path) -> dict | None:
    blob = usercache.read(entry)
    if blob is None:
        return None
    try:
        data = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or "unitsPerEm" not in data or "charToGlyph" not in data:
        return None
    return data


def _write(entry: Path, fields: dict) -> None:
    try:
        blob = marshal.dumps({name: _encode(value) for name, value in fields.items()})
    except ValueError:  # a value marshal cannot store (a newer reportlab's): no entry
        return
    usercache.write(entry, blob)


#: Fields decoded when first used, not when the face is made: reportlab reads ``glyphToChar``
#: only to shape text, and decoding it is most of the cost of a cached face. (Long lists of
#: numbers, ``hmetrics`` and ``glyphPos``, stay packed: see :class:`PackedColumn`.)
LAZY = frozenset(("glyphToChar",))


class CachedFace(TTFontFace):
    """A TrueType face whose parsed tables come from the cache when the file is unchanged."""

    def __init__(self, filename: str, subfontIndex: int = 0):
        self._cache_entry = entry_path(filename, subfontIndex)
        self._packed = {}
        self._cached = _read(self._cache_entry) if self._cache_entry is not None else None
        if self._cached is not None and FileBytes.supported:
            # parsed already: of the file, only the header and the glyphs of the subsets are read
            self.filename, self._ttf_data = filename, FileBytes(filename)
        super().__init__(filename, subfontIndex=subfontIndex)

    def __getattr__(self, name: str):  # only called for a field not (yet) in the instance
        packed = self.__dict__.get("_packed")
        if packed and name in packed:
            value = self.__dict__[name] = _decode(packed.pop(name))
            return value
        raise AttributeError(name)

    def extractInfo(self, charInfo=1):
        entry = self._cache_entry
        fields = self.__dict__.pop("_cached", None) if charInfo else None
        if fields is not None:
            for name, value in fields.items():
                if name in LAZY:
                    self._packed[name] = value
                else:
                    setattr(self, name, _decode(value))
            self._pdfScale = _scale(self.unitsPerEm)
            return
        super().extractInfo(charInfo)
        if entry is not None and charInfo:
            _write(entry, {k: v for k, v in self.__dict__.items() if k not in _SKIP})


    def get_table(self, tag):
        """A table of the font file. The glyph table is given as a view that slices the file's bytes
        directly: reportlab takes it whole for every subset it cuts and reads only the subset's glyphs from
        it, and copying it each time (about 15 MB in a Chinese font) was most of the cost of a subset."""
        if tag != "glyf":
            return super().get_table(tag)
        pos, length = self.get_table_pos(tag)
        return _TableView(self._ttf_data, pos, length)


class _TableView:
    """Bytes ``start:start + length`` of ``data``, sliced without a copy of the whole."""

    __slots__ = ("_data", "_start", "_length")

    def __init__(self, data, start: int, length: int):
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("a font table view is read by slices")
        start, stop, step = key.indices(self._length)
        if step != 1:
            raise TypeError("a font table view is read by contiguous slices")
        return self._data[self._start + start:self._start + max(start, stop)]


class FileBytes:
    """The bytes of a file, read where they are sliced (``os.pread``) rather than all at once.

    A Chinese font file is 15-20 MB, of which a document needs the header and a few hundred glyphs;
    reading it whole took longer than all the rest of registering a cached face. The file stays open
    while the face lives (an open file keeps the bytes it had if the font is replaced, as packages do).
    """

    supported = hasattr(os, "pread")

    def __init__(self, path: str):
        self._fd = os.open(path, os.O_RDONLY)
        self._size = os.fstat(self._fd).st_size
        weakref.finalize(self, os.close, self._fd)

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(self._size)
            if step != 1:
                raise TypeError("file bytes are read by contiguous slices")
            return os.pread(self._fd, max(0, stop - start), start) if stop > start else b""
        if key < 0:
            key += self._size
        if not 0 <= key < self._size:
            raise IndexError("file index out of range")
        return os.pread(self._fd, 1, key)[0]


class CachedTTFont(TTFont):
    """reportlab's ``TTFont`` with a :class:`CachedFace` (its constructor, with the face swapped)."""

    def __init__(self, name: str, filename: str, subfontIndex: int = 0):
        self.fontName = name
        self.face = CachedFace(filename, subfontIndex=subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, pattern) for pattern in unShapedFontGlob)
