"""Inline text: the small markup inside text fields, parsed into nodes.

Syntax (documented for editors in content/FORMAT.md)::

    {^fn-id}         footnote mark          {@id}   cross-reference with label
    {#id}            bare number            {b:…}   bold        {i:…} italic
    {link:URL}       hyperlink              {link:URL|text}
    {br}             line break             bare https://… is a link
    \\{ \\} \\| \\\\     literal characters

Everything else is literal, so ``<``, ``>``, ``&``, ``*`` and a ``{`` that
starts no form reach the renderers untouched. We write our own parser
(about a hundred lines) because the forms are ours: Markdown parsers would
treat ``*`` and ``_`` as markup, and no library parses references by id.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cjk import fold_line_breaks, is_wide

ID_PATTERN = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
_ID = re.compile(ID_PATTERN)
_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_URL_TRAILING = ".,;:!?'"
_ESCAPABLE = "{}|\\"
_SPECIAL = re.compile(r"[\\{}]|https?://")  # where the parser has something to decide


@dataclass(frozen=True)
class Str:
    text: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class FootnoteMark:
    id: str
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Ref:
    """A cross-reference; ``bare`` means number only (``{#id}``)."""

    id: str
    bare: bool = False
    offset: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Bold:
    children: tuple


@dataclass(frozen=True)
class Italic:
    children: tuple


@dataclass(frozen=True)
class Link:
    url: str
    children: tuple


Inline = Str | LineBreak | FootnoteMark | Ref | Bold | Italic | Link


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.i = 0
        self.errors: list[tuple[int, str]] = []

    def parse(self, closing: bool = False) -> list:
        nodes: list = []
        buf: list[str] = []
        text = self.text

        def flush():
            if buf:
                nodes.append(Str("".join(buf)))
                buf.clear()

        while self.i < len(text):
            special = _SPECIAL.search(text, self.i)  # take the plain text up to the next character that matters
            if special is None or special.start() > self.i:
                end = special.start() if special else len(text)
                buf.append(text[self.i:end])
                self.i = end
                continue
            c = text[self.i]
            if c == "\\" and self.i + 1 < len(text) and text[self.i + 1] in _ESCAPABLE:
                buf.append(text[self.i + 1])
                self.i += 2
                continue
            if c == "}" and closing:
                flush()
                return nodes
            if c == "{":
                node = self._form()
                if node is not None:
                    flush()
                    nodes.append(node)
                    continue
            if c == "h" and text.startswith(("http://", "https://"), self.i):
                match = _URL.match(text, self.i)
                url = match.group(0)
                end = len(url)
                # stop at the first wide character and drop trailing sentence punctuation
                for k, ch in enumerate(url):
                    if is_wide(ch):
                        end = k
                        break
                url = url[:end].rstrip(_URL_TRAILING)
                if url.endswith(")") and url.count("(") < url.count(")"):
                    url = url[:-1]
                flush()
                nodes.append(Link(url, (Str(url),)))
                self.i += len(url)
                continue
            buf.append(c)
            self.i += 1
        flush()
        return nodes

    def _form(self):
        """Parse a form at ``{``; returns None (literal ``{``) when none starts here."""
        text, start = self.text, self.i
        rest = text[start + 1 :]
        if rest.startswith(("^", "@", "#")):
            match = _ID.match(text, start + 2)
            sigil = rest[0]
            if match and text.startswith("}", match.end()):
                self.i = match.end() + 1
                if sigil == "^":
                    return FootnoteMark(match.group(0), start)
                return Ref(match.group(0), bare=(sigil == "#"), offset=start)
            what = {"^": "footnote mark", "@": "cross-reference", "#": "number reference"}[sigil]
            self.errors.append((start, f"malformed {what}: expected {{{sigil}id}} with a lowercase id"))
            self.i = start + 1
            return Str("{")
        if rest.startswith("br}"):
            self.i = start + 4
            return LineBreak()
        for name, cls in (("b:", Bold), ("i:", Italic)):
            if rest.startswith(name):
                self.i = start + 1 + len(name)
                children = self.parse(closing=True)
                if not self._close(start, name[0]):
                    return Str("{")
                return cls(tuple(children))
        if rest.startswith("link:"):
            j = start + 6
            url_end = j
            while url_end < len(text) and text[url_end] not in "|}":
                url_end += 1
            url = text[j:url_end].strip()
            if not url:
                self.errors.append((start, "a link needs a URL: {link:https://…}"))
            self.i = url_end
            if text.startswith("|", url_end):
                self.i += 1
                children = tuple(self.parse(closing=True))
            else:
                children = (Str(url),)
            if not self._close(start, "link"):
                return Str("{")
            return Link(url, children)
        return None

    def _close(self, start: int, name: str) -> bool:
        if self.i < len(self.text) and self.text[self.i] == "}":
            self.i += 1
            return True
        self.errors.append((start, f"unclosed {{{name}:…}}: add the closing }} (or write \\{{ for a literal brace)"))
        self.i = start + 1
        return False


def parse_inline(text: str) -> tuple[tuple, list[tuple[int, str]]]:
    """Parse one language's text: (nodes, [(offset, message), ...]).

    Offsets point into ``text`` so callers can report file positions.
    Source line breaks are folded afterwards (see :func:`fold_line_breaks`).
    """
    parser = _Parser(text)
    nodes = parser.parse()
    return _fold(tuple(nodes)), parser.errors


def _edge_char(node, last: bool) -> str:
    """The character a line break beside ``node`` sees (its last one if ``last``, else its first).

    A reference prints a label and a number, a footnote mark a number: to the fold they are
    narrow, so ``{@p-3}`` + line break + ``of`` keeps its space (a wide neighbour still removes
    it). A line break before a mark is dropped: the mark belongs to the word before it.
    """
    if isinstance(node, Str):
        return node.text[-1:] if last else node.text[:1]
    if isinstance(node, (Bold, Italic, Link)) and node.children:
        return _edge_char(node.children[-1 if last else 0], last)
    if isinstance(node, Ref) or (isinstance(node, FootnoteMark) and last):
        return "0"
    return ""


def _fold(nodes: tuple, before: str = "", after: str = "") -> tuple:
    out = []
    for k, node in enumerate(nodes):
        left = _edge_char(nodes[k - 1], True) if k else before
        right = _edge_char(nodes[k + 1], False) if k + 1 < len(nodes) else after
        if isinstance(node, Str):
            text = fold_line_breaks(node.text, left, right)
            if text:
                out.append(Str(text))
        elif isinstance(node, (Bold, Italic)):
            out.append(type(node)(_fold(node.children, left, right)))
        elif isinstance(node, Link):
            out.append(Link(node.url, _fold(node.children, left, right)))
        else:
            out.append(node)
    # strip leading/trailing whitespace of the whole text
    if out and isinstance(out[0], Str) and not before:
        out[0] = Str(out[0].text.lstrip())
    if out and isinstance(out[-1], Str) and not after:
        out[-1] = Str(out[-1].text.rstrip())
    return tuple(n for n in out if not (isinstance(n, Str) and not n.text))


def walk(nodes):
    """Every inline node, depth first."""
    for node in nodes:
        yield node
        if isinstance(node, (Bold, Italic, Link)):
            yield from walk(node.children)


def plain_text(nodes) -> str:
    """The literal characters of nodes (references and marks left out)."""
    return "".join(n.text for n in walk(nodes) if isinstance(n, Str))
