"""Config-driven spiders: one spider per paper config in crawler/sites/*.toml (see crawler.sites).

    scrapy crawl jsgrb [-a parts=web,epaper] [-a start=2024-01-01 -a end=2024-01-31]

Web part: start URLs -> list pages (+ pagination) -> article pages, all by the config's URL patterns.
E-paper part: for each issue date of the range (default: today) the issue URL(s) of the config, or the
month catalogue (Founder period.xml) that names the issues; an issue page leads to its pages (版面), a
page to its articles. Issue date and page number travel with the requests onto the items.
Spiders do not clean: an article page becomes a PageItem; a page at an article URL without the body the
config declares is recorded as 'non_article'. Every spider class here is generated from a config file,
so adding a paper is adding a file; a bad file is logged (naming file and key) and skipped.
"""
from __future__ import annotations

import logging
import os
import re
from datetime import date
from typing import Iterable, Iterator
from urllib.parse import urljoin

from lxml import etree
from scrapy.http import Response, TextResponse

from cleaning.decode import declared_charset, sniff_charset
from crawler.sites import SITES_DIR, SiteConfig, date_range, load_site_configs
from crawler.spiders.base import FAILED, UnionSpider, split_arg
from crawler.urls import canonicalize_url

log = logging.getLogger(__name__)

PARTS = ("web", "epaper")


def _text(sel) -> str:
    return " ".join(" ".join(sel.css("::text").getall()).split())


