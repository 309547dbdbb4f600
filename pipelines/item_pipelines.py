"""Scrapy item pipeline: store the raw page, clean it, link near-duplicates and upsert the article.

Per item: the raw page is queued for the store at once while the page is cleaned in a worker process
(`ProcessPoolExecutor`, `UNIONNEWS_CLEAN_WORKERS`, default: one per core); the article is written only
after its raw row is committed, so a page the cleaner rejects or crashes on keeps its raw row and gets a
reason. Store writes run on one dedicated thread, one transaction at a time, in the order they were
queued: whatever queued up while a write ran goes in the next one, so batches grow with the load (up to
`UNIONNEWS_STORE_BATCH` items) and a quiet crawl still writes at once. A store that stays locked or
unreachable after the retries closes the spider (finish reason `store_error`); what was not stored is
fetched again by the next crawl, since only stored articles count as known.

Settings: UNIONNEWS_DB ('none' = off: NotConfigured), UNIONNEWS_CLEAN_WORKERS (0 = clean in the crawl
process), UNIONNEWS_STORE_BATCH (50), UNIONNEWS_STORE_FLUSH (0.5 s, the interval of a safety-net flush).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task, threads
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure
from twisted.python.threadpool import ThreadPool

from pipelines.clean_page import CleanOutcome, PageInput, clean_page
from pipelines.storage import db
from pipelines.store import RawPageIn, Store, StoreError

log = logging.getLogger(__name__)

META_KEYS = ("channel", "issue_date", "page", "list_time", "list_source", "list_title", "mojibake")
STATS = "unionnews/store/"


def _get(item, key, default=None):
    if isinstance(item, dict):
        return item.get(key, default)
    return getattr(item, key, default)


def raw_page_of(item) -> RawPageIn:
    return RawPageIn(
        url=_get(item, "url"), canonical_url=_get(item, "canonical_url") or _get(item, "url"),
        site=_get(item, "site", ""), body=_get(item, "body", b"") or b"", encoding=_get(item, "encoding", ""),
        final_url=_get(item, "final_url", ""), spider=_get(item, "spider", ""), kind=_get(item, "kind", "article"),
        status=int(_get(item, "status", 200) or 200), headers=dict(_get(item, "headers", {}) or {}),
        fetched_at=_get(item, "fetched_at"), extra_pages=list(_get(item, "extra_pages", []) or []),
        meta={k: _get(item, k) for k in META_KEYS if _get(item, k) not in (None, "", False)},
    )


def page_input_of(raw: RawPageIn) -> PageInput:
    return PageInput(url=raw.url, canonical_url=raw.canonical_url, site=raw.site, body=raw.body,
                     encoding=raw.encoding, headers=raw.headers, extra_pages=raw.extra_pages, meta=raw.meta)


def _deferred_from_future(future: Future) -> Deferred:
    """A Deferred fired in the reactor thread when a concurrent.futures Future finishes (any reactor)."""
    from twisted.internet import reactor
    d: Deferred = Deferred()

    def fire(f: Future):
        exc = f.exception()
        if exc is not None:
            d.errback(Failure(exc))
        else:
            d.callback(f.result())

    future.add_done_callback(lambda f: reactor.callFromThread(fire, f))
    return d


class StorePipeline:
    def __init__(self, crawler, db_url: str, workers: int, batch: int, flush_interval: float):
        self.crawler = crawler
        self.stats = crawler.stats
        self.db_url = db_url
        self.workers = workers
        self.batch = batch
        self.flush_interval = flush_interval
        self.store: Store | None = None
        self.pool: ProcessPoolExecutor | None = None
        self.db_thread: ThreadPool | None = None
        self._raw_queue: list[tuple[RawPageIn, Deferred]] = []
        self._article_queue: list[tuple[CleanOutcome, object, Deferred]] = []
        self._loop: task.LoopingCall | None = None
        self._failed = False
        self._busy = False
        self._waiters: list[Deferred] = []

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        url = (settings.get("UNIONNEWS_DB") or "").strip()
        if db.is_disabled(url):
            raise NotConfigured("UNIONNEWS_DB is 'none': pages are not stored")
        workers = settings.getint("UNIONNEWS_CLEAN_WORKERS", -1)
        if workers < 0:
            workers = os.cpu_count() or 1
        return cls(crawler, db.resolve_db_url(url), workers, settings.getint("UNIONNEWS_STORE_BATCH", 50),
                   settings.getfloat("UNIONNEWS_STORE_FLUSH", 0.5))

    # --- lifecycle -------------------------------------------------------------------------------
    def open_spider(self, spider=None):
        self.store = Store(self.db_url)
        log.info("storing pages in %s (cleaning with %d worker process(es))", self.store.name, self.workers)
        if self.workers:
            self.pool = self._new_pool()
            for _ in range(self.workers):   # start the workers (and their imports) while the first pages download
                self.pool.submit(warm_up)
        self.db_thread = ThreadPool(minthreads=1, maxthreads=1, name="unionnews-store")
        self.db_thread.start()
        self._loop = task.LoopingCall(self._tick)
        self._loop.start(self.flush_interval, now=False)

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: a fork of the running reactor (threads, sockets) would be unsafe
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"))

    async def close_spider(self, spider=None):
        if self._loop and self._loop.running:
            self._loop.stop()
        try:
            await maybe_deferred_to_future(self._flush())
        finally:
            if self.pool:
                self.pool.shutdown(wait=True, cancel_futures=False)
            if self.db_thread:
                self.db_thread.stop()
            if self.store:
                self.store.dispose()

    # --- items -----------------------------------------------------------------------------------
    async def process_item(self, item, spider=None):
        if _get(item, "body") is None or not _get(item, "url"):
            return item   # not a page item
        raw = raw_page_of(item)
        raw_saved = self._queue(self._raw_queue, (raw,))
        cleaned = self._clean(page_input_of(raw)) if raw.kind == "article" else None
        saved = await maybe_deferred_to_future(raw_saved)
        self.stats.inc_value(STATS + ("raw_new" if saved.new_version else "raw_unchanged"))
        if cleaned is None:
            return item
        outcome: CleanOutcome = await maybe_deferred_to_future(cleaned)
        outcome.raw_page_id = saved.id
        result = await maybe_deferred_to_future(self._queue(self._article_queue, (outcome, raw.fetched_at)))
        self.stats.inc_value(STATS + f"articles_{result.action}")
        if result.status == "ok" and result.action in ("inserted", "updated"):
            self.stats.inc_value(STATS + "articles_stored")
        if result.status != "ok":
            self.stats.inc_value(STATS + f"rejected/{result.status}")
            log.info("%s: kept raw only (%s: %s)", raw.url, result.status, outcome.reason)
        elif result.duplicate_of is not None and result.action != "unchanged":
            self.stats.inc_value(STATS + "duplicates")
        return item

    def _clean(self, page: PageInput) -> Deferred:
        if self.pool is None:
            return _succeed(clean_page(page))
        pool = self.pool
        try:
            d = _deferred_from_future(pool.submit(clean_page, page))
        except BrokenProcessPool:
            self._replace_pool(pool)
            pool = self.pool
            d = _deferred_from_future(pool.submit(clean_page, page))

        def crashed(failure: Failure):
            # a worker died (e.g. killed on a pathological page): the raw row stays, the article says why
            log.error("cleaning %s crashed the worker: %s", page.url, failure.value)
            if isinstance(failure.value, BrokenProcessPool):
                self._replace_pool(pool)
            from cleaning import CLEANER_VERSION
            from pipelines.clean_page import output_hash
            reason = f"cleaner crashed: {type(failure.value).__name__}: {failure.value}"
            return CleanOutcome(page.canonical_url, page.url, page.site, "failed", reason, {}, "", None,
                                output_hash("failed", reason, {}), CLEANER_VERSION)
        return d.addErrback(crashed)

    def _replace_pool(self, broken: ProcessPoolExecutor) -> None:
        """Once per broken pool, however many of its tasks report the break."""
        if self.pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()

    # --- batched writes on the store thread ------------------------------------------------------
    def _queue(self, queue: list, args: tuple) -> Deferred:
        from twisted.internet import reactor
        d: Deferred = Deferred()
        queue.append((*args, d))
        if not self._busy:
            reactor.callLater(0, self._flush)   # let the items of this reactor turn join the batch
        return d

    def _flush(self) -> Deferred:
        """Send what is queued to the store thread: raw pages first, then articles (one thread, FIFO).

        One write at a time: while it runs, new items queue up and go together in the next batch, so
        batches grow with the load and an idle crawl still writes at once."""
        if self._busy:
            return self._idle()
        waits = []
        if self._raw_queue:
            batch, self._raw_queue = self._raw_queue[:self.batch], self._raw_queue[self.batch:]
            log.debug("store batch of %d raw pages", len(batch))
            waits.append(self._run(batch, lambda: self.store.save_raw_pages(
                [r for r, _ in batch], crawl_run_id=self.stats.get_value("unionnews/crawl_run_id"))))
        if self._article_queue:
            batch2, self._article_queue = self._article_queue[:self.batch], self._article_queue[self.batch:]
            fetched = {o.canonical_url: _parse(f) for o, f, _ in batch2}
            log.debug("store batch of %d articles", len(batch2))
            waits.append(self._run(batch2, lambda: self.store.upsert_articles([o for o, _, _ in batch2], fetched)))
        if not waits:
            return _succeed(None)
        from twisted.internet.defer import gatherResults
        self._busy = True

        def finished(_):
            self._busy = False
            waiters, self._waiters = self._waiters, []
            for w in waiters:
                w.callback(None)
            if self._raw_queue or self._article_queue:
                return self._flush()
        return gatherResults(waits, consumeErrors=True).addErrback(lambda _: None).addCallback(finished)

    def _tick(self) -> None:
        """Safety net: a queue left behind by an error still gets written."""
        if not self._busy and (self._raw_queue or self._article_queue):
            self._flush()

    def _idle(self) -> Deferred:
        """Fires when the running write is done (and whatever it flushed after itself)."""
        d: Deferred = Deferred()
        self._waiters.append(d)
        return d.addCallback(lambda _: self._flush())

    def _run(self, batch: list, fn) -> Deferred:
        from twisted.internet import reactor

        def timed():
            started = time.perf_counter()
            result = fn()
            log.debug("store write of %d items took %.1f ms", len(batch), (time.perf_counter() - started) * 1000)
            return result
        d = threads.deferToThreadPool(reactor, self.db_thread, timed)

        def done(results):
            for entry, result in zip(batch, results):
                entry[-1].callback(result)

        def failed(failure: Failure):
            self.stats.inc_value(STATS + "errors")
            if not self._failed:
                self._failed = True
                log.error("%s - closing the spider; pages fetched so far that are not stored will be fetched "
                          "again by the next crawl", failure.value)
                engine = getattr(self.crawler, "engine", None)
                if engine is not None and getattr(engine, "spider", None) is not None:
                    reactor.callLater(0, self._close_spider)
            for entry in batch:
                entry[-1].errback(Failure(StoreError(str(failure.value))))
            return failure

        return d.addCallbacks(done, failed)

    def _close_spider(self):
        engine = self.crawler.engine
        closer = getattr(engine, "close_spider_async", None)
        if closer is not None:
            from scrapy.utils.defer import deferred_from_coro
            deferred_from_coro(closer(reason="store_error"))
        else:
            engine.close_spider(engine.spider, "store_error")


def warm_up() -> None:
    import cleaning  # noqa: F401 - imports are the slow part of a worker's start
    from pipelines import dedup
    dedup.Fingerprint.of("预热" * 20)


def _parse(value):
    from pipelines.store import parse_time
    return parse_time(value)


def _succeed(value) -> Deferred:
    from twisted.internet.defer import succeed
    return succeed(value)


__all__ = ["StorePipeline", "raw_page_of", "page_input_of"]
