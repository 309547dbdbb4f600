"""Distributed crawling: any number of workers share one crawl through Redis (scrapy-redis).

    unionnews crawl workercn --distributed --redis redis://host:6379/0 --db postgresql+psycopg://...

scrapy-redis holds the shared request queue (a sorted set, by priority) and the URL fingerprints; the
store (PostgreSQL) is shared too. What scrapy-redis alone does not give, and this module adds:

- **One seeding per crawl.** Every worker runs the spider's start requests, and ours are list pages
  (`dont_filter`, so the shared dupefilter lets them through): N workers would read every list N times.
  The first worker of a crawl (`SET seeded NX`) is the seeder; the others drop their start requests and
  take work from the queue.
- **The crawl ends when the queue is empty - for everyone.** A worker whose own work ran out does not
  close while the queue holds requests or another live worker is busy (its results may enqueue more);
  it polls instead. Workers announce themselves with a state key (`busy`/`idle`) that expires unless
  renewed by a heartbeat, so a killed worker stops counting after `DISTRIBUTED_WORKER_TTL` seconds.
  Popping a request and marking the popper busy is one atomic Lua script, and so is the end check
  (queue empty and nobody busy), so no worker can see "empty and idle" while another holds the last
  request.
- **A killed worker loses nothing for good.** The shared dupefilter marks a request as seen when it is
  *scheduled*, so what a killed worker had in flight is not fetched again in the same crawl. When the
  crawl ends (the last worker finds the queue empty) the crawl state - dupefilter, seed mark - is
  deleted, so the next run starts fresh: it re-reads the list pages and requests every article that is
  not in the store (`UnionSpider` skips `Store.known_urls`), which are exactly the ones lost. Re-queueing
  in-flight requests of dead workers within the same crawl was not chosen: a request is only "done"
  once its item is stored, which Scrapy does not signal per request, so "in flight" cannot be tracked
  exactly - the store can.
- **Scrapy 2.19 compatibility** (scrapy-redis 0.9.1): the scheduler is used as a duck-typed scheduler
  (Scrapy checks the methods, not the base class); its enqueue/dequeue pass `spider=` to the stats
  collector, deprecated in Scrapy 2.19 and due to be removed, so both are re-implemented here without it;
  `SCHEDULER_IDLE_BEFORE_CLOSE` must stay 0 because a blocking pop would block the reactor (the
  sorted-set queue never blocks anyway); the fingerprints use
  Scrapy's own request fingerprinter instead of scrapy-redis' private JSON/SHA1 scheme, so the shared
  dupefilter agrees with the one of a single-machine crawl; and start requests are stripped of their
  `is_start_request` mark before they enter the shared queue, so a worker that receives one (or its
  redirect) does not take it for its own start request.

Settings: `DISTRIBUTED_WORKER_TTL` (default 30 s: how long a silent worker still counts as alive, i.e. how
long the others wait for a killed one at the end), `DISTRIBUTED_IDLE_POLL` (default 0.5 s: how often a
waiting worker looks at the queue). Keys (all derived from `SCHEDULER_QUEUE_KEY`, so one prefix
namespaces a crawl): `<queue>` requests,
`SCHEDULER_DUPEFILTER_KEY` fingerprints, `<queue>:seeded`, `<queue>:workers` (set of ids),
`<queue>:worker:<id>` (state with expiry).
"""
from __future__ import annotations

import logging
import os
import socket
import uuid

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

log = logging.getLogger(__name__)

DEFAULT_KEY_PREFIX = "unionnews"
DEFAULT_WORKER_TTL = 30.0       # seconds a worker counts as alive without a heartbeat
DEFAULT_IDLE_POLL = 0.5         # seconds between queue checks of a worker that waits for work


