"""Crawler middlewares and the run-local dupefilter."""
from __future__ import annotations

import logging

from scrapy.dupefilters import RFPDupeFilter
from scrapy.exceptions import IgnoreRequest

from crawler.items import PageItem
from crawler.urls import canonicalize_url, host_of, is_gateway_url

log = logging.getLogger(__name__)


class RunLocalDupeFilter(RFPDupeFilter):
    """Scrapy's fingerprint dupefilter, kept in memory even with JOBDIR.

    Scrapy's persistent `requests.seen` records a request when it is *scheduled*; a crawl killed with
    SIGKILL loses its queue but keeps those fingerprints, so a resumed crawl would never fetch them. What
    was delivered is recorded instead when an item passes the pipelines (store or JOBDIR journal, see
    crawler.spiders.base), and list pages are always re-read, so a resumed crawl rediscovers the rest."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls(None, crawler.settings.getbool("DUPEFILTER_DEBUG"), fingerprinter=crawler.request_fingerprinter)


class _CrawlerMiddleware:
    """Holds the crawler and its stats (the spider comes from the crawler when Scrapy passes none)."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        o = cls(crawler.stats)
        o.crawler = crawler
        return o


class DeniedHostsMiddleware(_CrawlerMiddleware):
    """Never fetch gateway copies (big5.workercn.cn) or a spider's `denied_hosts`, whatever links to them.
    (Offsite filtering lets them through: they are subdomains of an allowed domain.)"""

    def process_request(self, request, spider=None):
        spider = spider or self.crawler.spider
        denied = getattr(spider, "denied_hosts", ())
        if is_gateway_url(request.url) or host_of(request.url) in denied:
            self.stats.inc_value("unionnews/skipped/denied_host")
            log.debug("denied host, not fetched: %s", request.url)
            raise IgnoreRequest(f"denied host: {request.url}")
        return None


class KnownArticlesMiddleware(_CrawlerMiddleware):
    """Downloader middleware: an article request whose page was delivered meanwhile is not sent.

    A resumed crawl holds two copies of some article requests (one from the JOBDIR queue, one
    rediscovered on a list page); the second one is dropped here once the first has been delivered."""

    def process_request(self, request, spider=None):
        spider = spider or self.crawler.spider
        known = getattr(spider, "known_urls", None)
        if known and request.meta.get("kind") == "article" and canonicalize_url(request.url) in known:
            self.stats.inc_value("unionnews/skipped/known")
            raise IgnoreRequest(f"already delivered: {request.url}")
        return None


class DeliverOnceMiddleware(_CrawlerMiddleware):
    """Spider middleware: a page item for a canonical URL already delivered (in this run or, per the
    store / JOBDIR journal, in an earlier one) is dropped, so no run ever emits an article twice."""

    def __init__(self, stats):
        super().__init__(stats)
        self.delivered: set[str] = set()

    def _keep(self, item) -> bool:
        if not isinstance(item, PageItem):
            return True
        url = item.canonical_url
        if url in self.delivered or url in getattr(self.crawler.spider, "known_urls", ()):
            self.stats.inc_value("unionnews/skipped/duplicate_item")
            log.info("dropped second delivery of %s", url)
            return False
        self.delivered.add(url)
        return True

    def process_spider_output(self, response, result, spider=None):
        for x in result:
            if self._keep(x):
                yield x

    async def process_spider_output_async(self, response, result, spider=None):
        async for x in result:
            if self._keep(x):
                yield x
