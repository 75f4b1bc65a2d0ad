"""The CDIP/33/4 covers carry WIPO's meeting line, read back from both outputs; the end marker
never stands alone on the last page of the PDF."""
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

import tareport
from tareport.render import renderer

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = {"zh": "2024年12月9日至13日，日内瓦", "en": "Geneva, December 9 to 13, 2024"}


@pytest.fixture(scope="module")
def cdip():
    return tareport.load(ROOT / "content" / "cdip_33_4")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_meeting_line_on_both_covers(cdip, lang, tmp_path):
    view = cdip.view(lang)
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(renderer("pdf")(view))
    first_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                                text=True, check=True).stdout
    assert EXPECTED[lang] in first_page.splitlines()
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    last = [line for line in (pages[-1] or pages[-2]).splitlines() if line.strip()]
    assert last[-1].startswith("[") and len(last) > 3, last  # the end marker, after text of the part
    with zipfile.ZipFile(BytesIO(renderer("docx")(view))) as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert f">{EXPECTED[lang]}<" in document
    assert "\u2009" not in first_page and "\u2009" not in document


def test_author_names_are_never_broken_across_lines(cdip, tmp_path):
    """The cover's "prepared by" line breaks between names, never inside one (in the PDF and in Word)."""
    view = cdip.view("en")
    names = [a.name.source["en"] for a in cdip.index.authors]
    assert len(names) == 3
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(renderer("pdf")(view))
    docx = tmp_path / "c.docx"
    docx.write_bytes(renderer("docx")(view))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path / "word"), str(docx)], capture_output=True, check=True, timeout=300)
    for made in (pdf, tmp_path / "word" / "c.pdf"):
        page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(made), "-"], capture_output=True, text=True,
                              check=True).stdout
        start = page.index("prepared by")
        block = page[start:page.index("\n\n", start)]
        assert block.count("\n") >= 1, block  # the line is long enough to need a break
        lines = [" ".join(line.split()) for line in block.splitlines()]
        for name in names:
            assert any(name in line for line in lines), (name, lines)
