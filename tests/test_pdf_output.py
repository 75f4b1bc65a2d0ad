"""The generated PDFs, checked with real tools (qpdf, pdffonts, pdftotext, pdfinfo)."""
import json
import os
import sys
import re
import subprocess
from pathlib import Path

import pytest

import tareport
from tareport.view import ParaV, plain
from tareport.render.pdf import render

ROOT = Path(__file__).resolve().parents[1]
CLOSING = set("，。、；：！？）》」』”’")
OPENING = set("（《「『“‘")


def run(*cmd) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def zh(tmp_path_factory):
    view = tareport.load(ROOT / "content" / "cdip_33_4").view("zh")
    data = render(view)
    path = tmp_path_factory.mktemp("pdf") / "zh.pdf"
    path.write_bytes(data)
    return view, path, data


@pytest.fixture(scope="module")
def en(tmp_path_factory):
    view = tareport.load(ROOT / "content" / "cdip_33_4").view("en", draft=True)
    path = tmp_path_factory.mktemp("pdf") / "en.pdf"
    path.write_bytes(render(view))
    return view, path


def norm(text: str) -> str:
    """Without whitespace and hyphens (pdftotext joins a word cut after a hyphen, e.g. in a URL)."""
    return re.sub(r"[\s\-]+", "", text)


def pages(path) -> list[str]:
    return run("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")


def body_text(view, path) -> str:
    """The document's text without whitespace, running headers and footnote texts."""
    text = norm(run("pdftotext", "-enc", "UTF-8", str(path), "-"))
    for part in view.parts:
        for n in range(80, 0, -1):
            text = text.replace(norm(f"{view.symbol}{part.header_prefix}{n}{part.header_suffix}"), "")
    for fn in view.footnote_list():
        text = text.replace(norm(fn.number + plain(fn.text)), "", 1)
    return text


def with_marks(spans) -> str:
    return norm("".join(s.number if s.kind == "note" else ("" if s.kind == "break" else s.text) for s in spans))


def found_in(text: str, number, body: str) -> bool:
    """Is ``text`` in ``body``? pdftotext may put a hanging number after the first
    line's first characters (its reading-order guess), so the number is taken out."""
    if text in body:
        return True
    if not number:
        return False
    head = text[:8]
    start = body.find(head)
    while start >= 0:
        window = body[start:start + len(text) + len(number) + 1].replace(number + ".", "", 1)
        if window.startswith(text):
            return True
        start = body.find(head, start + 1)
    return False


def paragraphs(view):
    def walk(blocks):
        for b in blocks:
            if isinstance(b, ParaV):
                yield b
            for inner in getattr(b, "blocks", []) or []:
                if isinstance(inner, ParaV):
                    yield inner
    for part in view.parts:
        yield from walk(part.blocks)


def test_qpdf_check_passes(zh, en):
    for path in (zh[1], en[1]):
        out = run("qpdf", "--check", str(path))
        assert "No syntax or stream encoding errors" in out


def test_every_font_is_embedded(zh, en):
    for path in (zh[1], en[1]):
        rows = run("pdffonts", str(path)).splitlines()[2:]
        assert rows
        names = " ".join(r.split()[0] for r in rows)
        assert "Helvetica" not in names
        for row in rows:
            cols = row.split()
            assert cols[-5] == "yes", row  # emb
    names = run("pdffonts", str(zh[1]))
    assert "UMingCN" in names and "WenQuanYiZenHei" in names and "LiberationSans-Bold" in names


def test_metadata(zh, en):
    info = run("pdfinfo", str(zh[1]))
    assert re.search(r"Title:\s+产权组织合作促进发展领域技术援助独立外部审查", info)
    assert re.search(r"Subject:\s+CDIP/33/4", info)
    assert "梅利莎" in info
    raw = zh[2]
    assert b"/Lang (zh-CN)" in raw and b"/DisplayDocTitle true" in raw
    assert b"/Lang (en-GB)" in en[1].read_bytes()


def test_every_paragraph_and_footnote_text_is_extracted(zh):
    view, path, _ = zh
    full = norm(run("pdftotext", "-enc", "UTF-8", str(path), "-"))
    for fn in view.footnote_list():
        assert norm(plain(fn.text)) in full, fn.number
    body = body_text(view, path)
    missing = [p.number for p in paragraphs(view) if not found_in(with_marks(p.text), p.number, body)]
    assert not missing, f"paragraphs not found in the extracted text: {missing}"


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(zh):
    bad = []
    for line in run("pdftotext", "-enc", "UTF-8", "-layout", str(zh[1]), "-").splitlines():
        for cell in re.split(r"\s{3,}", line.strip()):  # columns of a table, hanging numbers
            if cell and (cell[0] in CLOSING or cell[-1] in OPENING):
                bad.append(cell)
    assert not bad, bad[:10]


