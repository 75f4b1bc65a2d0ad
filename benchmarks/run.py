"""Benchmarks: what a person runs to see how fast tareport is, and how it compares with pandoc and Typst.

    pip install -e '.[bench]'            # pandoc (pypandoc_binary) and Typst (typst), for the comparisons
    python benchmarks/run.py             # everything (a few minutes); --quick skips the 50x document
    python benchmarks/run.py --only check,build,compare,watch,scale --runs 7

Every figure is the median of several runs, in fresh processes (cold: start-up,
imports, fonts and all), except the in-process ones named as such. The user
cache (parsed fonts, validated content files: tareport.usercache) is this
script's own, warm as a user's is after any earlier run; rows marked "no
cache" show what a run costs without it. Ratios are
taken within one run of this script, on one machine, so they hold when the
machine is busy; absolute times do not. The issue's targets are checked at the
end, each printed with the margin by which it holds or misses; a miss prints a
profile of the slowest stage.

Not a test: nothing here is timed by the test suite.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONUNBUFFERED": "1"}
NO_CACHE = {**ENV, "TAREPORT_CACHE_DIR": ""}  # parsed fonts and validated files made afresh in every run
DOC = "cdip_33_4"


def timed(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, int]:
    """Wall time of a command in seconds and the peak memory (RSS, MB) of its largest process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss // 1024


