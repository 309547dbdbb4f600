"""Real crawls of the config-driven papers against their replays (one local server per paper, the crawls
run side by side): every article once with its known fields, nothing off-site, faults survived, and an
e-paper date range that keeps to its issues."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from crawl_helpers import crawl_settings, read_items, requests_for, scrapy_stats, serve, text_of
from crawler.replay.papers import AhgrrbReplay, GjnewsReplay, JsgrbReplay, LdwbReplay, ZjgrrbReplay
from crawler.run import start_crawl
from crawler.urls import canonicalize_url

PAPERS = [JsgrbReplay, AhgrrbReplay, GjnewsReplay, LdwbReplay, ZjgrrbReplay]
N = 30


def crawl_side_by_side(jobs, tmp_path):
    """jobs: [(label, site, spider, args)] -> {label: (replay, items, stats)}; the crawls run in parallel."""
    from contextlib import ExitStack
    results, running = {}, []
    with ExitStack() as stack:
        for label, site, spider, args in jobs:
            replay, server = stack.enter_context(serve(site))
            feed, log = tmp_path / f"{label}.jl", tmp_path / f"{label}.log"
            proc = start_crawl(spider, replay_url=server.url, db_url="none", args=args,
                               settings=crawl_settings(feed), log_file=log)
            running.append((label, replay, proc, feed, log))
        for label, replay, proc, feed, log in running:
            assert proc.wait(timeout=120) == 0, f"{label}: crawl failed, see {log}"
            results[label] = (replay, read_items(feed), scrapy_stats(log))
    return results


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("papers")
    sites = {cls.name: cls(n_articles=N) for cls in PAPERS}
    jobs = [(name, site, name, site.crawl_args()) for name, site in sites.items()]
    ldwb_days = sorted({a.issue_date for a in sites["ldwb"].expected()})
    jobs.append(("ldwb_one_day", LdwbReplay(n_articles=N), "ldwb", {"start": ldwb_days[1], "end": ldwb_days[1]}))
    return sites, crawl_side_by_side(jobs, tmp), ldwb_days[1]


@pytest.mark.slow
@pytest.mark.parametrize("name", [cls.name for cls in PAPERS])
def test_paper_crawl_delivers_every_article_once(crawls, name):
    sites, results, _ = crawls
    site = sites[name]
    replay, items, stats = results[name]
    expected = {canonicalize_url(a.url): a for a in site.expected()}
    articles = [i for i in items if i["kind"] == "article"]
    counts = Counter(i["canonical_url"] for i in articles)
    assert set(counts) == set(expected), (set(expected) - set(counts), set(counts) - set(expected))
    assert max(counts.values()) == 1
    for item in articles:
        exp = expected[item["canonical_url"]]
        assert item["site"] == name and item["spider"] == name
        assert item["issue_date"] == exp.issue_date and item["page"] == exp.page, item["url"]
        assert item["list_title"] == exp.title
        assert exp.title in text_of(item), f"{item['url']} decoded as {item['encoding']}"
        if not exp.issue_date:
            assert item["channel"], item["url"]
    # nothing off the paper's own hosts was even requested
    assert {key.split("/", 1)[0] for key in replay.requests} <= set(site.hosts)
    # faults: 503s retried and delivered; a page at an article URL without an article is recorded as such
    for key in site.flaky:
        assert replay.requests[key if "?" in key else key + "?"] == 2, key
    non_articles = {i["canonical_url"] for i in items if i["kind"] == "non_article"}
    assert non_articles == {canonicalize_url(u) for u in site.non_article_urls}
    assert stats.get("unionnews/failed/not_article", 0) == len(site.non_article_urls)


@pytest.mark.slow
def test_epaper_date_range_keeps_to_its_issues(crawls):
    sites, results, day = crawls
    replay, items, _ = results["ldwb_one_day"]
    wanted = {canonicalize_url(a.url) for a in sites["ldwb"].expected() if a.issue_date == day}
    got = [i["canonical_url"] for i in items if i["kind"] == "article"]
    assert sorted(got) == sorted(wanted) and wanted
    # 上一期/下一期 links were not followed: no page or article of another day was fetched
    other_days = {a.url for a in sites["ldwb"].expected() if a.issue_date != day}
    assert not any(requests_for(replay, url) for url in other_days)
    assert all(f"/{date.fromisoformat(day):%Y-%m/%d}/" in key for key in replay.requests
               if "/content_" in key or "/node_" in key)
