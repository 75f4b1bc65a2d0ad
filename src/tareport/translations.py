"""Translation status: which texts are complete, stale or missing, and confirming them.

A document declares the language its translations are made from
(``translations_from: zh`` in ``document.yaml``). Each translated text records
the short hash of the source text it was made from, beside it::

    text:
      zh: 本报告介绍了……
      en: This report presents …
      en_from: 3f2a9c1d

When the source text changes, its hash no longer matches and the translation
is *stale* until a translator has checked it and runs ``tareport confirm``,
which writes the current hashes into the YAML files (editing only those
lines, so comments and layout are kept). The hash is taken over the source
text with its line breaks folded, so rewrapping a paragraph changes nothing.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .cjk import fold_line_breaks
from .diagnostics import Diagnostic
from .text import Text

COMPLETE, STALE, UNCONFIRMED, MISSING = "complete", "stale", "unconfirmed", "missing"


def short_hash(source: str) -> str:
    """8 hex digits of SHA-256 over the text as read (line breaks folded, NFC already applied)."""
    return hashlib.sha256(fold_line_breaks(source).strip().encode("utf-8")).hexdigest()[:8]


def status(text: Text, source_lang: str, lang: str) -> str | None:
    """``complete``/``stale``/``unconfirmed``/``missing`` of one text's ``lang`` version
    (``None`` when there is nothing to translate: no source text, or ``lang`` is the source)."""
    if lang == source_lang or source_lang not in text.source:
        return None
    if lang not in text.source:
        return MISSING
    recorded = text.made_from.get(lang)
    if recorded is None:
        return UNCONFIRMED
    return COMPLETE if recorded == short_hash(text.source[source_lang]) else STALE


def stale_texts(texts, source_lang: str, lang: str) -> list[Diagnostic]:
    """A diagnostic for each stale or never confirmed ``lang`` text."""
    out = []
    for text in texts:
        state = status(text, source_lang, lang)
        if state in (STALE, UNCONFIRMED):
            pos, _ = text.lang_pos.get(lang, (None, None))
            reason = (f"the {source_lang} text changed since this {lang} text was confirmed" if state == STALE
                      else f"no record of the {source_lang} text this {lang} text was made from")
            out.append(Diagnostic(pos or text.pos, f"stale {lang} text: {reason}; check it, then run "
                                                   f"`tareport confirm --lang {lang}`"))
    return out


@dataclass
class FileStatus:
    file: str
    counts: Counter = field(default_factory=Counter)


def report(texts, source_lang: str, lang: str) -> list[FileStatus]:
    """Per file, how many ``lang`` texts are complete, stale (or unconfirmed) and missing."""
    files: dict[str, FileStatus] = {}
    for text in texts:
        state = status(text, source_lang, lang)
        if state is None or text.pos is None:
            continue
        entry = files.setdefault(text.pos.file, FileStatus(text.pos.file))
        entry.counts[STALE if state == UNCONFIRMED else state] += 1
    return list(files.values())


# -- confirm: write the hashes into the YAML files ---------------------------------------------

def _text_mappings(node):
    """Every mapping node of a composed YAML tree."""
    if isinstance(node, yaml.MappingNode):
        yield node
        for key, value in node.value:
            yield from _text_mappings(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _text_mappings(item)


def _scalar(node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def stamp(source: str, source_lang: str, lang: str, hashes: dict[str, str]) -> tuple[str, int]:
    """``source`` (a YAML file's text) with ``<lang>_from: <hash>`` written into every text
    mapping that has both languages; ``hashes`` maps a source text (as read) to its hash.
    Returns the new text and the number of mappings changed."""
    root = yaml.compose(source, Loader=yaml.SafeLoader)  # the pure-Python loader: character indices
    edits: list[tuple[int, int, str]] = []
    key = f"{lang}_from"
    for mapping in _text_mappings(root):
        entries = {_scalar(k): (k, v) for k, v in mapping.value}
        if source_lang not in entries or lang not in entries:
            continue
        src = _scalar(entries[source_lang][1])
        src = unicodedata.normalize("NFC", src) if src is not None else None
        if src is None or _scalar(entries[lang][1]) is None or src not in hashes:
            continue
        wanted = hashes[src]
        if not isinstance(yaml.safe_load(wanted), str):  # "12345678", "1e234567": keep them strings
            wanted = f'"{wanted}"'
        if key in entries:
            value = entries[key][1]
            if value.value != wanted.strip('"'):
                edits.append((value.start_mark.index, value.end_mark.index, wanted))
            continue
        lang_key, lang_value = entries[lang]
        if mapping.flow_style:
            at = lang_value.end_mark.index
            edits.append((at, at, f", {key}: {wanted}"))
        else:
            end = lang_value.end_mark.index
            while end > 0 and source[end - 1] in " \t\r\n":
                end -= 1
            eol = source.find("\n", end)
            at = len(source) if eol == -1 else eol + 1
            prefix = "" if eol != -1 else "\n"
            edits.append((at, at, f"{prefix}{' ' * lang_key.start_mark.column}{key}: {wanted}\n"))
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source, len(edits)


def confirm(files: list[Path], texts, source_lang: str, lang: str) -> dict[Path, int]:
    """Record, in each file, the hash of the current source text of every translated text.

    Files are rewritten atomically and only where a hash changes."""
    from .output import write_atomic

    hashes = {text.source[source_lang]: short_hash(text.source[source_lang])
              for text in texts if source_lang in text.source and lang in text.source}
    changed = {}
    for path in files:
        before = path.read_text(encoding="utf-8")
        after, count = stamp(before, source_lang, lang, hashes)
        if count:
            write_atomic(path, after.encode("utf-8"))
            changed[path] = count
    return changed
