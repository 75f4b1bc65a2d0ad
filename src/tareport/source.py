"""Reading YAML content files while remembering where every value came from.

PyYAML's safe loader builds plain dicts and lists and forgets the nodes'
marks; we subclass it so that mappings and sequences keep the position of
each key and value. Later stages (model validation, inline parsing,
resolution) use those positions to report ``file:line:column``. Only the
safe constructors are used: no Python objects can be created from content.

Floats are read as :class:`decimal.Decimal` from their written digits, so
``20.60`` keeps its two decimals and money never goes through binary floats.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import yaml

from .diagnostics import Diagnostic, Position


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


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml parser when available
    def __init__(self, stream, file: str):
        super().__init__(stream)
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def mark_pos(self, mark) -> Position:
        return Position(self.file, mark.line + 1, mark.column + 1)


def _scalar_info(loader: _Loader, node):
    return (loader.mark_pos(node.start_mark), getattr(node, "style", None))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):
    loader.flatten_mapping(node)
    result = PosDict()
    result.pos = loader.mark_pos(node.start_mark)
    result.key_pos, result.value_pos, result.styles = {}, {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            loader.diagnostics.append(
                Diagnostic(loader.mark_pos(key_node.start_mark), "a mapping key must be a plain value")
            )
            continue
        if key in result:
            loader.diagnostics.append(
                Diagnostic(loader.mark_pos(key_node.start_mark), f"duplicate key {key!r}")
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_pos[key] = loader.mark_pos(key_node.start_mark)
        result.value_pos[key], result.styles[key] = _scalar_info(loader, value_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode):
    result = PosList()
    result.pos = loader.mark_pos(node.start_mark)
    result.key_pos, result.value_pos, result.styles = {}, {}, {}
    for index, child in enumerate(node.value):
        result.append(loader.construct_object(child, deep=True))
        result.key_pos[index] = result.value_pos[index] = loader.mark_pos(child.start_mark)
        result.styles[index] = getattr(child, "style", None)
    return result


def _construct_float(loader: _Loader, node):
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        loader.diagnostics.append(
            Diagnostic(loader.mark_pos(node.start_mark), f"{text!r} is not a finite number")
        )
        return None
    return value


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _reader_position(exc: yaml.YAMLError, text: str, file: str) -> Position:
    """Where a reader error happened (PyYAML gives a character index, not a line)."""
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        before = text[:position]
        return Position(file, before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
    return Position(file, 1, 1)


def read_yaml(text: str, file: str) -> tuple[object, list[Diagnostic]]:
    """Parse one YAML document; returns (data, diagnostics).

    Syntax errors become a diagnostic at the place PyYAML points to; the data
    is then ``None``.
    """
    try:
        loader = _Loader(text, file)  # the reader rejects control characters already here
    except yaml.YAMLError as exc:
        return None, [Diagnostic(_reader_position(exc, text, file), f"YAML error: {getattr(exc, 'reason', None) or exc}")]
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = loader.mark_pos(mark) if mark else Position(file)
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        return None, [Diagnostic(pos, f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        return None, [Diagnostic(_reader_position(exc, text, file), f"YAML error: {getattr(exc, 'reason', None) or exc}")]
    finally:
        loader.dispose()
    return data, loader.diagnostics


def scalar_offset_position(source_lines: list[str], start: Position, style, raw: str, offset: int) -> Position:
    """The position of character ``offset`` inside a string scalar.

    Exact for single-line scalars and literal block scalars (``|``); for
    folded or multi-line flow scalars it points at the line the offset falls
    on as closely as the folding allows.
    """
    before = raw[:offset]
    if style in ("|", ">"):
        # content starts on the line after the indicator; find its indent
        line_index = start.line  # 0-based index of the first content line
        indent = 0
        for candidate in source_lines[line_index:]:
            if candidate.strip():
                indent = len(candidate) - len(candidate.lstrip(" "))
                break
        if style == "|":
            lines = before.split("\n")
            return Position(start.file, start.line + len(lines), indent + len(lines[-1]) + 1)
        return Position(start.file, start.line + 1, indent + 1)
    quote = 1 if style in ("'", '"') else 0
    if "\n" not in before and start.line - 1 < len(source_lines):
        return Position(start.file, start.line, start.column + quote + len(before))
    return start
