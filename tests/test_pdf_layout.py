"""Page quality of the PDF, measured from the layout's own record of what it drew where.

``render(view, record=[...])`` logs every piece of text (its paragraph, first
line and line count), every frame piece (the sides it drew), each page's body
area and where its footnotes begin, part starts and forced breaks. From it:
no paragraph leaves a lone line on either side of a page break, a box is on
one page or framed on both, and no page ends with an empty band over 3 cm
unless a rule forbade filling it (a heading kept with the start of what
follows, the end of a part, a title page).
"""
from __future__ import annotations

from collections import defaultdict

import pytest

import tareport
from tareport.render.pdf import render
from tareport.render.pdf.flowables import MAX_BAND

from .conftest import CONTENT

DOCS = ["cdip_33_4", "sample", "sample_annexes", "sample_rev"]
TEXT = ("text", "heading", "caption")


@pytest.fixture(scope="module", params=[(d, lang) for d in DOCS for lang in ("zh", "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def record(request):
    doc, lang = request.param
    rec: list[dict] = []
    render(tareport.load(CONTENT / doc).view(lang, draft=True), record=rec)
    return rec


def pieces(rec, kinds):
    by = defaultdict(list)
    for r in rec:
        if r["kind"] in kinds:
            by[r["origin"]].append(r)
    return by


def test_the_record_sees_every_page(record):
    pages = [r["page"] for r in record if r["kind"] == "page"]
    assert pages == list(range(1, len(pages) + 1))
    assert any(r["kind"] == "text" for r in record)


def test_no_lone_line_on_either_side_of_a_page_break(record):
    split = 0
    for origin, parts in pieces(record, TEXT).items():
        if len({p["page"] for p in parts}) < 2:
            continue
        split += 1
        assert parts[0]["total"] >= 4, parts  # a paragraph of two or three lines is never split
        for p in parts:
            assert p["lines"] >= 2, parts
        assert sum(p["lines"] for p in parts) == parts[0]["total"]


def test_cdip_33_4_has_paragraphs_split_across_pages():
    """The rule is exercised: long paragraphs do split (two lines or more on each side)."""
    rec: list[dict] = []
    render(tareport.load(CONTENT / "cdip_33_4").view("zh"), record=rec)
    split = [o for o, parts in pieces(rec, TEXT).items() if len({p["page"] for p in parts}) > 1]
    assert len(split) >= 10


def test_a_box_is_on_one_page_or_framed_on_both(record):
    ends = {r["page"]: r["bottom"] for r in record if r["kind"] == "page_end"}
    pages = {r["page"]: r for r in record if r["kind"] == "page"}
    for origin, parts in pieces(record, ("frame",)).items():
        if len(parts) == 1:
            continue
        first = parts[0]
        for p in parts:
            assert set(p["sides"]) in ({"top", "bottom", "left", "right"}, {"left"}), parts  # closed, reopened
        # split only when it could not be kept together without leaving a band over 3 cm, or is taller than a page
        whole = sum(p["top"] - p["bottom"] for p in parts)
        room = first["top"] - ends[first["page"]]
        assert room > MAX_BAND or whole > pages[first["page"]]["top"] - pages[first["page"]]["bottom"], parts


def kept_start(rec, page) -> float | None:
    """Height of the headings/captions that open ``page`` with the least start of what follows them
    (two lines of a paragraph, a table's first rows, a box): what a keep-with-next rule moved."""
    drawn = sorted((r for r in rec if r["page"] == page and r["kind"] in TEXT + ("cell", "frame")),
                   key=lambda r: -r["top"])
    if not drawn or drawn[0]["kind"] not in ("heading", "caption"):
        return None
    top = drawn[0]["top"]
    i = 0
    while i < len(drawn) and drawn[i]["kind"] in ("heading", "caption"):
        i += 1
    if i == len(drawn):
        return top - drawn[i - 1]["bottom"]
    nxt = drawn[i]
    if nxt["kind"] == "text":
        lines = nxt["total"] if nxt["total"] < 4 else 2
        return top - (nxt["top"] - lines * nxt["leading"])
    if nxt["kind"] == "cell":
        tops = sorted({round(r["top"]) for r in drawn[i:] if r["kind"] == "cell"}, reverse=True)[:3]
        return top - min(r["bottom"] for r in drawn[i:] if r["kind"] == "cell" and round(r["top"]) in tops)
    return top - max(nxt["bottom"], nxt["top"] - MAX_BAND)


def test_no_empty_band_over_3_cm_that_a_rule_allows_to_fill(record):
    ends = {r["page"]: r["bottom"] for r in record if r["kind"] == "page_end"}
    starts = {r["page"] for r in record if r["kind"] == "part"}
    forced = {r["page"] for r in record if r["kind"] == "page_break"}
    last = max(ends)
    lowest: dict[int, float] = {}
    for r in record:
        if r["kind"] in TEXT + ("cell", "frame"):
            lowest[r["page"]] = min(lowest.get(r["page"], 1e9), r["bottom"])
    for page, bottom in ends.items():
        band = lowest.get(page, bottom) - bottom
        if band <= MAX_BAND or page == last or page + 1 in starts or page in forced:
            continue
        kept = kept_start(record, page + 1)
        # the band also holds the space after the last paragraph and before the heading or caption, and the
        # padding below the last table row, which text positions do not show
        slack = 12 + 6 + 6
        assert kept is not None and kept > band - slack, f"page {page}: an empty band of {band / 28.35:.1f} cm"


def _segments(cell):
    """A cell's lines, grouped by its forced line breaks."""
    out, current = [], []
    for text, hard in zip(cell["text"], cell["hard"]):
        current.append(text)
        if hard:
            out.append(current)
            current = []
    return out + ([current] if current else [])


def test_table_cells_break_at_allowed_places(record):
    """No cell line starts with a slash or closing punctuation; no number or word is cut across lines;
    a short Chinese label (up to six characters) is never broken; a label of two or three lines is
    balanced (its shortest line at least a third of its longest)."""
    from tareport.cjk import NO_LINE_START, is_wide
    from tareport.render.pdf.linebreak import wide_char

    def weight(s):
        return sum(2 if wide_char(c, True) else 1 for c in s)

    cells = [r for r in record if r["kind"] == "cell"]
    assert cells or not any(r["kind"] == "table" for r in record)
    for cell in cells:
        for lines in _segments(cell):  # each line ends with its spaces
            for before, line in zip(lines, lines[1:]):
                assert line[:1] != "/" and line[:1] not in NO_LINE_START, lines
                assert not (before[-1:].isalnum() and line[:1].isalnum() and before[-1:].isascii()
                            and line[:1].isascii()), lines  # 688,69 | 8, Baselin | e
            lines = [line.strip() for line in lines]
            if len(lines) > 1 and all(is_wide(c) for c in "".join(lines)):
                assert len("".join(lines)) > 6, lines  # 伦理原 | 则
            if 2 <= len(lines) <= 3:
                assert min(map(weight, lines)) >= max(map(weight, lines)) / 3, lines


def test_a_split_table_leaves_two_rows_or_more_on_each_page(record):
    tables = pieces(record, ("table",))
    assert tables or not any(r["kind"] == "cell" for r in record)
    for origin, parts in tables.items():
        if len(parts) > 1:
            assert all(p["rows"] >= 2 for p in parts), parts
            assert len({p["page"] for p in parts}) == len(parts)


def test_a_table_never_leaves_one_row_or_its_source_alone_on_the_next_page():
    """A table whose natural split would leave one body row (and its source) for the next page breaks a
    row earlier; one that cannot keep two rows on each side moves on whole."""
    from reportlab.platypus import TableStyle
    from tareport.render.pdf.flowables import KeptTable

    def table(rows):
        data = [["head"]] + [[f"row {k}"] for k in range(rows)] + [["source"]]
        t = KeptTable(data, colWidths=[200], rowHeights=[20] * (rows + 2), repeatRows=1,
                      style=TableStyle([("NOSPLIT", (0, rows), (-1, -1))]))
        t.header, t.body_end = 1, rows + 1
        t.wrap(200, 1000)
        return t

    t = table(6)
    first, rest = t.split(200, 20 * 6.5)  # room for the header and five rows: row 6 and the source would be alone
    assert len(first._cellvalues) - 1 == 4 and len(rest._cellvalues) == 1 + 2 + 1
    assert table(3).split(200, 20 * 3.5) == []  # two rows here would leave one there: the table moves on
    assert table(6).split(200, 20 * 2.5) == []  # one row here: moves on
    whole = table(6)
    assert whole.split(200, 1000) == [whole]
