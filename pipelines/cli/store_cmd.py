"""`unionnews reclean | export | stats | demo`: thin argument parsing over pipelines.*."""
from __future__ import annotations

import argparse
import re
import sys

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(text: str) -> str:
    from datetime import date
    try:
        if not _DAY.match(text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None
    return text


def _store(args):
    from pipelines.store import Store
    return Store(args.db)


def _reclean(args) -> int:
    from pipelines.reclean import reclean
    summary = reclean(_store(args), site=args.site, since=args.since, jobs=args.jobs, progress=not args.quiet)
    print("\n".join(summary.lines()))
    return 130 if summary.interrupted else 0


def _export(args) -> int:
    from pipelines.export import ExportError, export
    try:
        summary = export(_store(args), args.out, site=args.site, since=args.since, until=args.until,
                         fmt=args.format, include_duplicates=args.include_duplicates)
    except ExportError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    print(f"exported {summary.files} articles to {summary.out}"
          + (f" ({summary.duplicates_included} duplicates included)" if args.include_duplicates else ""))
    return 0


def _stats(args) -> int:
    from pipelines.stats import collect, render
    render(collect(_store(args), days=args.days, runs=args.runs))
    return 0


def _demo(args) -> int:
    from pipelines.demo import run_demo
    return run_demo(args.out, db_url=args.db, articles=args.articles, parallel=args.parallel,
                    faults=not args.no_faults, spiders=args.spider or None)


def _store_errors(func):
    def run(args):
        from pipelines.store import StoreError
        try:
            return func(args)
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 3
    return run


def register(subparsers) -> None:
    db_help = "store URL (default: $UNIONNEWS_DB, else the embedded SQLite file ./data/unionnews.sqlite)"

    p = subparsers.add_parser("reclean", help="re-run the current cleaner over stored raw pages")
    p.add_argument("--site")
    p.add_argument("--since", type=_day, help="only pages fetched on or after this day")
    p.add_argument("--jobs", type=int, default=1, help="worker processes")
    p.add_argument("--db", help=db_help)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_store_errors(_reclean))

    p = subparsers.add_parser("export", help="write stored articles as seed-format text files + manifest.jsonl")
    p.add_argument("--out", required=True, help="output directory (replaced atomically)")
    p.add_argument("--site")
    p.add_argument("--since", type=_day, help="published on or after this day")
    p.add_argument("--until", type=_day, help="published on or before this day")
    p.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    p.add_argument("--include-duplicates", action="store_true", help="also export reprints of other articles")
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=_store_errors(_export))

    p = subparsers.add_parser("stats", help="articles per site and day, duplicates, failures, last crawl runs")
    p.add_argument("--days", type=int, default=14)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--db", help=db_help)
    p.set_defaults(func=_store_errors(_stats))

    p = subparsers.add_parser("demo", help="serve the offline replay, crawl every spider, export: the whole job")
    p.add_argument("--out", default="demo-out")
    p.add_argument("--db", help=db_help)
    p.add_argument("--articles", type=int, default=60, help="articles per replayed portal")
    p.add_argument("--parallel", type=int, default=4, help="spiders crawling at the same time")
    p.add_argument("--no-faults", action="store_true", help="replay without server errors and broken pages")
    p.add_argument("--spider", action="append", help="crawl only this spider (repeatable)")
    p.set_defaults(func=_store_errors(_demo))
