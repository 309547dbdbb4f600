"""`unionnews`: the console front for the jobs that are not `scrapy crawl`.

A thin layer: argument parsing and output only. Each sub-command lives in its own module with a
`register(subparsers)` function that adds its parser and sets `func` (args -> exit code).
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

# module path -> registers one or more sub-commands
COMMAND_MODULES = [
    "pipelines.cli.clean_cmd",      # clean
    "pipelines.cli.crawl_cmd",      # crawl, replay
    "pipelines.cli.store_cmd",      # reclean, export, stats, demo
    "pipelines.cli.schedule_cmd",   # schedule
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="unionnews", description="Crawl, clean, store and export Chinese trade-union news.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for path in COMMAND_MODULES:
        try:
            module = importlib.import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name == path:   # sub-command not built yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # The Scrapy project is this package, wherever the command runs from (no scrapy.cfg needed in cwd).
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