def median_of(cmd: list[str], runs: int, cwd: Path = ROOT, env: dict | None = None) -> tuple[float, int]:
    results = [timed(cmd, cwd, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def paired(a: list[str], b: list[str], runs: int) -> tuple[tuple[float, int], tuple[float, int]]:
    """Medians of two commands run alternately (a, b, a, b ...): a machine whose load changes during
    the runs changes both alike, so their ratio holds better than that of two separate series."""
    results: tuple[list, list] = ([], [])
    for _ in range(runs):
        results[0].append(timed(a))
        results[1].append(timed(b))
    return tuple((statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for rs in results)


def tareport(*args: str) -> list[str]:
    return [sys.executable, "-m", "tareport", *args]


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"{model}, {cores} cores, Python {platform.python_version()}, {platform.system()} "
            f"(load average at start: {load})")


class Report:
    def __init__(self):
        self.rows: list[tuple[str, str, str]] = []
        self.values: dict[str, float] = {}
        self.targets: list[tuple[str, float, float, str]] = []  # (what, value, limit, unit)

    def add(self, key: str, label: str, seconds: float | None = None, mb: int | None = None, note: str = "") -> None:
        if seconds is not None:
            self.values[key] = seconds
        if mb is not None:
            self.values[key + ".mb"] = mb
        shown = f"{seconds:7.2f} s" if seconds is not None else ""
        memory = f"{mb:5d} MB" if mb is not None else ""
        self.rows.append((label, shown, memory + ("   " + note if note else "")))
        print(f"  {label:<58} {shown:>10} {memory}" + ("   " + note if note else ""), flush=True)

    def target(self, what: str, value: float, limit: float, unit: str = "") -> None:
        self.targets.append((what, value, limit, unit))


# ------------------------------------------------------------------ sections

def bench_check(rep: Report, runs: int) -> None:
    print("check and start-up (cold processes)")
    s, mb = median_of([sys.executable, "-c", "import docx, reportlab, pydantic, yaml, babel"], runs)
    rep.add("floor", "python -c 'import docx, reportlab, pydantic, yaml, babel'", s, mb)
    s, mb = median_of([sys.executable, "-c", "import tareport.cli"], runs)
    rep.add("import", "python -c 'import tareport.cli'", s, mb)
    s, mb = median_of(tareport("check", "--doc", DOC), runs)
    rep.add("check", f"tareport check --doc {DOC}", s, mb)
    rep.target("check, wall", s, 0.4, "s")
    s, mb = median_of(tareport("check", "--doc", DOC), runs, env=NO_CACHE)
    rep.add("check.nocache", f"tareport check --doc {DOC}, no cache (TAREPORT_CACHE_DIR=)", s, mb)


def bench_build(rep: Report, runs: int, out: Path) -> None:
    print("builds of CDIP/33/4 (cold processes)")
    for lang in ("zh", "en"):
        for fmt in ("docx", "pdf"):
            s, mb = median_of(tareport("build", "--doc", DOC, "--lang", lang, "--format", fmt, "--draft", "--jobs", "1",
                                       "--out", str(out)), runs)
            rep.add(f"build.{lang}.{fmt}", f"build --lang {lang} --format {fmt}", s, mb)
            if lang == "zh":
                s, mb = median_of(tareport("build", "--doc", DOC, "--lang", lang, "--format", fmt, "--draft",
                                           "--jobs", "1", "--out", str(out)), runs, env=NO_CACHE)
                rep.add(f"build.{lang}.{fmt}.nocache", f"build --lang {lang} --format {fmt}, no cache", s, mb)
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    s1, mb1 = median_of(tareport("build", "--doc", DOC, "--lang", "all", "--format", "all", "--draft", "--jobs", "1",
                                 "--out", str(out)), runs)
    rep.add("full.1", "build --lang all --format all --jobs 1", s1, mb1)
    s, mb = median_of(tareport("build", "--doc", DOC, "--lang", "all", "--format", "all", "--draft",
                               "--out", str(out)), runs)
    rep.add("full", f"build --lang all --format all (--jobs {jobs}, the default)", s, mb)
    rep.target("full --lang all --format all, wall", s, 2.5, "s")
    rep.target("peak memory of a build at 1x", max(rep.values[k] for k in rep.values if k.endswith(".mb")
                                                    and k.startswith(("build.", "full"))), 300, "MB")


def bench_compare(rep: Report, runs: int, work: Path) -> None:
    print("the same content in pandoc (Markdown -> .docx) and Typst (-> PDF)")
    try:
        import pypandoc
        import typst  # noqa: F401
    except ImportError:
        print("  skipped: pip install -e '.[bench]' (pypandoc_binary, typst)")
        return
    import tareport
    from export import markdown, typst as typst_markup
    view = tareport.load(ROOT / "content" / DOC).view("zh", draft=True)
    md, typ = work / "doc.md", work / "doc.typ"
    md.write_text(markdown(view), encoding="utf-8")
    typ.write_text(typst_markup(view), encoding="utf-8")
    pandoc = pypandoc.get_pandoc_path()
    build = lambda fmt: [sys.executable, "-m", "tareport", "build", "--doc", DOC, "--lang", "zh", "--format", fmt,
                         "--draft", "--jobs", "1", "--out", str(work / "out")]
    (word, word_mb), (s, mb) = paired(build("docx"), [pandoc, "-f", "markdown", "-t", "docx", "-o",
                                                      str(work / "pandoc.docx"), str(md)], runs)
    rep.add("pandoc", "pandoc doc.md -o doc.docx (zh)", s, mb)
    rep.add("pair.docx", "  build --lang zh --format docx, run alternately with pandoc", word, word_mb)
    (pdf, pdf_mb), (s, mb) = paired(build("pdf"), [sys.executable, "-c", f"import typst; typst.compile({str(typ)!r}, "
                                                   f"output={str(work / 't.pdf')!r})"], runs)
    rep.add("typst", "python -c 'typst.compile(doc.typ)' (zh)", s, mb)
    rep.add("pair.pdf", "  build --lang zh --format pdf, run alternately with Typst", pdf, pdf_mb)
    # in one process: recompiling after a one-paragraph edit (Typst's incremental compilation)
    code = f"""
import statistics, sys, time, typst
path = {str(typ)!r}
text = open(path, encoding="utf-8").read()
compiler = typst.Compiler(path)
compiler.compile()
times = []
for k in range({max(runs, 5)}):
    edited = text.replace("。", "。" + "一" * (k % 2 + 1), 1)
    open(path, "w", encoding="utf-8").write(edited)
    t = time.perf_counter(); compiler.compile(); times.append(time.perf_counter() - t)
open(path, "w", encoding="utf-8").write(text)
print(statistics.median(times))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=True).stdout
    rep.add("typst.warm", "Typst in-process recompile after a one-paragraph edit", float(out.split()[-1]))
    rep.target("cold Word build / pandoc (run alternately)", word / rep.values["pandoc"], 2.0, "x")
    rep.target("cold PDF build / Typst (run alternately)", pdf / rep.values["typst"], 2.0, "x")


def bench_watch(rep: Report, runs: int, work: Path) -> None:
    print("build --watch: a one-paragraph edit, one language, both formats (one long-lived process)")
    content = work / "content"
    shutil.copytree(ROOT / "content" / DOC, content / DOC)
    chapter = content / DOC / "chapter_1.yaml"
    original = chapter.read_text(encoding="utf-8")
    assert "。" in original
    proc = subprocess.Popen(tareport("build", "--watch", "--content", str(content), "--lang", "zh", "--draft",
                                     "--out", str(work / "out")),
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    rebuilt = re.compile(r"^rebuilt .* in (\d+\.\d+) s$")
    try:
        first = None
        for line in proc.stdout:
            m = rebuilt.match(line.strip())
            if m and first is None:
                first = float(m.group(1))
            if line.startswith("watching "):
                break
        times = []
        for k in range(max(runs, 3)):
            chapter.write_text(original.replace("。", "。" + "一" * (k % 2 + 1), 1), encoding="utf-8")
            for line in proc.stdout:
                m = rebuilt.match(line.strip())
                if m:
                    times.append(float(m.group(1)))
                    break
                if "not rebuilt" in line:
                    raise SystemExit(line)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    rep.add("watch.first", "first build in the watching process", first)
    rep.add("watch.edit", "rebuild after a one-paragraph edit", statistics.median(times))
    if "typst.warm" in rep.values:
        rep.target("watch rebuild / Typst in-process recompile", rep.values["watch.edit"] / rep.values["typst.warm"],
                   1.0, "x")
    rep.target("watch rebuild / first build in the same process", rep.values["watch.edit"] / first, 1.0, "x")


STAGE = """
import gc, json, resource, sys, time
sys.path.insert(0, {src!r})
folder, lang, fmt = sys.argv[1:4]
t0 = time.perf_counter()
import tareport
from tareport.render import renderer
render = renderer(fmt) if fmt != "check" else None
t1 = time.perf_counter()
doc = tareport.load(folder)
t2 = time.perf_counter()
view = doc.view(lang, draft=True)
t3 = time.perf_counter()
data = render(view) if render else b""
t4 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "load": t2 - t1, "view": t3 - t2, "render": t4 - t3, "bytes": len(data),
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}}))
"""


def stage(folder: Path, lang: str, fmt: str) -> dict:
    code = STAGE.format(src=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", code, str(folder), lang, fmt], capture_output=True, text=True,
                         env=NO_CACHE, cwd=ROOT)  # the work itself, not what a cache spares of it
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def bench_scale(rep: Report, runs: int, factors: list[int], work: Path) -> None:
    from synthetic import make
    print("scaling: CDIP/33/4 repeated 1x, 10x, 50x (zh; load, view and render in one fresh process each, no cache)")
    per_unit = {}
    for factor in factors:
        folder = make(factor, work / f"x{factor}") if factor > 1 else ROOT / "content" / DOC
        n = runs if factor == 1 else max(1, min(runs, 3) if factor <= 10 else 1)
        for fmt in ("check", "docx", "pdf"):
            results = [stage(folder, "zh", fmt) for _ in range(n)]
            med = {k: statistics.median(r[k] for r in results) for k in ("load", "view", "render")}
            mb = max(r["mb"] for r in results)
            total = med["load"] + med["view"] + med["render"]
            rep.add(f"scale.{factor}.{fmt}", f"{factor:>2}x {fmt:<5} load {med['load']:.2f} + view {med['view']:.2f}"
                    f" + render {med['render']:.2f}", total, mb)
            per_unit.setdefault(fmt, []).append((factor, total / factor, mb))
    for fmt, points in per_unit.items():
        base = points[0][1]
        for factor, unit, _ in points[1:]:
            rep.target(f"{fmt} time per 1x at {factor}x / at 1x (linear: about 1)", unit / base, 1.5, "x")
    for fmt, points in per_unit.items():
        if len(points) > 1:
            (f0, _, m0), (f1, _, m1) = points[0], points[-1]
            rep.target(f"{fmt} memory growth per 1x, {f0}x to {f1}x", (m1 - m0) / (f1 - f0), 300, "MB")


def profile_slowest() -> None:
    """The slowest stage of a cold zh build, profiled in process: the PDF typesetting."""
    import tareport
    from tareport.render import renderer
    view = tareport.load(ROOT / "content" / DOC).view("zh", draft=True)
    render = renderer("pdf")
    profile = cProfile.Profile()
    profile.runcall(render, view)
    buf = io.StringIO()
    pstats.Stats(profile, stream=buf).sort_stats("tottime").print_stats(15)
    print("profile of the slowest stage (zh PDF render), by own time:")
    print("\n".join(line for line in buf.getvalue().splitlines()[6:] if line.strip()))


def compiled() -> None:
    """Byte-compile tareport's modules first, as installing it does: with PYTHONDONTWRITEBYTECODE set (some
    sandboxes and containers set it) every start-up would otherwise compile each module afresh."""
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=5, help="runs per measurement (median; default 5)")
    p.add_argument("--only", default="check,build,compare,watch,scale")
    p.add_argument("--quick", action="store_true", help="scale to 10x only")
    p.add_argument("--no-profile", action="store_true")
    args = p.parse_args()
    sections = set(args.only.split(","))
    print(f"machine: {machine()}")
    compiled()
    rep = Report()
    with tempfile.TemporaryDirectory(prefix="tareport-bench-") as tmp:
        work = Path(tmp)
        # the user cache (parsed fonts, validated files) of these runs: its own, warm after the first run,
        # as a user's is after any earlier run; the "no cache" rows show the cost without it
        ENV["TAREPORT_CACHE_DIR"] = os.environ["TAREPORT_CACHE_DIR"] = str(work / "cache")
        timed(tareport("build", "--doc", DOC, "--lang", "all", "--format", "pdf", "--draft", "--jobs", "1",
                       "--out", str(work / "warm")))
        if "check" in sections:
            bench_check(rep, args.runs)
        if "build" in sections:
            bench_build(rep, args.runs, work / "out")
        if "compare" in sections:
            bench_compare(rep, args.runs, work)
        if "watch" in sections:
            bench_watch(rep, args.runs, work / "watch")
        if "scale" in sections:
            bench_scale(rep, args.runs, [1, 10] if args.quick else [1, 10, 50], work)
        print("targets (each measured in this run):")
        missed = False
        for what, value, limit, unit in rep.targets:
            ok = value <= limit
            missed |= not ok
            margin = f"{(limit - value) / limit:.0%} under" if ok else f"{value / limit:.2f}x the limit"
            print(f"  {'ok  ' if ok else 'MISS'} {what:<58} {value:8.2f} {unit:<2} (limit {limit:g} {unit}; {margin})")
        if missed and not args.no_profile:
            profile_slowest()  # with this run's warm cache, as the builds above
    return 0


if __name__ == "__main__":
    sys.exit(main())
