"""Bad input never crashes, hangs or lies: each class of mistake and fault, case by case.

Every case starts from a document whose previous build is in ``build/``; the
case breaks one thing and runs ``check`` and ``build`` (in this process, through
the command line's ``main``, or as a real process where signals and start-up
matter). Each asserts the exit code, the exact ``file:line:column`` (or the
message, where no content file is at fault), that no traceback is printed, that
the previous outputs are byte-identical and that no temporary file is left.
"""
from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest

from tareport import cli
from tareport.inline import parse_inline

from .conftest import INDEX, PARA, ROOT

DOC = "content/doc"
ANNEX = f"{DOC}/annex.yaml"
INDEX_FILE = f"{DOC}/document.yaml"
GOOD_ANNEX = textwrap.dedent("""\
    blocks:
      - type: para
        id: p-one
        text: {zh: 段落, en: A paragraph}
      - type: finding
        id: f-one
        anchor: p-one
        text: {zh: 结果, en: Finding}
    """)


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A small document and its four outputs, built once; each case starts from a copy."""
    base = tmp_path_factory.mktemp("good")
    folder = base / DOC
    folder.mkdir(parents=True)
    (folder / "document.yaml").write_text(INDEX, encoding="utf-8")
    (folder / "cover.yaml").write_text(PARA, encoding="utf-8")
    (folder / "annex.yaml").write_text(GOOD_ANNEX, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tareport", "build", "--lang", "all", "--doc", "doc"],
                            cwd=base, capture_output=True, text=True, env=_env())
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(base / "build").as_posix() for p in (base / "build").rglob("*.*")) == [
        "en/cdip_33_4.docx", "en/cdip_33_4.pdf", "zh/cdip_33_4.docx", "zh/cdip_33_4.pdf"]
    return base


def _env() -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("TAREPORT_LOCALES", None)
    return env


class Workspace:
    def __init__(self, root: Path):
        self.root = root
        self.before = self.outputs()

    def outputs(self) -> dict[str, bytes]:
        """Every file under build/, hidden ones included."""
        return {p.relative_to(self.root).as_posix(): p.read_bytes()
                for p in sorted((self.root / "build").rglob("*")) if p.is_file()}

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def run(self, *args) -> tuple[int, str]:
        """``python -m tareport ARGS`` in this process; (exit code, stderr)."""
        import contextlib
        import io

        err, out = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code = cli.main(list(args))
        return code, err.getvalue()

    def process(self, *args, env=None, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tareport", *args], cwd=self.root, capture_output=True,
                              text=True, env=env or _env(), **kwargs)

    def assert_untouched(self) -> None:
        after = self.outputs()
        assert after == self.before, "the previous outputs changed"
        leftovers = [p for p in (self.root / "build").rglob("*") if p.is_file() and p.name.startswith(".")]
        assert leftovers == [], f"temporary files left: {leftovers}"


@pytest.fixture
def ws(good_build, tmp_path, monkeypatch):
    shutil.copytree(good_build, tmp_path / "ws")
    monkeypatch.chdir(tmp_path / "ws")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("TAREPORT_LOCALES", raising=False)
    return Workspace(tmp_path / "ws")


def assert_located(ws: Workspace, where: str, message: str, code: int = 2, commands=("check", "build")) -> None:
    """``check`` and ``build`` both report ``where: message…`` exactly, exit ``code``, and touch nothing."""
    for command in commands:
        args = [command, "--doc", "doc"] + (["--lang", "all"] if command == "build" else [])
        status, stderr = ws.run(*args)
        assert status == code, (command, stderr)
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        assert f"{where}: {message}" in stderr, (command, stderr)
        ws.assert_untouched()


def png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of any size, all white, compressed as it is produced."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


# ------------------------------------------------------- 1. what the YAML reader cannot build

PARA_WITH = "blocks:\n  - type: para\n    text: {{zh: 段落, en: A}}\n    {}\n"
LIST_WITH = "blocks:\n  - type: list\n    style: a.\n    {}\n    items: [{{text: {{zh: 一, en: one}}}}]\n"


@pytest.mark.parametrize("file,text,where,message", [
    ("index", INDEX.replace("start: 2024-12-09", "start: 2024-02-30"), "6:18",
     "'2024-02-30' is not a date (YYYY-MM-DD): day is out of range for month"),
    ("index", INDEX.replace("start: 2024-12-09", "start: 2024-13-01"), "6:18",
     "'2024-13-01' is not a date (YYYY-MM-DD): month must be in 1..12"),
    ("annex", LIST_WITH.format("start: !!int ninety-nine"), "4:12", "'ninety-nine' is not an integer"),
    ("annex", LIST_WITH.format("start: " + "9" * 5000), "4:12", "a number of 5000 digits"),
    ("annex", PARA_WITH.format("numbered: !!bool maybe"), "4:15", "'maybe' is not true or false"),
    ("annex", PARA_WITH.format("lead: !!map [1]"), "4:11", "!!map needs a mapping"),
    ("annex", LIST_WITH.format("id: !!seq {a: 1}"), "4:9", "!!seq needs a list"),
    ("annex", PARA_WITH.format("id: !!timestamp p-one"), "4:9", "'p-one' is not a date (YYYY-MM-DD)"),
    ("annex", PARA_WITH.format("lead: " + "[" * 600 + "]" * 600), "4:72", "nested deeper than 64 levels"),
    ("annex", PARA_WITH.format("lead:\n      " + "- " * 600 + "x"), "5:129", "nested deeper than 64 levels"),
    ("annex", PARA_WITH.format("lead: " + "[" * 999 + "]" * 999), "4:1008", "YAML syntax error: exceeded maximum nesting depth"),
    ("annex", PARA_WITH.format("lead: !!python/object:os.system x"), "4:11", "unknown tag '!!python/object:os.system'"),
    ("loop", None, "12:13", "'annex.yaml' cannot be followed"),
])
def test_1_reader_reports_what_it_cannot_build(ws, file, text, where, message):
    if file == "loop":
        (ws.root / ANNEX).unlink()
        os.symlink("annex.yaml", ws.root / ANNEX)  # a symbolic link to itself
        path = INDEX_FILE
    else:
        path = INDEX_FILE if file == "index" else ANNEX
        ws.write(path, text)
    assert_located(ws, f"{path}:{where}", message)


# -------------------------------------- 2. what a renderer cannot draw, check reports first

TABLE_WITH = ("blocks:\n  - type: table\n    caption: {{zh: 表, en: T}}\n    columns: [{{}}, {{}}]\n"
              "    rows:\n      - [a, {}]\n")
FIGURE = "blocks:\n  - type: figure\n    caption: {zh: 图, en: F}\n    image: figures/chart.png\n"


@pytest.mark.parametrize("annex,image,where,message", [
    (PARA_WITH.format('lead: {zh: "甲\\x0b乙", en: "a"}'), None, "4:18",
     "character U+000B (a control character) cannot be printed"),
    (PARA_WITH.format('lead: {zh: "甲", en: "a\\0"}'), None, "4:27", "character U+0000 (a control character)"),
    (PARA_WITH.format('lead: {zh: "甲", en: "ab \\uFFFE"}'), None, "4:29", "character U+FFFE (a Unicode non-character)"),
    (PARA_WITH.format('lead: {zh: "甲", en: "\\ud800"}'), None, "4:28", "YAML syntax error: found invalid Unicode character escape code"),
    (TABLE_WITH.format("1.0e+30"), None, "6:13", "1.0E+30 is too large to print"),
    (TABLE_WITH.format("1.0e+999999999"), None, "6:13", "1.0E+999999999 is too large to print"),
    (TABLE_WITH.format("0.00000000001"), None, "6:13", "1E-11 has more than 10 decimals"),
    (FIGURE, b"this is text, not a picture\n", "4:12", "image 'figures/chart.png': not an image (PNG or JPEG expected)"),
    (FIGURE, "huge", "4:12", "image 'figures/chart.png': 20000×20000 pixels is too large"),
    (FIGURE, "gif", "4:12", "image 'figures/chart.png': a GIF image; use PNG or JPEG"),
    (FIGURE, "truncated", "4:12", "image 'figures/chart.png': damaged image"),
])
def test_2_what_no_renderer_can_draw_is_reported_by_check(ws, annex, image, where, message):
    ws.write(ANNEX, annex)
    if image == "huge":
        image = png(20000, 20000)
    elif image == "gif":
        from PIL import Image

        buffer = __import__("io").BytesIO()
        Image.new("L", (4, 4)).save(buffer, "GIF")
        image = buffer.getvalue()
    elif image == "truncated":
        image = png(64, 64)[:60]
    if image is not None:
        ws.write(f"{DOC}/figures/chart.png", image)
    assert_located(ws, f"{ANNEX}:{where}", message)


# ------------------------------------------------------------------- 3. setup errors

def _broken_catalog(ws, change) -> tuple[str, int, int]:
    """A copy of the zh catalog changed by ``change(lines)`` -> (path, line, column) it reports."""
    lines = (ROOT / "locales/zh/LC_MESSAGES/tareport.po").read_text(encoding="utf-8").split("\n")
    data, line, column = change(lines)
    ws.write("locales/zh/LC_MESSAGES/tareport.po", data)
    return "locales/zh/LC_MESSAGES/tareport.po", line, column


def _latin1(lines):
    n = next(i for i, l in enumerate(lines) if l == 'msgstr "缩略语"')
    text = "\n".join(lines).encode("utf-8").replace("缩略语".encode(), b"Abr\xe9viations", 1)
    return text, n + 1, 1


def _typo(lines):
    n = next(i for i, l in enumerate(lines) if l.startswith('msgid "DATE: {date')) + 1
    lines[n] = lines[n].replace("{date:", "{date", 1).replace("日}", "日", 1)
    return "\n".join(lines), n + 1, lines[n].index("{") + 1


def _truncated(lines):
    n = next(i for i, l in enumerate(lines) if l.startswith('msgid "DATE: {date'))
    return "\n".join(lines[:n + 1]) + "\n", n + 1, 1


@pytest.mark.parametrize("change,message", [
    (_latin1, "not UTF-8 text: byte 0xE9"),
    (_typo, "translation of 'DATE: {date!u:MMMM d, y}': expected '}' before end of string"),
    (_truncated, "not a valid catalog: missing msgstr for msgid 'DATE: {date!u:MMMM d, y}'"),
])
def test_3_a_broken_catalog_is_placed_in_the_catalog(ws, monkeypatch, change, message):
    path, line, column = _broken_catalog(ws, change)
    monkeypatch.setenv("TAREPORT_LOCALES", str(ws.root / "locales"))
    assert_located(ws, f"{path}:{line}:{column}", message)


@pytest.mark.parametrize("setup,code,message", [
    ("font", 1, "cannot use font fonts/cut.ttf: damaged or truncated file"),
    ("epoch-word", 2, "SOURCE_DATE_EPOCH='yesterday': expected whole seconds since 1970-01-01 UTC"),
    ("epoch-range", 2, "SOURCE_DATE_EPOCH='99999999999999': expected whole seconds"),
    ("interrupt-at-start", 1, "tareport: interrupted"),
])
def test_3_setup_errors_exit_with_a_message(ws, setup, code, message):
    args = ["build", "--doc", "doc", "--lang", "all"]
    env = _env()
    command = [sys.executable, "-m", "tareport"]
    if setup == "font":
        latin = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
        ws.write("fonts/cut.ttf", latin.read_bytes()[:20000])
        args += ["--format", "pdf", "--font-latin", "fonts/cut.ttf"]
    elif setup.startswith("epoch"):
        env["SOURCE_DATE_EPOCH"] = "yesterday" if setup == "epoch-word" else "99999999999999"
    else:  # Ctrl-C while the modules load: the import of the renderers raises SIGINT
        hook = ("import runpy, signal, sys\n"
                "class Hook:\n"
                "    def find_spec(self, name, path=None, target=None):\n"
                "        if name == 'tareport.render':\n"
                "            signal.raise_signal(signal.SIGINT)\n"
                "sys.meta_path.insert(0, Hook())\n"
                "sys.argv[0] = '-m'\n"
                "runpy.run_module('tareport', run_name='__main__', alter_sys=True)\n")
        command = [sys.executable, "-c", hook]
    result = subprocess.run(command + args, cwd=ws.root, capture_output=True, text=True, env=env)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and message in result.stderr, result.stderr
    ws.assert_untouched()


# ------------------------------------------------------------------------- 4. hangs

ALIAS_BOMB = """\
blocks:
  - type: list
    style: a.
    items:
      - text: {zh: 一, en: one}
        list:
          style: i.
          items:
            - text: &a {zh: [x, x, x, x, x, x, x, x, x, x], en: x}
            - text: &b {zh: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a], en: x}
            - text: &c {zh: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b], en: x}
            - text: &d {zh: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c], en: x}
            - text: &e {zh: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d], en: x}
            - text: &f {zh: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e], en: x}
            - text: &g {zh: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f], en: x}
