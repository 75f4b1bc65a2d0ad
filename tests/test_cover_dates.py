"""The CDIP/33/4 covers carry WIPO's meeting line, read back from both outputs."""
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
    with zipfile.ZipFile(BytesIO(renderer("docx")(view))) as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert f">{EXPECTED[lang]}<" in document
    assert "\u2009" not in first_page and "\u2009" not in document
