"""Real Scrapy crawls of the 中工网 replay (faults on): every article once, with what the spider knows;
nothing off-site or from the big5 gateway; faults retried or recorded with their reason."""
from __future__ import annotations

import pytest
from crawl_helpers import (crawl_settings, read_items, requested_hosts, requests_for, scrapy_stats, serve,
                           text_of)

from crawler.replay.workercn import WorkercnReplay
from crawler.run import run_crawl
from crawler.urls import canonicalize_url

pytestmark = pytest.mark.slow


def test_workercn_crawl_delivers_every_article_once(tmp_path):
    site = WorkercnReplay(n_articles=60, seed=3)
    with serve(site) as (replay, server):
        feed, log = tmp_path / "items.jl", tmp_path / "crawl.log"
        code = run_crawl("workercn", replay_url=server.url, db_url="none", log_file=log,
                         settings=crawl_settings(feed))
    assert code == 0
    items = read_items(feed)
    articles = [i for i in items if i["kind"] == "article"]
    urls = [i["canonical_url"] for i in articles]
    assert len(urls) == len(set(urls)), "an article was delivered twice"
    expected = {a.url: a for a in site.expected() if a.spider == "workercn"}
    assert set(urls) == set(expected)

    by_url = {a.url: a for a in site.articles}
    for item in articles:
        art, text = by_url[item["canonical_url"]], text_of(item)
        assert item["site"] == "workercn" and item["status"] == 200
        assert art.title in text and art.paragraphs[0] in text and art.paragraphs[-1] in text, item["url"]
        assert item["canonical_url"] == canonicalize_url(item["url"])
        if art.pages:      # legacy GBK article: its pages joined into this one item
            assert item["encoding"] == "gb18030"
            assert len(item["extra_pages"]) == len(art.pages) - 1
        else:              # what the channel list said about it
            assert item["list_time"] == art.list_time and item["list_source"] == art.source
            assert item["list_title"] == art.title and item["channel"] in ("roll", art.channel)

    # a "deleted" page at an article URL is kept raw and counted, never passed off as an article
    assert [i["url"] for i in items if i["kind"] == "non_article"] == [f"https://www.workercn.cn{site.deleted_path}"]

    # never the big5 gateway, never another site, never a PDF
    hosts = requested_hosts(replay)
    assert "big5.workercn.cn" not in hosts
    assert hosts <= set(site.hosts)
    assert not [k for k in replay.requests if ".pdf" in k]

    # faults: retried until they succeed, or recorded with their reason
    for key in site.fault_502 | site.fault_timeout:
        if "/json/" in key or "/c/" in key:
            assert replay.requests[key + "?"] >= 2, key
    stats = scrapy_stats(log)
    assert stats["unionnews/failed/truncated"] == 1
    assert stats["unionnews/failed/not_article"] == 1
    assert stats["unionnews/failed/http_404"] == 1
    assert stats["unionnews/charset/header_wrong"] == 2     # the GBK page sent as UTF-8 and vice versa
    assert stats.get("retry/reason_count/502 Bad Gateway", 0) >= 1
    assert stats.get("retry/reason_count/scrapy.exceptions.DownloadTimeoutError", 0) >= 1
    assert requests_for(replay, site.truncated_url) >= 2    # retried before giving up


def test_workercn_epaper_crawl_keeps_issue_and_page(tmp_path):
    site = WorkercnReplay(n_articles=50, seed=5)
    args = site.crawl_args("workercn_epaper")
    args["start"] = "2023-12-31"        # a Sunday: no issue, counted but not a failure
    with serve(site) as (replay, server):
        feed, log = tmp_path / "epaper.jl", tmp_path / "crawl.log"
        code = run_crawl("workercn_epaper", replay_url=server.url, db_url="none", args=args, log_file=log,
                         settings=crawl_settings(feed))
    assert code == 0
    items = read_items(feed)
    expected = {a.url: a for a in site.expected() if a.spider == "workercn_epaper"}
    got = {i["canonical_url"]: i for i in items}
    assert len(got) == len(items) and set(got) == set(expected)
    for url, art in expected.items():
        item = got[url]
        assert (item["issue_date"], item["page"]) == (art.issue_date, art.page)
        assert art.title in text_of(item) and item["kind"] == "article"
    stats = scrapy_stats(log)
    assert stats["unionnews/epaper/no_issue"] >= 1
    assert not [k for k in stats if k.startswith("unionnews/failed/")]
    assert "big5.workercn.cn" not in requested_hosts(replay)
    assert not [k for k in replay.requests if k.endswith(".pdf?")]
