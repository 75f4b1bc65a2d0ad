"""Multilingual text: one field, its languages side by side.

A :class:`Text` holds, per language code, the source string and its parsed
inline nodes. It is a pydantic custom type (not a model) so that a content
file writes it as a plain mapping ``{zh: …, en: …}`` and the JSON Schema
offers exactly that. Validation parses the inline markup at load time,
normalizes each text to Unicode NFC (so a decomposed "José" is one glyph in
every renderer) and records each language's position for later diagnostics.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

from .diagnostics import Diagnostic, Position
from .inline import FootnoteMark, Ref, Str, parse_inline, walk
from .source import PosDict, scalar_positions, yaml_kind

LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_LANG = re.compile(LANG_PATTERN)
# ``en_from: 1a2b3c4d``: the short hash of the source-language text a translation was made
# from (written by ``tareport confirm``); ``differs: {numbers: reason}``: a reasoned exception
# to an alignment check (see :mod:`tareport.alignment`).
FROM_PATTERN = r"^([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)_from$"
_FROM = re.compile(FROM_PATTERN)
_HASH = re.compile(r"^[0-9a-f]{8}$")
DIFFERS_KEY = "differs"
#: Inline mistakes listed per text, and mistakes after which a file's remaining texts are not parsed:
#: enough to fix a file by, few enough that a hostile file is checked in a moment.
MAX_TEXT_DIAGNOSTICS, MAX_FILE_DIAGNOSTICS = 50, 500
ALIGNMENT_CHECKS = ("numbers", "marks", "script")


class Text:
    """A text in several languages: ``source[lang]`` and parsed ``inlines[lang]``."""

    __slots__ = ("source", "inlines", "pos", "lang_pos", "made_from", "differs", "_positions")

    def __init__(self, source: dict[str, str], inlines=None, pos: Position | None = None, lang_pos=None,
                 made_from: dict[str, str] | None = None, differs: dict[str, str] | None = None):
        self.source = dict(source)
        self.inlines = inlines if inlines is not None else {k: parse_inline(v)[0] for k, v in self.source.items()}
        self.pos = pos
        self.lang_pos = lang_pos or {}
        self.made_from = made_from or {}  # lang -> short hash of the source text it was translated from
        self.differs = differs or {}  # alignment check -> the written reason it does not apply
        self._positions: dict[str, dict[int, Position]] = {}  # lang -> offset -> position, found in one walk

    def __repr__(self) -> str:
        return f"Text({self.source!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Text) and other.source == self.source

    __hash__ = None

    def get(self, lang: str):
        return self.inlines.get(lang)

    def languages(self) -> set[str]:
        return set(self.source)

    @classmethod
    def _validate(cls, value: Any, info) -> "Text":
        if isinstance(value, Text):
            return value
        if not isinstance(value, dict):
            raise PydanticCustomError(
                "text_type",
                "expected a text: a mapping of language to text, e.g. {example}, got {got}",
                {"got": yaml_kind(value), "example": "{zh: …, en: …}"},
            )
        context = info.context or {}
        allowed = context.get("languages")
        sink: list[Diagnostic] | None = context.get("diagnostics")
        lines = context.get("source_lines", [])
        source, inlines, lang_pos, made_from, differs = {}, {}, {}, {}, {}
        for lang, raw in value.items():
            if lang == DIFFERS_KEY:
                if not isinstance(raw, dict) or not raw or any(
                        k not in ALIGNMENT_CHECKS or not isinstance(v, str) or not v.strip() for k, v in raw.items()):
                    raise PydanticCustomError(
                        "text_differs", "differs: a mapping of alignment check ({checks}) to the written reason, "
                        "e.g. {example}",
                        {"checks": ", ".join(ALIGNMENT_CHECKS),
                         "example": "differs: {numbers: \"the source counts decades; English writes 1990s\"}"})
                differs.update(raw)
                continue
            hashed = _FROM.match(lang) if isinstance(lang, str) else None
            if hashed:
                if not isinstance(raw, str) or not _HASH.match(raw):
                    raise PydanticCustomError(
                        "text_from", "{key}: 8 hexadecimal digits, the hash written by `tareport confirm`",
                        {"key": lang})
                made_from[hashed.group(1)] = raw
                continue
            if not isinstance(lang, str) or not _LANG.match(lang):
                raise PydanticCustomError(
                    "text_lang", "'{lang}' is not a language code (e.g. zh, en); in a flow mapping {example} "
                    "quote a text that contains a comma", {"lang": lang, "example": "{zh: …, en: …}"})
            if allowed is not None and lang not in allowed:
                raise PydanticCustomError(
                    "text_lang",
                    "language '{lang}' is not declared in document.yaml (languages: {allowed})",
                    {"lang": lang, "allowed": ", ".join(allowed)},
                )
            if raw is None:
                continue  # an empty key is a missing translation, reported by check --lang
            if not isinstance(raw, str):
                raise PydanticCustomError("text_value", "the {lang} text must be a string, got {got}",
                                          {"lang": lang, "got": yaml_kind(raw)})
            pos = value.value_pos.get(lang) if isinstance(value, PosDict) else None
            style = value.styles.get(lang) if isinstance(value, PosDict) else None
            if not raw.strip():
                message = f"the {lang} text is empty: write it, or leave '{lang}' out until it is translated"
                if sink is None or pos is None:
                    raise PydanticCustomError("text_value", "{msg}", {"msg": message})
                sink.append(Diagnostic(pos, message))
            if sink is not None and len(sink) >= MAX_FILE_DIAGNOSTICS:
                source[lang], inlines[lang] = raw, (Str(raw),)  # the file is refused already: not parsed further
                continue
            nodes, errors = parse_inline(raw)
            if errors:
                if sink is None or pos is None:
                    raise PydanticCustomError("inline", "{msg}", {"msg": errors[0][1]})
                errors.sort()
                shown = errors[:MAX_TEXT_DIAGNOSTICS + 1]
                places = scalar_positions(lines, pos, style, raw, [offset for offset, _ in shown])
                sink.extend(Diagnostic(where, message) for where, (_, message) in zip(places, shown[:MAX_TEXT_DIAGNOSTICS]))
                if len(errors) > MAX_TEXT_DIAGNOSTICS:
                    sink.append(Diagnostic(places[-1], f"{len(errors) - MAX_TEXT_DIAGNOSTICS} more mistakes in this "
                                                       f"{lang} text from here (only the first {MAX_TEXT_DIAGNOSTICS} "
                                                       "are listed)"))
            composed = unicodedata.normalize("NFC", raw)
            if composed != raw:  # "Jose\u0301" is drawn as one glyph "José"; positions stay the file's
                raw, nodes = composed, parse_inline(composed)[0]
            source[lang], inlines[lang] = raw, nodes
            lang_pos[lang] = (pos, style)
        return cls(source, inlines, value.pos if isinstance(value, PosDict) else None, lang_pos, made_from, differs)

    def position_of(self, lang: str, offset: int, source_lines: list[str]) -> Position | None:
        """Position of a character of one language's source string."""
        pos, style = self.lang_pos.get(lang, (None, None))
        if pos is None:
            return self.pos
        known = self._positions.get(lang)
        if known is None:  # every mark and reference of this language in one walk
            offsets = [0] + [n.offset for n in walk(self.inlines.get(lang, ())) if isinstance(n, (FootnoteMark, Ref))]
            known = self._positions[lang] = dict(zip(offsets, scalar_positions(
                source_lines, pos, style, self.source[lang], offsets)))
        if offset not in known:
            known[offset] = scalar_positions(source_lines, pos, style, self.source[lang], [offset])[0]
        return known[offset]

    @classmethod
    def __get_pydantic_core_schema__(cls, source_type: Any, handler: GetCoreSchemaHandler):
        return core_schema.with_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda t: t.source),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema, handler: GetJsonSchemaHandler):
        return {
            "type": "object",
            "description": "A text in each language, e.g. {zh: 导言, en: Introduction}. Inline markup: see content/FORMAT.md.",
            "patternProperties": {
                LANG_PATTERN: {"type": ["string", "null"]},
                FROM_PATTERN: {"type": "string", "pattern": "^[0-9a-f]{8}$",
                               "description": "hash of the source text this translation was made from"},
            },
            "properties": {DIFFERS_KEY: {
                "type": "object", "description": "reasoned exceptions to alignment checks",
                "propertyNames": {"enum": list(ALIGNMENT_CHECKS)},
                "additionalProperties": {"type": "string", "minLength": 1}}},
            "additionalProperties": False,
            "minProperties": 1,
        }
