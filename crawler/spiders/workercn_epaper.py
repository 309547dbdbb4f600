"""工人日报 e-paper on workercn.cn, issue by issue over a date range.

    scrapy crawl workercn_epaper -a start=2024-01-01 -a end=2024-01-31     (default: today, Asia/Shanghai)

Each issue: `/papers/grrb/YYYY/MM/DD/<page>/page.html` (page 1 = front page) lists the pages
(`ul#pageUrl li`, PDFs left alone) and the page's articles (`ul#pageTitle li a` -> `news-<n>.html`).
Items carry the issue date (from the URL: the header's weekday is wrong on the real site) and the page.
A date without an issue (404) is counted, not a failure.
"""
from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from scrapy.http import Response

from crawler.spiders.base import UnionSpider

log = logging.getLogger(__name__)

ISSUE_PAGE = re.compile(r"/papers/grrb/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<page>\d+)/page\.html$")
ARTICLE = re.compile(r"/papers/grrb/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<page>\d+)/news-\d+\.html$")
PAPER_LINE = re.compile(r"《工人日报》\s*[((]\s*\d{4}年\d{1,2}月\d{1,2}日")
MAX_DAYS = 3660


def parse_day(value: str | None, default: date) -> date:
    if not value:
        return default
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(f"bad date {value!r}: expected YYYY-MM-DD") from None


class WorkercnEpaperSpider(UnionSpider):
    name = "workercn_epaper"
    site = "workercn"
    allowed_domains = ["workercn.cn"]
    denied_hosts = ("big5.workercn.cn",)
    base = "https://www.workercn.cn/papers/grrb"

    def __init__(self, start=None, end=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
        self.start_day = parse_day(start, today)
        self.end_day = parse_day(end, self.start_day if start else today)
        if self.end_day < self.start_day:
            raise ValueError(f"end {self.end_day} is before start {self.start_day}")
        if (self.end_day - self.start_day).days > MAX_DAYS:
            raise ValueError(f"date range {self.start_day}..{self.end_day} is longer than {MAX_DAYS} days")

    def issue_days(self):
        day = self.start_day
        while day <= self.end_day:
            yield day
            day += timedelta(days=1)

    async def start(self):
        for day in self.issue_days():
            req = self.list_request(f"{self.base}/{day:%Y/%m/%d}/1/page.html", self.parse_page,
                                    issue_date=f"{day:%Y-%m-%d}", front=True)
            if req:
                req.meta["handle_httpstatus_list"] = [404]
                yield req

    def parse_page(self, response: Response):
        issue = response.meta["issue_date"]
        if response.status == 404:
            if response.meta.get("front"):
                self.crawler.stats.inc_value("unionnews/epaper/no_issue")
                log.info("no 工人日报 issue on %s", issue)
            else:
                self.crawler.stats.inc_value("unionnews/failed/http_404")
                log.warning("e-paper page missing: %s", response.url)
            return
        self.crawler.stats.inc_value("unionnews/epaper/pages")
        m = ISSUE_PAGE.search(response.url)
        page = f"{int(m['page']):02d}" if m else ""
        if response.meta.get("front"):
            links = response.css("ul#pageUrl li a:not(.pdf)::attr(href)").getall() or \
                response.css("a::attr(href)").getall()
            for href in links:
                url = response.urljoin(href)
                if ISSUE_PAGE.search(url) and url != response.url:
                    req = self.list_request(url, self.parse_page, issue_date=issue)
                    if req:
                        req.meta["handle_httpstatus_list"] = [404]
                        yield req
        anchors = response.css("ul#pageTitle li a")
        if not anchors:
            log.warning("e-paper page %s: no `ul#pageTitle` list, taking news-N.html links", response.url)
            self.crawler.stats.inc_value("unionnews/selector_fallback")
            anchors = response.css("a[href*=news-]")
        for a in anchors:
            url = response.urljoin(a.attrib.get("href", ""))
            if not ARTICLE.search(url):
                continue
            req = self.article_request(url, self.parse_article, issue_date=issue, page=page,
                                       list_title=" ".join(a.css("::text").get("").split()))
            if req:
                yield req

    def parse_article(self, response: Response):
        decoded = self.decode(response)
        if not (response.css("#ctitle, #ccontent") or PAPER_LINE.search(decoded[0])):
            yield self.not_article(response, "no #ctitle/#ccontent, no 《工人日报》 line", decoded)
            return
        yield self.make_page_item(response, decoded=decoded)
