"""The replay: a real HTTP server that answers `/<host><path>` for the replayed portals, with faults."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from crawler.replay.server import Replay, ReplayServer
from crawler.replay.workercn import WorkercnReplay
from crawler.replay_handler import replay_url_for


def get(url: str, timeout: float = 10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


@pytest.fixture
def served():
    site = WorkercnReplay(n_articles=40, seed=2)
    replay = Replay(sites=[site])
    with ReplayServer(replay) as server:
        yield site, replay, server


def test_portal_urls_map_to_replay_urls():
    assert replay_url_for("https://www.workercn.cn/json/roll/index_2.json?x=1", "http://127.0.0.1:9/") == \
        "http://127.0.0.1:9/www.workercn.cn/json/roll/index_2.json?x=1"


def test_pages_json_robots_and_404(served):
    site, replay, server = served
    status, ctype, body = get(replay_url_for("https://www.workercn.cn/roll/", server.url))
    assert status == 200 and "utf-8" in ctype and "ul class=\"list\"" in body.decode()
    status, ctype, body = get(replay_url_for("https://www.workercn.cn/json/edu/index_1.json", server.url))
    data = json.loads(body)
    assert status == 200 and "json" in ctype and data["list"] and all("href" in e for e in data["list"])
    status, _, body = get(f"{server.url}/www.workercn.cn/robots.txt")
    assert status == 200 and b"Disallow" in body
    assert get(f"{server.url}/www.workercn.cn/no/such/page.html")[0] == 404
    assert get(f"{server.url}/www.unknown-site.cn/")[0] == 404
    assert replay.requests["www.unknown-site.cn/?"] == 1     # off-site requests are visible to tests


def test_legacy_pages_are_gbk_and_split_articles_link_their_pages(served):
    site, _, server = served
    art = next(a for a in site.articles if len(a.pages) > 1)
    status, ctype, body = get(replay_url_for(art.url, server.url))
    text = body.decode("gb18030")
    assert status == 200 and "charset" not in ctype and art.title in text
    assert art.url.rsplit("/", 1)[1].replace(".shtml", "_2.shtml") in text
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_faults_502_then_ok_and_truncated_body(served):
    site, _, server = served
    key = next(k for k in site.fault_502 if "/c/" in k)
    url = f"{server.url}/{key}"
    assert get(url)[0] == 502
    assert get(url)[0] == 200
    with pytest.raises(Exception):   # the body is cut short of its Content-Length on every attempt
        get(replay_url_for(site.truncated_url, server.url))


def test_expected_articles_are_distinct_and_complete(served):
    site, _, _ = served
    expected = site.expected()
    assert len({a.url for a in expected}) == len(expected)
    assert len({a.paragraphs[0] for a in expected}) == len(expected)
    assert all(a.title and a.published and a.source and a.paragraphs for a in expected)
    assert site.truncated_url not in {a.url for a in expected}
    site.faults = False
    assert site.truncated_url in {a.url for a in site.expected()}


def test_site_scales_with_n_articles():
    assert len(WorkercnReplay(n_articles=400).expected()) >= 395
