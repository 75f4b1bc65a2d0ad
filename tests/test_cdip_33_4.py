"""CDIP/33/4 in full: numbering as in the original, and the text found in the seed."""
from __future__ import annotations

import re

import pytest

import tareport
from tareport.view import (AbbreviationsV, BoxV, ChartV, FigureV, FindingV, HeadingV, InfoV, ListV, ParaV, QuoteV,
                           TableV, plain)

from .conftest import CONTENT, SEED


@pytest.fixture(scope="module")
def doc():
    return tareport.load(CONTENT / "cdip_33_4")


@pytest.fixture(scope="module")
def view(doc):
    return doc.view("zh")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed():
    return squeeze(SEED.read_text(encoding="utf-8"))


def blocks_of(view, kind):
    out = []

    def visit(blocks):
        for b in blocks:
            if isinstance(b, kind):
                out.append(b)
            if isinstance(b, (BoxV, InfoV)):
                visit(b.blocks)
    for part in view.parts:
        visit(part.blocks)
    return out


def test_check_passes_in_chinese(doc):
    assert tareport.check(CONTENT / "cdip_33_4", lang="zh") == []


def test_numbering_matches_the_original(view):
    main, annex = view.parts
    assert [b.number for b in main.blocks if isinstance(b, ParaV)] == ["1", "2", "3"]
    assert [b.number for b in annex.blocks if isinstance(b, ParaV) and b.number] == [str(i) for i in range(1, 145)]
    assert [b.number for b in blocks_of(view, FindingV)] == [str(i) for i in range(1, 28)]
    for kind, label, count in ((TableV, "表", 6), (ChartV, "图表", 7), (FigureV, "图", 4), (BoxV, "专栏", 1)):
        labels = [b.label for b in blocks_of(view, kind)]
        assert labels == [f"{label} {i}." for i in range(1, count + 1)]
    assert [f.number for f in view.footnote_list()] == [str(i) for i in range(1, 19)]
    assert view.footnote_list()[15].gap and sum(f.gap for f in view.footnote_list()) == 1
    headings = blocks_of(view, HeadingV)
    assert [h.number for h in headings if h.level == "chapter" and h.number] == ["1", "2", "3", "4", "5", "6"]
    assert len([h for h in headings if h.level == "section" and h.number]) == 18
    assert [h.number for h in headings if h.level == "lesson"] == [str(i) for i in range(1, 8)]
    assert len([h for h in headings if h.level == "subheading" and h.number is None]) >= 14
    assert len(blocks_of(view, QuoteV)) == 12
    assert len(blocks_of(view, AbbreviationsV)[0].entries) == 21


def test_every_numbered_paragraph_is_found_in_the_seed(view, seed):
    missing = []
    for part in view.parts:
        for b in part.blocks:
            if isinstance(b, ParaV) and b.number:
                body = squeeze(plain(b.label) + plain(b.text))[:12]
                if f"{b.number}.{body}" not in seed:
                    missing.append((part.kind, b.number, body))
    assert missing == []


def test_findings_carry_the_official_numbers(view, seed):
    for f in blocks_of(view, FindingV):
        start = squeeze(plain(f.text))[:10]
        assert re.search(rf"审查结果{f.number}：{re.escape(start)}", seed), (f.number, start)


def test_captions_are_the_seeds(view, seed):
    for kind in (TableV, ChartV, FigureV, BoxV):
        for b in blocks_of(view, kind):
            caption = squeeze(b.label + plain(b.caption if hasattr(b, "caption") else b.title))
            caption = re.sub(r"\d+$", "", caption)  # a footnote mark may follow in the seed
            assert caption[:14] in seed, caption