def apply_distributed(settings: dict, redis_url: str, key_prefix: str = DEFAULT_KEY_PREFIX) -> dict:
    """`settings` plus what makes a crawl distributed over `redis_url`. Keys already in `settings`
    (e.g. SCHEDULER_QUEUE_KEY with a test prefix) win over the defaults set here."""
    if not redis_url:
        raise ValueError("distributed mode needs a Redis URL (--redis redis://host:6379/0)")
    defaults = {
        "SCHEDULER": "crawler.distributed.SharedQueueScheduler",
        "DUPEFILTER_CLASS": "crawler.distributed.SharedDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"{key_prefix}:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{key_prefix}:%(spider)s:dupefilter",
        "SCHEDULER_PERSIST": True,          # crawl state outlives a worker; the last one cleans up
        "SCHEDULER_IDLE_BEFORE_CLOSE": 0,   # never block the reactor in a pop
        "UNIONNEWS_RUN_TRIGGER": "distributed",
    }
    out = dict(settings)
    for key, value in defaults.items():
        out.setdefault(key, value)
    out["REDIS_URL"] = redis_url
    return out


class SharedDupeFilter(RFPDupeFilter):
    """scrapy-redis' shared fingerprint set, fingerprinting with Scrapy's request fingerprinter."""

    fingerprinter = None

    @classmethod
    def from_spider(cls, spider):
        df = super().from_spider(spider)
        df.fingerprinter = spider.crawler.request_fingerprinter
        return df

    def request_fingerprint(self, request):
        if self.fingerprinter is None:
            return super().request_fingerprint(request)
        return self.fingerprinter.fingerprint(request).hex()


# Pop the best request and mark this worker busy in one step (KEYS: queue, my state; ARGV: ttl ms).
_POP_AND_CLAIM = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0)
if #r == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('SET', KEYS[2], 'busy', 'PX', ARGV[1])
return r[1]
"""

# Is the crawl over? (KEYS: queue, workers set; ARGV: my id, state key prefix) -> queued | busy | done.
# Members whose state key expired are dead workers and are removed on the way.
_CRAWL_STATE = """
if redis.call('ZCARD', KEYS[1]) > 0 then return 'queued' end
local busy = false
for _, w in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if w ~= ARGV[1] then
    local st = redis.call('GET', ARGV[2] .. w)
    if not st then redis.call('SREM', KEYS[2], w)
    elseif st == 'busy' then busy = true end
  end
end
if busy then return 'busy' end
return 'done'
"""

# Live workers other than me (KEYS: workers set; ARGV: my id, state key prefix).
_LIVE_OTHERS = """
local n = 0
for _, w in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if w ~= ARGV[1] then
    if redis.call('EXISTS', ARGV[2] .. w) == 1 then n = n + 1 else redis.call('SREM', KEYS[1], w) end
  end
