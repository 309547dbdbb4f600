"""陕西工人报 e-paper: the xpaper system (paper.sxworker.com) and the szb archive (szb.sxworker.com).

    scrapy crawl sxworker_epaper -a start=2016-11-01 -a end=2016-11-30 [-a archive=both|xpaper|szb]

For each day of the range (default: today) the issue entry of each archive is requested; a 404 means no
issue that day (counted as unionnews/no_issue). Documented shapes: articles
`paper.sxworker.com/xpaper/news/<issueSeq>/<pageId>/<articleId>-1.shtml` and
`szb.sxworker.com/content/YYYY-MM/DD/<6 digits>.html`. The date entries, xpaper layouts
(`xpaper/paper/YYYY-MM-DD/index.shtml`, `xpaper/layout/<issueSeq>/<pageId>.shtml`) and szb pages
(`content/YYYY-MM/DD/node_N.html`) are inferred (check live). Mobile copies `/m/content/...` are never
crawled. The page number comes from `第NN版` in the page link or the page title.
"""
from __future__ import annotations

import re

from crawler.sites import EpaperRules, SiteConfig
from crawler.spiders.configured import ConfiguredSpider

XPAPER_ISSUE = "http://paper.sxworker.com/xpaper/paper/{date:%Y-%m-%d}/index.shtml"
SZB_ISSUE = "http://szb.sxworker.com/content/{date:%Y-%m/%d}/node_1.html"
ARCHIVES = {"xpaper": (XPAPER_ISSUE,), "szb": (SZB_ISSUE,), "both": (XPAPER_ISSUE, SZB_ISSUE)}

CONFIG = SiteConfig(
    name="sxworker_epaper", title="陕西工人报", path=__file__,
    allowed_domains=("paper.sxworker.com", "szb.sxworker.com"), encoding="gb18030",
    epaper=EpaperRules(
        issue_urls=ARCHIVES["both"],
        pages=(re.compile(r"^https?://paper\.sxworker\.com/xpaper/layout/\d+/\d+\.shtml$"),
               re.compile(r"^https?://szb\.sxworker\.com/content/\d{4}-\d\d/\d\d/node_\d+\.html?$")),
        articles=(re.compile(r"^https?://paper\.sxworker\.com/xpaper/news/\d+/\d+/\d+-1\.shtml$"),
                  re.compile(r"^https?://szb\.sxworker\.com/content/\d{4}-\d\d/\d\d/\d{6}\.html?$")),
        page_pattern=re.compile(r"第(?P<page>[A-Z]?\d+)版"),
        date_pattern=re.compile(r"/content/(?P<y>\d{4})-(?P<m>\d\d)/(?P<d>\d\d)/"),
        deny=(re.compile(r"^https?://[^/]+/m/"),)),
    clean={"body": ["#ozoom", "founder-content", "div.content", "#content"]})


class SxworkerEpaperSpider(ConfiguredSpider):
    name = "sxworker_epaper"
    site = "sxworker"
    allowed_domains = ["paper.sxworker.com", "szb.sxworker.com"]
    config = CONFIG

    def __init__(self, archive: str = "both", *args, **kwargs):
        super().__init__(*args, **kwargs)
        if archive not in ARCHIVES:
            raise ValueError(f"-a archive={archive!r}: expected one of {', '.join(ARCHIVES)}")
        self.issue_templates = ARCHIVES[archive]