def reading_text(view) -> list[str]:
    """All text of the language view in reading order (labels included, page furniture excluded)."""
    out: list[str] = []

    def lst(v: ListV):
        for item in v.items:
            out.append(("" if item.marker == "•" else item.marker) + plain(item.text))
            if item.list:
                lst(item.list)
            if item.after:
                out.append(plain(item.after))

    def visit(blocks):
        for b in blocks:
            if isinstance(b, ParaV):
                out.append(plain(b.label) + plain(b.lead) + plain(b.text))
                if b.list:
                    lst(b.list)
                if b.after:
                    out.append(plain(b.after))
            elif isinstance(b, HeadingV):
                number = (b.number + ("." if b.level in ("chapter", "lesson") else "")) if b.number else ""
                out.append(number + plain(b.text))
            elif isinstance(b, ListV):
                lst(b)
            elif isinstance(b, TableV):
                out.append(b.label + plain(b.caption) + (b.unit or ""))
                out.extend(plain(c.text) for r in b.header + b.rows for c in r.cells)
                out.append(plain(b.source))
            elif isinstance(b, ChartV):
                out.append(b.label + plain(b.caption))
                out.extend(b.categories)
                out.extend(label for s in b.series for label in [s.name or ""] + s.labels)
                out.append(plain(b.source))
            elif isinstance(b, FigureV):
                out.append(b.label + plain(b.caption))
                out.extend(plain(t.label) + plain(t.text) for t in b.tiles)
                out.append(plain(b.source))
            elif isinstance(b, FindingV):
                out.append(b.label + plain(b.text))
            elif isinstance(b, QuoteV):
                out.extend([plain(b.text), plain(b.attribution)])
            elif isinstance(b, BoxV):
                out.append(b.label + plain(b.title))
                visit(b.blocks)
            elif isinstance(b, InfoV):
                out.append(plain(b.title))
                visit(b.blocks)
            elif isinstance(b, AbbreviationsV):
                out.extend(a + plain(t) for a, t in b.entries)

    c = view.cover
    out.extend([c.committee, c.session, c.meeting, c.title, c.prepared_by])
    for part in view.parts:
        if part.title_page:
            out.extend([view.symbol, part.heading] + [text for _, text in part.title_page.lines])
        visit(part.blocks)
        out.append(part.end_marker)
    out.extend(plain(f.text) for f in view.footnote_list() if not f.gap)
    return out


def test_share_of_the_seed_found(view, seed, capsys):
    """Report how much of the seed's text the content holds (shingles of 8 characters)."""
    rendered = squeeze("".join(reading_text(view)))
    k = 8
    shingles = {rendered[i:i + k] for i in range(len(rendered) - k + 1)}
    covered = [False] * len(seed)
    for i in range(len(seed) - k + 1):
        if seed[i:i + k] in shingles:
            for j in range(i, i + k):
                covered[j] = True
    share = sum(covered) / len(seed)
    # what is not covered: chart axis/value lines, page headers, link annotations, printed numbers
    uncovered = re.sub(r"#+", "\n", "".join(c if not cov else "#" for c, cov in zip(seed, covered)))
    left = [s for s in uncovered.split("\n") if len(s) >= 12 and not re.fullmatch(r"[\d.%/:\-a-zA-Z_?=]+", s)]
    with capsys.disabled():
        print(f"\nCDIP/33/4: {share:.1%} of the seed's {len(seed)} characters found in the content; "
              f"{len(left)} uncovered stretches of 12+ characters that are not numbers or URLs")
    assert share > 0.97
    assert len(left) <= 10, left


def test_nothing_is_added_to_the_seed(view, seed):
    """The other direction: every piece of the content's Chinese text is the seed's."""
    k = 8
    shingles = {seed[i:i + k] for i in range(len(seed) - k + 1)}
    foreign, total = [], 0
    for piece in map(squeeze, reading_text(view)):
        total += len(piece)
        if len(piece) < k:
            if piece not in seed and not re.fullmatch(r"[\d.,%]+", piece):  # formatted numbers: 688,698
                foreign.append(piece)
            continue
        covered = [False] * len(piece)
        for i in range(len(piece) - k + 1):
            if piece[i:i + k] in shingles:
                covered[i:i + k] = [True] * k
        foreign.extend(m.group(0) for m in re.finditer(r"#+", "".join("#" if not c else "." for c in covered)))
    # a few characters are foreign only because the seed glues a footnote mark's digit into the text
    assert sum(map(len, foreign)) < 10, foreign
