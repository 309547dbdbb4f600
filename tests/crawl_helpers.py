"""Shared by the crawl tests: a replay server of one site, fast settings, feed + stats reading."""
from __future__ import annotations

import ast
import re
from contextlib import contextmanager
from pathlib import Path

from crawler.feeds import read_feed
from crawler.replay.server import Replay, ReplayServer

# politeness off for tests: the replay is local; a short timeout makes the replay's slow page time out
FAST = {
    "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DOWNLOAD_TIMEOUT": 2, "RETRY_TIMES": 3, "LOG_LEVEL": "INFO",
}


@contextmanager
def serve(site):
    replay = Replay(sites=[site])
    with ReplayServer(replay) as server:
        yield replay, server


def crawl_settings(feed: Path, **extra) -> dict:
    return {**FAST, "FEEDS": {str(feed): {"format": "jsonlines"}}, **extra}


def read_items(feed: Path) -> list[dict]:
    return read_feed(feed) if feed.exists() else []


def text_of(item: dict) -> str:
    """Decoded text of an item, all pages."""
    bodies = [item["body"]] + [p["body"] for p in item.get("extra_pages") or []]
    encodings = [item["encoding"]] + [p["encoding"] for p in item.get("extra_pages") or []]
    return "".join(b.decode(e) for b, e in zip(bodies, encodings))


def scrapy_stats(log_file: Path) -> dict:
    """The stats dict Scrapy dumps into its log at the end of a crawl."""
    text = log_file.read_text("utf-8", errors="replace")
    m = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n", text, re.S)
    assert m, f"no stats in {log_file}"
    cleaned = re.sub(r"datetime\.datetime\([^)]*\)", "None", m.group(1))
    return ast.literal_eval(cleaned)


def requested_hosts(replay: Replay) -> set[str]:
    return {key.split("/", 1)[0] for key in replay.requests}


def requests_for(replay: Replay, url: str) -> int:
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    return replay.requests.get(f"{parts.hostname}{parts.path}?{parts.query}", 0)
