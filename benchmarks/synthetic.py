"""Synthetic documents N times the size of CDIP/33/4, for the scaling benchmark.

The annex files (all but the abbreviations) are repeated N times; each copy's
ids, anchors, footnote marks and references get a ``-xK`` suffix so that the
result is a valid document whose paragraphs, findings, tables and footnotes
number on, exactly as a long real document would.

    python benchmarks/synthetic.py 10 /tmp/cdip_x10     # writes the folder
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "content" / "cdip_33_4"
_ID = re.compile(r"^(\s*(?:-\s+)?(?:id|anchor):\s*)([\w.-]+)\s*$", re.M)


def _renamer(ids: set[str], suffix: str):
    marks = re.compile(r"\{([@^#])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")\}")

    def rename(text: str) -> str:
        text = _ID.sub(lambda m: m.group(1) + m.group(2) + suffix if m.group(2) in ids else m.group(0), text)
        return marks.sub(lambda m: "{" + m.group(1) + m.group(2) + suffix + "}", text)
    return rename


def make(times: int, dest: Path, source: Path = SOURCE) -> Path:
    """Write ``dest``: ``source`` with its annex body repeated ``times`` times; returns ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    index_path = dest / "document.yaml"
    index = yaml.safe_load(index_path.read_text(encoding="utf-8"))
    annex = index["annexes"][0]
    repeated = [f for f in annex["files"] if not f.startswith("abbreviations")]
    ids = {m.group(2) for f in repeated for m in _ID.finditer((source / f).read_text(encoding="utf-8"))}
    files = list(annex["files"])
    for k in range(2, times + 1):
        rename = _renamer(ids, f"-x{k}")
        for name in repeated:
            copy = f"x{k}_{name}"
            (dest / copy).write_text(rename((source / name).read_text(encoding="utf-8")), encoding="utf-8")
            files.append(copy)
    annex["files"] = files
    index_path.write_text(yaml.safe_dump(index, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(make(int(sys.argv[1]), Path(sys.argv[2])))
