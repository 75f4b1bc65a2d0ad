"""How long ``check`` takes on 10,000-line hostile content files (a benchmark a person runs, not a test).

    PYTHONPATH=src python3 benchmarks/bench_adversarial.py [--runs N] [--lines 10000] [--keep DIR]

Writes a document whose one part file holds every kind of input that used to
hang or crash the reader, with as much of each as the limits let through:

* ``many-errors``: paragraphs whose texts hold unclosed ``{b:`` runs, dangling
  references, malformed marks, multi-line plain and folded scalars with
  ``\\u`` escapes (each mistake placed exactly: one walk per text), nesting
  just under the depth limit, aliases just under the expansion limit, and a
  line of 100,000 characters;
* ``alias-bomb`` / ``deep`` / ``unclosed``: the same number of lines, each hitting one limit
  (``unclosed``: 20 unclosed ``{b:`` in each text, the case that took 5.4 s per text before);
* ``9-megabytes``: 300 unclosed ``{b:`` per text, 900-character lines: the reader's own speed.

For each it prints the median wall time of ``tareport.check`` in this process
(load, validation, resolution and every diagnostic), the number of diagnostics,
and the wall time of ``python -m tareport check`` as a new process (which adds
start-up: importing pydantic, babel, the renderers…). The goal is under a second.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import tareport  # noqa: E402

INDEX = """\
symbol: CDIP/33/4
languages: [zh, en]
original_language: en
committee: {zh: 委员会, en: Committee}
session: 33
meeting: {start: 2024-12-09, end: 2024-12-13, place: {zh: 日内瓦, en: Geneva}}
title: {zh: 标题, en: Title}
main:
  files: [cover.yaml]
annexes:
  - files: [annex.yaml]
"""
COVER = "blocks:\n  - type: para\n    text: {zh: 段落, en: A paragraph}\n"


def many_errors(lines: int) -> str:
    out = ["blocks:"]
    # aliases: just under the expansion limit
    out += ["  - type: para", "    text: &t {zh: 段落, en: A paragraph}"]
    out += ["  - type: para", "    text: *t"] * 1600
    # nesting just under the limit: a paragraph's list of lists
    depth = 20
    nested = ["  - type: para", "    text: {zh: 嵌套, en: nested}", "    list:"]
    for level in range(depth):
        pad = "      " + "    " * level
        nested += [f"{pad}style: a.", f"{pad}items:", f"{pad}  - text: {{zh: 项, en: item}}", f"{pad}    list:"]
    nested[-1] = nested[-1].replace("list:", "after: {zh: 完, en: end}")
    out += nested
    out += ["  - type: para", "    text: {zh: \"" + "长" * 100_000 + "{b:\", en: long}"]
    n = 0
    while len(out) < lines - 12:
        n += 1
        out += [
            "  - type: para",
            "    text:",
            f"      zh: 第{n}段 {{b:未闭合 {{b:再一次 {{@no-such-id-{n}}} {{^bad mark}} {{i:{{b:{{link:x|",
            "        第二行继续 {@p-missing} {#also-missing}",
            "      en: >-",
            f"        Paragraph {n} {{b:unclosed {{@no-such-{n}}}",
            "",
            "        second line {i:and more",
            "    lead: {zh: \"\\u6bb5\\u843d {b:\", en: \"lead \\u00e9 {i:\"}",
        ]
    return "\n".join(out[:lines]) + "\n"


def alias_bomb(lines: int) -> str:
    body = ["blocks:", "  - type: para", "    text: {zh: 一, en: one}"]
    body += [f"  - type: para\n    text: {{zh: 段{n}, en: p{n}}}" for n in range((lines - 20) // 2)]
    bomb = ["  - type: list", "    style: a.", "    items:",
            "      - text: &a {zh: [x, x, x, x, x, x, x, x, x, x], en: x}"]
    prev = "a"
    for name in "bcdefgh":
        bomb.append(f"      - text: &{name} {{zh: [{', '.join(['*' + prev] * 10)}], en: x}}")
        prev = name
    return "\n".join(body + bomb) + "\n"


def deep(lines: int) -> str:
    body = ["blocks:"] + [f"  - type: para\n    text: {{zh: 段{n}, en: p{n}}}" for n in range((lines - 10) // 2)]
    return "\n".join(body) + "\n  - type: para\n    text: {zh: x, en: " + "[" * 900 + "]" * 900 + "}\n"


def unclosed(lines: int, marks: int = 20) -> str:
    per_line = "{b:" * marks
    body = ["blocks:"] + [f"  - type: para\n    text: {{zh: \"{per_line}\", en: \"{per_line}\"}}"
                          for _ in range((lines - 1) // 2)]
    return "\n".join(body) + "\n"


CASES = {"many-errors": many_errors, "alias-bomb": alias_bomb, "deep": deep, "unclosed": unclosed,
         "9-megabytes": lambda lines: unclosed(lines, 300)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--keep", help="write the documents into this folder and keep them")
    args = parser.parse_args()
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)  # start-up as installed: modules not compiled afresh
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tareport-adversarial-"))
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
          f"median of {args.runs} runs; files of {args.lines} lines")
    print(f"{'case':12s} {'lines':>6s} {'bytes':>9s} {'diagnostics':>11s} {'check (in process)':>19s} "
          f"{'python -m tareport check':>25s}")
    for name, make in CASES.items():
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "document.yaml").write_text(INDEX, encoding="utf-8")
        (folder / "cover.yaml").write_text(COVER, encoding="utf-8")
        text = make(args.lines)
        (folder / "annex.yaml").write_text(text, encoding="utf-8")
        times, found = [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            found = len(tareport.check(folder))
            times.append(time.perf_counter() - start)
        walls = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "tareport", "check", "--doc", str(folder)],
                                    capture_output=True, text=True, cwd=ROOT,
                                    env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
            walls.append(time.perf_counter() - start)
            assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-2000:]
        in_process = statistics.median(times)
        print(f"{name:12s} {text.count(chr(10)):6d} {len(text.encode()):9d} {found:11d} "
              f"{in_process * 1000:15.0f} ms{' ' if in_process < 1 else '!'} "
              f"{statistics.median(walls) * 1000:21.0f} ms")
    if not args.keep:
        import shutil

        shutil.rmtree(base)


if __name__ == "__main__":
    main()
