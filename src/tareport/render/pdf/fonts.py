"""Fonts of the PDF: found, registered (embedded as subsets) and checked for glyphs.

reportlab embeds TrueType-outline fonts only (it rejects CFF fonts such as
Noto CJK), so each role is looked up in this order: the ``fonts`` option of
:func:`~tareport.render.pdf.render` (the CLI's ``--font-*``), the environment
(``TAREPORT_FONT_BODY`` ...), ``[tool.tareport]`` of ``pyproject.toml`` in the
working directory, then well-known system fonts. A font is ``path`` or
``path:index`` (a face of a ``.ttc`` collection).

Roles: ``body`` (Chinese Song/Ming face), ``heading`` (Chinese Hei face, also
used for Chinese bold: the free CJK TrueType fonts have no bold), ``latin``,
``latin_bold``, ``latin_italic`` (Arial-metric sans). Without any CJK
TrueType font the renderer falls back to reportlab's built-in ``STSong-Light``
(not embedded: the reader's viewer must supply it) and warns. A role that has
no real bold face is drawn with a stroked outline ("fake bold") rather than
silently regular. A character no font has is an error naming it and where
it occurs: never a blank glyph.
"""
from __future__ import annotations

import os
import tomllib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError

from .. import RenderError
from .fontcache import CachedTTFont

ROLES = ("body", "heading", "latin", "latin_bold", "latin_italic")
FALLBACK_CJK = "STSong-Light"

_WIN = "C:/Windows/Fonts/"
SYSTEM_FONTS: dict[str, list[str]] = {
    "body": ["/usr/share/fonts/truetype/arphic/uming.ttc:0", "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
             _WIN + "simsun.ttc:0", "/System/Library/Fonts/Supplemental/Songti.ttc:0", "/Library/Fonts/Songti.ttc:0"],
    "heading": ["/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:0", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc:0",
                _WIN + "simhei.ttf", "/System/Library/Fonts/STHeiti Medium.ttc:0"],
    "latin": ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
              "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
              "/usr/share/fonts/truetype/croscore/Arimo-Regular.ttf", _WIN + "arial.ttf",
              "/Library/Fonts/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial.ttf"],
    "latin_bold": ["/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
                   "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
                   "/usr/share/fonts/truetype/croscore/Arimo-Bold.ttf", _WIN + "arialbd.ttf",
                   "/Library/Fonts/Arial Bold.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"],
    "latin_italic": ["/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf",
                     "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
                     "/usr/share/fonts/truetype/croscore/Arimo-Italic.ttf", _WIN + "ariali.ttf",
                     "/Library/Fonts/Arial Italic.ttf", "/System/Library/Fonts/Supplemental/Arial Italic.ttf"],
}


class FontError(RenderError):
    """A configured font is unusable, or a character has no glyph in any font."""


class FontWarning(UserWarning):
    """A degraded but working font setup (a font that is not embedded)."""


@dataclass(frozen=True)
class Face:
    """A registered font: its reportlab name and whether bold must be faked."""

    name: str
    embedded: bool = True
    fake_bold: bool = False
    source: str = ""


@dataclass
class FontSet:
    body: Face
    heading: Face
    latin: Face
    latin_bold: Face
    latin_italic: Face
    warnings: list[str] = field(default_factory=list)

    def faces(self) -> list[Face]:
        return [self.body, self.heading, self.latin, self.latin_bold, self.latin_italic]


_REGISTERED: dict[tuple[str, int], str] = {}
_COVERAGE: dict[str, dict | None] = {}  # font name -> its code point -> glyph table (None: assume all)


def parse_spec(spec: str | os.PathLike) -> tuple[Path, int]:
    """``path`` or ``path:index`` (Windows drive letters are kept)."""
    text = str(spec)
    head, sep, tail = text.rpartition(":")
    if sep and tail.isdigit() and head:
        return Path(head).expanduser(), int(tail)
    return Path(text).expanduser(), 0


def register(spec: str | os.PathLike) -> str:
    """Register a TrueType font (once per process) and return its reportlab name."""
    path, index = parse_spec(spec)
    key = (str(path.resolve()) if path.exists() else str(path), index)
    if key in _REGISTERED:
        return _REGISTERED[key]
    if not path.is_file():
        raise FontError(f"font file not found: {path}")
    name = f"tr-{path.stem}-{index}"
    try:
        font = CachedTTFont(name, str(path), subfontIndex=index)  # parsed tables kept between runs
    except Exception as exc:  # a damaged file fails anywhere in the parser (TTFError, struct.error, IndexError…)
        detail = str(exc) if isinstance(exc, (TTFError, OSError, ValueError)) else f"damaged or truncated file ({exc})"
        raise FontError(f"cannot use font {path}" + (f" (index {index})" if index else "") +
                        f": {detail} (reportlab embeds TrueType outlines only)") from None
    pdfmetrics.registerFont(font)
    _REGISTERED[key] = name
    _COVERAGE[name] = font.face.charToGlyph
    return name


