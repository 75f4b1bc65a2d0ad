"""Reading YAML content files while remembering where every value came from.

PyYAML's safe loader builds plain dicts and lists and forgets the nodes'
marks; we subclass it so that mappings and sequences keep the position of
each key and value. Later stages (model validation, inline parsing,
resolution) use those positions to report ``file:line:column``. Only the
safe constructors are used: no Python objects can be created from content.

Bad input is a diagnostic, never an exception: every constructor reports a
value it cannot build (``2024-02-30``, ``!!int ninety-nine``, ``!!map [1]``,
an unknown tag) at the value and goes on, so one run shows every mistake.
Before anything is built, one pass over the parser's events bounds nesting
depth and alias expansion, so a small file cannot make the reader recurse
too deep or expand a "billion laughs" of aliases. Characters that no
document can hold (control characters, surrogates, non-characters) are
reported where they are written, even when written as an escape.

Floats are read as :class:`decimal.Decimal` from their written digits, so
``20.60`` keeps its two decimals and money never goes through binary floats.
"""
from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
from decimal import Decimal, InvalidOperation

import yaml

from .diagnostics import Diagnostic, Position

#: Deeper than any content needs (a list in a list item in a box is about 10 levels).
MAX_DEPTH = 64
#: Values that aliases (``*name``, ``<<: *name``) may add to one file by repeating what they name.
MAX_ALIAS_VALUES = 10_000
#: Digits of an integer; longer ones are not numbers a document prints.
MAX_INT_DIGITS = 18

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parser when available
#: Line breaks as YAML counts them (``\r`` is already translated by reading in text mode).
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
#: Characters that Word's XML cannot hold (C0 controls but tab and line feed, surrogates, U+FFFE/U+FFFF)
#: or that no font draws (DEL, C1 controls, the non-characters U+FDD0-U+FDEF). One BMP character class:
#: fast enough to scan every string of a file (the rare astral non-characters are left to the glyph check).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


_STR_TAG = "tag:yaml.org,2002:str"


def printable(value: str) -> bool:
    """No character a document cannot hold (``str.isprintable`` settles most strings at C speed)."""
    return value.isprintable() or _UNPRINTABLE.search(value) is None


def source_lines(text: str) -> list[str]:
    """A file's lines as YAML numbers them (NEL, LS and PS end a line too)."""
    if not any(c in text for c in "\r\x85\u2028\u2029"):  # the usual file: str.split, ten times the pattern's speed
        return text.split("\n")
    return _LINE_BREAK.split(text)


def describe_char(char: str) -> str:
    """``U+000B (a control character)``: how a message names a character."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        kind = "half of a surrogate pair"
    elif unicodedata.category(char) == "Cc":
        kind = "a control character"
    else:
        kind = "a Unicode non-character"
    return f"U+{code:04X} ({kind})"


def yaml_kind(value) -> str:
    """What a value is, in YAML's words (for messages): ``a list``, never ``PosList``."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "binary data" if isinstance(value, bytes) else "an unsupported value"


class Located:
    """Mixin: positions of a mapping's keys/values or a sequence's items."""

    pos: Position
    key_pos: dict
    value_pos: dict
    styles: dict


class PosDict(dict, Located):
    pass


class PosList(list, Located):
    pass


