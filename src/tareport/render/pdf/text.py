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
            cache: dict = {}  # (face, substitute or None) -> this span's Style of it
            style_of: dict = {}  # each distinct character of the span, looked up once (in text order)
            width_of: dict = {}
            for char in dict.fromkeys(text):
                face, shown = self.face(char, bold, italic, where)
                draw_as = shown if shown != char else None
                style = cache.get((face, draw_as))
                if style is None:
                    style = cache[face, draw_as] = Style(face.name, size, rise, color, url, dest, face.fake_bold,
                                                         draw_as)
                style_of[char] = style
                width_of[char] = char_width(face.name, shown) * size / 1000.0
            chars.extend(text)
            styles.extend(map(style_of.__getitem__, text))
            widths.extend(map(width_of.__getitem__, text))
        out.chars = "".join(chars)
        return out
