"""`unionnews replay` (serve the offline replay) and `unionnews crawl` (run a spider)."""
from __future__ import annotations

import argparse
import sys
import time


def _replay(args: argparse.Namespace) -> int:
    from crawler.replay.server import Replay, ReplayServer

    replay = Replay(n_articles=args.articles, seed=args.seed, faults=not args.no_faults)
    server = ReplayServer(replay, port=args.port, host=args.host).start()
    n = len(replay.expected())
    print(f"replay of {len(replay.sites)} sites ({n} articles) serving at {server.url}", flush=True)
    for site in replay.sites:
        args = " ".join(f"-a {k}={v}" for k, v in site.crawl_args().items())
        print(f"  {site.name}: spiders {', '.join(site.spiders)} {args}".rstrip(), flush=True)
    print(f"crawl it with: unionnews crawl SPIDER --replay {server.url}   (Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def _key_value(text: str) -> str:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"{text!r} is not key=value")
    return text


def _crawl(args: argparse.Namespace) -> int:
    from crawler.run import run_crawl

    settings = dict(s.split("=", 1) for s in args.set)
    if args.distributed and not args.redis:
        print("--distributed needs --redis URL", file=sys.stderr)
        return 2
    return run_crawl(args.spider, replay_url=args.replay, db_url=args.db, args=args.arg, settings=settings,
                     redis_url=args.redis if args.distributed else None, jobdir=args.jobdir,
                     log_file=args.log_file)


def register(subparsers) -> None:
    p = subparsers.add_parser("replay", help="serve the offline replay of the portals until Ctrl-C")
    p.add_argument("--port", type=int, default=8642)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--articles", type=int, default=60, help="articles per site (scales the replay)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-faults", action="store_true", help="serve no 5xx/timeouts/broken pages")
    p.set_defaults(func=_replay)

    c = subparsers.add_parser("crawl", help="run a spider against the portals or their replay")
    c.add_argument("spider", help="spider name (see `scrapy list`)")
    c.add_argument("--replay", metavar="URL", help="serve portal requests from this replay (unionnews replay)")
    c.add_argument("--db", metavar="URL", help="store URL (default: the embedded SQLite store; 'none': feeds only)")
    c.add_argument("-a", dest="arg", action="append", default=[], type=_key_value, metavar="KEY=VALUE",
                   help="spider argument, e.g. -a start=2024-01-01")
    c.add_argument("-s", dest="set", action="append", default=[], type=_key_value, metavar="KEY=VALUE",
                   help="Scrapy setting, e.g. -s DOWNLOAD_DELAY=2")
    c.add_argument("--jobdir", help="JOBDIR: resumable state of this crawl")
    c.add_argument("--log-file")
    c.add_argument("--distributed", action="store_true", help="share the queue through Redis (scrapy-redis)")
    c.add_argument("--redis", metavar="URL", help="Redis URL for --distributed")
    c.set_defaults(func=_crawl)
