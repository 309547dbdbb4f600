"""What every unionnews spider shares: page items, request helpers, failure accounting, incremental state.

Spiders find and fetch pages; they never clean. An article page becomes a `PageItem` carrying the raw
body, its detected encoding and whatever the spider learned on the way (channel, list time/source/title,
issue date, page). Cleaning and storage happen in the item pipelines.

Incremental crawling: articles already delivered are not requested again. "Delivered" comes from the
store (`UNIONNEWS_DB`, via `pipelines.store.Store.known_urls`) when one is configured, else from a journal
in `JOBDIR` (`delivered-<spider>.txt`, one canonical URL per line, appended as items pass the pipelines).
List pages are always re-fetched (`dont_filter`), so a repeated or resumed crawl finds what is new.
"""
from __future__ import annotations

import logging
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import scrapy
from scrapy import signals
from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError, DownloadTimeoutError,
                               IgnoreRequest, ResponseDataLossError)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx_error
from twisted.python.failure import Failure

from crawler.items import PageItem
from crawler.urls import canonicalize_url, host_of, is_gateway_url

from cleaning.decode import declared_charset, decode_html_report, looks_like_mojibake, normalize_charset

log = logging.getLogger(__name__)

FAILED = "unionnews/failed/"
# IgnoreRequest messages of our own middlewares: deliberate skips, not failures (counted by the middleware)
NOT_FAILURES = {"already delivered": "known", "denied host": "denied"}


def store_url(settings) -> str:
    """The configured store URL, or '' when items go to feed exports only."""
    url = (settings.get("UNIONNEWS_DB") or "").strip()
    return "" if url.lower() in ("", "none") else url


