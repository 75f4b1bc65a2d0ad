"""``build --jobs`` (parallel processes) and ``build --watch`` (rebuild on save)."""
from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tareport.build import build
from tareport.render import RenderError
from tareport.watch import Job, Rebuild, affected

from .conftest import CONTENT, ROOT

PROGRESS = re.compile(r"^wrote (\S+) \((\d+\.\d\d) s\)$")


def cli(*args, **kwargs):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "tareport", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env=env, **kwargs)


def sample(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "sample", content / "sample")
    return content


# ------------------------------------------------------------------ --jobs

def test_parallel_build_gives_the_same_bytes_with_one_line_per_output(tmp_path):
    content = sample(tmp_path)
    results = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        proc = cli("build", "--content", str(content), "--lang", "all", "--out", str(out), "--jobs", jobs)
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        lines = stdout.splitlines()
        assert len(lines) == 4 and all(PROGRESS.match(line) for line in lines), stdout
        assert sorted(Path(PROGRESS.match(line).group(1)).relative_to(out).as_posix() for line in lines) == [
            "en/cdip_99_1_rev.docx", "en/cdip_99_1_rev.pdf", "zh/cdip_99_1_rev.docx", "zh/cdip_99_1_rev.pdf"]
        results[jobs] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.*")}
    assert results["1"] == results["2"] and len(results["1"]) == 4


def test_jobs_must_be_a_positive_number():
    proc = cli("build", "--lang", "zh", "--jobs", "0")
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "--jobs" in stderr and "Traceback" not in stderr


def test_a_failing_worker_fails_the_build_and_writes_nothing(tmp_path):
    content = sample(tmp_path)
    cover = content / "sample" / "cover.yaml"
    cover.write_text(cover.read_text(encoding="utf-8").replace("请委员会审议", "请委员会\U0001F600审议"), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="U\\+1F600"):
        build(content / "sample", langs="zh", formats="all", out=out, jobs=2)
    assert not out.exists()


# ------------------------------------------------------------------ what a change rebuilds

def test_a_change_rebuilds_only_what_it_feeds(tmp_path):
    a, b = tmp_path / "content" / "a", tmp_path / "content" / "b"
    job = Job([a, b], "all", ["docx", "pdf"], tmp_path / "build")
    font = Path("/fonts/body.ttc")
    everything = frozenset({"docx", "pdf"})
    assert affected(job, {a / "chapter.yaml"}, {font}) == [Rebuild(a, None, everything)]
    assert affected(job, {a / "figures" / "f.png", b / "document.yaml"}, {font}) == [
        Rebuild(a, None, everything), Rebuild(b, None, everything)]
    po = tmp_path / "locales" / "en" / "LC_MESSAGES" / "tareport.po"
    assert affected(job, {po}, {font}) == [Rebuild(a, frozenset({"en"}), everything),
                                          Rebuild(b, frozenset({"en"}), everything)]
    assert affected(job, {font}, {font}) == [Rebuild(a, None, frozenset({"pdf"})), Rebuild(b, None, frozenset({"pdf"}))]
    # editors' swap and backup files, and files of other kinds, rebuild nothing
    assert affected(job, {a / ".chapter.yaml.swp", a / "chapter.yaml~", a / "notes.txt"}, {font}) == []
    assert affected(Job([a], "all", ["docx"], tmp_path / "build"), {font}, {font}) == []


# ------------------------------------------------------------------ --watch

class Watcher:
    """``tareport build --watch`` in a subprocess, its output lines read as they come."""

    def __init__(self, *args):
        self.proc = cli("build", "--watch", *args)
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        for stream, tag in ((self.proc.stdout, "out"), (self.proc.stderr, "err")):
            threading.Thread(target=self._read, args=(stream, tag), daemon=True).start()

    def _read(self, stream, tag):
        for line in stream:
            self.lines.put((tag, line.rstrip("\n")))

    def until(self, pattern: str, timeout: float = 120) -> list[tuple[str, str]]:
        """Lines up to and including the first that matches ``pattern``."""
        got, deadline = [], time.monotonic() + timeout
        while True:
            try:
                tag, line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} within {timeout} s; got {got}") from None
            got.append((tag, line))
            self.seen.append(line)
            if re.search(pattern, line):
                return got

    def quiet(self, seconds: float) -> list[tuple[str, str]]:
        """Whatever is printed during the next ``seconds``."""
        got, deadline = [], time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                got.append(self.lines.get(timeout=max(0.01, deadline - time.monotonic())))
            except queue.Empty:
                break
        return got

    def stop(self) -> tuple[int, str]:
        """Ctrl+C; the exit code and every line printed (all of them, including those not read yet)."""
        self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout=60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        time.sleep(0.2)  # let the readers reach the end of the streams
        while not self.lines.empty():
            self.seen.append(self.lines.get()[1])
        return code, "\n".join(self.seen)


