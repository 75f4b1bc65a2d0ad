"""Font lookup, the STSong-Light fallback, glyph coverage errors and bold faces."""
import copy
import subprocess
import warnings
from pathlib import Path

import pytest

import tareport
from tareport.render.pdf import render
from tareport.render.pdf.fonts import FALLBACK_CJK, FontError, FontWarning, configured, resolve
from tareport.view import ParaV, Span

from pdfglyphs import notdef_glyphs

ROOT = Path(__file__).resolve().parents[1]
UMING = "/usr/share/fonts/truetype/arphic/uming.ttc:0"
ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:0"
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@pytest.fixture(scope="module")
def sample_zh():
    return tareport.load(ROOT / "content" / "sample").view("zh")


def pdffonts(data: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def test_lookup_order_option_then_environment_then_pyproject_then_system(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.tareport]\nbody = "/p/body.ttf"\nlatin = "/p/latin.ttf"\n')
    env = {"TAREPORT_FONT_BODY": "/env/body.ttf", "TAREPORT_FONT_HEADING": "/env/head.ttf"}
    found = configured({"body": "/opt/body.ttf"}, env, tmp_path)
    assert found["body"] == ("option", ["/opt/body.ttf"])
    assert found["heading"] == ("environment", ["/env/head.ttf"])
    assert found["latin"] == ("pyproject.toml", ["/p/latin.ttf"])
    assert found["latin_bold"][0] == "system"


def test_system_fonts_are_embedded_truetype(sample_zh, tmp_path):
    fonts = resolve({}, env={}, cwd=tmp_path)
    assert not fonts.warnings
    rows = pdffonts(render(sample_zh, fonts=fonts), tmp_path)
    names = " ".join(r[0] for r in rows)
    assert "UMingCN" in names and "WenQuanYiZenHei" in names  # Song body, Hei headings and bold
    assert "LiberationSans-Bold" in names  # Latin bold is a real bold face
    assert all(r[-5] == "yes" for r in rows)


def test_explicit_font_option_is_used(sample_zh, tmp_path):
    rows = pdffonts(render(sample_zh, fonts={"body": ZENHEI}), tmp_path)
    names = " ".join(r[0] for r in rows)
    assert "UMingCN" not in names and "WenQuanYiZenHei" in names


def test_an_explicit_font_that_does_not_work_is_an_error(tmp_path):
    with pytest.raises(FontError, match="not found"):
        resolve({"body": str(tmp_path / "nothing.ttf")}, env={}, cwd=tmp_path)
    if Path(NOTO).exists():  # CFF outlines: reportlab cannot embed them
        with pytest.raises(FontError, match="TrueType"):
            resolve({"body": NOTO}, env={}, cwd=tmp_path)


def test_fallback_without_cjk_truetype_font_warns_and_uses_stsong(sample_zh, tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fonts = resolve({}, env={}, cwd=tmp_path, system={})
    messages = [str(w.message) for w in caught if issubclass(w.category, FontWarning)]
    assert any(FALLBACK_CJK in m and "NOT embedded" in m for m in messages)
    assert fonts.body.name == FALLBACK_CJK and fonts.heading.fake_bold
    data = render(sample_zh, fonts=fonts)
    rows = pdffonts(data, tmp_path)
    assert [r[0] for r in rows] == [FALLBACK_CJK]  # the only font, and nothing else unembedded
    assert rows[0][-5] == "no"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "f.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "审查结果" in text


def test_a_character_no_font_has_is_an_error_naming_it_and_where(sample_zh):
    view = copy.deepcopy(sample_zh)
    part = view.parts[1]
    para = next(b for b in part.blocks if isinstance(b, ParaV) and b.number)
    para.text = [Span("text", "本报告\U0001F600介绍")]
    with pytest.raises(FontError) as err:
        render(view)
    assert "U+1F600" in str(err.value) and f"paragraph {para.number}" in str(err.value)


SPACES = "\u2009\u202f\u2002\u3000\t\u00a0\u2003\u200a"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_space_is_drawn_with_a_glyph_its_font_has(lang, tmp_path):
    """Thin, narrow no-break, en, ideographic spaces, TAB and NBSP: a declared substitute, never glyph 0."""
    view = copy.deepcopy(tareport.load(ROOT / "content" / "sample").view(lang))
    para = next(b for p in view.parts for b in p.blocks if isinstance(b, ParaV) and b.number)
    para.text = [Span("text", "".join(f"9{s}–{s}13日 x{s}y" for s in SPACES))]
    data = render(view)
    assert notdef_glyphs(data) == []
    path = tmp_path / "s.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "13日" in text and "x" in text


def test_the_notdef_scanner_finds_a_missing_glyph(tmp_path):
    """The scanner itself: a PDF drawing U+2009 with Liberation Sans (which lacks it) is caught."""
    from reportlab.pdfgen import canvas
    from tareport.render.pdf.fonts import has_glyph, register
    name = register("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
    assert not has_glyph(name, "\u2009") and has_glyph(name, "A")
    for text, expected in (("A\u2009B", 1), ("AB", 0)):
        c = canvas.Canvas(str(tmp_path / "n.pdf"), invariant=1)
        c.setFont(name, 12)
        c.drawString(72, 720, text)
        c.save()
        assert len(notdef_glyphs(tmp_path / "n.pdf")) == expected, text


def test_decomposed_text_is_composed_at_load(make_doc):
    folder = make_doc({"annex.yaml": "blocks:\n  - type: para\n    text: {zh: 何塞, en: \"Jose\u0301 Mari\u0301a\"}\n"})
    view = tareport.load(folder).view("en")
    words = [s.text for p in view.parts for b in p.blocks if isinstance(b, ParaV) for s in b.text]
    assert "José María" in words and not any("\u0301" in w for w in words)
    assert notdef_glyphs(render(view)) == []
