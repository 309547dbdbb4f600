"""Crawl benchmark: a generated replay of every portal (>= 2,000 articles), crawled end to end.

    .venv/bin/python bench/crawl.py [--articles 300] [--processes 2] [--spiders workercn,sxworker]
                                    [--db sqlite:///path.db] [--only store|noop] [--clean-workers 0]

Two passes over the same replay; the spiders are dealt out to `--processes` Scrapy processes
(crawler.run.run_crawls) that run side by side, each crawling its spiders at the same time:
  store  fetch + clean + store into a fresh SQLite file (the project's item pipeline)
  noop   fetch only: no item pipeline, no store, no feed (what the crawler alone costs)
and prints articles/s for each (wall clock, process start-up included). Politeness is off (the replay is
local); the replay's faults stay on, so one timeout per site costs DOWNLOAD_TIMEOUT seconds.
"""
from __future__ import annotations

import argparse
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
from crawler.run import run_crawls  # noqa: E402

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


def run_pass(label: str, server: ReplayServer, jobs: list[tuple[str, dict]], db_url: str, settings: dict,
             processes: int, workdir: Path) -> tuple[int, float]:
    """Crawl every job; the spiders are dealt round-robin to `processes` crawl processes that run
    side by side, each crawling its spiders at the same time (crawler.run.run_crawls)."""
    groups = [jobs[i::processes] for i in range(processes) if jobs[i::processes]]

    def one(index_group):
        index, group = index_group
        log = workdir / f"{label}-{index}.log"
        t0 = time.perf_counter()
        code = run_crawls(group, replay_url=server.url, db_url=db_url, settings=settings, log_file=log)
        text = log.read_text("utf-8", errors="replace") if log.exists() else ""
        items = sum(int(n) for n in re.findall(r"'item_scraped_count': (\d+)", text))
        return ", ".join(s for s, _ in group), code, items, time.perf_counter() - t0

    t0, cpu0 = time.perf_counter(), _children_cpu()
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        results = list(pool.map(one, enumerate(groups)))
    elapsed, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    total = 0
    for spiders, code, items, secs in results:
        total += items
        flag = "" if code == 0 else f"  (exit code {code})"
        print(f"  {label:5} {items:6d} items {secs:6.1f} s  [{spiders}]{flag}")
    print(f"{label}: {total} items in {elapsed:.1f} s = {total / elapsed:.1f} articles/s "
          f"({len(groups)} crawl process(es), spiders side by side)")
    print(f"{label}: crawl processes used {cpu:.1f} CPU-s = {1000 * cpu / max(total, 1):.1f} ms per article "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring)")
    return total, elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300, help="articles per replayed site")
    ap.add_argument("--processes", type=int, default=1,
                    help="crawl processes side by side, spiders dealt out (more than one: SQLite write contention)")
    ap.add_argument("--spiders", default="", help="comma-separated spiders (default: every replayed one)")
    ap.add_argument("--db", default="", help="store URL for the store pass (default: a fresh SQLite file)")
    ap.add_argument("--only", choices=["store", "noop"], help="run one pass only")
    ap.add_argument("--clean-workers", type=int, default=0,
                    help="UNIONNEWS_CLEAN_WORKERS per spider (default 0: clean inside the crawl processes, "
                         "which already use every core; -1: the pipeline's default pool)")
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
            store = dict(FAST)
            if args.clean_workers >= 0:
                store["UNIONNEWS_CLEAN_WORKERS"] = args.clean_workers
            run_pass("store", server, jobs, db_url, store, args.processes, workdir)
        if args.only in (None, "noop"):
            noop = {**FAST, "ITEM_PIPELINES": {}, "EXTENSIONS": {}}
            run_pass("noop", server, jobs, "none", noop, args.processes, workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
