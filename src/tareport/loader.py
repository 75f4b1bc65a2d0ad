"""Loading a document folder into the model, reporting every error with its place.

``content/<doc>/document.yaml`` names the parts and their files; each file
is read with positions (:mod:`tareport.source`), validated into the model,
and pydantic's error locations are mapped back to ``file:line:column``.
Paths named in content may not leave the document's folder.
"""
from __future__ import annotations

import hashlib
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import filecache, usercache
from .diagnostics import ContentError, Diagnostic, Position, display_path
from .model import BLOCK_TYPES, DocumentIndex, PartFile, iter_nodes
from .source import PosDict, PosList, read_yaml, source_lines, yaml_kind
from .text import MAX_FILE_DIAGNOSTICS

INDEX_FILE = "document.yaml"
#: Image formats both renderers embed, and the largest image they are given (pixels).
IMAGE_FORMATS = ("PNG", "JPEG")
MAX_IMAGE_PIXELS = 40_000_000
#: What pydantic's "Input should be a valid …" means, in the words of a content file.
_EXPECTED = {
    "string_type": "a string", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "bool_type": "true or false", "bool_parsing": "true or false",
    "decimal_type": "a number", "decimal_parsing": "a number", "list_type": "a list (- item)",
    "model_type": "a mapping (key: value pairs)", "model_attributes_type": "a mapping (key: value pairs)",
    "dict_type": "a mapping (key: value pairs)", "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)", "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
}


@dataclass
class LoadedFile:
    path: Path
    name: str  # as shown in diagnostics
    content: PartFile
    lines: list[str]


@dataclass
class LoadedPart:
    kind: str  # "main" or "annex"
    spec: object  # PartSpec / AnnexSpec
    files: list[LoadedFile] = field(default_factory=list)


@dataclass
class Sources:
    """Everything read from disk: the index, the parts, and each file's lines."""

    root: Path
    index: DocumentIndex
    index_name: str
    parts: list[LoadedPart]
    lines: dict[str, list[str]]


def _model_fields_at(model: type, data, loc: tuple) -> list[str] | None:
    """The allowed keys of the mapping at ``loc`` (for 'did you mean' hints)."""
    current: object = model
    node = data
    for element in loc:
        current = _step(current, node, element)
        if isinstance(node, (PosDict, PosList)):
            try:
                node = node[element]
            except (KeyError, IndexError, TypeError):
                node = None
        if current is None:
            return None
    cls = _pick(current, node)
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return list(cls.model_fields)
    return None


