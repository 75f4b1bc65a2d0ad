"""Typographic checks of the prose: straight quotes in English.

WIPO's English documents use typographic quotation marks and apostrophes
(“ ” ‘ ’); a straight ``"`` or ``'`` typed next to them looks like a
mistake on the page. ``check`` reports each one as a warning with its
place, so the editor fixes the text (the renderers never guess which
curly mark was meant). Addresses are left out: a URL may hold ``'``.
"""
from __future__ import annotations

import re

from .alignment import literal
from .diagnostics import Diagnostic
from .text import Text

#: Languages whose prose is checked (primary subtags).
CURLY_QUOTE_LANGS = ("en",)
_URL = re.compile(r"https?://\S+|www\.\S+")
_STRAIGHT = re.compile(r"[\"']")


def straight_quotes(text: Text) -> list[Diagnostic]:
    """A warning per language of ``text`` that writes a straight quote in prose."""
    out = []
    for lang, nodes in text.inlines.items():
        if lang.split("-")[0] not in CURLY_QUOTE_LANGS:
            continue
        shown = _URL.sub(" ", literal(nodes))
        found = _STRAIGHT.search(shown)
        if found:
            pos, _ = text.lang_pos.get(lang, (None, None))
            context = shown[max(0, found.start() - 15):found.end() + 15].strip()
            mark = "“ ” or ‘ ’" if found.group(0) == '"' else "’ (apostrophe) or ‘ ’"
            out.append(Diagnostic(pos or text.pos, f"straight quote {found.group(0)} in the {lang} text "
                                                   f"(“…{context}…”): write {mark}", severity="warning"))
    return out