def forget(paths) -> None:
    """Read these font files again when next asked for (a long-lived process whose fonts were replaced)."""
    stale = {str(Path(parse_spec(p)[0]).resolve()) for p in paths}
    for key, name in list(_REGISTERED.items()):
        if key[0] in stale:
            del _REGISTERED[key]
            _COVERAGE.pop(name, None)
            _WIDTHS.pop(name, None)


def _pyproject_fonts(cwd: Path | None = None) -> dict:
    path = (cwd or Path.cwd()) / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError):
        return {}
    section = data.get("tool", {}).get("tareport", {})
    fonts = section.get("fonts", section)
    return {role: fonts[role] for role in ROLES if isinstance(fonts.get(role), str)}


def configured(options: dict | None = None, env: dict | None = None, cwd: Path | None = None,
               system: dict[str, list[str]] | None = None) -> dict[str, tuple[str, list[str]]]:
    """For each role: where its configuration came from and the candidate specs, in order."""
    env = os.environ if env is None else env
    options = options or {}
    project = _pyproject_fonts(cwd)
    system = SYSTEM_FONTS if system is None else system
    out = {}
    for role in ROLES:
        if options.get(role):
            out[role] = ("option", [str(options[role])])
        elif env.get(f"TAREPORT_FONT_{role.upper()}"):
            out[role] = ("environment", [env[f"TAREPORT_FONT_{role.upper()}"]])
        elif project.get(role):
            out[role] = ("pyproject.toml", [project[role]])
        else:
            out[role] = ("system", list(system.get(role, [])))
    return out


def resolve(options: dict | None = None, env: dict | None = None, cwd: Path | None = None,
            system: dict[str, list[str]] | None = None) -> FontSet:
    """Find, register and return the fonts; explicit settings that fail are errors."""
    found: dict[str, Face | None] = {}
    notes: list[str] = []
    for role, (origin, specs) in configured(options, env, cwd, system).items():
        found[role] = None
        for spec in specs:
            if origin == "system" and not parse_spec(spec)[0].is_file():
                continue
            try:
                found[role] = Face(register(spec), source=spec)
                break
            except FontError:
                if origin != "system":
                    raise  # a font the user asked for must work
    body, heading = found["body"], found["heading"]
    if body is None and heading is not None:
        body = heading
    if body is None:
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CJK))
        _COVERAGE.setdefault(FALLBACK_CJK, None)
        body = Face(FALLBACK_CJK, embedded=False, source="reportlab built-in")
        notes.append(f"no CJK TrueType font found: using {FALLBACK_CJK}, which is NOT embedded "
                     f"(install fonts-arphic-uming and fonts-wqy-zenhei, or pass --font-body)")
    if heading is None:
        heading = Face(body.name, body.embedded, fake_bold=True, source=body.source)
        notes.append("no CJK Hei font found: Chinese headings and bold use the body face, drawn bold")
    latin = found["latin"]
    if latin is None:
        latin = Face(body.name, body.embedded, source=body.source)
        notes.append("no Latin TrueType font found: Latin text uses the CJK body face")
    latin_bold = found["latin_bold"] or Face(latin.name, latin.embedded, fake_bold=True, source=latin.source)
    latin_italic = found["latin_italic"] or latin
    for note in notes:
        warnings.warn(note, FontWarning, stacklevel=2)
    return FontSet(body, heading, latin, latin_bold, latin_italic, notes)


def has_glyph(font_name: str, char: str) -> bool:
    """Does the font have a glyph for ``char``? (built-in CID fonts are assumed to.)"""
    cover = _COVERAGE.get(font_name)
    if cover is None:
        return True
    return ord(char) in cover


_WIDTHS: dict[str, dict[str, float]] = {}


def char_width(font_name: str, char: str) -> float:
    """Advance width of ``char`` in 1/1000 em (cached per font)."""
    table = _WIDTHS.setdefault(font_name, {})
    w = table.get(char)
    if w is None:
        w = table[char] = pdfmetrics.stringWidth(char, font_name, 1000)
    return w
