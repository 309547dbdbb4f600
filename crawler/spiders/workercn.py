"""中工网 web articles: channel pages + JSON pagination, and the legacy GBK sub-domains.

    scrapy crawl workercn [-a channels=roll,character,edu] [-a legacy=URL,URL] [-a max_pages=200]

Channel pages `https://www.workercn.cn/<slug>/` list ≈27 articles (`ul.list > li`: `h3 > a`, time in
`div.info2`, source in a right-floated span); further pages come from `/json/<slug>/index_N.json`.
Legacy lists `http://<sub>.workercn.cn/<chan>/<chan>.shtml` (+ `_N.shtml`) lead to GBK articles that may
be split over `<id>_2.shtml`...; the pages of one article become ONE item (`extra_pages`).
Selectors are tolerant (SITES.md marks the templates "check live"): when the declared ones find nothing,
article links are taken by URL pattern and the mismatch is logged.
"""
from __future__ import annotations

import json
import logging
import re
from urllib.parse import urljoin

from scrapy.http import Request, Response

from crawler.spiders.base import FAILED, UnionSpider, split_arg

log = logging.getLogger(__name__)

ARTICLE_URL = re.compile(r"^https?://(?:www\.)?workercn\.cn/c/\d{4}-\d{2}-\d{2}/\d+\.shtml$")
LEGACY_ARTICLE_URL = re.compile(
    r"^https?://(?P<sub>[a-z0-9]+)\.workercn\.cn/(?P<chan>\d+)/\d{6}/\d{2}/(?P<id>\d{15})(?:_(?P<n>\d+))?\.shtml$")
LEGACY_LIST_URL = re.compile(r"^https?://[a-z0-9]+\.workercn\.cn/(?P<chan>\d+)/(?P=chan)(?:_\d+)?\.shtml$")
TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2}(?::\d{2})?)?")
# text anchors of an article page (any template): a date-time line and `来源:` or a body container
ARTICLE_ANCHORS = (re.compile(r"\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}"), re.compile(r"来源[::]"))

LIST_ITEM = ("ul.list > li", "div.list li", "ul.news_list > li")
ITEM_LINK = ("h3 > a::attr(href)", "a::attr(href)")
ITEM_TIME = "div.info2 ::text, span.time::text"
ITEM_SOURCE = ("div.info2 span[style*=right]::text", "div.info2 .source::text", ".source::text")
JSON_LIST_KEYS = ("list", "data", "items", "rows", "result")
JSON_HREF_KEYS = ("href", "url", "link", "linkurl", "docurl")


def first(sel, queries) -> str:
    for q in queries:
        value = sel.css(q).get()
        if value and value.strip():
            return value.strip()
    return ""


