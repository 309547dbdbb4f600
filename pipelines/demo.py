"""`unionnews demo`: the whole job offline in a few minutes - serve the replay of the portals, crawl every
spider into the store (the embedded SQLite default unless --db), export the clean articles and say where
they are and what was crawled."""
from __future__ import annotations

import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

# a local replay needs no politeness: no delays, more parallel requests
REPLAY_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                   "DOWNLOAD_TIMEOUT": 4,   # the replay answers at once unless it plays a hung server
                   "LOG_LEVEL": "WARNING"}


def spider_names() -> list[str]:
    """What `scrapy list` prints, read in-process."""
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings
    return sorted(SpiderLoader.from_settings(get_project_settings()).list())


def spider_args(replay, spider: str) -> dict[str, str]:
    for site in replay.sites:
        if spider in getattr(site, "spiders", ()):
            try:
                return dict(site.crawl_args(spider))
            except TypeError:
                return dict(site.crawl_args())
    return {}


def last_run(store, spider: str) -> dict | None:
    import sqlalchemy as sa

    from pipelines.storage.models import CrawlRun
    row = store.read("reading the crawl run", lambda conn: conn.execute(
        sa.select(CrawlRun.pages, CrawlRun.articles, CrawlRun.duplicates, CrawlRun.failures)
        .where(CrawlRun.spider == spider).order_by(CrawlRun.id.desc()).limit(1)).mappings().first())
    return dict(row) if row else None


def run_demo(out: str | Path = "demo-out", db_url: str | None = None, articles: int = 60, parallel: int = 4,
             faults: bool = True, spiders: list[str] | None = None, log_dir: str | Path | None = None,
             echo=print) -> int:
    from crawler.replay.server import Replay, ReplayServer
    from crawler.run import run_crawl
    from pipelines.export import export
    from pipelines.stats import collect, render
    from pipelines.storage import db
    from pipelines.store import Store

    db_url = db.resolve_db_url(db_url)
    store = Store(db_url)
    names = spiders or spider_names()
    if not names:
        echo("no spiders found (scrapy list is empty)")
        return 1
    out = Path(out).absolute()
    log_dir = Path(log_dir or out.parent / f"{out.name}-logs")
    log_dir.mkdir(parents=True, exist_ok=True)
    replay = Replay(n_articles=articles, faults=faults)
    t0 = time.perf_counter()
    with ReplayServer(replay) as server:
        echo(f"replay of {len(replay.sites)} portals serving at {server.url}; store: {store.name}")
        echo(f"crawling {len(names)} spiders: {', '.join(names)} (logs in {log_dir})")

        def crawl(name: str) -> tuple[str, int, float]:
            started = time.perf_counter()
            code = run_crawl(name, replay_url=server.url, db_url=db_url, args=spider_args(replay, name),
                             settings=dict(REPLAY_SETTINGS), log_file=str(log_dir / f"{name}.log"))
            return name, code, time.perf_counter() - started

        failed = []
        with ThreadPoolExecutor(max(1, parallel)) as pool:
            for name, code, secs in pool.map(crawl, names):
                run = last_run(store, name)
                what = (f"{run['pages']} pages, {run['articles']} new/changed articles, {run['duplicates']} reprints, "
                        f"{run['failures']} failures" if run else "no crawl run recorded")
                echo(f"  {name}: {'ok' if code == 0 else f'exit code {code}'} in {secs:.0f}s - {what}")
                if code != 0:
                    failed.append(name)
    summary = export(store, out)
    echo(f"exported {summary.files} clean articles to {summary.out}  "
         f"({', '.join(f'{s}: {n}' for s, n in sorted(summary.by_site.items()))})")
    echo(f"  one file per article in the seed format, metadata in {summary.out / 'manifest.jsonl'}")
    render(collect(store))
    echo(f"demo finished in {time.perf_counter() - t0:.0f}s"
         + (f"; spiders with errors: {', '.join(failed)} (see their logs)" if failed else ""))
    return 0 if summary.files and not failed else 1


if __name__ == "__main__":
    sys.exit(run_demo())