"""


@pytest.mark.parametrize("annex,where,message,count", [
    (ALIAS_BOMB, "12:50", "aliases repeat more than 10000 values in this file", 1),
    (PARA_WITH.format('lead: {zh: "' + "{b:" * 20 + '", en: x}'), None, "unclosed {b:…}", 20),
    (PARA_WITH.format('lead: {zh: "' + "{link:x|{i:" * 10 + '", en: x}'), None, "unclosed {", 20),
])
def test_4_no_input_hangs(ws, annex, where, message, count):
    ws.write(ANNEX, annex)
    start = time.perf_counter()
    status, stderr = ws.run("check", "--doc", "doc")
    assert time.perf_counter() - start < 5  # was 60 s and more; exponential behaviour shows at once
    assert status == 2 and "Traceback" not in stderr
    reported = [line for line in stderr.splitlines() if message in line]
    assert len(reported) == count, stderr  # one error per unclosed mark, not a million
    if where:
        assert reported[0].startswith(f"{ANNEX}:{where}: ")
    else:  # each unclosed mark at its own '{', on line 4, after `    lead: {zh: "`
        columns = sorted(int(line.split(":")[2]) for line in reported)
        opener = len("{b:") if "{b:" in annex else None
        if opener:
            assert columns == [17 + opener * k for k in range(count)]
    ws.assert_untouched()
    status, stderr = ws.run("build", "--doc", "doc", "--lang", "all")
    assert status == 2 and len([line for line in stderr.splitlines() if message in line]) == count
    ws.assert_untouched()


def test_4_inline_parser_is_linear():
    """Ten times the unclosed marks takes about ten times as long (a quadratic parser takes 100×)."""
    def seconds(n):
        start = time.perf_counter()
        nodes, errors = parse_inline("{b:" * n)
        assert len(errors) == n
        return time.perf_counter() - start

    seconds(200)
    small, large = min(seconds(2000) for _ in range(3)), min(seconds(20000) for _ in range(3))
    assert large < 30 * small + 0.05, (small, large)


# ------------------------------------------------------------------ 5. exact locations

CHINESE_LINES = "".join(f"  - type: para\n    text: {{zh: 第{n}段。, en: Paragraph {n}.}}\n" for n in range(1, 89))


@pytest.mark.parametrize("annex,where,message", [
    # a raw control character on line 101 of a 177-line Chinese file (libyaml counts bytes, not characters)
    ("blocks:\n" + CHINESE_LINES[:CHINESE_LINES.index("第50段")] + "第\x0b50段" + CHINESE_LINES[CHINESE_LINES.index("第50段") + 1:],
     "101:17", "YAML error: character U+000B (a control character) cannot appear in a content file"),
    (b"blocks:\n  - type: para\n    text: {zh: \xe6\xae\xb5\xe8\x90, en: x}\n", "3:17",
     "not UTF-8 text: byte 0xE8"),
    ("blocks:\n  - type: para\n    text:\n      zh: 第一行\n        第二行{b:未闭合\n      en: x\n", "5:12", "unclosed {b:…}"),
    ("blocks:\n  - type: para\n    text:\n      zh: >-\n        第一行\n\n        第二行 {b:x\n      en: x\n", "7:13", "unclosed {b:…}"),
    ('blocks:\n  - type: para\n    text: {zh: "\\u6bb5\\u843d {b:x", en: x}\n', "3:30", "unclosed {b:…}"),
    ('blocks:\n  - type: para\n    text:\n      zh: "第一行\n        \\u6bb5 {i:x"\n      en: x\n', "5:16", "unclosed {i:…}"),
    ("blocks:\n  - type: para\n    id: p-one\n    text: {zh: 一, en: one}\n  - type: para\n    text: {zh: 二, en: two}\n"
     "    id: p-one\n", "7:9", "duplicate id 'p-one' (first used at content/doc/annex.yaml:3:9)"),
    ("blocks:\n  - type: para\n    text: {zh: 一, en: one}\n  - type: finding\n    id: f-self\n    text: {zh: 二, en: two}\n"
     "    anchor: f-self\n", "7:13", "anchor 'f-self' is this finding itself"),
    ("blocks:\n  - type: figure\n    caption: {zh: 图, en: F}\n    description: {zh: 说明, en: d}\n"
     "    image: figures/none.png\n", "5:12", "image 'figures/none.png' does not exist"),
])
def test_5_every_mistake_is_placed_exactly(ws, annex, where, message):
    ws.write(ANNEX, annex)
    assert_located(ws, f"{ANNEX}:{where}", message)


def test_5_a_misspelled_mark_is_reported_once(ws):
    ws.write(ANNEX, """\
        blocks:
          - type: para
            text: {zh: "一{^fn-aa}", en: "one{^fn-a}"}
        footnotes:
          - id: fn-a
            text: {zh: 注, en: note}
        """)
    status, stderr = ws.run("check", "--doc", "doc")
    assert status == 2
    assert stderr.splitlines()[:-1] == [
        f"{ANNEX}:3:18: no footnote has the id 'fn-aa'; did you mean 'fn-a'?"]  # no "defined but no text marks it"
    ws.assert_untouched()


def test_5_messages_speak_yaml_not_python(ws):
    ws.write(ANNEX, "blocks:\n  - type: list\n    style: a.\n    items: [x]\n  - type: para\n    text: [a]\n")
    status, stderr = ws.run("check", "--doc", "doc")
    assert status == 2
    assert f"{ANNEX}:4:13: items: expected a mapping (key: value pairs), got a string" in stderr
    assert f"{ANNEX}:6:11: expected a text: a mapping of language to text, e.g. {{zh: …, en: …}}, got a list" in stderr
    assert "PosList" not in stderr and "{{" not in stderr and "ListItem" not in stderr


# ---------------------------------------------------------------- 6. silently accepted

@pytest.mark.parametrize("files,index,where,message", [
    ({"annex.yaml": ""}, None, f"{ANNEX}:1:1", "the file is empty"),
    ({"annex.yaml": "# nothing yet\n# still nothing\n"}, None, f"{ANNEX}:1:1", "the file is empty"),
    ({"annex.yaml": "blocks: []\n"}, None, f"{ANNEX}:1:1", "the file holds no blocks"),
    ({"chapter_2.yaml": "blocks: []\n"}, None, f"{DOC}/chapter_2.yaml:1:1", "not listed in document.yaml"),
    ({"annex.yaml": "blocks:\n  - type: para\n    text: {zh: 段落, en: ''}\n"}, None, f"{ANNEX}:3:24",
     "the en text is empty"),
    ({}, INDEX.replace("languages: [zh, en]", "languages: [zh, en, de]"), f"{INDEX_FILE}:2:21",
     "no catalog for language 'de'"),
])
def test_6_nothing_is_silently_accepted(ws, files, index, where, message):
    for name, text in files.items():
        ws.write(f"{DOC}/{name}", text)
    if index:
        ws.write(INDEX_FILE, index)
    assert_located(ws, where, message)


# --------------------------------------------------------------------- 7. atomic writes

def _hooked(ws, hook: str, *args, **kwargs):
    """``python -m tareport ARGS`` with ``hook`` run first (to fault the file system at a chosen moment)."""
    code = hook + "\nimport runpy, sys\nsys.argv[0] = '-m'\nrunpy.run_module('tareport', run_name='__main__', alter_sys=True)\n"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ws.root, env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def _temporaries(ws) -> list[Path]:
    return [p for p in (ws.root / "build").rglob(".*") if p.is_file()]


BUILD = ["build", "--doc", "doc", "--lang", "all"]


@pytest.mark.parametrize("fault,code,message", [
    # Ctrl-C right after the first temporary file is created
    ("import os, signal\n_fsync = os.fsync\n"
     "def fsync(fd):\n    signal.raise_signal(signal.SIGINT)\n    _fsync(fd)\nos.fsync = fsync\n",
     1, "interrupted"),
    # the disk fills up while the third output is written
    ("import os, errno\n_fsync, n = os.fsync, [0]\n"
     "def fsync(fd):\n    n[0] += 1\n    if n[0] == 3: raise OSError(errno.ENOSPC, 'No space left on device')\n"
     "    _fsync(fd)\nos.fsync = fsync\n", 1, "cannot write output: [Errno 28] No space left on device"),
    # the third move into place fails: the two already moved are put back
    ("import os\n_replace, n = os.replace, [0]\n"
     "def replace(a, b):\n    if os.path.basename(os.path.dirname(os.path.dirname(b))) == 'build': n[0] += 1\n"
     "    if n[0] == 3 and str(a).endswith('.tmp'): raise PermissionError(13, 'Permission denied')\n"
     "    _replace(a, b)\nos.replace = replace\n", 1, "cannot write output: [Errno 13] Permission denied"),
])
def test_7_a_failed_write_leaves_the_previous_outputs_and_nothing_else(ws, fault, code, message):
    ws.write(ANNEX, GOOD_ANNEX.replace("A paragraph", "A changed paragraph"))  # a build would change every output
    proc = _hooked(ws, fault, *BUILD)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert message in err and "Traceback" not in err, err
    ws.assert_untouched()


def test_7_what_kill_9_leaves_is_removed_by_the_next_build(ws):
    ws.write(ANNEX, GOOD_ANNEX.replace("A paragraph", "A changed paragraph"))
    stall = "import os, time\ndef fsync(fd):\n    time.sleep(600)\nos.fsync = fsync\n"
    proc = _hooked(ws, stall, *BUILD)
    try:
        deadline = time.time() + 120
        while not _temporaries(ws) and time.time() < deadline:
            time.sleep(0.05)
        [temp] = _temporaries(ws)
        time.sleep(0.2)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert _temporaries(ws) == [temp] and temp.stat().st_size > 0  # a crash leaves one behind...
    ws.write(ANNEX, "blocks:\n  - type: para\n    text: {zh: 段落, en: '{b:'}\n")
    status, stderr = ws.run(*BUILD)  # ...and the next build removes it, even one that fails
    assert status == 2 and f"{ANNEX}:3:25: unclosed {{b:…}}" in stderr
    ws.assert_untouched()


def test_7_kill_9_while_outputs_are_moved_is_finished_by_the_next_build(ws):
    """Killed between the moves: the next build (even one that fails) finishes them, so all outputs agree."""
    ws.write(ANNEX, GOOD_ANNEX.replace("A paragraph", "A changed paragraph").replace("段落", "改过的段落"))
    kill = ("import os, signal\n_replace, n = os.replace, [0]\n"
            "def replace(a, b):\n    if str(a).endswith('.tmp') and os.path.basename(os.path.dirname(os.path.dirname(b))) == 'build':\n        n[0] += 1\n"
            "        if n[0] == 3: os.kill(os.getpid(), signal.SIGKILL)\n    _replace(a, b)\nos.replace = replace\n")
    proc = _hooked(ws, kill, *BUILD)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL, err
    middle = ws.outputs()
    visible = {name for name in middle if not Path(name).name.startswith(".")}
    changed = {name for name in visible if middle[name] != ws.before[name]}
    assert len(changed) == 2 and len(visible) == 4  # the kill came between the second and third move
    ws.write(ANNEX, "blocks:\n  - type: para\n    text: {zh: 段落, en: '{b:'}\n")
    status, stderr = ws.run(*BUILD)
    assert status == 2 and f"{ANNEX}:3:25: unclosed {{b:…}}" in stderr
    after = ws.outputs()
    assert sorted(after) == sorted(ws.before), "temporary files or journals left"
    assert all(after[name] != ws.before[name] for name in after), "some outputs are still the old ones"
    assert {name: after[name] for name in changed} == {name: middle[name] for name in changed}


def test_7_all_outputs_or_none_in_process(tmp_path, monkeypatch):
    """The library's writer: a failing move puts back what was already moved."""
    from tareport.output import write_all

    targets = {tmp_path / lang / f"doc.{fmt}": f"old {lang} {fmt}".encode() for lang in ("zh", "en") for fmt in ("docx", "pdf")}
    write_all(targets)
    real, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError("device gone")
        real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OSError, match="device gone"):
        write_all({p: b"new" for p in targets})
    monkeypatch.setattr(os, "replace", real)
    assert {p: p.read_bytes() for p in targets} == targets
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["doc.docx", "doc.docx", "doc.pdf", "doc.pdf"]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _killed_write(targets: dict, fault: str) -> None:
    """``write_all(targets)`` in a forked child that ``fault`` (a hook on os.replace) kills with SIGKILL."""
    from tareport import output

    pid = os.fork()
    if pid == 0:  # the child: never returns
        real, calls = os.replace, []

        def replace(src, dst):
            calls.append(str(src))
            moves = [c for c in calls if c.endswith(".tmp")]
            undos = [c for c in calls if c.endswith(".old")]
            if "third move fails" in fault and str(src).endswith(".tmp") and len(moves) == 3:
                raise PermissionError(13, "Permission denied")
            real(src, dst)
            if ("after one move" in fault and len(moves) == 1) or ("after one undo" in fault and len(undos) == 1):
                os.kill(os.getpid(), signal.SIGKILL)

        os.replace = replace
        try:
            output.write_all(targets)
        except BaseException:
            pass
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def _outputs(tmp_path):
    return {tmp_path / lang / f"doc.{fmt}": f"v1 {lang} {fmt}".encode() for lang in ("zh", "en") for fmt in ("docx", "pdf")}


