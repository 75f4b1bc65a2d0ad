"""Runs last (file order): no PDF built by the suite draws a .notdef glyph.

conftest.py wraps the PDF renderer so every PDF rendered in this process is
scanned; the PDFs that subprocess builds (the CLI tests) wrote under pytest's
temporary folder are scanned here. Both CDIP/33/4 and the sample are also
built here in every language, so the check never rests on an empty list.
"""
from pathlib import Path

import tareport
from tareport.render.pdf import render

from .conftest import SCANNED_PDFS
from pdfglyphs import notdef_glyphs

ROOT = Path(__file__).resolve().parents[1]


def test_no_pdf_built_by_the_suite_draws_notdef(tmp_path_factory):
    for name in ("cdip_33_4", "sample"):
        doc = tareport.load(ROOT / "content" / name)
        for lang in doc.languages:
            render(doc.view(lang))
    files = [f for f in sorted(tmp_path_factory.getbasetemp().rglob("*.pdf")) if f.read_bytes()[:5] == b"%PDF-"]
    found = [(test, bad) for test, bad in SCANNED_PDFS if bad]
    found += [(str(f), bad) for f in files if (bad := notdef_glyphs(f))]
    assert len(SCANNED_PDFS) >= 4
    assert found == [], found
