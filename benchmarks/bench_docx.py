"""Benchmark of the Word renderer (not a test): render the full CDIP/33/4 view N times.

    PYTHONPATH=src python3 benchmarks/bench_docx.py [N] [lang]

Builds the language view once (loading is measured separately by the load
benchmark), then renders it N times and prints the median and best times.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import tareport  # noqa: E402
from tareport.render.docx import render  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    lang = sys.argv[2] if len(sys.argv) > 2 else "zh"
    view = tareport.load(ROOT / "content" / "cdip_33_4").view(lang, draft=lang != "zh")
    render(view)  # warm-up: imports, catalogs
    times = []
    size = 0
    for _ in range(n):
        start = time.perf_counter()
        size = len(render(view))
        times.append(time.perf_counter() - start)
    print(f"docx {lang}: {n} renders, median {statistics.median(times) * 1000:.0f} ms, "
          f"best {min(times) * 1000:.0f} ms, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