class _Builder(yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Builds the data straight from libyaml's events, in one pass that also bounds it.

    PyYAML would compose a node graph first (a node and two marks per value,
    most of a large file's reading time) and then construct from it; we keep
    only the events' start marks. Nesting depth and alias expansion are
    counted as the events arrive, so a small file cannot make the reader
    recurse too deep or expand a "billion laughs" of aliases: each collection
    counts the values it holds, an alias adds the count of what it names.
    """

    def __init__(self, file: str, lines: list[str]):
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.file = file
        self.lines = lines
        self.diagnostics: list[Diagnostic] = []
        self._resolved: dict[str, str] = {}

    def mark_pos(self, mark) -> Position:
        return Position(self.file, mark.line + 1, mark.column + 1)

    def report(self, where, message: str) -> None:
        """A diagnostic at a node or a mark."""
        mark = getattr(where, "start_mark", where)
        self.diagnostics.append(Diagnostic(self.mark_pos(mark), message))

    def build(self, events) -> object:
        """The document's data (None when the stream holds none); raises yaml.YAMLError."""
        stack: list[_Open] = []
        anchors: dict[str, tuple] = {}  # anchor -> (value, values it holds, its mark, its style)
        open_anchors: set[str] = set()
        added = 0
        result, documents, first = None, 0, None
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                at = event.start_mark if event.anchor is None and event.tag is None else self._value_mark(event)
                value, size, style, anchor = self._scalar(event, at), 1, event.style, event.anchor
                # a text is placed where its characters start (columns inside it count from there); any other
                # value where it is written, anchor and tag included (where the reader reports what it cannot build)
                mark = at if isinstance(value, str) else event.start_mark
                if anchor is not None:
                    self._new_anchor(event, anchors, open_anchors)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _Bound(event.start_mark, f"nested deeper than {MAX_DEPTH} levels")
                if event.anchor is not None:
                    self._new_anchor(event, anchors, open_anchors)
                    open_anchors.add(event.anchor)
                stack.append(_Open(self, event))
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                value, size, anchor, mark, style = done.finish(), done.size, done.anchor, done.mark, None
                if anchor is not None:
                    open_anchors.discard(anchor)
            elif kind is yaml.AliasEvent:
                if event.anchor not in anchors:
                    problem = ("an alias cannot repeat the value that holds it" if event.anchor in open_anchors
                               else f"found undefined alias {event.anchor!r}")
                    raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
                # an alias stands for the value where it is written: positions inside it point there
                (value, size, mark, style), anchor = anchors[event.anchor], None
                added += size
                if added > MAX_ALIAS_VALUES:
                    raise _Bound(event.start_mark, f"aliases repeat more than {MAX_ALIAS_VALUES} values in this "
                                                   "file; write the values out")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 1:
                    first = event.start_mark
                else:
                    raise yaml.composer.ComposerError("expected a single document in the stream", first,
                                                      "but found another document", event.start_mark)
                continue
            else:
                continue
            if anchor is not None:
                anchors[anchor] = (value, size, mark, style)
            if stack:
                stack[-1].add(value, size, mark, style)
            else:
                result = "<<" if value is _MERGE else value
        return result

    def _new_anchor(self, event, anchors, open_anchors) -> None:
        if event.anchor in anchors or event.anchor in open_anchors:
            raise yaml.composer.ComposerError(None, None, f"found duplicate anchor {event.anchor!r}",
                                              event.start_mark)

    def _value_mark(self, event) -> "_Mark":
        """Where a scalar's value starts, after its anchor and tag (``&t !!str "…"``): the event's mark is at
        the ``&``, but columns inside the value are counted from its first character (or quote)."""
        line, col = event.start_mark.line, event.start_mark.column
        lines = self.lines
        while line < len(lines):
            text = lines[line]
            if col >= len(text) or text[col] in " \t":  # between properties, or the value is on a later line
                col += 1
                if col > len(text):
                    line, col = line + 1, 0
                continue
            if text[col] not in "&!" or (line, col) > (event.end_mark.line, event.end_mark.column):
                break
            while col < len(text) and text[col] not in " \t":  # the property itself
                col += 1
        return min(_Mark(line, col), _Mark(event.end_mark.line, event.end_mark.column))  # an empty value: its end

    def _scalar(self, event, mark):
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if not event.implicit[0] or value[:1] not in _RESOLVED_FIRST:
                tag = _STR_TAG  # a quoted string, or a plain one no implicit type can match: the usual text
            elif (tag := self._resolved.get(value)) is None:  # keys and values repeat: resolve each once
                tag = self.resolve(yaml.ScalarNode, value, event.implicit)
                if len(value) < 64:
                    self._resolved[value] = tag
            if tag == _STR_TAG and printable(value):
                return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        node.value_mark = mark
        construct = self.yaml_constructors.get(tag) or self.yaml_constructors[None]
        return construct(self, node)


#: First characters of plain scalars that an implicit type (number, date, null, bool, merge) may match.
_RESOLVED_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
assert None not in _RESOLVED_FIRST  # no resolver for every first character


class _Mark(typing.NamedTuple):
    """A place in the source (0-based, as libyaml's marks)."""

    line: int
    column: int


class _Bound(Exception):
    """A file beyond the reader's bounds (too deep, too many aliased values)."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


_MAP_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Open:
    """A mapping or sequence whose values are still arriving."""

    __slots__ = ("builder", "mark", "anchor", "size", "value", "key", "key_mark", "merges", "bad", "mapping")

    def __init__(self, builder: _Builder, event):
        self.builder, self.mark, self.anchor, self.size = builder, event.start_mark, event.anchor, 1
        self.mapping = isinstance(event, yaml.MappingStartEvent)
        kind = _MAP_TAG if self.mapping else _SEQ_TAG
        tag = event.tag if event.tag not in (None, "!") else kind
        self.bad = None if tag == kind else _tag_problem(tag, self.mapping)
        value = PosDict() if self.mapping else PosList()
        value.pos = builder.mark_pos(event.start_mark)
        value.key_pos, value.value_pos, value.styles = {}, {}, {}
        self.value, self.key, self.key_mark, self.merges = value, _NO_KEY, None, None

    def add(self, value, size: int, mark, style) -> None:
        self.size += size
        if self.bad:
            return
        result = self.value
        if value is _MERGE and (not self.mapping or self.key is not _NO_KEY):
            value = "<<"  # only a key merges; elsewhere it is the text it is
        if not self.mapping:
            index = len(result)
            result.append(value)
            result.key_pos[index] = result.value_pos[index] = self.builder.mark_pos(mark)
            result.styles[index] = style
            return
        if self.key is _NO_KEY:
            self.key, self.key_mark = value, mark
            return
        key, key_mark = self.key, self.key_mark
        self.key = _NO_KEY
        if key is _MERGE:
            self.merges = (self.merges or []) + [(value, mark)]
            return
        try:
            hash(key)
        except TypeError:
            self.builder.report(key_mark, "a mapping key must be a plain value")
            return
        if key in result:
            self.builder.report(key_mark, f"duplicate key {key!r}")
        result[key] = value
        result.key_pos[key] = self.builder.mark_pos(key_mark)
        result.value_pos[key] = self.builder.mark_pos(mark)
        result.styles[key] = style

    def finish(self):
        if self.bad:
            self.builder.diagnostics.append(Diagnostic(self.builder.mark_pos(self.mark), self.bad))
            return None
        if not self.merges:
            return self.value
        merged = PosDict()  # merged keys first, the mapping's own keys override them (as YAML's merge does)
        merged.pos, merged.key_pos, merged.value_pos, merged.styles = self.value.pos, {}, {}, {}
        sources = []  # in rising precedence: YAML's merge lets the first of a list win, and the mapping's own keys
        for value, mark in self.merges:
            items = value if isinstance(value, list) else [value]
            if not all(isinstance(item, PosDict) for item in items):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", self.mark,
                    "expected a mapping or list of mappings for merging", mark)
            sources += reversed(items)
        for source in [*sources, self.value]:
            for key, item in source.items():
                merged[key] = item
                merged.key_pos[key], merged.value_pos[key] = source.key_pos[key], source.value_pos[key]
                merged.styles[key] = source.styles.get(key)
        return merged


def _tag_problem(tag: str, mapping: bool) -> str:
    """Why a mapping (or a list) cannot carry ``tag``."""
    if tag in (_MAP_TAG, _SEQ_TAG):
        return f"{_tag_name(tag)} needs a {'mapping (key: value pairs)' if tag == _MAP_TAG else 'list (- item)'}"
    kind = tag.rsplit(":", 1)[-1]
    if tag.startswith("tag:yaml.org,2002:") and kind in _WHAT:  # !!str {a: 1}
        return f"{_tag_name(tag)} needs {_WHAT[kind]}, not a {'mapping' if mapping else 'list'}"
    return f"unknown tag {_tag_name(tag)!r}: content holds plain YAML values (no tags)"


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return self.name


_NO_KEY = _Marker("<no key yet>")
_MERGE = _Marker("<merge key>")


def _construct_merge(loader, node):
    return _MERGE


def _construct_value(loader, node):
    return loader.construct_scalar(node)


def _construct_str(loader: _Builder, node):
    value = loader.construct_scalar(node)
    if not isinstance(value, str):
        return value
    bad = None if printable(value) else _UNPRINTABLE.search(value)
    if bad:
        where = scalar_positions(loader.lines, loader.mark_pos(node.value_mark), node.style, value, [bad.start()])[0]
        loader.diagnostics.append(Diagnostic(
            where, f"character {describe_char(bad.group())} cannot be printed in a document; remove it"))
    return value


def _construct_float(loader: _Builder, node):
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        loader.report(node, f"{text!r} is not a finite number")
        return None
    return value


def _construct_int(loader: _Builder, node):
    text = str(loader.construct_scalar(node))
    if sum(c.isdigit() for c in text) > MAX_INT_DIGITS:
        loader.report(node, f"a number of {sum(c.isdigit() for c in text)} digits: "
                            f"numbers have at most {MAX_INT_DIGITS} digits")
        return None
    value = _SAFE.construct_yaml_int(loader, node)
    if abs(value) >= 10 ** MAX_INT_DIGITS:  # 0x…, 0o…, 0b… and 1_0… write more than their digits say
        loader.report(node, f"{text} is {len(str(abs(value)))} digits long: numbers have at most "
                            f"{MAX_INT_DIGITS} digits")
        return None
    return value


def _construct_undefined(loader: _Builder, node):
    loader.report(node, f"unknown tag {_tag_name(node.tag)!r}: content holds plain YAML values (no tags)")
    return None


def _tag_name(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


_WHAT = {"timestamp": "a date (YYYY-MM-DD)", "int": "an integer", "bool": "true or false", "null": "null",
         "binary": "base64 data", "str": "a string", "float": "a number"}


def _guarded(construct):
    """A scalar constructor that reports what it cannot build (``2024-02-30``) instead of raising."""

    def guarded(loader: _Builder, node):
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError,
                yaml.constructor.ConstructorError) as exc:
            value = node.value if isinstance(node, yaml.ScalarNode) else None
            kind = _WHAT.get(node.tag.rsplit(":", 1)[-1], _tag_name(node.tag))
            detail = f": {exc}" if isinstance(exc, ValueError) and node.tag.endswith("timestamp") else ""
            shown = f"{value!r}" if isinstance(value, str) else "this value"
            loader.report(node, f"{shown} is not {kind}{detail}")
            return None

    return guarded


_SAFE = yaml.constructor.SafeConstructor


def _construct_collection_tag(loader: _Builder, node):
    kind = "a mapping (key: value pairs)" if node.tag == _MAP_TAG else "a list (- item)"
    loader.report(node, f"{_tag_name(node.tag)} needs {kind}")
    return None


#: What a scalar of each tag becomes; every constructor reports what it cannot build and gives None.
_Builder.yaml_constructors = {
    **{tag: _guarded(construct) for tag, construct in _SAFE.yaml_constructors.items()
       if tag and tag.rsplit(":", 1)[-1] in _WHAT},
    "tag:yaml.org,2002:int": _guarded(_construct_int),
    "tag:yaml.org,2002:str": _guarded(_construct_str),
    "tag:yaml.org,2002:float": _guarded(_construct_float),
    _MERGE_TAG: _construct_merge,
    "tag:yaml.org,2002:value": _construct_value,
    _MAP_TAG: _construct_collection_tag,
    _SEQ_TAG: _construct_collection_tag,
    None: _construct_undefined,
}


def _reader_position(exc: yaml.YAMLError, text: str, file: str) -> Position:
    """Where a reader error happened (libyaml gives a byte offset, the Python reader a character index)."""
    position = getattr(exc, "position", None)
    if not isinstance(position, int):
        return Position(file, 1, 1)
    if _BASE is not yaml.SafeLoader:
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    return offset_position(text, position, file)


def offset_position(text: str, offset: int, file: str) -> Position:
    """The line and column of character ``offset`` of a file's text."""
    before = source_lines(text[:offset])
    return Position(file, len(before), len(before[-1]) + 1)


def read_yaml(text: str, file: str, lines: list[str] | None = None) -> tuple[object, list[Diagnostic]]:
    """Parse one YAML document; returns (data, diagnostics).

    Syntax errors become a diagnostic at the place the parser points to; the
    data is then ``None``. Values that cannot be built are reported and read
    as ``None``, so that the rest of the file is still checked.
    """
    lines = source_lines(text) if lines is None else lines

    def syntax(exc: yaml.YAMLError) -> Diagnostic:
        if isinstance(exc, yaml.MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            pos = Position(file, mark.line + 1, mark.column + 1) if mark else Position(file, 1, 1)
            if pos.line > len(lines):  # libyaml ends a file without a final line break with one of its own
                pos = Position(file, len(lines), len(lines[-1]) + 1)
            problem = exc.problem or "invalid YAML"
            if exc.context:
                problem = f"{problem} ({exc.context})"
            return Diagnostic(pos, f"YAML syntax error: {problem}")
        reason = getattr(exc, "reason", None) or str(exc)
        character = getattr(exc, "character", None)
        if isinstance(character, int):
            reason = f"character {describe_char(chr(character))} cannot appear in a content file"
        elif isinstance(character, str) and len(character) == 1:
            reason = f"character {describe_char(character)} cannot appear in a content file"
        return Diagnostic(_reader_position(exc, text, file), f"YAML error: {reason}")

    return _read(text, file, lines, syntax)


def _read(text: str, file: str, lines: list[str], syntax) -> tuple[object, list[Diagnostic]]:
    builder = _Builder(file, lines)
    try:
        data = builder.build(yaml.parse(text, Loader=_BASE))
    except yaml.YAMLError as exc:
        return None, [syntax(exc)]
    except _Bound as exc:
        return None, [Diagnostic(builder.mark_pos(exc.mark), exc.message)]
    return data, builder.diagnostics


# ---------------------------------------------------------------- positions inside a scalar

_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}


def scalar_positions(source_lines: list[str], start: Position, style, raw: str, offsets: list[int]) -> list[Position]:
    """The positions of characters ``offsets`` of a string scalar's value ``raw``.

    The value is walked together with its source text from ``start`` (the
    scalar's mark): characters that match are paired; line folding (a break
    and indentation becoming one space or nothing), ``\\`` escapes and ``''``
    consume source characters; a character that differs otherwise (after
    Unicode normalization) pairs with the one under it. One linear walk for
    all offsets, so every character of a multi-line, folded or escaped
    scalar has its own line and column.
    """
    wanted = sorted(set(offsets))
    found: dict[int, Position] = {}
    line, col = start.line - 1, start.column - 1  # 0-based cursor into source_lines
    if style in ("|", ">"):
        line, col = line + 1, 0  # content starts on the line after the indicator
    elif style in ("'", '"'):
        col += 1  # after the opening quote
    v = 0
    k = 0

    def char_at(ln: int, c: int) -> str:
        if ln >= len(source_lines):
            return ""
        text = source_lines[ln]
        return text[c] if c < len(text) else "\n"

    last_line = min(len(source_lines), line + len(raw) + 2)  # every source line gives the value a character
    while k < len(wanted) and v < len(raw) and line < last_line:
        target = raw[v]
        here = char_at(line, col)
        if style == '"' and here == "\\":
            following = char_at(line, col + 1)
            if following == "\n":  # escaped line break: nothing in the value
                line, col = line + 1, 0
                while char_at(line, col) in (" ", "\t"):
                    col += 1
                continue
            match = (v, line, col)
            col += _ESCAPE_LENGTH.get(following, 2)
        elif style == "'" and here == "'" and char_at(line, col + 1) == "'":
            match = (v, line, col)
            col += 2
        elif here == target and here != "\n":
            run = _common_run(source_lines[line], col, raw, v)  # a run of equal characters, compared at C speed
            if style in ("'", '"'):  # stop before an escape ('' or \), which the branches above read
                stop = source_lines[line].find("'" if style == "'" else "\\", col + 1, col + run)
                run = stop - col if stop > 0 else run
            while k < len(wanted) and wanted[k] < v + run:
                found[wanted[k]] = Position(start.file, line + 1, col + wanted[k] - v + 1)
                k += 1
            v, col = v + run, col + run
            continue
        elif here == "\n" and target == "\n" and style == "|":
            match = (v, line, col)
            line, col = line + 1, 0
        elif here in (" ", "\t", "\n"):
            if here == "\n":
                line, col = line + 1, 0
            else:
                col += 1
            continue
        elif target in (" ", "\n"):
            match = (v, line, col)  # a folded line break: the character after it
        elif unicodedata.combining(here):
            col += 1
            continue
        else:
            match = (v, line, col)  # normalized or otherwise changed: pair it with the source character
            col += 1
        while k < len(wanted) and wanted[k] == match[0]:
            found[wanted[k]] = Position(start.file, match[1] + 1, match[2] + 1)
            k += 1
        v += 1
    end = Position(start.file, min(line, max(len(source_lines) - 1, 0)) + 1, col + 1)
    return [found.get(o, end if o >= v else start) for o in offsets]


def _common_run(source: str, col: int, raw: str, v: int) -> int:
    """How many characters ``source[col:]`` and ``raw[v:]`` have in common from the start (at least 1)."""
    low, high = 1, min(len(source) - col, len(raw) - v)
    if source[col:col + high] == raw[v:v + high]:
        return high
    while low < high:  # source[col:col+low] == raw[v:v+low] holds; find the longest
        middle = (low + high + 1) // 2
        if source[col:col + middle] == raw[v:v + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def scalar_offset_position(source_lines: list[str], start: Position, style, raw: str, offset: int) -> Position:
    """The position of character ``offset`` inside a string scalar (see :func:`scalar_positions`)."""
    return scalar_positions(source_lines, start, style, raw, [offset])[0]