def test_each_footnote_is_on_the_page_of_its_mark(zh):
    view, path, _ = zh
    texts = [norm(p) for p in pages(path)]
    seen = set()
    for para in paragraphs(view):
        before = ""
        for span in para.text:
            if span.kind == "note" and span.target not in seen:
                seen.add(span.target)
                fn = view.footnotes[span.target]
                mark = norm(before)[-6:] + fn.number
                mark_pages = [i for i, t in enumerate(texts) if mark in t]
                note_pages = [i for i, t in enumerate(texts) if norm(fn.number + plain(fn.text)) in t]
                assert mark_pages and note_pages, fn.number
                assert note_pages[0] in mark_pages, (fn.number, mark_pages, note_pages)
            elif span.kind != "note":
                before += span.text
    assert len(seen) >= 15


def test_annex_pages_carry_the_header_with_the_annex_page_number(zh, en):
    for view, path in ((zh[0], zh[1]), (en[0], en[1])):
        texts = pages(path)
        annex = view.parts[1]
        start = next(i for i, t in enumerate(texts) if norm(annex.title_page.lines[0][1]) in norm(t) and i > 0)
        assert norm(f"{annex.header_prefix}1{annex.header_suffix}") not in norm(texts[start])
        for k in range(start + 1, len(texts) - 1):
            n = k - start + 1
            header = norm(f"{view.symbol}{annex.header_prefix}{n}{annex.header_suffix}")
            assert header in norm(texts[k]), (k, header)
        assert view.symbol not in texts[0].split(view.cover.symbol, 1)[0]  # no header on the cover


RANK = {"chapter": 1, "section": 2, "lesson": 3, "subheading": 4}


def expected_outline(view) -> list[tuple[str, int]]:
    """(title, depth) of every heading outside boxes, in reading order, nested by meaning: a heading sits
    under the nearest preceding heading of a lower rank of its part (depth 1 under the part's own entry)."""
    from tareport.view import AbbreviationsV, HeadingV
    out = []
    for part in view.parts:
        open_ranks: list[int] = []
        for b in part.blocks:
            if isinstance(b, HeadingV):
                title = ((b.number + (". " if b.level in ("chapter", "lesson") else " ")) if b.number else "") \
                    + plain(b.text)
                rank = RANK[b.level]
            elif isinstance(b, AbbreviationsV):
                title, rank = b.heading, 1
            else:
                continue
            while open_ranks and open_ranks[-1] >= rank:
                open_ranks.pop()
            out.append((title, len(open_ranks) + 1))
            open_ranks.append(rank)
    return out


def outline_entries(path) -> list[tuple[str, int]]:
    outline = json.loads(run("qpdf", "--json", "--json-key=outlines", str(path)))["outlines"]
    entries = []

    def walk(items, depth):
        for item in items:
            entries.append((item["title"], depth))
            walk(item["kids"], depth + 1)
    walk(outline, 0)
    return entries


def test_outline_nests_headings_by_meaning_and_leaves_box_headings_out(zh, en):
    for view, path in (zh[:2], en[:2]):
        entries = outline_entries(path)
        expected = expected_outline(view)
        assert len(expected) > 70
        assert [e for e in entries if e[1] > 0] == expected
        assert [t for t, d in entries if d == 0][1:] == [p.heading for p in view.parts if p.kind == "annex"]
    # chapter 5's lessons are siblings under the chapter, not nested under lesson 1
    lessons = [(t, d) for t, d in outline_entries(zh[1]) if t[:2] in {f"{n}." for n in range(1, 8)} and d == 2]
    assert len(lessons) >= 7
    # the SDG sub-headings of box 1 are not bookmarks
    box_heads = [plain(h.text) for part in zh[0].parts for b in part.blocks if type(b).__name__ == "BoxV"
                 for h in b.blocks if type(h).__name__ == "HeadingV"]
    assert box_heads and not set(box_heads) & {t for t, _ in outline_entries(zh[1])}


def test_links_and_urls(zh):
    raw = zh[2]
    assert raw.count(b"/URI (https://www.wipo.int") >= 10
    assert raw.count(b"/Subtype /Link") > 40


def test_two_builds_are_byte_identical(zh):
    view, _, data = zh
    assert render(view) == data


def test_build_writes_the_file_through_the_cli(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-m", "tareport", "build", "--lang", "zh", "--format", "pdf",
                          "--doc", "sample", "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                         env=env)
    assert out.returncode == 0, out.stderr
    written = list(tmp_path.glob("zh/*.pdf"))
    assert written and written[0].read_bytes().startswith(b"%PDF")