class ConfiguredSpider(UnionSpider):
    """A spider driven by a SiteConfig (class attribute `config`); subclasses may add hooks."""

    config: SiteConfig | None = None

    def __init__(self, start: str | None = None, end: str | None = None, parts: str | None = None,
                 *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = set(split_arg(parts)) or set(PARTS)
        if wanted - set(PARTS):
            raise ValueError(f"-a parts={parts!r}: expected a comma-separated subset of {','.join(PARTS)}")
        self.crawl_web = "web" in wanted and self.config.links is not None
        self.crawl_epaper = "epaper" in wanted and self.config.epaper is not None
        self.days = date_range(start, end) if self.config.epaper is not None else []
        self.issue_templates = self.config.epaper.issue_urls if self.config.epaper else ()

    # --- hooks ---------------------------------------------------------------------------------------
    def article_url(self, url: str) -> str:
        """The URL an article is requested under (a subclass may map aliases onto one host)."""
        return url

    def looks_like_article(self, response: Response) -> bool:
        """True when the page holds one of the body containers the config declares (any, if none)."""
        if not isinstance(response, TextResponse):
            return False
        selectors = self.config.clean.get("body") or []
        selectors = [selectors] if isinstance(selectors, str) else selectors
        return not selectors or any(_text(response.css(s)) for s in selectors)

    # --- helpers ------------------------------------------------------------------------------------
    def decode(self, response):
        """The config's encoding hint stands in for a charset the page does not declare at all."""
        snap = response if isinstance(response, dict) else self.snapshot(response)
        hint = self.config.encoding
        if hint and not declared_charset(snap["headers"]) and not sniff_charset(snap["body"][:4096]):
            snap = {**snap, "headers": {**snap["headers"], "Content-Type": f"text/html; charset={hint}"}}
        return super().decode(snap)

    def links(self, response: Response) -> Iterator[tuple[str, str]]:
        """(canonical URL, anchor text) of every on-site link of a page, denied ones left out."""
        if not isinstance(response, TextResponse):
            return
        deny = (self.config.links.deny if self.config.links else ()) + \
               (self.config.epaper.deny if self.config.epaper else ())
        for a in response.css("a[href]"):
            href = (a.attrib.get("href") or "").strip()
            if not href or href.startswith(("javascript:", "mailto:", "#")):
                continue
            url = canonicalize_url(urljoin(response.url, href))
            if any(p.search(url) for p in deny):
                continue
            yield url, _text(a)

    @staticmethod
    def _matches(patterns: Iterable[re.Pattern], url: str) -> bool:
        return any(p.search(url) for p in patterns)

    def url_date(self, url: str) -> str:
        pattern = self.config.epaper.date_pattern if self.config.epaper else None
        m = pattern.search(url) if pattern else None
        if not m:
            return ""
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
        except ValueError:
            return ""

    def channel_of(self, url: str) -> str:
        pattern = self.config.links.channel if self.config.links else None
        m = pattern.search(url) if pattern else None
        return m["channel"] if m else ""

    # --- start --------------------------------------------------------------------------------------
    async def start(self):
        for request in self.initial_requests():
            yield request

    def initial_requests(self):
        if self.crawl_web:
            for url in self.config.start_urls:
                yield self.list_request(url, self.parse_list, channel=self.channel_of(url))
        if self.crawl_epaper:
            catalogue = self.config.epaper.catalogue
            if catalogue is not None:
                for month in sorted({d.replace(day=1) for d in self.days}):
                    yield self.list_request(catalogue.url.format(date=month), self.parse_catalogue,
                                            month=month.isoformat(), handle_httpstatus_list=[404])
            else:
                yield from self.issue_requests(self.days)

    def issue_requests(self, days: Iterable[date]):
        for d in days:
            if d.isoweekday() not in self.config.epaper.weekdays:
                continue
            for template in self.issue_templates:
                yield self.list_request(template.format(date=d), self.parse_issue, issue_date=d.isoformat(),
                                        handle_httpstatus_list=[404])

    # --- web ----------------------------------------------------------------------------------------
    def parse_list(self, response: Response):
        rules = self.config.links
        channel = self.channel_of(response.url) or response.meta.get("channel", "")
        listed: dict[str, tuple[str, str]] = {}
        if rules.item and isinstance(response, TextResponse):
            for item in response.css(rules.item):
                href = item.css("a::attr(href)").get()
                if href:
                    listed[canonicalize_url(urljoin(response.url, href.strip()))] = (
                        " ".join((item.css(rules.item_time).get() or "").split()) if rules.item_time else "",
                        " ".join((item.css(rules.item_source).get() or "").split()) if rules.item_source else "")
        found = 0
        for url, text in self.links(response):
            if self._matches(rules.articles, url):
                found += 1
                list_time, list_source = listed.get(url, ("", ""))
                yield self.article_request(self.article_url(url), self.parse_article,
                                           channel=channel or self.channel_of(url),
                                           list_title=text, list_time=list_time, list_source=list_source)
            elif self._matches(rules.lists, url):
                yield self.list_request(url, self.parse_list, channel=self.channel_of(url))
            elif self._matches(rules.pagination, url):
                yield self.list_request(url, self.parse_list, channel=channel)
        self.crawler.stats.inc_value("unionnews/list_pages")
        if not found and response.meta.get("channel"):
            log.info("list page without article links: %s", response.url)

    # --- e-paper ------------------------------------------------------------------------------------
    def parse_catalogue(self, response: Response):
        catalogue = self.config.epaper.catalogue
        month = date.fromisoformat(response.meta["month"])
        in_month = [d for d in self.days if (d.year, d.month) == (month.year, month.month)]
        if response.status == 404:
            log.info("no issue catalogue at %s: probing the issue URLs of each day", response.url)
            yield from self.issue_requests(in_month)
            return
        try:
            root = etree.fromstring(response.body, parser=etree.XMLParser(recover=True, resolve_entities=False))
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            self.crawler.stats.inc_value(FAILED + "bad_catalogue")
            log.warning("issue catalogue is not XML: %s", response.url)
            yield from self.issue_requests(in_month)
            return
        wanted = set(in_month)
        for entry in root.xpath(catalogue.entries):
            day = "".join(entry.xpath(catalogue.date)).strip()[:10]
            first_page = "".join(entry.xpath(catalogue.first_page)).strip()
            try:
                d = date.fromisoformat(day)
            except ValueError:
                log.warning("catalogue entry without a date YYYY-MM-DD (%r) in %s", day, response.url)
                continue
            if d in wanted and first_page:
                yield self.list_request(catalogue.issue_url.format(date=d, first_page=first_page), self.parse_issue,
                                        issue_date=d.isoformat(), handle_httpstatus_list=[404])

    def page_links(self, response: Response, issue_date: str) -> list[tuple[str, str]]:
        out = []
        for url, text in self.links(response):
            if self._matches(self.config.epaper.pages, url):
                day = self.url_date(url)
                if not day or day == issue_date:
                    out.append((url, text))
        return out

    def page_label(self, response: Response, link_text: str = "") -> str:
        pattern = self.config.epaper.page_pattern
        if pattern is None:
            return ""
        title = response.css("title::text").get() or "" if isinstance(response, TextResponse) else ""
        for source in (response.url, link_text, title):
            m = pattern.search(source or "")
            if m:
                return m["page"]
        return ""

    def parse_issue(self, response: Response):
        """An issue's entry page: usually one of its pages, listing all the others."""
        if response.status == 404:
            self.crawler.stats.inc_value("unionnews/no_issue")
            log.debug("no issue at %s", response.url)
            return
        issue_date = response.meta["issue_date"]
        pages = self.page_links(response, issue_date)
        own = canonicalize_url(response.url)
        if not pages:   # an issue on one page; an entry that copies a listed page is read as that page
            yield from self.page_articles(response, issue_date, self.page_label(response))
        for url, text in pages:
            if url == own:
                yield from self.page_articles(response, issue_date, self.page_label(response, text))
            else:
                yield self.list_request(url, self.parse_page, issue_date=issue_date, page_text=text)

    def parse_page(self, response: Response):
        issue_date = response.meta["issue_date"]
        label = self.page_label(response, response.meta.get("page_text", ""))
        yield from self.page_articles(response, issue_date, label)
        # further pages only where the URL proves the issue (else 上一期/下一期 would lead astray)
        for url, text in self.page_links(response, issue_date):
            if self.url_date(url):
                yield self.list_request(url, self.parse_page, issue_date=issue_date, page_text=text)

    def page_articles(self, response: Response, issue_date: str, label: str):
        self.crawler.stats.inc_value("unionnews/epaper_pages")
        for url, text in self.links(response):
            if self._matches(self.config.epaper.articles, url):
                day = self.url_date(url)
                if day and day != issue_date:
                    continue
                yield self.article_request(self.article_url(url), self.parse_article, issue_date=issue_date,
                                           page=label, list_title=text)

    # --- articles -----------------------------------------------------------------------------------
    def parse_article(self, response: Response):
        decoded = self.decode(response)
        if not self.looks_like_article(response):
            yield self.not_article(response, "no article body where the site puts it", decoded)
            return
        yield self.make_page_item(response, decoded=decoded)
        if self.crawl_web and not response.meta.get("known", {}).get("issue_date"):
            for url, text in self.links(response):      # related articles that no list shows any more
                if self._matches(self.config.links.articles, url):
                    yield self.article_request(self.article_url(url), self.parse_article,
                                               channel=self.channel_of(url), list_title=text)


def _drop_none(method):
    def wrapper(self, *args, **kwargs):
        return (r for r in method(self, *args, **kwargs) if r is not None)
    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return wrapper


# list_request/article_request answer None for off-site, known or repeated URLs: drop those everywhere
for _name in ("initial_requests", "issue_requests", "parse_list", "parse_catalogue", "parse_issue", "parse_page",
              "page_articles", "parse_article"):
    setattr(ConfiguredSpider, _name, _drop_none(getattr(ConfiguredSpider, _name)))


def spider_class(config: SiteConfig) -> type[ConfiguredSpider]:
    """The spider class of one paper config (named after the config, listed by `scrapy list`)."""
    class_name = "".join(part.capitalize() for part in config.name.split("_")) + "Spider"
    return type(class_name, (ConfiguredSpider,), {
        "name": config.name, "site": config.name, "allowed_domains": list(config.allowed_domains),
        "config": config, "__module__": __name__,
        "__doc__": f"{config.title or config.name}: generated from {config.path}"})


def _site_dirs() -> list[str]:
    """crawler/sites plus the directories in UNIONNEWS_EXTRA_SITES (os.pathsep-separated): papers
    configured outside the package, e.g. a deployment's own or a test's."""
    extra = [d for d in os.environ.get("UNIONNEWS_EXTRA_SITES", "").split(os.pathsep) if d]
    return [str(SITES_DIR), *extra]


def _generate() -> dict[str, type[ConfiguredSpider]]:
    classes = {}
    for directory in _site_dirs():
        for config in load_site_configs(directory, strict=False):
            cls = spider_class(config)
            classes[cls.__name__] = cls
    return classes


globals().update(_generate())
