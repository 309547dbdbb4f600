"""Crawler middlewares and the run-local dupefilter."""
from __future__ import annotations

import logging

from scrapy.dupefilters import RFPDupeFilter
from scrapy.exceptions import IgnoreRequest

from crawler.urls import host_of, is_gateway_url

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


class DeniedHostsMiddleware:
    """Never fetch gateway copies (big5.workercn.cn) or a spider's `denied_hosts`, whatever links to them.
    (Offsite filtering lets them through: they are subdomains of an allowed domain.)"""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        o = cls(crawler.stats)
        o.crawler = crawler
        return o

    def process_request(self, request, spider=None):
        spider = spider or self.crawler.spider
        denied = getattr(spider, "denied_hosts", ())
        if is_gateway_url(request.url) or host_of(request.url) in denied:
            self.stats.inc_value("unionnews/skipped/denied_host")
            log.debug("denied host, not fetched: %s", request.url)
            raise IgnoreRequest(f"denied host: {request.url}")
        return None
