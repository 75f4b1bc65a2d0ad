"""Benchmark of the PDF renderer: the full CDIP/33/4 (zh) view rendered N times.

Prints the median render time and pages per second (fonts are registered
once, at the first render, as in a build of several documents). Not a test.

    PYTHONPATH=src python3 benchmarks/bench_pdf.py [N] [lang]
"""
from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import tareport  # noqa: E402
from tareport.render.pdf import render  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    lang = sys.argv[2] if len(sys.argv) > 2 else "zh"
    t0 = time.perf_counter()
    view = tareport.load(ROOT / "content" / "cdip_33_4").view(lang, draft=lang != "zh")
    t1 = time.perf_counter()
    data = render(view)  # warm-up: font registration
    t2 = time.perf_counter()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        render(view)
        times.append(time.perf_counter() - start)
    pages = len(re.findall(rb"/Type /Page\b", data))
    median = statistics.median(times)
    print(f"view: {t1 - t0:.3f} s; first render (with font loading): {t2 - t1:.3f} s")
    print(f"render {lang}: median {median:.3f} s over {n} runs, {pages} pages, {pages / median:.1f} pages/s")


if __name__ == "__main__":
    main()