def test_watch_rebuilds_once_per_change_and_keeps_good_outputs_on_errors(tmp_path):
    content = sample(tmp_path)
    out = tmp_path / "build"
    chapter = content / "sample" / "chapter_1.yaml"
    watcher = Watcher("--content", str(content), "--lang", "zh", "--out", str(out), "--jobs", "2")
    try:
        first = watcher.until(r"^watching ")
        assert [line for tag, line in first if line.startswith("rebuilt ")], first
        good = {p: p.read_bytes() for p in out.rglob("*.*")}
        assert sorted(p.name for p in good) == ["cdip_99_1_rev.docx", "cdip_99_1_rev.pdf"]

        # one save: exactly one rebuild, of both formats, with its time
        chapter.write_text(chapter.read_text(encoding="utf-8") + "# saved again\n", encoding="utf-8")
        rebuilt = watcher.until(r"^rebuilt ")[-1][1]
        assert re.fullmatch(r"rebuilt sample: zh docx \(\d+\.\d\d s\), zh pdf \(\d+\.\d\d s\) in \d+\.\d\d s", rebuilt)
        assert not [line for _, line in watcher.quiet(2.5) if line.startswith("rebuilt ")]
        good = {p: p.read_bytes() for p in out.rglob("*.*")}

        # an invalid edit: the error with its place, nothing rebuilt, the last good outputs kept
        chapter.write_text(chapter.read_text(encoding="utf-8").replace("{@box-sdg}", "{@box-sgd}"), encoding="utf-8")
        report = watcher.until(r"not rebuilt")
        assert any(tag == "err" and re.match(r".*chapter_1\.yaml:\d+:\d+: .*'box-sgd'", line) for tag, line in report)
        assert {p: p.read_bytes() for p in out.rglob("*.*")} == good
        assert [p.name for p in out.rglob("*") if p.is_file() and p.suffix not in (".pdf", ".docx")] == []

        # the watcher is still there: the fix is rebuilt
        chapter.write_text(chapter.read_text(encoding="utf-8").replace("{@box-sgd}", "{@box-sdg}"), encoding="utf-8")
        watcher.until(r"^rebuilt sample: ")
        # a file of another kind changes nothing
        (content / "sample" / "notes.txt").write_text("x", encoding="utf-8")
        assert not [line for _, line in watcher.quiet(1.5) if line.startswith("rebuilt ")]
    finally:
        code, printed = watcher.stop()
    assert code == 0 and "Traceback" not in printed


def test_a_watched_edit_reads_only_the_changed_file_and_shows_in_the_outputs(tmp_path, monkeypatch):
    """In the watching process an edit is read again, alone: the other files come from memory."""
    import zipfile

    from tareport import filecache, loader
    from tareport.watch import run

    monkeypatch.setenv("TAREPORT_CACHE_DIR", "")  # memory only: what the process itself kept
    filecache.forget()
    content = sample(tmp_path)
    chapter = content / "sample" / "chapter_1.yaml"
    out = tmp_path / "build"
    parsed: list[str] = []
    real = loader.read_yaml
    monkeypatch.setattr(loader, "read_yaml",
                        lambda text, file, *a, **k: parsed.append(Path(file).name) or real(text, file, *a, **k))
    said: list[str] = []
    stop = threading.Event()
    job = Job([content / "sample"], "en", ["docx"], out, jobs=1)

    def editor():
        deadline = time.monotonic() + 60
        while not any(s.startswith("watching ") for s in said) and time.monotonic() < deadline:
            time.sleep(0.05)
        parsed.clear()
        text = chapter.read_text(encoding="utf-8")
        word = re.search(r"en: ([A-Z][a-z]+)", text).group(1)
        chapter.write_text(text.replace(f"en: {word}", "en: Zanzibarish", 1), encoding="utf-8")
        while sum(s.startswith("rebuilt ") for s in said) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()

    thread = threading.Thread(target=editor)
    thread.start()
    run(job, content, stop_event=stop, say=said.append, warn=said.append)
    thread.join()
    filecache.forget()
    assert sum(s.startswith("rebuilt ") for s in said) == 2, said
    assert parsed == ["chapter_1.yaml"]  # only the file that changed (document.yaml is kept like the others)
    with zipfile.ZipFile(out / "en" / "cdip_99_1_rev.docx") as docx:
        assert "Zanzibarish" in docx.read("word/document.xml").decode("utf-8")
