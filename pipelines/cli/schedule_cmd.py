"""`unionnews schedule`: run the crawl schedule of a schedule.toml (see crawler.schedule)."""
from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "schedule", help="run spiders on a cron schedule (long-lived; SIGTERM stops it cleanly)",
        description="Run the crawl jobs of a schedule file with APScheduler. Each run is a separate "
                    "`scrapy crawl` process; a spider never runs twice at once (database lock), overlapping "
                    "runs are refused and recorded in the crawl history.")
    p.add_argument("--config", default="schedule.toml", help="schedule file (default: %(default)s)")
    p.add_argument("--db", default=None, help="store URL (default: the file's `db`, UNIONNEWS_DB, or the "
                                              "embedded SQLite store)")
    p.add_argument("--list", action="store_true", help="show each job's next run time and exit")
    p.add_argument("--run-now", metavar="SPIDER", help="run SPIDER once now (its job's arguments) and exit")
    p.set_defaults(func=run)


def run(args) -> int:
    from crawler.schedule import ConfigError, CrawlScheduler, known_spiders, load_config
    try:
        spiders = known_spiders()
        config = load_config(args.config, known_spiders=spiders)
    except ConfigError as exc:
        print(f"unionnews schedule: {exc}", file=sys.stderr)
        return 2
    scheduler = CrawlScheduler(config, db_url=args.db)
    if args.list:
        print(f"{'job':24} {'spider':18} {'cron':18} next run")
        for job, when in scheduler.next_runs():
            print(f"{job.name:24} {job.spider:18} {job.cron:18} {when.isoformat() if when else 'never'}")
        return 0
    if args.run_now and args.run_now not in spiders:
        print(f"unionnews schedule: unknown spider {args.run_now!r} (known: {', '.join(sorted(spiders))})",
              file=sys.stderr)
        return 2
    from sqlalchemy.exc import SQLAlchemyError
    try:
        return scheduler.run_now(args.run_now) if args.run_now else scheduler.serve()
    except (SQLAlchemyError, RuntimeError) as exc:
        from pipelines.storage.db import display_url
        print(f"unionnews schedule: the store at {display_url(scheduler.db_url)} is not usable: {exc}",
              file=sys.stderr)
        return 1
