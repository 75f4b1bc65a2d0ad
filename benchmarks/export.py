"""The same content as Markdown (for pandoc) and as Typst markup (for Typst), from a language view.

Only for the benchmarks: every text, heading, numbered paragraph, list,
table, box, quotation and footnote of the view is written, with the simple
styling each tool gives by default (page size, margins, fonts and running
headers in Typst), so that both tools typeset the same amount of text as
tareport does.

    python benchmarks/export.py content/cdip_33_4 zh /tmp/cdip   # writes /tmp/cdip.md and /tmp/cdip.typ
"""
from __future__ import annotations

import sys
from pathlib import Path

from tareport.view import (AbbreviationsV, BoxV, ChartV, FigureV, FindingV, HeadingV, InfoV, ListV, ParaV, QuoteV,
                           TableV)

_TYPST_SPECIAL = set('\\#$*_[]<>@`~=+-/"\'')
_MD_SPECIAL = set("\\`*_[]<>#|")
_LEVEL = {"chapter": 1, "section": 2, "lesson": 3, "subheading": 4}


class Writer:
    """Markdown or Typst: how spans, headings, paragraphs, tables and boxes are written."""

    def __init__(self, view, typst: bool):
        self.view, self.typst = view, typst
        self.notes: list[str] = []  # Markdown footnote definitions
        self.out: list[str] = []

    # -- text
    def escape(self, text: str) -> str:
        special = _TYPST_SPECIAL if self.typst else _MD_SPECIAL
        return "".join("\\" + ch if ch in special else ch for ch in text).replace("\n", " ")

    def spans(self, spans) -> str:
        parts = []
        for s in spans or []:
            if s.kind == "note":
                note = self.view.footnotes.get(s.target)
                body = self.spans(note.text) if note else self.escape(s.text)
                if self.typst:
                    parts.append(f"#footnote[{body}]")
                else:
                    self.notes.append(f"[^{len(self.notes) + 1}]: {body}")
                    parts.append(f"[^{len(self.notes)}]")
                continue
            if s.kind == "break":
                parts.append(" \\\n" if self.typst else "  \n")
                continue
            text = self.escape(s.text)
            if s.bold and text.strip():
                text = f"#strong[{text}]" if self.typst else f"**{text}**"
            if s.italic and text.strip():
                text = f"#emph[{text}]" if self.typst else f"*{text}*"
            if getattr(s, "link", None):
                text = f'#link("{s.link}")[{text}]' if self.typst else f"[{text}]({s.link})"
            parts.append(text)
        return "".join(parts)

    # -- blocks
    def line(self, text: str = "") -> None:
        self.out.append(text)

    def para(self, text: str, number: str | None = None) -> None:
        if number:
            text = (f"{number}.#h(1em)" if self.typst else f"{number}.\u2003") + text
        self.line(text)
        self.line()

    def heading(self, level: int, text: str) -> None:
        self.line(("=" if self.typst else "#") * level + " " + text)
        self.line()

    def table(self, caption: str, rows: list[list[str]], header: int) -> None:
        self.para(caption)
        ncols = max(len(r) for r in rows) if rows else 1
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        if self.typst:
            cells = ", ".join(f"[{c}]" for r in rows for c in r)
            self.line(f"#table(columns: {ncols}, {cells})")
        else:
            head = rows[:header] or [[""] * ncols]
            self.line("| " + " | ".join(head[0]) + " |")
            self.line("|" + "---|" * ncols)
            for r in head[1:] + rows[header:]:
                self.line("| " + " | ".join(r) + " |")
        self.line()

    def box(self, render_inside) -> None:
        if self.typst:
            self.line("#block(stroke: 0.5pt, fill: luma(242), inset: 6pt, width: 100%)[")
            render_inside()
            self.line("]")
            self.line()
        else:
            start = len(self.out)
            render_inside()
            self.out[start:] = ["> " + line if line else ">" for line in self.out[start:]]
            self.line()

    def blocks(self, blocks) -> None:
        for block in blocks:
            self.block(block)

    def block(self, b) -> None:
        sp = self.spans
        if isinstance(b, HeadingV):
            self.heading(_LEVEL.get(b.level, 4), ((b.number + " ") if b.number else "") + sp(b.text))
        elif isinstance(b, ParaV):
            lead = "".join(f"{sp(x)} " for x in (b.label, b.lead) if x)
            self.para(lead + sp(b.text), b.number)
            if b.list:
                self.list(b.list, 0)
            if b.after:
                self.para(sp(b.after))
        elif isinstance(b, ListV):
            self.list(b, 0)
        elif isinstance(b, TableV):
            rows = [[sp(c.text) for c in b_row.cells] for b_row in b.header + b.rows]
            self.table(self.escape(b.label) + " " + sp(b.caption), rows, len(b.header))
            for note in list(b.notes or []) + ([b.source] if b.source else []):
                self.para(sp(note))
        elif isinstance(b, ChartV):  # its data as a table: the words and numbers a chart prints
            rows = [[""] + [s.name or "" for s in b.series]]
            rows += [[category] + [s.labels[i] for s in b.series] for i, category in enumerate(b.categories)]
            self.table(self.escape(b.label) + " " + sp(b.caption), [[self.escape(c) for c in r] for r in rows], 1)
            for note in (b.note, b.source):
                if note:
                    self.para(sp(note))
        elif isinstance(b, FigureV):
            self.para(self.escape(b.label) + " " + sp(b.caption))
            if b.tiles:
                self.table("", [[sp(t.label) + " " + sp(t.text)] for t in b.tiles], 0)
            if b.description:
                self.para(sp(b.description))
            if b.source:
                self.para(sp(b.source))
        elif isinstance(b, FindingV):
            self.box(lambda: self.para(self.escape(b.label) + " " + sp(b.text)))
        elif isinstance(b, QuoteV):
            self.box(lambda: (self.para(sp(b.text)), b.attribution and self.para(sp(b.attribution))))
        elif isinstance(b, BoxV):
            self.box(lambda: (self.para(self.escape(b.label) + " " + sp(b.title)), self.blocks(b.blocks)))
        elif isinstance(b, InfoV):
            self.box(lambda: (b.title and self.para(sp(b.title)), self.blocks(b.blocks)))
        elif isinstance(b, AbbreviationsV):
            self.heading(1, self.escape(b.heading))
            self.table("", [[self.escape(a), sp(t)] for a, t in b.entries], 0)
        else:
            raise TypeError(f"no export for {type(b).__name__}")

    def list(self, lst: ListV, depth: int) -> None:
        for item in lst.items:
            self.line("  " * depth + ("- " if self.typst else "- ") + self.escape(item.marker) + " " + self.spans(item.text))
            if item.list:
                self.list(item.list, depth + 1)
            if item.after:
                self.line("  " * (depth + 1) + self.spans(item.after))
        self.line()

    def document(self) -> str:
        v, c = self.view, self.view.cover
        if self.typst:
            latin, cjk = "Liberation Sans", ("AR PL UMing CN" if v.cjk else "Liberation Sans")
            self.line(f'#set page(paper: "a4", margin: (top: 25mm, bottom: 20mm, left: 25mm, right: 20mm), '
                      f'header: context {{ if counter(page).get().first() > 1 {{ align(right)['
                      f'{self.escape(v.symbol)} \\ #counter(page).display()] }} }})')
            self.line(f'#set text(font: ("{latin}", "{cjk}"), size: 11pt, lang: "{v.lang}")')
            self.line('#set par(justify: true)')
            self.line()
        for text in (c.letter, c.symbol, c.original, c.date, c.committee, c.session, c.meeting, c.title, c.prepared_by):
            if text:
                self.para(self.escape(text))
        for part in v.parts:
            if part.heading:
                self.para(self.escape(part.heading))
            if part.title_page:
                for _, text in part.title_page.lines:
                    self.para(self.escape(text))
            self.blocks(part.blocks)
            self.para(self.escape(part.end_marker))
        return "\n".join(self.out + ([""] + self.notes if self.notes else [])) + "\n"


def markdown(view) -> str:
    return Writer(view, typst=False).document()


def typst(view) -> str:
    return Writer(view, typst=True).document()


if __name__ == "__main__":
    import tareport
    folder, lang, stem = sys.argv[1:4]
    view = tareport.load(folder).view(lang, draft=True)
    Path(stem + ".md").write_text(markdown(view), encoding="utf-8")
    Path(stem + ".typ").write_text(typst(view), encoding="utf-8")
    print(stem + ".md", stem + ".typ")
