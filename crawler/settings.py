"""Scrapy settings for the unionnews crawler. Overridable per run (`-s KEY=VALUE`) and by environment:
UNIONNEWS_DB (store URL; 'none' = no store, items go to feed exports), UNIONNEWS_REPLAY (replay URL).

The defaults are those of a polite crawler a site operator would accept: robots.txt obeyed, at most two
parallel requests per host, a one-second base delay that AutoThrottle stretches when the server slows
down, a browser-like User-Agent that still names the bot (bare clients saw 502s on workercn.cn)."""
import os

from pipelines.storage.db import DEFAULT_DB_URL

BOT_NAME = "unionnews"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"


# --- offline replay and store ------------------------------------------------------------------------
# When set, every portal request is served by the replay at this URL (crawler.replay_handler).
REPLAY_URL = os.environ.get("UNIONNEWS_REPLAY", "")
# SQLAlchemy URL of the store; 'none' disables it (items then go to FEEDS only).
UNIONNEWS_DB = os.environ.get("UNIONNEWS_DB") or DEFAULT_DB_URL
UNIONNEWS_RUN_TRIGGER = os.environ.get("UNIONNEWS_RUN_TRIGGER", "manual")

DOWNLOAD_HANDLERS = {
    "http": "crawler.replay_handler.ReplayDownloadHandler",
    "https": "crawler.replay_handler.ReplayDownloadHandler",
}

# --- politeness --------------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
USER_AGENT = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/124.0 Safari/537.36 unionnews/0.1 (+https://github.com/unionnews; news archive bot)")
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "zh-CN,zh;q=0.9",
}
CONCURRENT_REQUESTS = 16                 # across all hosts
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0                     # seconds between requests to one host
DOWNLOAD_DELAY_JITTER = 0.5              # ±50%: no clockwork request pattern
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- robustness --------------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024      # no news page is that big; a runaway response is cut
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
DUPEFILTER_CLASS = "crawler.middlewares.RunLocalDupeFilter"
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.DeniedHostsMiddleware": 50,
    "crawler.middlewares.KnownArticlesMiddleware": 60,
}
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.DeliverOnceMiddleware": 950,
}

# --- items -------------------------------------------------------------------------------------------
ITEM_PIPELINES = {"pipelines.item_pipelines.StorePipeline": 300}
EXTENSIONS = {"pipelines.runs.CrawlRunExtension": 500}
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {
    "jsonlines": "crawler.feeds.PageJsonLinesExporter",
    "jsonl": "crawler.feeds.PageJsonLinesExporter",
}

LOG_LEVEL = "INFO"
