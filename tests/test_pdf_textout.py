"""Text runs are shown with the operators reportlab's own textOut writes, byte for byte."""
import io

from hypothesis import given, settings, strategies as st
from reportlab.pdfgen.canvas import Canvas

from tareport.render.pdf import fonts
from tareport.render.pdf.textout import show

FONTS = fonts.resolve({})
CHARS = list("Abc 12,.中文产权组织，。（）“”\u00a0") + [chr(0x4E00 + k) for k in range(0, 2000, 7)]


def _code(runs, write) -> str:
    tx = Canvas(io.BytesIO(), invariant=1).beginText()
    # 600 characters seen first: the runs' characters are coded in the second and third subsets of the font
    for face, size, run in [(FONTS.body.name, 11, "".join(chr(0x5000 + k) for k in range(600)))] + runs:
        tx.setFont(face, size)
        write(tx, run)
    return tx.getCode()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([FONTS.body.name, FONTS.heading.name, FONTS.latin.name]),
                          st.sampled_from([9, 11, 10.5]),
                          st.lists(st.sampled_from(CHARS), min_size=1, max_size=40).map("".join)),
                min_size=1, max_size=30))
def test_show_writes_what_textout_writes(runs):
    # many distinct Chinese characters: codes are assigned on first sight and spread over several subsets
    assert _code(runs, show) == _code(runs, lambda tx, run: tx.textOut(run))
