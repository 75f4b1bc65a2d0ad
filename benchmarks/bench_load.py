"""Load, check and view timings (medians) for the sample and for CDIP/33/4.

Run: python benchmarks/bench_load.py [--runs N]
Prints medians of wall time and the peak Python memory of one full load.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import tareport  # noqa: E402


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.processor() or 'cpu'}; "
          f"median of {args.runs} runs")
    for name in ("sample", "cdip_33_4"):
        folder = ROOT / "content" / name
        doc = tareport.load(folder)
        paras = sum(1 for p in doc.numbered.parts for b in p.blocks if type(b.block).__name__ == "Para")
        load = median_time(lambda: tareport.load(folder), args.runs)
        check = median_time(lambda: tareport.check(folder, lang="zh"), args.runs)
        view = median_time(lambda: doc.view("zh"), args.runs)
        tracemalloc.start()
        tareport.load(folder).view("zh")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:10s} {paras:4d} paragraphs  load {load * 1000:7.1f} ms  check --lang zh {check * 1000:7.1f} ms  "
              f"view(zh) {view * 1000:6.1f} ms  peak memory {peak / 2**20:5.1f} MiB")


if __name__ == "__main__":
    main()