def _pick(annotation, node):
    """Resolve Optional/Union/Annotated to the model the data is meant for."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            chosen = None
            for member in members:
                m = _pick(member, node)
                if isinstance(m, type) and issubclass(m, BaseModel):
                    tag = m.model_fields.get("type")
                    if tag is None or (isinstance(node, dict) and node.get("type") in typing.get_args(tag.annotation)):
                        chosen = m
                        if tag is not None:
                            break
            return chosen if chosen is not None else (members[0] if len(members) == 1 else None)
        return annotation


def _step(annotation, node, element):
    cls = _pick(annotation, node)
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        f = cls.model_fields.get(element) if isinstance(element, str) else None
        return f.annotation if f else cls  # a union tag in loc: stay on the model
    origin = typing.get_origin(cls)
    if origin in (list, tuple) and isinstance(element, int):
        return typing.get_args(cls)[0]
    if origin is dict:
        return typing.get_args(cls)[1]
    return cls


def _locate(data, loc: tuple, key: bool = False) -> Position | None:
    node, pos = data, getattr(data, "pos", None)
    for i, element in enumerate(loc):
        if isinstance(node, (PosDict, PosList)) and (
            (isinstance(node, PosDict) and element in node)
            or (isinstance(node, PosList) and isinstance(element, int) and 0 <= element < len(node))
        ):
            last = i == len(loc) - 1
            pos = (node.key_pos if (key and last) else node.value_pos).get(element, pos)
            node = node[element]
    return pos


def _describe(error: dict, data, model: type, file: str) -> Diagnostic:
    loc = tuple(error["loc"])
    kind = error["type"]
    name = next((str(e) for e in reversed(loc) if isinstance(e, str)), "value")
    if kind == "extra_forbidden":
        allowed = _model_fields_at(model, data, loc[:-1]) or []
        message = f"unknown key {loc[-1]!r}"
        close = _close_matches(str(loc[-1]), allowed, n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
        elif allowed:
            message += f" (allowed: {', '.join(allowed)})"
        pos = _locate(data, loc, key=True)
    elif kind == "missing":
        message = f"missing required key {loc[-1]!r}"
        pos = _locate(data, loc[:-1])
    elif kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag")
        close = _close_matches(str(tag), BLOCK_TYPES, n=1)
        message = f"unknown block type {tag!r}" + (f"; did you mean {close[0]!r}?" if close else
                                                    f" (one of: {', '.join(BLOCK_TYPES)})")
        pos = _locate(data, loc + ("type",))
    elif kind == "union_tag_not_found":
        message = f"a block needs a 'type' (one of: {', '.join(BLOCK_TYPES)})"
        pos = _locate(data, loc)
    elif kind in _EXPECTED:
        message = f"{name}: expected {_EXPECTED[kind]}, got {yaml_kind(error.get('input'))}"
        pos = _locate(data, loc)
    else:
        msg = error["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        message = msg if kind in ("value_error", "text_type", "text_lang", "text_value", "inline", "cell") \
            else f"{name}: {msg}"
        pos = _locate(data, loc)
    return Diagnostic(pos or Position(file, 1, 1), message)


def validate_file(model: type, data, file: str, context: dict, diagnostics: list[Diagnostic]):
    """Validate parsed YAML into ``model``; errors go to ``diagnostics``."""
    if data is None and model is PartFile:
        diagnostics.append(Diagnostic(Position(file, 1, 1), "the file is empty: a part file holds its 'blocks:'"))
        return None
    if data is None:
        data = PosDict()
        data.pos, data.key_pos, data.value_pos, data.styles = Position(file, 1, 1), {}, {}, {}
    if not isinstance(data, dict):
        diagnostics.append(Diagnostic(getattr(data, "pos", Position(file, 1, 1)),
                                      "the file must hold a mapping (keys and values)"))
        return None
    sink: list[Diagnostic] = []
    try:
        result = model.model_validate(data, context={**context, "diagnostics": sink})
    except ValidationError as exc:
        # a value the reader already reported (and replaced by null) is not reported twice
        reported = {d.position for d in diagnostics}
        diagnostics.extend(d for d in (_describe(e, data, model, file) for e in exc.errors())
                           if d.position not in reported)
        result = None
    if len(sink) >= MAX_FILE_DIAGNOSTICS:
        sink.append(Diagnostic(max(sink).position, f"more than {MAX_FILE_DIAGNOSTICS} mistakes in this file: "
                                                   "the texts after this line are not checked"))
    diagnostics.extend(sink)
    return result if not sink else None


class _Unresolvable(Exception):
    """A path that cannot be followed (a symbolic link loop, a name too long)."""


def _inside(root: Path, relative: str) -> Path | None:
    if Path(relative).is_absolute():
        return None
    try:
        path = (root / relative).resolve()
        path.relative_to(root.resolve())
    except ValueError:
        return None
    except (RuntimeError, OSError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
        raise _Unresolvable(getattr(exc, "strerror", None) or "a symbolic link loop") from None
    return path


def _place(relative: str, path_of) -> tuple[Path | None, str | None]:
    """(path, None) for a path inside the document's folder, else (None, what is wrong)."""
    try:
        path = path_of(relative)
    except _Unresolvable as exc:
        return None, f"{relative!r} cannot be followed ({exc})"
    if path is None:
        return None, f"{relative!r} is outside the document's folder"
    return path, None


def _check_images(root: Path, content: PartFile, name: str, diagnostics: list[Diagnostic]) -> None:
    """Image paths must name a PNG or JPEG inside the document's folder that both renderers can embed."""
    for node in iter_nodes(content.blocks):
        image = getattr(node, "image", None)
        if not isinstance(image, str):
            continue
        where = node.field_pos("image") or Position(name, 1, 1)
        path, problem = _place(image, lambda r: _inside(root, r))
        if problem:
            diagnostics.append(Diagnostic(where, f"image {problem}"))
        elif not path.is_file():
            diagnostics.append(Diagnostic(where, f"image {image!r} does not exist"))
        else:
            problem = _remembered_image_problem(path)
            if problem:
                diagnostics.append(Diagnostic(where, f"image {image!r}: {problem}"))


