"""Crawl benchmark: a generated replay of every portal (>= 2,000 articles), crawled end to end.

    .venv/bin/python bench/crawl.py [--articles 300] [--parallel 2] [--spiders workercn,sxworker]
                                    [--db sqlite:///path.db] [--only store|noop]

Two passes over the same replay, each spider a real `scrapy crawl` subprocess (crawler.run):
  store  fetch + clean + store into a fresh SQLite file (the project's item pipeline)
  noop   fetch only: no item pipeline, no store, no feed (what the crawler alone costs)
and prints articles/s for each (wall clock, process start-up included). Politeness is off (the replay is
local); the replay's faults stay on, so one timeout per site costs DOWNLOAD_TIMEOUT seconds.
"""
from __future__ import annotations

import argparse
import ast
import inspect
import os
import re
import resource
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.replay.server import Replay, ReplayServer  # noqa: E402
from crawler.run import run_crawl, run_crawls  # noqa: E402

FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DOWNLOAD_TIMEOUT": 3, "LOG_LEVEL": "INFO",
        "ROBOTSTXT_OBEY": True}


def _children_cpu() -> float:
    """CPU seconds of finished child processes (crawl processes and, once reaped, their workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def spider_args(site, spider: str) -> dict[str, str]:
    params = inspect.signature(site.crawl_args).parameters
    return site.crawl_args(spider) if params else site.crawl_args()


def stats_of(log_file: Path) -> dict:
    text = log_file.read_text("utf-8", errors="replace")
    m = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n", text, re.S)
    if not m:
        return {}
    return ast.literal_eval(re.sub(r"datetime\.datetime\([^)]*\)", "None", m.group(1)))


def run_pass(label: str, replay: Replay, server: ReplayServer, jobs: list[tuple[str, dict]], db_url: str,
             settings: dict, parallel: int, workdir: Path) -> tuple[int, float]:
    def one(job):
        spider, args = job
        log = workdir / f"{label}-{spider}.log"
        t0 = time.perf_counter()
        code = run_crawl(spider, replay_url=server.url, db_url=db_url, args=args, settings=settings, log_file=log)
        stats = stats_of(log)
        return spider, code, stats.get("item_scraped_count", 0), time.perf_counter() - t0

    t0 = time.perf_counter()
    cpu0 = _children_cpu()
    if parallel == 0:    # every spider in one Scrapy process
        log = workdir / f"{label}-all.log"
        code = run_crawls(jobs, replay_url=server.url, db_url=db_url, settings=settings, log_file=log)
        elapsed = time.perf_counter() - t0
        text = log.read_text("utf-8", errors="replace")
        counts = [int(n) for n in re.findall(r"'item_scraped_count': (\d+)", text)]
        results = [("all spiders", code, sum(counts), elapsed)]
    else:
        with ThreadPoolExecutor(max_workers=parallel) as pool:
            results = list(pool.map(one, jobs))
        elapsed = time.perf_counter() - t0
    cpu = _children_cpu() - cpu0
    total = 0
    for spider, code, items, secs in results:
        total += items
        flag = "" if code == 0 else f"  (exit code {code})"
        print(f"  {label:5} {spider:16} {items:6d} items  {secs:6.1f} s{flag}")
    how = "all spiders in one crawl process" if parallel == 0 else \
        f"{parallel} crawl process{'es' if parallel > 1 else ''} at a time, one spider each"
    print(f"{label}: {total} items in {elapsed:.1f} s = {total / elapsed:.1f} articles/s ({how})")
    load = os.getloadavg()[0]
    print(f"{label}: crawl processes used {cpu:.1f} CPU-s = {1000 * cpu / max(total, 1):.1f} ms per article "
          f"(load average {load:.1f} on {os.cpu_count()} cores while measuring)")
    return total, elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300, help="articles per replayed site")
    ap.add_argument("--parallel", type=int, default=0,
                    help="crawl processes at a time, one spider each (0: all spiders in one process)")
    ap.add_argument("--spiders", default="", help="comma-separated spiders (default: every replayed one)")
    ap.add_argument("--db", default="", help="store URL for the store pass (default: a fresh SQLite file)")
    ap.add_argument("--only", choices=["store", "noop"], help="run one pass only")
    args = ap.parse_args(argv)

    replay = Replay(n_articles=args.articles, seed=1)
    wanted = [s for s in args.spiders.split(",") if s]
    jobs = [(spider, spider_args(site, spider)) for site in replay.sites for spider in site.spiders
            if not wanted or spider in wanted]
    n_expected = sum(1 for a in replay.expected() if not wanted or a.spider in wanted)
    print(f"replay: {len(replay.sites)} sites, {n_expected} articles expected, spiders: "
          f"{', '.join(s for s, _ in jobs)}")
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp, ReplayServer(replay) as server:
        workdir = Path(tmp)
        if args.only in (None, "store"):
            db_url = args.db or f"sqlite:///{workdir / 'bench.db'}"
            run_pass("store", replay, server, jobs, db_url, FAST, args.parallel, workdir)
        if args.only in (None, "noop"):
            noop = {**FAST, "ITEM_PIPELINES": {}, "EXTENSIONS": {}}
            run_pass("noop", replay, server, jobs, "none", noop, args.parallel, workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