def _state(targets):
    return {p: p.read_bytes() for p in targets}


def _leftovers(tmp_path):
    return sorted(p.name for p in tmp_path.rglob(".*") if p.is_file())


def test_7_a_later_build_is_never_overwritten_by_a_dead_builds_journal(tmp_path):
    from tareport.output import remove_stale, write_all

    targets = _outputs(tmp_path)
    write_all(targets)
    _killed_write({p: b"v2" for p in targets}, "after one move")
    for p in targets:  # a later build that did not look at the dead one's journal (its pid seemed alive)
        p.unlink()
        p.write_bytes(b"v3")
    for folder in {p.parent for p in targets}:
        remove_stale(folder)
    assert set(_state(targets).values()) == {b"v3"} and _leftovers(tmp_path) == []


def test_7_kill_9_while_a_failed_build_puts_back_the_previous_outputs(tmp_path):
    """The third move fails; the process dies after putting back one of the two moved: the next build undoes
    the other, so the previous outputs are all back."""
    from tareport.output import remove_stale, write_all

    targets = _outputs(tmp_path)
    write_all(targets)
    _killed_write({p: b"v2" for p in targets}, "third move fails, after one undo")
    assert b"v2" in set(_state(targets).values())  # one output still new
    for folder in {p.parent for p in targets}:
        remove_stale(folder)
    assert _state(targets) == targets and _leftovers(tmp_path) == []