end
return n
"""


class SharedQueueScheduler(Scheduler):
    """scrapy-redis' scheduler plus seeding once per crawl, the shared end-of-crawl rule and cleanup."""

    @classmethod
    def from_crawler(cls, crawler):
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        settings = crawler.settings
        instance.worker_ttl = settings.getfloat("DISTRIBUTED_WORKER_TTL", DEFAULT_WORKER_TTL)
        instance.idle_poll = settings.getfloat("DISTRIBUTED_IDLE_POLL", DEFAULT_IDLE_POLL)
        instance.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        instance.seeder = False
        instance.crawl_done = False
        instance._state = ""
        instance._heartbeat = None
        instance._pop = instance.server.register_script(_POP_AND_CLAIM)
        instance._crawl_state = instance.server.register_script(_CRAWL_STATE)
        instance._live_others = instance.server.register_script(_LIVE_OTHERS)
        crawler.signals.connect(instance._on_idle, signal=signals.spider_idle)
        return instance

    # --- keys -------------------------------------------------------------------------------------
    def open(self, spider):
        super().open(spider)
        base = self.queue.key
        self.seed_key = f"{base}:seeded"
        self.workers_key = f"{base}:workers"
        self.state_prefix = f"{base}:worker:"
        self.state_key = self.state_prefix + self.worker_id
        self._join()
        from twisted.internet import task
        self._heartbeat = task.LoopingCall(self._beat)
        self._heartbeat.start(max(self.worker_ttl / 3, 0.2), now=False)

    def _set_state(self, state: str) -> None:
        self._state = state
        self.server.set(self.state_key, state, px=int(self.worker_ttl * 1000))

    def _beat(self) -> None:
        try:
            self.server.set(self.state_key, self._state or "busy", px=int(self.worker_ttl * 1000))
            self.server.sadd(self.workers_key, self.worker_id)
        except Exception:  # noqa: BLE001 - Redis hiccup: the next beat retries, ttl covers the gap
            log.exception("distributed: heartbeat to Redis failed")

    def _join(self) -> None:
        """Register, then decide whether this worker seeds the crawl (see module docstring)."""
        self._set_state("busy")
        self.server.sadd(self.workers_key, self.worker_id)
        if self.server.set(self.seed_key, self.worker_id, nx=True):
            self.seeder = True
        elif (self._live_others(keys=[self.workers_key], args=[self.worker_id, self.state_prefix]) == 0
              and len(self.queue) == 0):
            # A crawl whose workers all died after its queue ran dry: finish it off and start anew.
            log.warning("distributed: stale crawl state in %s (no live worker, empty queue), starting afresh",
                        self.queue.key)
            self.df.clear()
            self.server.set(self.seed_key, self.worker_id)
            self.seeder = True
        role = "seeding a new crawl" if self.seeder else f"joining the crawl ({len(self.queue)} requests queued)"
        log.info("distributed worker %s: %s", self.worker_id, role)
        if self.stats:
            self.stats.set_value("distributed/worker", self.worker_id)
            self.stats.set_value("distributed/seeder", self.seeder)

    # --- scheduling -------------------------------------------------------------------------------
    def enqueue_request(self, request):
        if request.meta.get("is_start_request"):
            if not self.seeder:
                if self.stats:
                    self.stats.inc_value("distributed/start_requests_left_to_seeder")
                return False
            meta = {k: v for k, v in request.meta.items() if k != "is_start_request"}
            request = request.replace(meta=meta)
        # scrapy-redis' own enqueue, minus its `spider=` argument to the stats (deprecated in Scrapy 2.19)
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        data = self._pop(keys=[self.queue.key, self.state_key], args=[int(self.worker_ttl * 1000)])
        if not data:
            return None
        self._state = "busy"
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return self.queue._decode_request(data)

    # --- the end of the crawl ---------------------------------------------------------------------
    def _on_idle(self, spider):
        """Nothing in flight here: close only when the queue is empty and no live worker is busy."""
        if self._state != "idle":
            self._set_state("idle")
        state = self._crawl_state(keys=[self.queue.key, self.workers_key], args=[self.worker_id, self.state_prefix])
        state = state.decode() if isinstance(state, bytes) else state
        if state == "done":
            self.crawl_done = True
            return
        from twisted.internet import reactor
        reactor.callLater(self.idle_poll, self._wake)
        raise DontCloseSpider(f"distributed crawl still going ({state})")

    def _wake(self) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)   # Scrapy's engine loop; re-checks the queue
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    def close(self, reason):
        if self._heartbeat is not None and self._heartbeat.running:
            self._heartbeat.stop()
        pipe = self.server.pipeline()
        pipe.srem(self.workers_key, self.worker_id)
        pipe.delete(self.state_key)
        if self.crawl_done and reason == "finished":
            # The crawl is over for every worker: the next run starts fresh (re-reads the lists, fetches
            # what the store lacks, including anything a killed worker had in flight).
            pipe.delete(self.seed_key, self.df.key, self.queue.key)
            log.info("distributed: crawl finished, shared state in %s cleared", self.queue.key)
        pipe.execute()
        return super().close(reason)
