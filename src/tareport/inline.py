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


#: Marks inside marks ({b:{i:…}}) deeper than this are reported; nothing real comes close.
MAX_NESTING = 8
_URL_STOP = set(" \t\n\r\x0b\x0c<>\"{}|\\^`")
_FORMS = {"b:": Bold, "i:": Italic}


@dataclass
class _Open:
    """A mark still open while parsing: ``{b:``, ``{i:`` or ``{link:URL|``."""

    opener: str  # the source text that opened it, restored if it is never closed
    start: int
    make: object  # children -> node; None when nested too deep (its children stay in the parent's list)
    nodes: list = field(default_factory=list)
    closed: bool = False


def _settle(nodes: list) -> tuple:
    """A finished list of nodes: marks nested too deep leave their opener only if never closed."""
    return tuple(Str(n.opener) if isinstance(n, _Open) else n for n in nodes
                 if not (isinstance(n, _Open) and n.closed))


class _Parser:
    """One left-to-right pass with a stack of open marks: linear in the text, never backtracking.

    A mark that is never closed is reported once, at its ``{``, and its
    opener is kept as literal text.
    """

    def __init__(self, text: str):
        self.text = text
        self.errors: list[tuple[int, str]] = []
        self._bar = self._brace = -1  # the next '|' and '}' after the last link start (each found once)

    def parse(self) -> tuple:
        text = self.text
        stack = [_Open("", 0, None)]
        buf: list[str] = []
        i = 0

        def flush():
            if buf:
                stack[-1].nodes.append(Str("".join(buf)))
                buf.clear()

        while i < len(text):
            special = _SPECIAL.search(text, i)  # take the plain text up to the next character that matters
            if special is None or special.start() > i:
                end = special.start() if special else len(text)
                buf.append(text[i:end])
                i = end
                continue
            c = text[i]
            if c == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
                buf.append(text[i + 1])
                i += 2
                continue
            if c == "}" and len(stack) > 1:
                flush()
                done = stack.pop()
                done.closed = True
                if done.make is None:
                    self.errors.append((done.start, f"marks nested more than {MAX_NESTING} deep"))
                else:
                    stack[-1].nodes.append(done.make(_settle(done.nodes)))
                i += 1
                continue
            if c == "{":
                node, opened, j = self._form(i, len(stack))
                if node is not None or opened is not None:
                    flush()
                    if node is not None:
                        stack[-1].nodes.append(node)
                    if opened is not None:
                        if opened.make is None:  # too deep: no node of its own
                            opened.nodes = stack[-1].nodes
                            opened.nodes.append(opened)
                        stack.append(opened)
                    i = j
                    continue
            if c == "h" and text.startswith(("http://", "https://"), i):
                url = self._bare_url(i)
                if url:
                    flush()
                    stack[-1].nodes.append(Link(url, (Str(url),)))
                    i += len(url)
                    continue
            buf.append(c)
            i += 1
        flush()
        # marks never closed: each reported at its '{'; its opener and what followed stay as text, in order
        nodes: list = []
        for k, left in enumerate(stack):
            if k:
                name = "link" if left.opener.startswith("{link:") else left.opener[1:2]
                self.errors.append((left.start, f"unclosed {{{name}:…}}: add the closing }} "
                                                f"(or write \\{{ for a literal brace)"))
                if left.make is None:
                    continue  # its opener and nodes are already in the list it shares
                nodes.append(Str(left.opener))
            nodes.extend(left.nodes)
        return _settle(nodes)

    def _form(self, start: int, depth: int):
        """A form at ``{``: (node, opened mark, where to go on); (None, None, _) for a literal ``{``."""
        text = self.text
        sigil = text[start + 1:start + 2]
        if sigil and sigil in "^@#":
            match = _ID.match(text, start + 2)
            if match and text.startswith("}", match.end()):
                if sigil == "^":
                    return FootnoteMark(match.group(0), start), None, match.end() + 1
                return Ref(match.group(0), bare=(sigil == "#"), offset=start), None, match.end() + 1
            what = {"^": "footnote mark", "@": "cross-reference", "#": "number reference"}[sigil]
            self.errors.append((start, f"malformed {what}: expected {{{sigil}id}} with a lowercase id"))
            return Str("{"), None, start + 1
        if text.startswith("br}", start + 1):
            return LineBreak(), None, start + 4
        for name, cls in _FORMS.items():
            if text.startswith(name, start + 1):
                return None, self._open("{" + name, start, depth, cls), start + 1 + len(name)
        if text.startswith("link:", start + 1):
            j = start + 6
            if self._bar < j:
                self._bar = text.find("|", j) % (len(text) + 1)  # not found: len(text)
            if self._brace < j:
                self._brace = text.find("}", j) % (len(text) + 1)
            stop = min(self._bar, self._brace)
            url = text[j:stop].strip()
            if not url:
                self.errors.append((start, "a link needs a URL: {link:https://…}"))
            if stop == len(text):
                self.errors.append((start, "unclosed {link:…}: add the closing } (or write \\{ for a literal brace)"))
                return Str(text[start:]), None, len(text)
            if text[stop] == "}":
                return Link(url, (Str(url),)), None, stop + 1
            return None, self._open(text[start:stop + 1], start, depth, lambda children, url=url: Link(url, children)), stop + 1
        return None, None, start

    def _open(self, opener: str, start: int, depth: int, make) -> _Open:
        if depth > MAX_NESTING:  # reported when it closes (an unclosed one is reported as such)
            make = None
        elif make in (Bold, Italic):
            cls = make
            make = lambda children: cls(children)  # noqa: E731
        return _Open(opener, start, make)

    def _bare_url(self, i: int) -> str:
        """A bare link at ``i``: ends at a space, a character URLs exclude or an East Asian character."""
        text = self.text
        j = text.index("//", i) + 2
        while j < len(text) and text[j] not in _URL_STOP and not text[j].isspace() and not is_wide(text[j]):
            j += 1
        url = text[i:j]
        if j == text.index("//", i) + 2:
            return ""
        url = url.rstrip(_URL_TRAILING)
        if url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1]
        return url if not url.endswith("//") else ""


def parse_inline(text: str) -> tuple[tuple, list[tuple[int, str]]]:
    """Parse one language's text: (nodes, [(offset, message), ...]).

    Offsets point into ``text`` so callers can report file positions.
    Source line breaks are folded afterwards (see :func:`fold_line_breaks`).
    """
    parser = _Parser(text)
    nodes = parser.parse()
    return _fold(nodes), parser.errors


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