def test_7_a_journal_acts_only_on_its_own_files(tmp_path):
    """A journal naming files elsewhere, or copied with its folder, moves and deletes nothing."""
    import json

    from tareport.output import remove_stale, write_all

    outside = tmp_path / "notes.txt"
    outside.write_text("mine")
    build = tmp_path / "build" / "en"
    build.mkdir(parents=True)
    pid = _dead_pid()
    forged = build / f".doc.pdf.{pid}.abc.moves"
    forged.write_text(json.dumps({"pid": pid, "journals": [str(forged), str(outside)], "outputs": [
        {"target": str(build / "leaked.txt"), "temp": str(outside), "backup": None, "before": None, "kept": None,
         "after": None}]}))
    remove_stale(build)
    assert outside.read_text() == "mine" and not (build / "leaked.txt").exists() and not forged.exists()

    targets = {tmp_path / "a" / lang / "doc.pdf": b"v1" for lang in ("zh", "en")}
    write_all(targets)
    _killed_write({p: b"v2" for p in targets}, "after one move")
    shutil.copytree(tmp_path / "a", tmp_path / "copy")
    journals = sorted((tmp_path / "a").rglob("*.moves"))
    for folder in (tmp_path / "copy").iterdir():
        remove_stale(folder)
    assert sorted((tmp_path / "a").rglob("*.moves")) == journals  # the original's journal is its own
    assert {(tmp_path / "copy" / lang / "doc.pdf").read_bytes() for lang in ("zh", "en")} == {b"v1", b"v2"}
    for folder in (tmp_path / "a").iterdir():
        remove_stale(folder)
    assert {p.read_bytes() for p in targets} == {b"v2"} and _leftovers(tmp_path / "a") == []


def test_7_a_temporary_file_with_our_pid_from_an_earlier_process_is_stale(tmp_path):
    """In a container every run may have the same pid: a file named with ours that this process did not make
    was left by an earlier one; one this process made is not touched."""
    from tareport.output import _temp_name, remove_stale

    earlier = tmp_path / f".doc.pdf.{os.getpid()}.abc123.tmp"
    earlier.write_bytes(b"left by an earlier run")
    ours = Path(_temp_name(tmp_path / "doc.pdf"))
    assert remove_stale(tmp_path) == [earlier] and ours.exists()