def failure_reason(failure: Failure) -> str:
    """A short, stable name for why a request failed (used in stats keys and logs)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return "http_5xx" if status >= 500 else "http_404" if status == 404 else "http_4xx"
    if failure.check(DownloadTimeoutError, tx_error.TimeoutError, tx_error.TCPTimedOutError):
        return "timeout"
    if failure.check(CannotResolveHostError, tx_error.DNSLookupError):
        return "dns"
    if failure.check(ResponseDataLossError) or "DataLoss" in type(exc).__name__:
        return "truncated"
    if failure.check(DownloadConnectionRefusedError, tx_error.ConnectionRefusedError):
        return "refused"
    if failure.check(tx_error.ConnectionLost, tx_error.ConnectionDone, tx_error.ConnectError):
        return "connection"
    if failure.check(IgnoreRequest):
        msg = str(exc).lower()
        for word in NOT_FAILURES:
            if msg.startswith(word):
                return NOT_FAILURES[word]
        return "robots" if "robots" in msg else "ignored"
    return type(exc).__name__.lower()


class UnionSpider(scrapy.Spider):
    """Base class of the unionnews spiders (abstract: subclasses set `name`, `site`, `allowed_domains`)."""

    site: str = ""
    # hosts inside allowed_domains that must still never be fetched (gateways serving copies)
    denied_hosts: tuple[str, ...] = ()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.known_urls: set[str] = set()
        spider._requested_articles: set[str] = set()
        spider._requested_lists: set[str] = set()
        spider._mojibake_urls: set[str] = set()
        spider._journal = None
        spider._guard_jobdir()
        crawler.signals.connect(spider._open_state, signal=signals.spider_opened)
        crawler.signals.connect(spider._item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(spider._close_journal, signal=signals.spider_closed)
        return spider

    RUNNING_MARKER = "unionnews-running"

    def _guard_jobdir(self) -> None:
        """Scrapy writes its JOBDIR queue state only on a clean close; after a SIGKILL the queue files are
        stale and reading them crashes the scheduler. Such a queue is dropped (before the scheduler opens
        it): the list pages, re-read every run, lead again to every article not yet delivered."""
        jobdir = self.settings.get("JOBDIR")
        if not jobdir:
            return
        marker = Path(jobdir) / self.RUNNING_MARKER
        queue = Path(jobdir) / "requests.queue"
        if marker.exists() and queue.exists():
            log.warning("JOBDIR %s: the previous run did not close cleanly; its request queue is dropped, "
                        "the crawl restarts from the list pages", jobdir)
            shutil.rmtree(queue, ignore_errors=True)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(os.getpid()))

    def _open_state(self, spider):
        if spider is not self:
            return
        self.known_urls = self._load_known_urls()
        self._journal = self._open_journal()
        self.crawler.stats.set_value("unionnews/known_urls", len(self.known_urls))
        if self.known_urls:
            log.info("%s: %d articles already delivered will not be fetched again", self.name, len(self.known_urls))

    # --- incremental state -----------------------------------------------------------------------
    def _load_known_urls(self) -> set[str]:
        db = store_url(self.settings)
        if db:
            from pipelines.store import Store
            return set(Store(db).known_urls(self.site))
        path = self._journal_path()
        if path and path.exists():
            return {line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()}
        return set()

    def _journal_path(self) -> Path | None:
        jobdir = self.settings.get("JOBDIR")
        if not jobdir or store_url(self.settings):
            return None  # the store is the record of what was delivered
        return Path(jobdir) / f"delivered-{self.name}.txt"

    def _open_journal(self):
        path = self._journal_path()
        if path is None:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("a", encoding="utf-8", buffering=1)   # line-buffered: survives SIGKILL

    def _item_scraped(self, item, response, spider):
        if spider is not self or not isinstance(item, PageItem):
            return
        self.known_urls.add(item.canonical_url)
        if self._journal is not None:
            self._journal.write(item.canonical_url + "\n")

    def _close_journal(self, spider, reason):
        if spider is not self:
            return
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        jobdir = self.settings.get("JOBDIR")
        if jobdir:
            (Path(jobdir) / self.RUNNING_MARKER).unlink(missing_ok=True)

    # --- requests --------------------------------------------------------------------------------
    def allowed_url(self, url: str) -> bool:
        """True when `url` (canonical) may be fetched: on the spider's domains, not a gateway copy."""
        host = host_of(url)
        if not host or is_gateway_url(url) or host in self.denied_hosts:
            return False
        domains = getattr(self, "allowed_domains", None) or []
        return not domains or any(host == d or host.endswith("." + d) for d in domains)

    def list_request(self, url: str, callback: Callable, *, headers: dict | None = None,
                     **meta: Any) -> Request | None:
        """A list/index page: fetched once per run whatever earlier runs saw (dont_filter), so repeated
        and resumed crawls find what is new. None when off-site or already requested in this run."""
        url = canonicalize_url(url)
        if not self.allowed_url(url):
            self.crawler.stats.inc_value("unionnews/skipped/offsite")
            return None
        if url in self._requested_lists:
            return None
        self._requested_lists.add(url)
        return Request(url, callback=callback, errback=self.on_error, headers=headers, dont_filter=True,
                       meta={"kind": "list", **meta})

    def article_request(self, url: str, callback: Callable, **known: Any) -> Request | None:
        """An article page; None when it is off-site, already delivered or already requested in this run.
        `known` (channel, list_time, list_source, list_title, issue_date, page) ends up on the item."""
        url = canonicalize_url(url)
        if not self.allowed_url(url):
            self.crawler.stats.inc_value("unionnews/skipped/offsite")
            return None
        if url in self.known_urls:
            self.crawler.stats.inc_value("unionnews/skipped/known")
            return None
        if url in self._requested_articles:
            return None
        self._requested_articles.add(url)
        return Request(url, callback=callback, errback=self.on_error,
                       meta={"kind": "article", "known": {k: v for k, v in known.items() if v}})

    # --- items -----------------------------------------------------------------------------------
    @staticmethod
    def snapshot(response: Response) -> dict:
        """The picklable facts of a response (kept in request meta while further pages are fetched)."""
        redirects = response.meta.get("redirect_urls") or []
        url = redirects[0] if redirects else response.request.url if response.request else response.url
        return {"url": url, "final_url": response.url, "status": response.status, "body": response.body,
                "headers": {k.decode("latin-1"): b", ".join(v).decode("latin-1")
                            for k, v in response.headers.items()}}

    def decode(self, response: Response | dict) -> tuple[str, str]:
        """(text, encoding) of a body; the HTTP charset counts as a hint, not as the truth."""
        snap = response if isinstance(response, dict) else self.snapshot(response)
        header = declared_charset(snap["headers"])
        report = decode_html_report(snap["body"], header)
        text, encoding = report.text, report.encoding
        if header and normalize_charset(header) not in (encoding, None):
            self.crawler.stats.inc_value("unionnews/charset/header_wrong")
            log.info("%s: HTTP header says %s, the page is %s", snap["url"], header, encoding)
        if report.replaced:
            self.crawler.stats.inc_value("unionnews/charset/replaced_bytes", report.replaced)
        if looks_like_mojibake(text):
            self._mojibake_urls.add(snap["url"])
            self.crawler.stats.inc_value("unionnews/mojibake")
            log.warning("mojibake after decoding %s as %s", snap["url"], encoding)
        return text, encoding

    def make_page_item(self, response: Response | dict, *, kind: str = "article",
                       extra_pages: list[dict] | None = None, decoded: tuple[str, str] | None = None,
                       **known: Any) -> PageItem:
        """A PageItem for `response` (or its snapshot); `known` fields and those in the request meta
        'known' are copied onto it. `decoded` avoids decoding the body twice."""
        snap = response if isinstance(response, dict) else self.snapshot(response)
        meta_known = {} if isinstance(response, dict) else response.meta.get("known", {})
        _text, encoding = decoded or self.decode(snap)
        fields = {**meta_known, **{k: v for k, v in known.items() if v}}
        return PageItem(
            url=snap["url"], final_url=snap["final_url"], canonical_url=canonicalize_url(snap["url"]),
            site=self.site, spider=self.name, status=snap["status"], headers=snap["headers"],
            body=snap["body"], encoding=encoding,
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            kind=kind, extra_pages=extra_pages or [], mojibake=snap["url"] in self._mojibake_urls, **fields)

    def not_article(self, response: Response, why: str, decoded: tuple[str, str] | None = None) -> PageItem:
        """A page at an article URL that holds no article: counted, logged, stored raw as kind 'non_article'."""
        self.crawler.stats.inc_value(FAILED + "not_article")
        log.warning("not an article (%s): %s", why, response.url)
        return self.make_page_item(response, kind="non_article", decoded=decoded)

    # --- failures --------------------------------------------------------------------------------
    def on_error(self, failure: Failure):
        """Errback of every request: count the failure under unionnews/failed/<reason> and log the URL."""
        request = failure.request
        reason = failure_reason(failure)
        if reason in NOT_FAILURES.values():
            return None
        self.crawler.stats.inc_value(FAILED + reason)
        kind = request.meta.get("kind", "page")
        if reason in ("robots", "ignored"):
            log.info("%s %s not fetched (%s)", kind, request.url, reason)
        else:
            log.warning("%s %s failed (%s): %s", kind, request.url, reason, failure.getErrorMessage())
        return None


def split_arg(value: str | list | tuple | None) -> list[str]:
    """`-a channels=a,b` -> ['a', 'b']."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v]
    return [v.strip() for v in str(value).split(",") if v.strip()]
