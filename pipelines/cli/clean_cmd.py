"""`unionnews clean PATH... --out DIR`: saved pages / stored texts -> clean seed-format files."""
from __future__ import annotations

import argparse
import json
import os
import sys


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return value


def _clean(args: argparse.Namespace) -> int:
    from pipelines.clean_files import CLEANED, EMPTY, FAILED, CleanOptions, clean_files, collect_inputs, summary_dict

    if os.path.exists(args.out) and not os.path.isdir(args.out):
        print(f"--out {args.out} exists and is not a folder", file=sys.stderr)
        return 2
    options = CleanOptions(out_dir=args.out, write_json=args.json, keep_traditional=args.keep_traditional,
                           keep_fullwidth=not args.ascii_punctuation,
                           url=args.url, max_bytes=int(args.max_mb * 1024 * 1024), timeout=args.timeout)
    jobs = args.jobs or os.cpu_count() or 1
    total = len(collect_inputs(args.paths, exclude=args.out))
    if not total:
        print("no input files (.html, .htm, .shtml, .txt) under " + " ".join(args.paths), file=sys.stderr)
        return 1

    with _progress(total, quiet=args.quiet) as advance:
        summary = clean_files(args.paths, options, jobs=jobs, on_result=advance)

    if args.summary_json:
        print(json.dumps(summary_dict(summary), ensure_ascii=False, indent=1))
        return 0 if summary.ok else 1
    out = sys.stdout
    for path, stem in summary.renamed:
        print(f"renamed  {path} -> {stem}.txt (another input has the same name)", file=out)
    for r in summary.results:
        if r.warnings:
            print(f"warning  {r.path}: {'; '.join(r.warnings)}", file=out)
    for r in summary.of(EMPTY):
        print(f"empty    {r.path}: {r.reason}", file=out)
    for r in summary.of(FAILED):
        print(f"failed   {r.path}: {r.reason}", file=out)
    cleaned, empty, failed = (len(summary.of(s)) for s in (CLEANED, EMPTY, FAILED))
    n = len(summary.results)
    print(f"{n} file{'' if n == 1 else 's'}: {cleaned} cleaned, {failed} failed, {empty} empty (no article found)"
          f" -> {args.out}", file=out)
    return 0 if summary.ok else 1


class _progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, total: int, quiet: bool = False):
        self.total = total
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda result: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            TextColumn("{task.fields[last]}"), console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("clean", total=self.total, last="")

        def advance(result) -> None:
            self.bar.update(task, advance=1, last=os.path.basename(result.path)[:40])
        return advance

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "clean", help="clean saved pages (.html/.htm/.shtml) and stored texts (.txt) into seed-format files",
        description="Clean saved news pages and stored texts into the seed format: DIR/<input stem>.txt. "
                    "Exit code 0 when no file failed (files with no article are not failures), 1 otherwise.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created if missing)")
    p.add_argument("--json", action="store_true", help="also write <stem>.json with the article's metadata")
    p.add_argument("--keep-traditional", action="store_true", help="keep Traditional script (default: t2s)")
    p.add_argument("--ascii-punctuation", action="store_true",
                   help="fold full-width punctuation to ASCII (，：-> ,:) as FORMAT.md's exports have it "
                        "(default: the page's own punctuation, as news text and gold texts keep it)")
    p.add_argument("--keep-fullwidth", action="store_true", help=argparse.SUPPRESS)   # the default; older spelling
    p.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                   help="worker processes (0: one per core; default 1)")
    p.add_argument("--url", help="the pages' URL (selects site rules, fills the url field)")
    p.add_argument("--max-mb", type=float, default=20.0, metavar="MB",
                   help="refuse inputs larger than this (default 20)")
    p.add_argument("--timeout", type=float, default=120.0, metavar="S",
                   help="give up on a file after S seconds (default 120; 0: no limit)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--summary-json", action="store_true", help="print the summary as JSON on stdout")
    p.set_defaults(func=_clean)
