"""Find .notdef glyphs in a PDF: characters drawn with glyph 0 of their font.

A font subset embedded by reportlab is a TrueType file whose ``cmap`` maps
each code of the subset to a glyph; a character the original font lacked
maps to glyph 0 (.notdef), drawn as an empty box. This reads the PDF's
objects, decodes the content streams (ASCII85, Flate), collects the codes
each font resource draws with ``Tj``, and looks each one up in the embedded
``FontFile2`` subset's ``cmap``. Written here because no library of the test
stack reads embedded TrueType cmaps (pypdf and fontTools are not dependencies).
"""
from __future__ import annotations

import base64
import re
import struct
import zlib
from pathlib import Path

_OBJ = re.compile(rb"(?m)^(\d+) 0 obj\s*")
_TOKEN = re.compile(rb"/([^\s/\[\]()<>]+)\s+[-\d.]+\s+Tf|(\()")


def objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Object number → (dictionary text, decoded stream or None)."""
    out: dict[int, tuple[bytes, bytes | None]] = {}
    pos = 0
    while True:
        m = _OBJ.search(data, pos)
        if not m:
            return out
        start = m.end()
        stream_at = data.find(b"stream", start)
        end_at = data.find(b"endobj", start)
        if stream_at != -1 and (end_at == -1 or stream_at < end_at):
            head = data[start:stream_at]
            body = stream_at + len(b"stream")
            body += 2 if data[body:body + 2] == b"\r\n" else 1
            length_match = re.search(rb"/Length (\d+)", head)
            if not length_match:
                return out
            length = int(length_match.group(1))
            raw = data[body:body + length]
            filters = re.search(rb"/Filter\s*\[?([^\]>]*)", head)
            for name in re.findall(rb"/(\w+)", filters.group(1)) if filters else []:
                if name == b"ASCII85Decode":
                    raw = base64.a85decode(raw.strip().removesuffix(b"~>"))
                elif name == b"FlateDecode":  # what can be decoded (a test may truncate a file on purpose)
                    raw = zlib.decompressobj().decompress(raw)
            out[int(m.group(1))] = (head, raw)
            pos = data.find(b"endobj", body + length)
        else:
            out[int(m.group(1))] = (data[start:end_at], None)
            pos = end_at
        if pos == -1:
            return out


def _cmap_codes(font: bytes):
    """(code, glyph) pairs of the (1, 0) and (3, 0) cmap subtables, formats 0 and 6."""
    num_tables = struct.unpack(">H", font[4:6])[0]
    tables = {}
    for i in range(num_tables):
        tag, _, offset, length = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        tables[tag] = offset
    if b"cmap" not in tables:
        return
    base = tables[b"cmap"]
    _, count = struct.unpack(">HH", font[base:base + 4])
    for i in range(count):
        _, _, off = struct.unpack(">HHI", font[base + 4 + 8 * i:base + 12 + 8 * i])
        sub = base + off
        fmt = struct.unpack(">H", font[sub:sub + 2])[0]
        if fmt == 6:
            first, n = struct.unpack(">HH", font[sub + 6:sub + 10])
            glyphs = struct.unpack(f">{n}H", font[sub + 10:sub + 10 + 2 * n])
            yield from ((first + k, g) for k, g in enumerate(glyphs))
        elif fmt == 0:
            yield from enumerate(font[sub + 6:sub + 262])


def _literal(data: bytes, i: int) -> tuple[bytes, int]:
    """The PDF literal string that starts after the ``(`` at ``i``; returns (bytes, end)."""
    out, depth = bytearray(), 1
    escapes = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    while i < len(data):
        c = data[i]
        if c == 0x5C:
            octal = re.match(rb"[0-7]{1,3}", data[i + 1:i + 4])
            if octal:
                out.append(int(octal.group(0), 8) & 0xFF)
                i += 1 + len(octal.group(0))
            else:
                nxt = data[i + 1:i + 2]
                out += escapes.get(nxt, nxt)
                i += 2
            continue
        depth += c == 0x28
        depth -= c == 0x29
        if depth == 0:
            return bytes(out), i + 1
        out.append(c)
        i += 1
    return bytes(out), i


def drawn_codes(objs) -> dict[str, set[int]]:
    """For each font resource name, the byte codes the content streams draw with it."""
    used: dict[str, set[int]] = {}
    for head, content in objs.values():
        if content is None or b"/Length1" in head or b"Tf" not in content:
            continue
        font, i = None, 0
        while m := _TOKEN.search(content, i):
            if m.group(1):
                font, i = m.group(1).decode(), m.end()
            else:
                string, i = _literal(content, m.end())
                if font is not None:
                    used.setdefault(font, set()).update(string)
    return used


def notdef_glyphs(pdf: Path | bytes) -> list[tuple[str, str, int]]:
    """(font resource, font name, code) of every drawn character whose glyph is .notdef."""
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    objs = objects(data)
    resources: dict[str, int] = {}
    for head, stream in objs.values():
        if stream is None:
            for name, ref in re.findall(rb"/(F[\w+]*)\s+(\d+) 0 R", head):
                resources[name.decode()] = int(ref)
    found = []
    for font, codes in drawn_codes(objs).items():
        head = objs.get(resources.get(font, -1), (b"", None))[0]
        descriptor = re.search(rb"/FontDescriptor (\d+) 0 R", head)
        if not descriptor:
            continue  # a standard or CID font: no embedded TrueType subset to check
        desc = objs.get(int(descriptor.group(1)), (b"", None))[0]
        ref = re.search(rb"/FontFile2 (\d+) 0 R", desc)
        name = re.search(rb"/FontName /(\S+)", desc)
        if not ref or objs.get(int(ref.group(1)), (b"", None))[1] is None:
            continue
        cmap = dict(_cmap_codes(objs[int(ref.group(1))][1]))
        found += [(font, name.group(1).decode() if name else "?", code)
                  for code in sorted(codes) if cmap.get(code, 0) == 0]
    return found
