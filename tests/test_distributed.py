"""Distributed crawling with the real Redis and PostgreSQL: several `scrapy crawl` worker processes share
one crawl of the replay; every article is fetched once and stored once; a killed worker loses nothing."""
from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from crawler.distributed import apply_distributed
from crawler.replay.server import Replay, ReplayServer
from crawler.replay.workercn import WorkercnReplay
from crawler.run import start_crawl

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def fast_settings(prefix: str) -> dict:
    """Speed over politeness (a local replay), and this test's own Redis keys."""
    return {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 32,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 32, "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "INFO",
            "SCHEDULER_QUEUE_KEY": f"{prefix}:%(spider)s:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:dupefilter",
            "DISTRIBUTED_WORKER_TTL": 3, "UNIONNEWS_CLEAN_WORKERS": 0}   # a worker = one process


def replay_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}{parts.path}?{parts.query}"


def stored(pg_url: str) -> dict[str, int]:
    """canonical URL -> number of article rows."""
    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT canonical_url, count(*) FROM articles GROUP BY canonical_url")).all()
    engine.dispose()
    return dict(rows)


def scraped_count(log_file: Path) -> int:
    found = re.findall(r"'item_scraped_count': (\d+)", log_file.read_text("utf-8", errors="replace"))
    return int(found[-1]) if found else 0


def start_workers(n: int, server_url: str, pg_url: str, redis_url: str, prefix: str, logs: Path, tag: str):
    return [start_crawl("workercn", replay_url=server_url, db_url=pg_url, redis_url=redis_url,
                        settings=fast_settings(prefix), log_file=logs / f"{tag}-{i}.log") for i in range(n)]


def test_apply_distributed_keeps_explicit_keys_and_needs_a_url():
    out = apply_distributed({"SCHEDULER_QUEUE_KEY": "t:%(spider)s:q", "UNIONNEWS_DB": "x"}, "redis://h:6379/1")
    assert out["SCHEDULER_QUEUE_KEY"] == "t:%(spider)s:q" and out["UNIONNEWS_DB"] == "x"
    assert out["REDIS_URL"] == "redis://h:6379/1"
    assert out["SCHEDULER"] == "crawler.distributed.SharedQueueScheduler"
    assert out["SCHEDULER_PERSIST"] is True and out["SCHEDULER_IDLE_BEFORE_CLOSE"] == 0
    with pytest.raises(ValueError, match="Redis URL"):
        apply_distributed({}, "")


@pytest.mark.slow
def test_two_workers_fetch_and_store_every_article_once(pg_url, redis_url, tmp_path):
    from pipelines.storage.db import upgrade
    url, prefix = redis_url
    replay = Replay(sites=[WorkercnReplay(n_articles=2900)], faults=False)
    expected = {a.url for a in replay.expected("workercn")}
    assert len(expected) >= 2000
    upgrade(pg_url)
    with ReplayServer(replay) as server:
        workers = start_workers(2, server.url, pg_url, url, prefix, tmp_path, "w")
        codes = [w.wait(timeout=240) for w in workers]
    assert codes == [0, 0]
    # both took part (one seeded, the other joined) ...
    assert all(scraped_count(tmp_path / f"w-{i}.log") > 100 for i in range(2))
    # ... every article was fetched exactly once across them ...
    fetched = {u: replay.requests[replay_key(u)] for u in expected}
    assert {u for u, n in fetched.items() if n != 1} == set()
    # ... and stored exactly once
    rows = stored(pg_url)
    assert expected <= set(rows)
    assert max(rows.values()) == 1


@pytest.mark.slow
def test_killed_worker_loses_nothing_and_next_run_completes_without_duplicates(pg_url, redis_url, tmp_path):
    from pipelines.storage.db import upgrade
    url, prefix = redis_url
    replay = Replay(sites=[WorkercnReplay(n_articles=200)], faults=False)
    expected = {a.url for a in replay.expected("workercn")}
    upgrade(pg_url)
    with ReplayServer(replay) as server:
        victim, survivor = start_workers(2, server.url, pg_url, url, prefix, tmp_path, "run1")
        deadline = time.monotonic() + 120
        while len(stored(pg_url)) < len(expected) // 4:
            assert time.monotonic() < deadline, "workers stored too little"
            assert victim.poll() is None, "the crawl ended before the kill"
            time.sleep(0.2)
        os.kill(victim.pid, signal.SIGKILL)                  # no clean-up of any kind
        assert victim.wait(timeout=30) == -signal.SIGKILL
        assert survivor.wait(timeout=180) == 0                 # the crawl ends without the dead worker
        after_run1 = set(stored(pg_url)) & expected
        assert after_run1 < expected                           # the victim took unstored work with it
        # run again (one worker): the crawl state was cleared at the end, the store says what is missing
        (again,) = start_workers(1, server.url, pg_url, url, prefix, tmp_path, "run2")
        assert again.wait(timeout=180) == 0
    rows = stored(pg_url)
    assert expected <= set(rows)                                # the set is complete
    assert max(rows.values()) == 1                              # and nothing is stored twice
    # what the first run stored was not fetched again; what the victim had fetched or queued but not
    # stored was (it was lost with the victim and found again by the second run)
    assert all(replay.requests[replay_key(u)] == 1 for u in after_run1)
    assert {u for u in expected if replay.requests[replay_key(u)] > 1} <= expected - after_run1


@pytest.mark.slow
def test_crawl_state_left_by_workers_that_all_died_does_not_block_the_next_crawl(pg_url, redis_url, tmp_path):
    import redis as redis_lib

    from pipelines.storage.db import upgrade
    url, prefix = redis_url
    queue = f"{prefix}:workercn:requests"
    client = redis_lib.Redis.from_url(url)
    # what a crawl whose only worker was SIGKILLed after its queue ran dry leaves behind
    client.set(f"{queue}:seeded", "deadhost:1:abc")
    client.sadd(f"{queue}:workers", "deadhost:1:abc")          # its state key has long expired
    client.sadd(f"{prefix}:workercn:dupefilter", "0" * 40)
    replay = Replay(sites=[WorkercnReplay(n_articles=20)], faults=False)
    expected = {a.url for a in replay.expected("workercn")}
    upgrade(pg_url)
    with ReplayServer(replay) as server:
        (worker,) = start_workers(1, server.url, pg_url, url, prefix, tmp_path, "w")
        assert worker.wait(timeout=120) == 0
    assert expected <= set(stored(pg_url))                       # it seeded a fresh crawl and finished it
    assert "starting afresh" in (tmp_path / "w-0.log").read_text("utf-8")
    assert not client.exists(f"{queue}:seeded", f"{queue}:workers", f"{prefix}:workercn:dupefilter")
    client.close()
