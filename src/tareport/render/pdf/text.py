"""From view spans to typeset text: each character gets a font, a size and its links.

Chinese characters (and the punctuation Chinese fonts set full-width) take
the Song face, or the Hei face drawn bold when bold (headings, captions, labels); Latin runs take the
Latin font in both languages. A character that the chosen font lacks falls
back to another of our fonts; if none has it, :class:`FontError` names the
character and the place (``where``) so the content can be fixed. Spaces are
checked like any other character: a space a font lacks (the thin space of a
CLDR date, an ideographic space in Latin text) is drawn as a declared
substitute the font has (:data:`SUBSTITUTES`), never as glyph 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from tareport.view import Span

from .fonts import Face, FontError, FontSet, char_width, has_glyph
from .linebreak import wide_char

LINK_COLOR = (0.0, 0.2, 0.6)

# Declared substitutions, tried in order when no font has the character itself. The
# character stays in the text (its line-breaking meaning, e.g. no-break, is kept); only
# the glyph drawn, and its advance width, are the substitute's.
SUBSTITUTES: dict[str, str] = {
    "\t": " ",
    "\u00a0": " ",        # no-break space
    "\u2002": " ",  # en space
    "\u2003": "\u3000 ",  # em space
    "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ",
    "\u2009": "\u2006\u2005 ",  # thin space: a narrower space where the font has one
    "\u200a": "\u2006 ",  # hair space
    "\u202f": "\u2009\u2006 ",  # narrow no-break space
    "\u205f": "\u2005 ",  # medium mathematical space
    "\u3000": "\u2003 ",  # ideographic space
}
MISSING_COLOR = (0.6, 0.0, 0.0)


@dataclass(frozen=True)
class Style:
    """How a character is drawn. ``url``/``dest``: external or internal link."""

    font: str
    size: float
    rise: float = 0.0
    color: tuple | None = None
    url: str | None = None
    dest: str | None = None
    fake_bold: bool = False
    draw_as: str | None = None  # the substitute drawn for a character the font lacks


@dataclass(frozen=True)
class Tone:
    """The typographic intent of a piece of text, before fonts are chosen."""

    size: float
    bold: bool = False
    italic: bool = False
    color: tuple | None = None


@dataclass
class Text:
    """Characters with their styles and advance widths, ready for line breaking."""

    chars: str = ""
    styles: list = field(default_factory=list)
    widths: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # (char index, footnote id)
    glue: set = field(default_factory=set)  # i: no line break between chars[i] and chars[i + 1]

    def __add__(self, other: "Text") -> "Text":
        shift = len(self.chars)
        return Text(self.chars + other.chars, self.styles + other.styles, self.widths + other.widths,
                    self.notes + [(i + shift, f) for i, f in other.notes],
                    self.glue | {i + shift for i in other.glue})

    @property
    def width(self) -> float:
        return sum(self.widths)


class Typesetter:
    """Turns spans into :class:`Text` with the document's fonts."""

    def __init__(self, fonts: FontSet, cjk: bool, anchors: set[str] | frozenset = frozenset()):
        self.fonts, self.cjk, self.anchors = fonts, cjk, anchors
        self._faces: dict = {}
        # what each character turns into, looked up once per document rather than once per span:
        self._ways: list[tuple[Face, str | None]] = []  # (face, substitute drawn or None), by number
        self._way_of: dict = {}  # (bold, italic) -> {char: number of its way}
        self._advance: dict = {}  # (bold, italic, size) -> {char: advance width in points}

    def face(self, char: str, bold: bool, italic: bool, where: str) -> tuple[Face, str]:
        """The face that draws ``char`` and the character it draws (``char`` or its substitute)."""
        key = (char, bold, italic)
        found = self._faces.get(key)
        if found is not None:
            return found
        f = self.fonts
        if wide_char(char, self.cjk):
            choice = [f.heading if bold else f.body, f.body, f.heading, f.latin]
        else:
            first = f.latin_bold if bold else (f.latin_italic if italic else f.latin)
            choice = [first, f.latin, f.heading if bold else f.body, f.body, f.heading]
        for shown in (char, *SUBSTITUTES.get(char, "")):
            for face in choice:
                if has_glyph(face.name, shown):
                    if bold and not face.fake_bold and face is not f.latin_bold:
                        # never silently regular; the Hei face has one weight, and bold Chinese is bold Hei
                        # (as Word draws bold SimHei)
                        face = Face(face.name, face.embedded, True, face.source)
                    found = self._faces[key] = (face, shown)
                    return found
        raise FontError(f"no font has a glyph for {char!r} (U+{ord(char):04X}) in {where}")

    def _lookups(self, text: str, bold: bool, italic: bool, size: float, where: str) -> tuple[dict, dict]:
        """For every character of ``text``: the number of the way it is drawn (its face and substitute) and
        its advance width at ``size``, both found once per document (a glyph missing from every font is
        reported at its first occurrence, with ``where``)."""
        way_of = self._way_of.get((bold, italic))
        if way_of is None:
            way_of = self._way_of[bold, italic] = {}
        advance = self._advance.get((bold, italic, size))
        if advance is None:
            advance = self._advance[bold, italic, size] = {}
        if not advance.keys() >= set(text):
            for char in dict.fromkeys(text):
                if char in advance:
                    continue
                n = way_of.get(char)
                if n is None:
                    face, shown = self.face(char, bold, italic, where)
                    way = (face, shown if shown != char else None)
                    if way not in self._ways:
                        self._ways.append(way)
                    n = way_of[char] = self._ways.index(way)
                face, draw_as = self._ways[n]
                advance[char] = char_width(face.name, draw_as or char) * size / 1000.0
        return way_of, advance

    @staticmethod
    def glue_words(text: Text, words) -> Text:
        """``text`` with no line break inside any of ``words`` (names on a cover line), nor between
        the last of them and a short word that closes the line (``……先生编拟``)."""
        chars = text.chars
        for word in words:
            start = chars.find(word) if word else -1
            while start != -1:
                end = start + len(word)
                tail = chars[end:]
                if tail and len(tail) <= 4 and " " not in tail:
                    end = len(chars)
                text.glue.update(range(start, end - 1))
                start = chars.find(word, end)
        return text

    def plain(self, string: str, tone: Tone, where: str = "text", **style) -> Text:
        return self.spans([Span("text", string)], tone, where, **style)

    def spans(self, spans: list[Span] | None, tone: Tone, where: str = "text", **extra) -> Text:
        out = Text()
        chars: list[str] = []
        styles, widths, notes = out.styles, out.widths, out.notes
        previous = None
        for span in spans or []:
            prior, previous = previous, span  # prior: the span before this one
            if span.kind == "break":
                chars.append("\n")
                styles.append(None)
                widths.append(0.0)
                continue
            size, rise, color, url, dest = tone.size, 0.0, tone.color, span.link, None
            bold, italic = tone.bold or span.bold, tone.italic or span.italic
            text = span.text
            if span.kind == "note":
                notes.append((len(chars), span.target))
                size, rise = tone.size * 0.62, tone.size * 0.36
                dest = f"fn-{span.target}" if span.target else None
                bold = False
            elif span.kind == "ref":
                dest = span.target if span.target in self.anchors else None
                # a cross-reference ("图表 7", "paragraph 42") is never broken across lines, nor is it
                # parted from the words naming its part ("附件一|第 3 段"), except at a space ("paragraph 3| of Annex I")
                first = len(chars)
                if text[:1].isspace():
                    first += 1
                elif prior is not None and prior.kind == "ref" and prior.target == span.target \
                        and chars and not chars[-1].isspace():
                    first -= 1
                out.glue.update(range(first, len(chars) + len(text) - 1))
            elif span.kind == "missing":
                italic, color = True, MISSING_COLOR
            if url:
                color = LINK_COLOR
            for k, v in extra.items():
                if k == "color":
                    color = v
            # one Style object per face (and substitute) in a span: draw_runs groups characters into
            # one text operator while their style is the same object
            if "\n" in text:
                text = text.replace("\n", " ")
            way_of, advance = self._lookups(text, bold, italic, size, where)
            ways = list(map(way_of.__getitem__, text))
            ways_used = dict.fromkeys(ways)
            for n in ways_used:
                face, draw_as = self._ways[n]
                ways_used[n] = Style(face.name, size, rise, color, url, dest, face.fake_bold, draw_as)
            chars.extend(text)
            styles.extend(map(ways_used.__getitem__, ways))
            widths.extend(map(advance.__getitem__, text))
        out.chars = "".join(chars)
        return out
