"""Real crawls of 陕工网 (web articles, xpaper + szb e-paper archives) against the replay."""
from __future__ import annotations

from collections import Counter

import pytest

from crawl_helpers import crawl_settings, read_items, scrapy_stats, serve, text_of
from crawler.replay.sxworker import SxworkerEpaperReplay, SxworkerWebReplay
from crawler.run import start_crawl
from crawler.urls import canonicalize_url

N = 36


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """Both spiders crawl their replay side by side: {spider: (site, replay, items, stats)}."""
    from contextlib import ExitStack
    tmp = tmp_path_factory.mktemp("sxworker")
    out, running = {}, []
    with ExitStack() as stack:
        for spider, site in (("sxworker", SxworkerWebReplay(n_articles=N)),
                             ("sxworker_epaper", SxworkerEpaperReplay(n_articles=N))):
            replay, server = stack.enter_context(serve(site))
            feed, log = tmp / f"{spider}.jl", tmp / f"{spider}.log"
            proc = start_crawl(spider, replay_url=server.url, db_url="none", args=site.crawl_args(),
                               settings=crawl_settings(feed), log_file=log)
            running.append((spider, site, replay, proc, feed, log))
        for spider, site, replay, proc, feed, log in running:
            assert proc.wait(timeout=120) == 0, f"{spider}: crawl failed, see {log}"
            out[spider] = (site, replay, read_items(feed), scrapy_stats(log))
    return out


def check_complete(site, replay, items, stats):
    expected = {canonicalize_url(a.url): a for a in site.expected()}
    articles = [i for i in items if i["kind"] == "article"]
    counts = Counter(i["canonical_url"] for i in articles)
    assert set(counts) == set(expected), (set(expected) - set(counts), set(counts) - set(expected))
    assert max(counts.values()) == 1
    assert {key.split("/", 1)[0] for key in replay.requests} <= set(site.hosts)      # nothing off-site
    for key in site.flaky:                                                             # 503, then retried
        assert replay.requests[key + "?"] == 2, key
    assert {i["canonical_url"] for i in items if i["kind"] == "non_article"} == \
        {canonicalize_url(u) for u in site.non_article_urls}
    assert stats.get("unionnews/failed/not_article", 0) == len(site.non_article_urls)
    for item in articles:
        exp = expected[item["canonical_url"]]
        assert item["site"] == "sxworker"
        assert exp.title in text_of(item), f"{item['url']} decoded as {item['encoding']}"
    return expected, articles


@pytest.mark.slow
def test_web_articles_each_once_on_the_article_host(crawls):
    site, replay, items, stats = crawls["sxworker"]
    expected, articles = check_complete(site, replay, items, stats)
    assert all(i["canonical_url"].startswith("https://img-sxworker.sxworker.com/") for i in articles)
    # lists link some articles on www.sxworker.com: those were mapped, not fetched twice
    assert not [k for k in replay.requests if k.startswith("www.sxworker.com/") and k.count("/") >= 4
                and "index" not in k]
    assert not any("/admin/" in k for k in replay.requests)                           # robots.txt
    for item in articles:
        section_chan = "/".join(item["canonical_url"].split("/")[3:5])
        assert item["channel"] == section_chan
        assert item["list_title"] == expected[item["canonical_url"]].title
        assert item["list_time"] in ("", expected[item["canonical_url"]].published[:10])
        assert item["spider"] == "sxworker" and not item["issue_date"]
    assert sum(1 for i in articles if i["list_time"]) >= len(articles) // 2


@pytest.mark.slow
def test_epaper_both_archives_with_issue_date_and_page(crawls):
    site, replay, items, stats = crawls["sxworker_epaper"]
    expected, articles = check_complete(site, replay, items, stats)
    for item in articles:
        exp = expected[item["canonical_url"]]
        assert (item["issue_date"], item["page"]) == (exp.issue_date, exp.page), item["url"]
        assert item["spider"] == "sxworker_epaper"
    hosts = Counter(i["canonical_url"].split("/")[2] for i in articles)
    assert hosts["szb.sxworker.com"] and hosts["paper.sxworker.com"]
    assert {i["encoding"] for i in articles if "szb." in i["url"]} == {"gb18030"}   # GB2312 via <meta> only
    assert not any("/m/content/" in k for k in replay.requests)                     # mobile copies
    assert stats.get("unionnews/no_issue", 0) > 0                                    # days without an issue
