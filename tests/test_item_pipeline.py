"""The item pipeline inside real Scrapy crawls (subprocesses): raw first, clean in workers, dedupe,
upsert, crawl_runs; a killed crawl loses nothing it stored; UNIONNEWS_DB=none switches it off."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

import storekit
from pipelines.storage.models import ArticleRow, CrawlRun, RawPage
from pipelines.store import Store


def _items():
    stories = storekit.stories(24, seed=31)
    items = storekit.workercn_items(stories[:20]) + storekit.sxworker_items(stories[:4])   # 4 reprints
    items.append(storekit.page_item("https://www.workercn.cn/c/2024-05-03/8300000.shtml",
                                    "<html><body><div class='nav'>首页</div></body></html>", "workercn"))
    items.append(storekit.page_item("https://www.workercn.cn/roll/", "<html><body>列表</body></html>", "workercn",
                                    kind="list"))
    gbk = storekit.stories(1, seed=32)[0]
    items.append(storekit.page_item("http://news.workercn.cn/32843/201401/02/140102000000001.shtml",
                                    storekit.workercn_html(gbk).replace("utf-8", "gbk"), "workercn", encoding="gbk"))
    return items, stories, gbk


@pytest.mark.slow
def test_crawl_stores_raw_pages_articles_duplicates_and_the_run(tmp_path):
    items, stories, gbk = _items()
    url = storekit.sqlite_url(tmp_path)
    proc, stats = storekit.feed_items(items, url, tmp_path, workers=1)
    assert proc.returncode == 0, proc.stderr[-3000:]
    store = Store(url)
    counts = store.counts()
    assert counts["raw_pages"] == len(items)                    # every fetched page, list page included
    assert counts["articles"] == len(items) - 1                 # all but the list page
    assert counts["ok"] == len(items) - 2 and counts["duplicates"] == 4
    for item in storekit.sxworker_items(stories[:4]):
        row = store.article_by_url(item.canonical_url)
        original = store.article_by_url(storekit.workercn_items(stories[:4])[stories.index(
            next(s for s in stories if s.title == row["title"]))].canonical_url)
        assert row["duplicate_of"] == original["id"]
    empty = store.article_by_url(items[-3].canonical_url)
    assert empty["status"] == "empty" and empty["reason"] and store.raw_pages_of(items[-3].canonical_url)
    assert store.article_by_url(items[-1].canonical_url)["title"] == gbk.title    # GBK page decoded
    run = store.read("run", lambda conn: conn.execute(sa.select(CrawlRun)).mappings().one())
    assert run["spider"] == "feed" and run["trigger"] == "test" and run["finish_reason"] == "finished"
    assert run["pages"] == len(items) and run["articles"] == len(items) - 2 and run["duplicates"] == 4
    assert run["finished_at"] >= run["started_at"]
    raw_runs = store.read("raw", lambda conn: set(conn.execute(sa.select(RawPage.crawl_run_id)).scalars()))
    assert raw_runs == {run["id"]}


@pytest.mark.slow
def test_killed_crawl_keeps_what_it_stored_and_the_next_crawl_completes(tmp_path):
    items = storekit.workercn_items(storekit.stories(160, seed=41))
    url = storekit.sqlite_url(tmp_path)
    Store(url)          # schema first, so the kill lands in the middle of storing
    # start the crawl, kill it hard once part of the pages are stored
    import base64, json
    path = tmp_path / "items.jsonl"
    storekit.write_spider_script(tmp_path)
    with open(path, "w", encoding="utf-8") as fh:
        for item in items:
            d = {**item.__dict__, "body": base64.b64encode(item.body).decode()}
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    env = {**os.environ, "PYTHONPATH": str(storekit.ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    proc = subprocess.Popen([sys.executable, str(tmp_path / "feed_spider.py"), str(path), url, "0"],
                            cwd=storekit.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    store = Store(url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and store.counts()["articles"] < 20:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    counts = store.counts()
    assert 0 < counts["articles"] < len(items)
    # what was committed is whole: every article has its raw page, bodies decompress
    a, r = ArticleRow.__table__, RawPage.__table__
    orphans = store.read("orphans", lambda conn: conn.execute(
        sa.select(sa.func.count()).select_from(a.outerjoin(r, a.c.raw_page_id == r.c.id)).where(r.c.id.is_(None))).scalar())
    assert orphans == 0
    run = store.read("run", lambda conn: conn.execute(sa.select(CrawlRun)).mappings().one())
    assert run["finished_at"] is None                         # shows as crashed in `unionnews stats`
    proc2, _ = storekit.feed_items(items, url, tmp_path, workers=0)
    assert proc2.returncode == 0
    final = store.counts()
    assert final["raw_pages"] == final["articles"] == final["ok"] == len(items)


def test_store_none_switches_the_pipeline_and_extension_off():
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from pipelines.item_pipelines import StorePipeline
    from pipelines.runs import CrawlRunExtension
    crawler = get_crawler(settings_dict={"UNIONNEWS_DB": "none"})
    with pytest.raises(NotConfigured):
        StorePipeline.from_crawler(crawler)
    with pytest.raises(NotConfigured):
        CrawlRunExtension.from_crawler(crawler)
