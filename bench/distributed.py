"""Distributed crawl benchmark: articles/s for one and for two workers on the same replay.

    .venv/bin/python bench/distributed.py [--articles 2900] [--workers 1,2]
        [--redis redis://127.0.0.1:6379/0] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]

Each pass crawls a fresh replay of 中工网 (`--articles` per site: 2900 gives about 2,000 articles for the
`workercn` spider) with N `scrapy crawl workercn --distributed` processes sharing a Redis queue, storing
into a fresh PostgreSQL schema (fetch, clean, store). Articles/s = articles stored / wall clock from the
first worker's start to the last one's exit (process start-up included), plus CPU per article (workers,
cleaners and replay server) and the load average, since other work on the machine skews wall-clock
rates. Politeness is off (local replay).
On a 2-core machine the replay server, the workers and PostgreSQL share the cores: two workers gain what
the second core and the overlap of waiting (network, database) give, not 2x.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import redis  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from crawler.replay.server import Replay, ReplayServer  # noqa: E402
from crawler.replay.workercn import WorkercnReplay  # noqa: E402
from crawler.run import start_crawl  # noqa: E402

FAST = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 32, "LOG_LEVEL": "INFO"}


def fresh_schema(pg: str) -> tuple[str, str]:
    schema = "bench_" + uuid.uuid4().hex[:10]
    engine = sa.create_engine(pg)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine.dispose()
    sep = "&" if "?" in pg else "?"
    return schema, f"{pg}{sep}options=-csearch_path%3D{schema}"


def drop_schema(pg: str, schema: str) -> None:
    engine = sa.create_engine(pg)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    engine.dispose()


def one_pass(n_workers: int, articles: int, pg: str, redis_url: str, workdir: Path, clean_workers: int) -> dict:
    from pipelines.storage.db import upgrade
    replay = Replay(sites=[WorkercnReplay(n_articles=articles)], faults=False)
    expected = len(replay.expected("workercn"))
    schema, db = fresh_schema(pg)
    prefix = "bench:" + uuid.uuid4().hex[:8]
    settings = {**FAST, "UNIONNEWS_CLEAN_WORKERS": clean_workers, "SCHEDULER_QUEUE_KEY": f"{prefix}:%(spider)s:requests",
                "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:dupefilter", "DISTRIBUTED_WORKER_TTL": 5}
    try:
        upgrade(db)
        load0 = os.getloadavg()[0]
        cpu0 = _cpu()
        with ReplayServer(replay) as server:
            t0 = time.perf_counter()
            procs = [start_crawl("workercn", replay_url=server.url, db_url=db, redis_url=redis_url, settings=settings,
                                 log_file=workdir / f"w{n_workers}-{i}.log") for i in range(n_workers)]
            codes = [p.wait() for p in procs]
            elapsed = time.perf_counter() - t0
        cpu = _cpu() - cpu0
        load = (load0 + os.getloadavg()[0]) / 2
        engine = sa.create_engine(db)
        with engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT count(*) FROM articles WHERE site = 'workercn'")).scalar()
        engine.dispose()
    finally:
        drop_schema(pg, schema)
        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(prefix + "*"):
            client.delete(key)
        client.close()
    return {"workers": n_workers, "codes": codes, "expected": expected, "stored": stored, "seconds": elapsed,
            "rate": stored / elapsed if elapsed else 0.0, "cpu_ms": 1000 * cpu / max(stored, 1), "load": load}


def _cpu() -> float:
    """CPU seconds of this process (replay server) and of its waited-for descendants (workers, cleaners)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2900, help="replay articles per site (default %(default)s)")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts (default %(default)s)")
    ap.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--clean-workers", type=int, default=0,
                    help="cleaning processes per worker (UNIONNEWS_CLEAN_WORKERS; default %(default)s: each worker "
                         "cleans in its own process, so a worker is the unit that scales out)")
    ap.add_argument("--logs", help="keep the workers' logs in this directory (default: a temporary one)")
    ns = ap.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-distributed-") as tmp:
        logs = Path(ns.logs or tmp)
        logs.mkdir(parents=True, exist_ok=True)
        for n in [int(x) for x in ns.workers.split(",") if x.strip()]:
            r = one_pass(n, ns.articles, ns.pg, ns.redis, logs, ns.clean_workers)
            results.append(r)
            print(f"{n} worker(s): {r['stored']}/{r['expected']} articles stored in {r['seconds']:.1f} s "
                  f"= {r['rate']:.1f} articles/s, {r['cpu_ms']:.1f} ms CPU per article, load average "
                  f"{r['load']:.1f} on {os.cpu_count()} cores (exit codes {r['codes']})", flush=True)
    if len(results) > 1 and results[0]["rate"]:
        print(f"speed-up {results[-1]['workers']} vs {results[0]['workers']} worker(s): "
              f"{results[-1]['rate'] / results[0]['rate']:.2f}x")
    return 0 if all(r["stored"] == r["expected"] and not any(r["codes"]) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
