"""Command line: ``python -m tareport check | confirm | schema | build``.

Exit codes: 0 success; 1 build failure (a renderer or the file system
failed); 2 invalid content or usage. Content errors are printed one per line
as ``file:line:column: message``, never as a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import build_document, default_jobs
from .diagnostics import ContentError
from .document import load
from .l10n import CatalogError
from .output import SetupError, remove_stale, source_date_epoch
from .render import FORMATS, RenderError, RendererMissing
from .schema import SCHEMA_PATH, schema_text

EXIT_OK, EXIT_BUILD, EXIT_INVALID = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2, as argparse does, with our wording
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)


def _documents(content: Path, name: str | None) -> list[Path]:
    if name:
        folder = Path(name) if Path(name).is_dir() and (Path(name) / "document.yaml").exists() else content / name
        return [folder]
    found = sorted(p.parent for p in content.glob("*/document.yaml"))
    if not found:
        raise ContentError([])
    return found


def _languages(arg: str, doc) -> list[str]:
    return doc.languages if arg == "all" else [arg]


def _report(diagnostics) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def _each_document(args, status: list[int], failed: str = ""):
    """(folder, document) for each document the command names; one that does not load is
    reported (its errors, then ``failed``) and skipped, and ``status[0]`` becomes 2."""
    for folder in _documents(Path(args.content), args.doc):
        try:
            doc = load(folder)
        except ContentError as exc:
            _report(exc.diagnostics)
            print(f"{folder}: {len(exc.diagnostics)} error(s){failed}", file=sys.stderr)
            status[0] = EXIT_INVALID
            continue
        yield folder, doc


def cmd_check(args) -> int:
    status = [EXIT_OK]
    for folder, doc in _each_document(args, status):
        langs = _languages(args.lang, doc) if args.lang else []
        if problem := doc.language_problem(langs):
            print(f"{folder}: {problem}", file=sys.stderr)
            status[0] = EXIT_INVALID
            continue
        if args.report:
            _print_report(doc, langs or [l for l in doc.languages if l != doc.translations_from])
        _report(doc.typography())  # warnings: they do not change the exit status
        missing_in = {lang: doc.missing(lang) for lang in doc.languages}  # each language's walk made once
        missing = [d for lang in langs for d in missing_in[lang]]
        translated = [l for l in langs if l != doc.translations_from]
        misaligned = doc.alignment(langs) if langs else []
        stale = [d for lang in translated for d in doc.stale(lang)]
        if missing or misaligned or stale:
            _report(sorted(missing + misaligned + stale))
            for lang in langs:
                count = len(missing_in[lang])
                if count:
                    print(f"{folder}: {count} text(s) without a {lang} version", file=sys.stderr)
            if misaligned:
                print(f"{folder}: {len(misaligned)} text(s) whose languages disagree", file=sys.stderr)
            if stale:
                print(f"{folder}: {len(stale)} stale translation(s) (source text changed or never confirmed)",
                      file=sys.stderr)
            status[0] = EXIT_INVALID
            continue
        summary = ", ".join(f"{lang}: {len(found)} missing" for lang, found in missing_in.items() if found)
        print(f"{folder}: ok ({doc.index.symbol}, {len(doc.numbered.footnotes)} footnotes"
              + (f"; translations in progress: {summary}" if summary and not langs else "") + ")")
    return status[0]


def _print_report(doc, langs) -> None:
    """Per file and language: complete / stale / missing, for a translator to work from."""
    from .translations import COMPLETE, MISSING, STALE, report

    source = doc.translations_from
    for lang in langs:
        if lang == source:
            continue
        print(f"{doc.index.symbol} {source} -> {lang}:")
        print(f"  {'file':<44} {'complete':>9} {'stale':>6} {'missing':>8}")
        total = {COMPLETE: 0, STALE: 0, MISSING: 0}
        for entry in report(doc.texts(), source, lang):
            counts = [entry.counts[k] for k in (COMPLETE, STALE, MISSING)]
            for k, n in zip((COMPLETE, STALE, MISSING), counts):
                total[k] += n
            print(f"  {entry.file:<44} {counts[0]:>9} {counts[1]:>6} {counts[2]:>8}")
        print(f"  {'total':<44} {total[COMPLETE]:>9} {total[STALE]:>6} {total[MISSING]:>8}")


def cmd_confirm(args) -> int:
    """Record that each translated text matches the current source text (writes ``<lang>_from``)."""
    from .translations import confirm

    status = [EXIT_OK]
    for folder, doc in _each_document(args, status, "; nothing confirmed"):
        langs = [l for l in _languages(args.lang, doc) if l != doc.translations_from]
        if problem := doc.language_problem(langs):
            print(f"{folder}: {problem}", file=sys.stderr)
            return EXIT_INVALID
        files = doc.files()
        if args.file:
            wanted = {Path(f).name for f in args.file}
            files = [f for f in files if f.name in wanted]
        for lang in langs:
            changed = confirm(files, list(doc.texts()), doc.translations_from, lang)
            count = sum(changed.values())
            print(f"{folder}: {lang}: {count} text(s) confirmed against the current {doc.translations_from} text"
                  + (f" in {len(changed)} file(s)" if changed else ""))
    return status[0]


def cmd_schema(args) -> int:
    path = Path(args.output)
    from .output import write_atomic
    write_atomic(path, schema_text().encode("utf-8"))
    print(f"wrote {path}")
    return EXIT_OK


def cmd_build(args) -> int:
    formats = list(FORMATS) if args.format == "all" else [args.format]
    try:
        source_date_epoch()
    except SetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    out = Path(args.out)
    for folder in [out, *(out.iterdir() if out.is_dir() else [])]:  # what crashed builds left (kill -9)
        if folder.is_dir():
            remove_stale(folder)
    if args.watch:
        from .watch import Job, run
        job = Job(_documents(Path(args.content), args.doc), args.lang, formats, Path(args.out), args.draft,
                  args.jobs, _font_options(args))
        return run(job, Path(args.content))
    for folder in _documents(Path(args.content), args.doc):
        try:
            doc = load(folder)
            langs = _languages(args.lang, doc)
            if problem := doc.language_problem(langs):
                print(f"{folder}: {problem}", file=sys.stderr)
                return EXIT_INVALID
            options = {"pdf": {"fonts": _font_options(args)}} if "pdf" in formats else {}
            build_document(doc, langs, formats, args.out, draft=args.draft, jobs=args.jobs, progress=_progress, **options)
        except ContentError as exc:
            _report(exc.diagnostics)
            if any("missing" in d.message and "text" in d.message for d in exc.diagnostics):
                print(f"{folder}: not built: texts are missing (use --draft to build with placeholders)", file=sys.stderr)
            else:
                print(f"{folder}: not built: {len(exc.diagnostics)} error(s)", file=sys.stderr)
            return EXIT_INVALID
        except RendererMissing as exc:
            print(f"{folder}: content is valid, but {exc}", file=sys.stderr)
            return EXIT_BUILD
        except RenderError as exc:
            print(f"{folder}: not built: {exc}", file=sys.stderr)
            return EXIT_BUILD
        except (CatalogError, SetupError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_INVALID
        except OSError as exc:
            print(f"{folder}: not built: cannot write output: {exc}; previous outputs are untouched", file=sys.stderr)
            return EXIT_BUILD
    return EXIT_OK


def _progress(output) -> None:
    print(f"wrote {output.path} ({output.seconds:.2f} s)", flush=True)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more), not {text!r}")
    return int(text)


def _font_options(args) -> dict:
    return {k: v for k, v in (("body", args.font_body), ("heading", args.font_heading),
                              ("latin", args.font_latin), ("latin_bold", args.font_latin_bold)) if v}


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="tareport", description="Typed bilingual CDIP documents rendered as official Word and PDF files.",
                epilog="exit codes: 0 ok, 1 build failure, 2 invalid content or usage")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="validate content and report every mistake as file:line:column",
                       epilog="exit codes: 0 ok, 2 invalid content (or texts missing in --lang)")
    c.add_argument("--lang", help="also check translations in this language (zh, en, ..., or all): missing texts, "
                                  "numbers, marks and script that disagree, stale translations")
    c.add_argument("--doc", help="document folder name under --content (default: every document)")
    c.add_argument("--content", default="content", help="content folder (default: content)")
    c.add_argument("--report", action="store_true",
                   help="print, per file, the texts complete / stale / missing in each translated language")
    c.set_defaults(func=cmd_check)

    f = sub.add_parser("confirm", help="record that translations match the current source texts (writes <lang>_from)",
                       epilog="run it after checking the texts that `check --lang` reports as stale")
    f.add_argument("--lang", required=True, help="the translated language (en, ..., or all)")
    f.add_argument("--doc", help="document folder name under --content (default: every document)")
    f.add_argument("--content", default="content", help="content folder (default: content)")
    f.add_argument("--file", action="append", help="only this file of the document (repeatable)")
    f.set_defaults(func=cmd_confirm)

    s = sub.add_parser("schema", help="write the JSON Schema of the content files")
    s.add_argument("--output", default=str(SCHEMA_PATH), help=f"default: {SCHEMA_PATH}")
    s.set_defaults(func=cmd_schema)

    b = sub.add_parser("build", help="render documents to build/<lang>/<name>.docx and .pdf",
                       epilog="exit codes: 0 ok, 1 build failure, 2 invalid content or usage")
    b.add_argument("--lang", required=True, help="zh, en, ... or all")
    b.add_argument("--format", default="all", choices=[*FORMATS, "all"])
    b.add_argument("--doc", help="document folder name under --content (default: every document)")
    b.add_argument("--content", default="content", help="content folder (default: content)")
    b.add_argument("--out", default="build", help="output folder (default: build)")
    b.add_argument("--draft", action="store_true", help="render missing translations as visible placeholders")
    b.add_argument("--jobs", "-j", type=_jobs, default=default_jobs(),
                   help=f"render outputs in this many processes at once (default: the number of cores, {default_jobs()})")
    b.add_argument("--watch", action="store_true",
                   help="build, then rebuild what a change to a content, catalog or font file affects, until Ctrl+C")
    b.add_argument("--font-body", help="PDF: TrueType font file for CJK body text (path[:index] for .ttc)")
    b.add_argument("--font-heading", help="PDF: TrueType font for CJK headings and bold")
    b.add_argument("--font-latin", help="PDF: TrueType font for Latin text")
    b.add_argument("--font-latin-bold", help="PDF: TrueType font for bold Latin text")
    b.set_defaults(func=cmd_build)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        return args.func(args)
    except ContentError as exc:
        if not exc.diagnostics:
            print(f"no document found under {getattr(args, 'content', 'content')}/ (a folder with document.yaml)", file=sys.stderr)
        _report(exc.diagnostics)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("interrupted; every output is the previous one or the new one, never half-written", file=sys.stderr)
        return EXIT_BUILD
    except Exception as exc:  # a bug: say so in one line; TAREPORT_DEBUG=1 shows the traceback
        if os.environ.get("TAREPORT_DEBUG"):
            raise
        print(f"tareport: internal error ({type(exc).__name__}: {exc}); previous outputs are untouched. "
              "Please report it (TAREPORT_DEBUG=1 shows the traceback).", file=sys.stderr)
        return EXIT_BUILD
