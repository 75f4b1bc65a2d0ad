"""Showing a run of text in a PDF text object: the operators reportlab's ``textOut`` writes, written faster.

reportlab's ``PDFTextObject.textOut`` measures the run (to move a cursor we
never use: every run is placed with ``setTextOrigin``), looks the font up,
and maps every character to its subset and code in Python, then names the
subset again for each piece. A justified Chinese page is a few hundred runs of
a few dozen characters, in a font whose characters are spread over many
subsets, so that per-call and per-character work is a large share of a
document's rendering time. :func:`show` writes the same operators, byte for
byte: a run whose characters all have their codes already is mapped with
C-level lookups; a run with a character not yet seen goes through
reportlab's ``splitString``, which assigns codes (and subsets) in the order
reportlab always does, so the embedded subsets stay the same. Fonts other
than TrueType (the built-in CID fallback) are left to ``textOut``.
"""
from __future__ import annotations

from itertools import groupby

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont

_SUBSET = (256).__rfloordiv__  # a code's subset: code // 256, as reportlab's code >> 8
_LOW = (256).__rmod__  # its byte in that subset: code % 256


def show(tx, run: str) -> None:
    """Append to text object ``tx`` the operators that show ``run`` in its current font (as ``tx.textOut``)."""
    font = getFont(tx._fontname)
    if not font._dynamicFont:
        tx.textOut(run)
        return
    doc = tx._doc
    state = font.state.get(doc)
    chunks = None
    if state is not None:
        try:  # codes already assigned for every character (no-break space is coded as a space)
            codes = list(map(state.assignments.__getitem__, map(ord, run.replace("\u00a0", " "))))
        except KeyError:
            pass
        else:
            chunks = [(subset, bytes(map(_LOW, group))) for subset, group in groupby(codes, _SUBSET)]
    if chunks is None:
        chunks = font.splitString(run, doc)
    names = _names(tx._canvas)
    code = tx._code
    head = None
    for subset, data in chunks:
        if subset != tx._curSubset:
            name = names.get((font.fontName, subset))
            if name is None:  # the first use of a subset registers the font with the document
                name = names[font.fontName, subset] = font.getSubsetInternalName(subset, doc)
            if head is None:
                head = f" {fp_str(tx._fontsize)} Tf {fp_str(tx._leading)} TL"
            code.append(name + head)
            tx._curSubset = subset
        code.append(f"({escapePDF(data)}) Tj")


def _names(canv) -> dict:
    """The PDF names of the font subsets used on ``canv`` so far, by (font, subset)."""
    names = canv.__dict__.get("_tareport_subset_names")
    if names is None:
        names = canv._tareport_subset_names = {}
    return names