class WorkercnSpider(UnionSpider):
    name = "workercn"
    site = "workercn"
    allowed_domains = ["workercn.cn"]
    denied_hosts = ("big5.workercn.cn",)
    default_channels = ("roll", "character", "edu")
    default_legacy = ("http://news.workercn.cn/32845/32845.shtml", "http://right.workercn.cn/33089/33089.shtml",
                      "http://acftu.workercn.cn/32865/32865.shtml")

    def __init__(self, channels=None, legacy=None, max_pages=200, start=None, end=None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if start or end:   # e-paper arguments given to every spider by a uniform job: not ours
            log.info("workercn: start/end are arguments of workercn_epaper; ignored")
        self.channels = split_arg(channels) or list(self.default_channels)
        self.legacy_lists = list(self.default_legacy) if legacy is None else split_arg(legacy)
        self.max_pages = int(max_pages)

    async def start(self):
        for slug in self.channels:
            req = self.list_request(f"https://www.workercn.cn/{slug}/", self.parse_channel, channel=slug)
            if req:
                yield req
        for url in self.legacy_lists:
            m = LEGACY_LIST_URL.match(url)
            req = self.list_request(url, self.parse_legacy_list,
                                    channel=(f"{url.split('//')[1].split('.')[0]}/{m['chan']}" if m else ""))
            if req:
                yield req

    # --- current site ------------------------------------------------------------------------------
    def parse_channel(self, response: Response):
        slug = response.meta["channel"]
        found = 0
        for li in next((r for r in (response.css(q) for q in LIST_ITEM) if r), []):
            href = first(li, ITEM_LINK)
            if not href:
                continue
            time = TIME.search(" ".join(li.css(ITEM_TIME).getall()) or " ".join(li.css("::text").getall()))
            req = self.article_request(
                response.urljoin(href), self.parse_article, channel=slug,
                list_title=" ".join(li.css("h3 a::text, a::text").get("").split()),
                list_time=time.group(0) if time else "", list_source=first(li, ITEM_SOURCE))
            found += 1
            if req:
                yield req
        if not found:   # template changed: fall back to every article-shaped link on the page
            log.warning("channel page %s: no `ul.list > li` items, taking article links by URL pattern",
                        response.url)
            self.crawler.stats.inc_value("unionnews/selector_fallback")
            for href in response.css("a::attr(href)").getall():
                if ARTICLE_URL.match(response.urljoin(href).split("?")[0].split("#")[0]):
                    req = self.article_request(response.urljoin(href), self.parse_article, channel=slug)
                    if req:
                        yield req
        yield from self.json_page(slug, 2)

    def json_page(self, slug: str, n: int):
        if n > self.max_pages:
            return
        req = self.list_request(
            f"https://www.workercn.cn/json/{slug}/index_{n}.json", self.parse_json, channel=slug, page_no=n,
            headers={"Referer": f"https://www.workercn.cn/{slug}/", "X-Requested-With": "XMLHttpRequest",
                     "Accept": "application/json, text/javascript, */*; q=0.01"})
        if req:
            req.meta["handle_httpstatus_list"] = [404]   # past the last page: the end, not a failure
            yield req

    def parse_json(self, response: Response):
        slug, n = response.meta["channel"], response.meta["page_no"]
        if response.status == 404:
            return
        try:
            data = json.loads(response.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.crawler.stats.inc_value(FAILED + "bad_json")
            log.warning("JSON list page %s is not JSON (%s)", response.url, exc)
            return
        entries = data if isinstance(data, list) else next(
            (data[k] for k in JSON_LIST_KEYS if isinstance(data, dict) and isinstance(data.get(k), list)), [])
        count = 0
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            href = next((entry[k] for k in JSON_HREF_KEYS if isinstance(entry.get(k), str)), "")
            if not href:
                continue
            count += 1
            req = self.article_request(
                urljoin(f"https://www.workercn.cn/{slug}/", href), self.parse_article, channel=slug,
                list_title=str(entry.get("title", "")).strip(), list_source=str(entry.get("source", "")).strip(),
                list_time=str(entry.get("time") or entry.get("pubtime") or entry.get("date") or "").strip())
            if req:
                yield req
        pages = data.get("pages") if isinstance(data, dict) else None
        if isinstance(pages, int):     # the page count is known: ask for the rest at once
            for k in range(n + 1, pages + 1):
                yield from self.json_page(slug, k)
        elif count:
            yield from self.json_page(slug, n + 1)

    def parse_article(self, response: Response):
        decoded = self.decode(response)
        text = decoded[0]
        has_body = bool(response.css("div.ccontent, div.content, div.article, #ccontent"))
        if not (ARTICLE_ANCHORS[0].search(text) and (ARTICLE_ANCHORS[1].search(text) or has_body)):
            yield self.not_article(response, "no date line, no 来源:", decoded)
            return
        yield self.make_page_item(response, decoded=decoded)

    # --- legacy sub-domains ------------------------------------------------------------------------
    def parse_legacy_list(self, response: Response):
        channel = response.meta.get("channel", "")
        title = {}
        for a in response.css("a[href]"):
            url = response.urljoin(a.attrib["href"])
            m = LEGACY_ARTICLE_URL.match(url.split("#")[0])
            if m and not m["n"]:
                title.setdefault(url, (" ".join(a.css("::text").get("").split()),
                                       a.xpath("following-sibling::span[1]/text()").get("")))
            elif LEGACY_LIST_URL.match(url):
                req = self.list_request(url, self.parse_legacy_list, channel=channel)
                if req:
                    yield req
        for url, (list_title, date_text) in title.items():
            time = TIME.search(date_text)
            req = self.article_request(url, self.parse_legacy_article, channel=channel, list_title=list_title,
                                       list_time=time.group(0) if time else "")
            if req:
                yield req

    def parse_legacy_article(self, response: Response):
        """Page 1 of a legacy article; further pages `<id>_N.shtml` are fetched one after the other."""
        m = LEGACY_ARTICLE_URL.match(response.url)
        decoded = self.decode(response)
        if not ARTICLE_ANCHORS[0].search(decoded[0]):
            yield self.not_article(response, "no date line", decoded)
            return
        more = set()
        for href in response.css("a::attr(href)").getall():
            pm = LEGACY_ARTICLE_URL.match(response.urljoin(href))
            if m and pm and pm["id"] == m["id"] and pm["n"] and int(pm["n"]) > 1:
                more.add((int(pm["n"]), response.urljoin(href)))
        if not more:
            yield self.make_page_item(response, decoded=decoded)
            return
        rest = [url for _, url in sorted(more)]
        yield self._next_page(rest, {"first": self.snapshot(response), "known": response.meta.get("known", {}),
                                     "encoding": decoded[1], "pages": []})

    def _next_page(self, rest: list[str], state: dict) -> Request:
        return Request(rest[0], callback=self.parse_legacy_page, errback=self.on_error, dont_filter=True,
                       meta={"kind": "article_page", "rest": rest[1:], "state": state})

    def parse_legacy_page(self, response: Response):
        state, rest = response.meta["state"], response.meta["rest"]
        text, encoding = self.decode(response)
        state["pages"].append({"url": response.url, "body": response.body, "encoding": encoding})
        if rest:
            yield self._next_page(rest, state)
            return
        first_page = state["first"]
        text0, enc0 = self.decode(first_page)
        yield self.make_page_item(first_page, decoded=(text0, enc0), extra_pages=state["pages"], **state["known"])
