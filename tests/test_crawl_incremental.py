"""Incremental and resumable crawling against the 中工网 replay: a second run fetches list pages but no
article it already has; a crawl killed midway and resumed delivers the uninterrupted set, once each."""
from __future__ import annotations

import importlib.util
import signal
import time
from collections import Counter

import pytest
from crawl_helpers import crawl_settings, read_items, requests_for, scrapy_stats, serve

from crawler.replay.workercn import WorkercnReplay
from crawler.run import run_crawl, start_crawl

pytestmark = pytest.mark.slow
HAS_STORE = importlib.util.find_spec("pipelines.item_pipelines") is not None and \
    importlib.util.find_spec("pipelines.store") is not None


def _state(kind, tmp_path) -> dict:
    """Where a run remembers what it delivered: a JOBDIR journal, or the SQLite store."""
    if kind == "store":
        if not HAS_STORE:
            pytest.skip("the store (pipelines.item_pipelines, pipelines.store) is not built yet")
        return {"db_url": f"sqlite:///{tmp_path / 'store.db'}", "jobdir": tmp_path / "job"}
    return {"db_url": "none", "jobdir": tmp_path / "job"}


@pytest.mark.parametrize("kind", ["jobdir", "store"])
def test_second_run_fetches_lists_but_no_known_article(tmp_path, kind):
    site = WorkercnReplay(n_articles=40, seed=11)
    state = _state(kind, tmp_path)
    with serve(site) as (replay, server):
        first = tmp_path / "first.jl"
        assert run_crawl("workercn", replay_url=server.url, settings=crawl_settings(first), **state) == 0
        after_first = Counter(replay.requests)
        second, log = tmp_path / "second.jl", tmp_path / "second.log"
        assert run_crawl("workercn", replay_url=server.url, settings=crawl_settings(second), log_file=log,
                         **state) == 0
    expected = [a.url for a in site.expected() if a.spider == "workercn"]
    if kind == "jobdir":
        assert {i["canonical_url"] for i in read_items(first) if i["kind"] == "article"} == set(expected)
    for url in expected:
        assert requests_for(replay, url) == requests_for_counter(after_first, url), f"{url} fetched again"
    assert requests_for(replay, "https://www.workercn.cn/roll/") == 2          # list pages: every run
    assert not [i for i in read_items(second) if i["kind"] == "article"]
    assert scrapy_stats(log)["unionnews/skipped/known"] >= len(expected)


def requests_for_counter(counter: Counter, url: str) -> int:
    from urllib.parse import urlsplit
    p = urlsplit(url)
    return counter.get(f"{p.hostname}{p.path}?{p.query}", 0)


# SIGINT: Scrapy's graceful stop, queue kept in JOBDIR. SIGKILL: nothing flushed, stale JOBDIR queue.
@pytest.mark.parametrize("sig,kind", [(signal.SIGINT, "jobdir"), (signal.SIGKILL, "store")])
def test_killed_crawl_resumes_to_the_uninterrupted_set(tmp_path, sig, kind):
    site = WorkercnReplay(n_articles=80, seed=17)
    state = _state(kind, tmp_path)
    expected = {a.url for a in site.expected() if a.spider == "workercn"}
    with serve(site) as (replay, server):
        feeds = [tmp_path / "killed.jl", tmp_path / "resumed.jl"]
        slow = crawl_settings(feeds[0], CONCURRENT_REQUESTS_PER_DOMAIN=1, DOWNLOAD_DELAY=0.05,
                              DOWNLOAD_DELAY_JITTER=0)
        proc = start_crawl("workercn", replay_url=server.url, settings=slow, log_file=tmp_path / "killed.log",
                           **state)
        deadline = time.monotonic() + 60
        while len(_articles(feeds[0])) < 10 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the crawl ended before it could be interrupted"
        proc.send_signal(sig)
        proc.wait(timeout=60)
        assert len(_articles(feeds[0])) < len(expected)
        assert run_crawl("workercn", replay_url=server.url, settings=crawl_settings(feeds[1]),
                         log_file=tmp_path / "resumed.log", **state) == 0
    if kind == "store":   # the store is the record: every article once (a page fed to the store but not
        from pipelines.store import Store   # yet committed when killed may be fetched again: at least once)
        assert Store(state["db_url"]).known_urls("workercn") == expected
        return
    urls = [u for f in feeds for u in _articles(f)]
    assert len(urls) == len(set(urls)), "an article was delivered twice"
    assert set(urls) == expected


def _articles(feed) -> list[str]:
    return [i["canonical_url"] for i in read_items(feed) if i["kind"] == "article"]
