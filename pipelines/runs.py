"""Scrapy extension recording one `crawl_runs` row per crawl: opened at spider_opened, completed at
spider_closed with the counts, the failures by reason (stats `unionnews/failed/<reason>`) and the finish
reason. `UNIONNEWS_RUN_TRIGGER` says what started the run (manual | schedule | distributed). The run id
is published as the stat `unionnews/crawl_run_id`, which the store pipeline stamps on raw pages."""
from __future__ import annotations

import logging
import os
import socket

import sqlalchemy as sa
from scrapy import signals
from scrapy.exceptions import NotConfigured

from pipelines.storage import db
from pipelines.storage.models import CrawlRun
from pipelines.store import Store, StoreError, utcnow

log = logging.getLogger(__name__)
FAILED = "unionnews/failed/"
STORE = "unionnews/store/"


def _jsonable(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


class CrawlRunExtension:
    def __init__(self, crawler, db_url: str, trigger: str):
        self.crawler = crawler
        self.db_url = db_url
        self.trigger = trigger
        self.store: Store | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler):
        url = (crawler.settings.get("UNIONNEWS_DB") or "").strip()
        if db.is_disabled(url):
            raise NotConfigured("UNIONNEWS_DB is 'none': crawl runs are not recorded")
        ext = cls(crawler, db.resolve_db_url(url), crawler.settings.get("UNIONNEWS_RUN_TRIGGER") or "manual")
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        args = {k: v for k, v in vars(spider).items() if isinstance(v, (str, int, float, bool)) and not k.startswith("_")
                and k not in ("name", "custom_settings")}
        try:
            self.store = Store(self.db_url)
            self.run_id = self.store.write("recording the crawl run", lambda conn: conn.execute(
                sa.insert(CrawlRun).values(spider=spider.name, args=_jsonable(args), trigger=self.trigger,
                                           host=socket.gethostname(), pid=os.getpid(), started_at=utcnow(),
                                           finish_reason="", errors={}, stats={})
                .returning(CrawlRun.id)).scalar_one())
        except StoreError as exc:
            log.error("crawl run not recorded: %s", exc)
            return
        self.crawler.stats.set_value("unionnews/crawl_run_id", self.run_id)
        spider.crawl_run_id = self.run_id

    def spider_closed(self, spider, reason):
        if self.store is None or self.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        errors = {k[len(FAILED):]: v for k, v in stats.items() if k.startswith(FAILED) and isinstance(v, int)}
        values = dict(
            finished_at=utcnow(), finish_reason=str(reason),
            pages=int(stats.get(STORE + "raw_new", 0) + stats.get(STORE + "raw_unchanged", 0)
                      or stats.get("item_scraped_count", 0)),
            articles=int(stats.get(STORE + "articles_stored", 0)),
            duplicates=int(stats.get(STORE + "duplicates", 0)),
            failures=int(sum(errors.values()) + stats.get(STORE + "errors", 0)),
            errors=errors, stats=_jsonable(stats),
        )
        try:
            self.store.write("completing the crawl run", lambda conn: conn.execute(
                sa.update(CrawlRun).where(CrawlRun.id == self.run_id).values(**values)))
        except StoreError as exc:
            log.error("crawl run %s not completed: %s", self.run_id, exc)