def _close_matches(word: str, choices, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Likely meant words, for "did you mean" (difflib is imported only when a mistake needs it)."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)


def _remembered_image_problem(path: Path) -> str | None:
    """:func:`image_problem`, with the images found sound remembered in the user cache (by their bytes' hash and
    tareport's code): a load of unchanged content neither imports Pillow nor reads each image's structure again.
    A problem is never remembered, so its message is always made afresh."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    sound = usercache.entry("images", hashlib.sha256(f"{usercache.code_fingerprint()}|{digest}".encode()).hexdigest()[:32])
    if usercache.read(sound) == b"sound":
        return None
    problem = image_problem(path)
    if problem is None:
        usercache.write(sound, b"sound")
    return problem


def image_problem(path: Path) -> str | None:
    """Why an image file cannot be embedded (not PNG or JPEG, damaged, too large), or None.

    Reads the header and checks the file's structure (PNG chunk checksums)
    without decoding the pixels, so ``check`` stays fast.
    """
    import warnings

    from PIL import Image, UnidentifiedImageError

    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # only the header is read: we judge the size
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                kind, (width, height) = img.format, img.size
                if kind not in IMAGE_FORMATS:
                    return f"a {kind} image; use {' or '.join(IMAGE_FORMATS)}"
                if width * height > MAX_IMAGE_PIXELS:
                    return (f"{width}×{height} pixels is too large (at most {MAX_IMAGE_PIXELS // 1_000_000} "
                            "million pixels); scale it down")
                img.verify()
    except UnidentifiedImageError:
        return f"not an image ({' or '.join(IMAGE_FORMATS)} expected)"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # PIL reports a damaged file as SyntaxError
        return f"damaged image ({exc})"
    finally:
        Image.MAX_IMAGE_PIXELS = limit
    return None


def _unlisted(root: Path, listed: set[Path], named: set[str]) -> list[Path]:
    """YAML files in the document's folder that document.yaml does not list (they would be left out).

    ``listed`` holds resolved paths, ``named`` the absolute paths as written
    (a listed file that cannot be resolved is reported where it is listed).
    """
    found = []
    for folder, dirs, files in os.walk(root):  # does not follow symbolic links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = Path(folder) / name
                if os.path.abspath(path) in named:
                    continue
                try:
                    if path.resolve() not in listed:
                        found.append(path)
                except (RuntimeError, OSError):
                    found.append(path)
    return found


def _catalog_problems(index: DocumentIndex, data, index_name: str) -> list[Diagnostic]:
    """Every declared language needs a catalog that reads; its mistakes are placed in the catalog."""
    from .l10n import catalog_problem

    problems = []
    for n, lang in enumerate(index.languages):
        problem = catalog_problem(lang)
        if isinstance(problem, str):
            problems.append(Diagnostic(_locate(data, ("languages", n)) or Position(index_name, 1, 1), problem))
        elif problem is not None:
            problems.append(problem)
    return problems


#: The cache key's "languages" for document.yaml (a part file's are the document's languages).
_INDEX_KEY = ("document.yaml",)


def read_sources(folder: str | Path) -> Sources:
    """Read and validate a document folder; raises :class:`ContentError` listing every problem."""
    root = Path(folder)
    index_path = root / INDEX_FILE
    diagnostics: list[Diagnostic] = []
    lines: dict[str, list[str]] = {}
    if not index_path.is_file():
        raise ContentError([Diagnostic(Position(display_path(index_path)),
                                       f"no {INDEX_FILE} here: is {display_path(root)} a document folder?")])

    texts: dict[str, str | None] = {}  # each file's text, read once per load (None: unreadable, reported)

    def text_of(path: Path) -> tuple[str, str | None]:
        """(name as diagnostics show it, the file's text with its line ends as YAML reads them)."""
        name = display_path(path)
        if name in texts:
            return name, texts[name]
        texts[name] = None
        try:
            raw = path.read_bytes()
        except OSError as exc:
            diagnostics.append(Diagnostic(Position(name), f"cannot read: {exc.strerror or exc}"))
            return name, None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = source_lines(raw[:exc.start].decode("utf-8", "replace").replace("\r\n", "\n"))
            diagnostics.append(Diagnostic(Position(name, len(before), len(before[-1]) + 1),
                                          f"not UTF-8 text: byte 0x{raw[exc.start]:02X} cannot start or continue "
                                          "a character; save the file as UTF-8"))
            return name, None
        texts[name] = text = text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode does
        return name, text

    def read(path: Path):
        name, text = text_of(path)
        if text is None:
            return name, None
        lines[name] = source_lines(text)
        data, errors = read_yaml(text, name, lines[name])
        diagnostics.extend(errors)
        return name, data

    def recall(path: Path, languages):
        """A file validated before, unchanged since: (name, content), else (name, None)."""
        name, text = text_of(path)
        kept = None if text is None else filecache.recall(path, name, languages, text)
        if kept is None:
            return name, None
        lines[name] = kept[1]
        return name, kept[0]

    # document.yaml is kept with its YAML data (which places the mistakes found in it later): a load whose files
    # are all unchanged builds no validator at all
    index_name, kept = recall(index_path, _INDEX_KEY)
    if kept is not None:
        index, data = kept
    else:
        index_name, data = read(index_path)
        index = validate_file(DocumentIndex, data, index_name, {}, diagnostics) if data is not None or not diagnostics else None
        if index is None:
            raise ContentError(diagnostics or [Diagnostic(Position(index_name, 1, 1), "invalid document.yaml")])
        if not diagnostics:
            filecache.keep(index_path, index_name, _INDEX_KEY, texts[index_name], (index, data), lines[index_name])
    diagnostics.extend(_catalog_problems(index, data, index_name))

    context = {"languages": list(index.languages)}
    parts: list[LoadedPart] = []
    seen: set[Path] = set()
    specs = [("main", index.main, ("main",))] + [
        ("annex", a, ("annexes", n)) for n, a in enumerate(index.annexes)
    ]
    for kind, spec, loc in specs:
        part = LoadedPart(kind, spec)
        for n, relative in enumerate(spec.files):
            where = _locate(data, loc + ("files", n)) or Position(index_name, 1, 1)
            path, problem = _place(relative, lambda r: _inside(root, r))
            if problem:
                diagnostics.append(Diagnostic(where, problem))
                continue
            if path in seen:
                diagnostics.append(Diagnostic(where, f"{relative!r} is listed twice"))
                continue
            seen.add(path)
            if not path.is_file():
                diagnostics.append(Diagnostic(where, f"file {relative!r} does not exist"))
                continue
            name, content = recall(path, context["languages"])  # unchanged since it last validated without a problem
            if content is None:
                before = len(diagnostics)
                name, file_data = read(path)
                if file_data is None and (name not in lines or len(diagnostics) > before):
                    continue  # unreadable, or a syntax error already reported
                content = validate_file(PartFile, file_data, name, {**context, "source_lines": lines[name]}, diagnostics)
                if content is not None and not content.blocks and not content.footnotes:
                    diagnostics.append(Diagnostic(getattr(file_data, "pos", None) or Position(name, 1, 1),
                                                  "the file holds no blocks: the part would be left out"))
                if content is not None and len(diagnostics) == before:
                    filecache.keep(path, name, context["languages"], texts[name], content, lines[name])
            if content is not None:
                _check_images(root, content, name, diagnostics)
                part.files.append(LoadedFile(path, name, content, lines[name]))
        parts.append(part)
    try:
        listed = {index_path.resolve(), *seen}
        named = {os.path.abspath(root / INDEX_FILE)} | {
            os.path.abspath(root / f) for _, spec, _ in specs for f in spec.files}
        for path in _unlisted(root, listed, named):
            diagnostics.append(Diagnostic(Position(display_path(path), 1, 1),
                                          f"not listed in {INDEX_FILE}: list it under 'files:' or move it out "
                                          "of the document's folder"))
    except (RuntimeError, OSError):
        pass  # an unreadable folder: the files that matter are reported above
    if diagnostics:
        raise ContentError(diagnostics)
    return Sources(root, index, index_name, parts, lines)
