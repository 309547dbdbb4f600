"""陕工网 web articles (sxworker.com).

    scrapy crawl sxworker [-a start_urls=URL,URL]

Articles live at `https://img-sxworker.sxworker.com/<section>/<chan>/YYYY-MM-DD/<id>.html`; pages link the
same paths on www.sxworker.com too, so article URLs are requested (and stored) on img-sxworker only.
Channel lists `<section>/<chan>/index.html`, `index_N.html` are found from the home page (check live:
SITES.md knows the article shape only). The engine is the config-driven spider's; what is special here
is the host mapping and the article test, which falls back to the text anchors of the template
(`YYYY-MM-DD HH:MM:SS来源:`) when the body container is not where it is expected.
"""
from __future__ import annotations

import re

from crawler.sites import LinkRules, SiteConfig
from crawler.spiders.base import split_arg
from crawler.spiders.configured import ConfiguredSpider

ARTICLE_URL = re.compile(
    r"^https?://(?:www|img-sxworker)\.sxworker\.com/(?P<section>[a-z]+)/(?P<chan>[a-z]+\d*)/\d{4}-\d{2}-\d{2}/\d+\.html$")
ARTICLE_HOST = re.compile(r"^https?://www\.sxworker\.com/")
ANCHOR = re.compile(r"\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}(?::\d{2})?\s*来源[::]")

CONFIG = SiteConfig(
    name="sxworker", title="陕工网", path=__file__, allowed_domains=("sxworker.com",),
    start_urls=("https://www.sxworker.com/",), encoding="utf-8",
    links=LinkRules(
        lists=(re.compile(r"^https?://(?:www|img-sxworker)\.sxworker\.com/[a-z]+/[a-z]+\d*/(?:index\.html)?$"),),
        pagination=(re.compile(r"^https?://(?:www|img-sxworker)\.sxworker\.com/[a-z]+/[a-z]+\d*/index_\d+\.html$"),),
        articles=(ARTICLE_URL,),
        deny=(re.compile(r"^https?://(?:m|paper|szb)\.sxworker\.com/"), re.compile(r"/admin/")),
        channel=re.compile(r"sxworker\.com/(?P<channel>[a-z]+/[a-z]+\d*)/"),
        item="ul.list li, div.list li, ul.news_list li", item_time="span.time::text, span.date::text"),
    clean={"body": ["#content", "div.content", "div.article-content", "div.TRS_Editor"]})


class SxworkerSpider(ConfiguredSpider):
    name = "sxworker"
    site = "sxworker"
    allowed_domains = ["sxworker.com"]
    config = CONFIG

    def __init__(self, start_urls: str | None = None, *args, **kwargs):
        kwargs.pop("parts", None)       # web only: the e-paper is sxworker_epaper's
        super().__init__(*args, parts="web", **kwargs)
        self.start_urls = split_arg(start_urls) or list(CONFIG.start_urls)

    def initial_requests(self):
        for url in self.start_urls:
            request = self.list_request(url, self.parse_list, channel=self.channel_of(url))
            if request is not None:
                yield request

    def article_url(self, url: str) -> str:
        return ARTICLE_HOST.sub("https://img-sxworker.sxworker.com/", url)

    def looks_like_article(self, response) -> bool:
        if super().looks_like_article(response):
            return True
        return bool(getattr(response, "text", None)) and bool(ANCHOR.search(" ".join(response.css("body ::text").getall())))
