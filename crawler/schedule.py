"""Scheduled crawls: a long-lived APScheduler process driven by `schedule.toml`.

    timezone = "Asia/Shanghai"          # default for every job
    [[jobs]]
    spider = "workercn"
    cron = "0 */2 * * *"                # 5-field crontab, or 6 fields with seconds first
    args = { }                          # spider arguments (-a key=value)

Process layout, and why:
- the scheduler process (`CrawlScheduler`) only decides *when*; each run is a separate *run process*
  (`python -m crawler.schedule run ...`) started in its own session, so a signal to the scheduler never
  reaches a crawl by accident and the scheduler can forward SIGTERM to a whole run (run process + the
  `scrapy crawl` process that `crawler.run.run_crawl` starts) with one `killpg`;
- the run process takes the spider's database lock (`pipelines.storage.locks`) for as long as the crawl
  lives - at most one run of a spider at a time across processes and machines, and the lock outlives a
  scheduler that dies while its crawl goes on. A run that finds the lock held is refused and recorded
  in `crawl_runs` (finish_reason 'refused');
- missed runs coalesce: APScheduler's `coalesce` + `misfire_grace_time` while the scheduler runs, and at
  start-up one catch-up run when the crawl history shows a fire time missed while it was down.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_MISFIRE_GRACE = 3600        # seconds a missed run may still start late
DEFAULT_SHUTDOWN_GRACE = 600        # seconds running crawls get to finish on SIGTERM before being stopped
DEFAULT_STOP_TIMEOUT = 120          # seconds a stopped crawl gets to close cleanly before SIGKILL
DEFAULT_LOCK_TTL = 120.0
EXIT_REFUSED = 75                   # EX_TEMPFAIL: the spider's lock is held by another run
TRIGGER = "schedule"


class ConfigError(ValueError):
    """A bad schedule file; the message names the file and the job."""


@dataclass(frozen=True)
class JobSpec:
    name: str
    spider: str
    cron: str
    timezone: str = DEFAULT_TIMEZONE
    args: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    misfire_grace_time: int = DEFAULT_MISFIRE_GRACE

    def trigger(self) -> CronTrigger:
        return parse_cron(self.cron, self.timezone)


@dataclass
class ScheduleConfig:
    jobs: list[JobSpec]
    path: str = ""
    db: str = ""                    # store URL ('' = the default store / --db)
    replay: str = ""                # serve every run from this replay URL (tests, demos)
    redis: str = ""                 # run every crawl in distributed mode with this Redis
    log_dir: str = ""               # one log file per run here ('' = inherit the scheduler's stderr)
    lock_ttl: float = DEFAULT_LOCK_TTL
    shutdown_grace: float = DEFAULT_SHUTDOWN_GRACE
    stop_timeout: float = DEFAULT_STOP_TIMEOUT

    def job_for_spider(self, spider: str) -> JobSpec | None:
        return next((j for j in self.jobs if j.spider == spider), None)


# --- cron --------------------------------------------------------------------------------------------
_DOW_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


def _crontab_dow(field_: str) -> str:
    """Crontab weekdays (0/7 = Sunday) as names: APScheduler 3 counts 0 as Monday, a documented trap."""
    if not re.search(r"\d", field_):
        return field_
    days: set[int] = set()
    for item in field_.split(","):
        rng, _, step = item.partition("/")
        step_n = int(step) if step else 1
        if rng == "*":
            lo, hi = 0, 6
        elif "-" in rng:
            a, b = rng.split("-", 1)
            lo, hi = _dow_number(a), _dow_number(b)
        else:
            lo = _dow_number(rng)
            hi = 6 if step else lo
        if step_n < 1 or lo > hi:
            raise ValueError(f"bad day-of-week range {item!r}")
        days.update(d % 7 for d in range(lo, hi + 1, step_n))
    return ",".join(_DOW_NAMES[d] for d in sorted(days))


def _dow_number(token: str) -> int:
    token = token.strip().lower()
    if token.isdigit():
        n = int(token)
        if n > 7:
            raise ValueError(f"day of week {n} out of range 0-7")
        return n
    if token[:3] in _DOW_NAMES:
        return _DOW_NAMES.index(token[:3])
    raise ValueError(f"bad day of week {token!r}")


def parse_cron(expr: str, tz: str = DEFAULT_TIMEZONE) -> CronTrigger:
    """5-field crontab (minute hour day month weekday) or 6 fields with seconds first. ValueError if bad."""
    fields = str(expr).split()
    if len(fields) == 5:
        fields = ["0"] + fields
    if len(fields) != 6:
        raise ValueError(f"expected 5 fields (or 6 with seconds first), got {len(fields)}")
    second, minute, hour, day, month, dow = fields
    return CronTrigger(second=second, minute=minute, hour=hour, day=day, month=month,
                       day_of_week=_crontab_dow(dow), timezone=ZoneInfo(tz))


# --- config ------------------------------------------------------------------------------------------
_JOB_KEYS = {"name", "spider", "cron", "timezone", "args", "settings", "misfire_grace_time"}
_TOP_KEYS = {"jobs", "timezone", "db", "replay", "redis", "log_dir", "lock_ttl", "shutdown_grace",
             "stop_timeout", "misfire_grace_time"}


def load_config(path: str | os.PathLike, known_spiders: set[str] | None = None) -> ScheduleConfig:
    """Read and validate a schedule file. Every problem raises ConfigError naming the file and the job."""
    path = str(path)
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: schedule file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return config_from_mapping(raw, path, known_spiders)


def config_from_mapping(raw: dict, path: str = "<schedule>", known_spiders: set[str] | None = None
                        ) -> ScheduleConfig:
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(unknown))} "
                          f"(allowed: {', '.join(sorted(_TOP_KEYS))})")
    default_tz = str(raw.get("timezone", DEFAULT_TIMEZONE))
    default_grace = raw.get("misfire_grace_time", DEFAULT_MISFIRE_GRACE)
    entries = raw.get("jobs", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: no [[jobs]] defined")
    jobs: list[JobSpec] = []
    for i, entry in enumerate(entries, 1):
        label = f"{path}: job #{i}" + (f" ({entry.get('name') or entry.get('spider')})"
                                        if isinstance(entry, dict) else "")
        if not isinstance(entry, dict):
            raise ConfigError(f"{label}: must be a table")
        bad = set(entry) - _JOB_KEYS
        if bad:
            raise ConfigError(f"{label}: unknown key(s) {', '.join(sorted(bad))} "
                              f"(allowed: {', '.join(sorted(_JOB_KEYS))})")
        for key in ("spider", "cron"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ConfigError(f"{label}: '{key}' is missing or not a string")
        for key in ("args", "settings"):
            if not isinstance(entry.get(key, {}), dict):
                raise ConfigError(f"{label}: '{key}' must be a table of key = value")
        tz = str(entry.get("timezone", default_tz))
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"{label}: unknown time zone {tz!r}") from None
        job = JobSpec(name=str(entry.get("name") or entry["spider"]), spider=entry["spider"].strip(),
                      cron=entry["cron"].strip(), timezone=tz,
                      args={str(k): str(v) for k, v in entry.get("args", {}).items()},
                      settings={str(k): str(v) for k, v in entry.get("settings", {}).items()},
                      misfire_grace_time=int(entry.get("misfire_grace_time", default_grace)))
        try:
            job.trigger()
        except ValueError as exc:
            raise ConfigError(f"{label}: bad cron expression {job.cron!r}: {exc}") from None
        if known_spiders is not None and job.spider not in known_spiders:
            raise ConfigError(f"{label}: unknown spider {job.spider!r} "
                              f"(known: {', '.join(sorted(known_spiders)) or 'none'})")
        if any(j.name == job.name for j in jobs):
            raise ConfigError(f"{label}: duplicate job name {job.name!r} (set 'name' to tell them apart)")
        jobs.append(job)
    try:
        return ScheduleConfig(jobs=jobs, path=path, db=str(raw.get("db", "")), replay=str(raw.get("replay", "")),
                              redis=str(raw.get("redis", "")), log_dir=str(raw.get("log_dir", "")),
                              lock_ttl=float(raw.get("lock_ttl", DEFAULT_LOCK_TTL)),
                              shutdown_grace=float(raw.get("shutdown_grace", DEFAULT_SHUTDOWN_GRACE)),
                              stop_timeout=float(raw.get("stop_timeout", DEFAULT_STOP_TIMEOUT)))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def known_spiders() -> set[str]:
    """The spiders of the Scrapy project (what `scrapy list` prints)."""
    from scrapy.spiderloader import get_spider_loader
    from scrapy.utils.project import get_project_settings
    return set(get_spider_loader(get_project_settings()).list())


# --- the database side -------------------------------------------------------------------------------
def resolve_db(url: str | None) -> str:
    if url:
        return url
    from pipelines.storage.db import DEFAULT_DB_URL
    return os.environ.get("UNIONNEWS_DB") or DEFAULT_DB_URL


def _engine(db_url: str):
    from pipelines.storage.db import make_engine
    return make_engine(db_url)


def record_run(db_url: str, spider: str, *, args: dict, reason: str, trigger: str = TRIGGER,
               errors: dict | None = None, started_at: datetime | None = None) -> int:
    """Add a finished crawl_runs row written by the scheduler itself (refused / crashed runs)."""
    from sqlalchemy.orm import Session

    from pipelines.storage.models import CrawlRun
    now = datetime.now(timezone.utc)
    row = CrawlRun(spider=spider, args=dict(args), trigger=trigger, host=socket.gethostname(), pid=os.getpid(),
                   started_at=started_at or now, finished_at=now, finish_reason=reason, errors=errors or {})
    engine = _engine(db_url)
    with Session(engine) as session, session.begin():
        session.add(row)
        session.flush()
        return row.id


def last_run_start(db_url: str, spider: str) -> datetime | None:
    """Start of the latest real (not refused) run of `spider` started by a scheduler."""
    import sqlalchemy as sa

    from pipelines.storage.models import CrawlRun
    with _engine(db_url).connect() as conn:
        value = conn.execute(
            sa.select(sa.func.max(CrawlRun.started_at))
            .where(CrawlRun.spider == spider, CrawlRun.trigger == TRIGGER, CrawlRun.finish_reason != "refused")
        ).scalar()
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def _max_run_id(db_url: str) -> int:
    import sqlalchemy as sa

    from pipelines.storage.models import CrawlRun
    with _engine(db_url).connect() as conn:
        return conn.execute(sa.select(sa.func.coalesce(sa.func.max(CrawlRun.id), 0))).scalar()


def _settle_history(db_url: str, spider: str, after_id: int, code: int, trigger: str, args: dict,
                    started: datetime) -> None:
    """After a run: the crawl's own row (CrawlRunExtension) is left open when the crawl died; close it
    with the exit status. No row at all (died before opening the spider): add one."""
    import sqlalchemy as sa

    from pipelines.storage.models import CrawlRun
    reason = "finished" if code == 0 else f"killed (signal {-code})" if code < 0 else f"error (exit {code})"
    errors = {} if code == 0 else {"exit_code": code}
    with _engine(db_url).begin() as conn:
        rows = conn.execute(sa.select(CrawlRun.id, CrawlRun.finished_at).where(
            CrawlRun.id > after_id, CrawlRun.spider == spider, CrawlRun.finish_reason != "refused")).all()
        open_ids = [r.id for r in rows if r.finished_at is None]
        if open_ids:
            conn.execute(sa.update(CrawlRun).where(CrawlRun.id.in_(open_ids))
                         .values(finished_at=datetime.now(timezone.utc), finish_reason=reason, errors=errors))
    if not rows:
        record_run(db_url, spider, args=args, reason=reason, trigger=trigger, started_at=started, errors=errors)


# --- one run (in its own process) --------------------------------------------------------------------
@dataclass
class RunRequest:
    """Everything a run process needs; passed as JSON on its command line."""
    spider: str
    db: str
    args: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    replay: str = ""
    redis: str = ""
    log_file: str = ""
    trigger: str = TRIGGER
    lock_ttl: float = DEFAULT_LOCK_TTL


def run_locked(req: RunRequest) -> int:
    """Take the spider's lock, crawl, release. Refused (EXIT_REFUSED) and recorded when the lock is held."""
    from pipelines.storage.locks import DbLock, current_holder, spider_lock_name

    name = spider_lock_name(req.spider)
    lock = DbLock(req.db, name, ttl=req.lock_ttl, on_lost=_stop_own_crawl)
    if not lock.acquire():
        holder = current_holder(req.db, name)
        who = holder.owner if holder else "another run"
        record_run(req.db, req.spider, args=req.args, reason="refused", trigger=req.trigger,
                   errors={"lock_held_by": who})
        log.warning("%s: refused, a run is still going (lock held by %s)", req.spider, who)
        return EXIT_REFUSED
    started = datetime.now(timezone.utc)
    before = _max_run_id(req.db)
    code = 1
    try:
        from crawler.run import run_crawl
        os.environ["UNIONNEWS_RUN_TRIGGER"] = req.trigger
        settings = {**req.settings, "UNIONNEWS_RUN_TRIGGER": req.trigger}
        log.info("%s: crawl starting (args %s)", req.spider, req.args)
        code = run_crawl(req.spider, replay_url=req.replay or None, db_url=req.db, args=req.args or None,
                         settings=settings, redis_url=req.redis or None, log_file=req.log_file or None)
        log.info("%s: crawl exited with code %s", req.spider, code)
    finally:
        try:
            _settle_history(req.db, req.spider, before, code, req.trigger, req.args, started)
        finally:
            lock.release()
    return code


def _stop_own_crawl(lock) -> None:
    """The lock expired under us (database unreachable longer than its TTL) and another run may take
    it: stop our crawl gracefully rather than run twice. Only a run process that leads its own process
    group (started by the scheduler) does this - the group is exactly this run and its crawl."""
    if os.getpgrp() == os.getpid():
        log.error("%s lost: stopping this run's crawl", lock.name)
        os.killpg(os.getpgrp(), signal.SIGTERM)


def _run_process_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.schedule run")
    parser.add_argument("request", help="RunRequest as JSON")
    ns = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # SIGTERM/SIGINT reach this process and the crawl together (same process group). The crawl shuts
    # down gracefully on its own; this process must outlive it to record the run and release the lock.
    # A Python-level handler (not SIG_IGN) is reset by exec, so the scrapy child keeps default handling.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: log.info("run process: got signal %s, waiting for crawl", signum))
    code = run_locked(RunRequest(**json.loads(ns.request)))
    return 128 - code if code < 0 else code     # killed by signal N: the shell's 128+N


# --- the scheduler -----------------------------------------------------------------------------------
class CrawlScheduler:
    """Starts the configured jobs on time, one run process per run; shuts down cleanly on request."""

    def __init__(self, config: ScheduleConfig, db_url: str | None = None):
        self.config = config
        self.db_url = resolve_db(db_url or config.db)
        self.running: dict[str, subprocess.Popen] = {}     # job name -> its run process
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._stop_now = threading.Event()
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max_workers=max(4, 2 * len(config.jobs)))},
            job_defaults={"coalesce": True, "max_instances": 4},
            timezone=ZoneInfo(config.jobs[0].timezone if config.jobs else DEFAULT_TIMEZONE))

    # --- introspection ----------------------------------------------------------------------------
    def next_runs(self, now: datetime | None = None) -> list[tuple[JobSpec, datetime | None]]:
        now = now or datetime.now(timezone.utc)
        out = []
        for job in self.config.jobs:
            trigger = job.trigger()
            out.append((job, trigger.get_next_fire_time(None, now.astimezone(ZoneInfo(job.timezone)))))
        return out

    def missed_since_last_run(self, job: JobSpec, now: datetime | None = None) -> datetime | None:
        """The latest fire time missed while no scheduler ran (within the job's grace), else None."""
        now = now or datetime.now(timezone.utc)
        last = last_run_start(self.db_url, job.spider)
        if last is None:
            return None             # never ran: nothing was missed, the schedule just starts
        trigger, missed = job.trigger(), None
        # Fire times strictly after the last run, up to now; only the latest counts (coalesced), and
        # only one within the grace period can count, so the search starts there.
        start = max(last + timedelta(seconds=1), now - timedelta(seconds=job.misfire_grace_time))
        fire = trigger.get_next_fire_time(None, start.astimezone(ZoneInfo(job.timezone)))
        while fire is not None and fire <= now:
            missed = fire
            fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
        if missed is None or (now - missed).total_seconds() > job.misfire_grace_time:
            return None
        return missed

    # --- running ----------------------------------------------------------------------------------
    def _log_file(self, job: JobSpec) -> str:
        if not self.config.log_dir:
            return ""
        Path(self.config.log_dir).mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        return str(Path(self.config.log_dir) / f"{job.name}-{stamp}.log")

    def launch(self, job: JobSpec, trigger: str = TRIGGER) -> int:
        """Run one crawl of `job` in a run process and wait for it. Returns its exit code."""
        if self._stopping.is_set():
            log.info("%s: not started, the scheduler is shutting down", job.name)
            return EXIT_REFUSED
        with self._lock:
            if job.name in self.running:      # still running here: refuse without a round trip
                refused_here = True
            else:
                refused_here = False
                req = RunRequest(spider=job.spider, db=self.db_url, args=job.args, settings=job.settings,
                                 replay=self.config.replay, redis=self.config.redis, log_file=self._log_file(job),
                                 trigger=trigger, lock_ttl=self.config.lock_ttl)
                proc = subprocess.Popen([sys.executable, "-m", "crawler.schedule", "run", json.dumps(asdict(req))],
                                        start_new_session=True)
                self.running[job.name] = proc
        if refused_here:
            log.warning("%s: refused, the previous run is still going", job.name)
            record_run(self.db_url, job.spider, args=job.args, reason="refused", trigger=trigger,
                       errors={"lock_held_by": f"{socket.gethostname()}:{os.getpid()} (this scheduler)"})
            return EXIT_REFUSED
        log.info("%s: run started (pid %s)", job.name, proc.pid)
        try:
            code = proc.wait()
        finally:
            with self._lock:
                self.running.pop(job.name, None)
        log.info("%s: run finished with exit code %s", job.name, code)
        return code

    def _fire(self, job_name: str) -> None:
        job = next(j for j in self.config.jobs if j.name == job_name)
        try:
            self.launch(job)
        except Exception:  # noqa: BLE001 - one failed launch must not stop the schedule
            log.exception("%s: run failed to start", job_name)

    def start(self) -> None:
        from pipelines.storage.db import upgrade
        upgrade(self.db_url)
        now = datetime.now(timezone.utc)
        for job in self.config.jobs:
            catch_up = self.missed_since_last_run(job, now)
            self.scheduler.add_job(self._fire, job.trigger(), args=[job.name], id=job.name, name=job.name,
                                   misfire_grace_time=job.misfire_grace_time, coalesce=True)
            if catch_up is not None:
                log.info("%s: missed run(s) up to %s while the scheduler was down, catching up now",
                         job.name, catch_up.isoformat())
                self.scheduler.add_job(self._fire, args=[job.name], id=f"{job.name}:catch-up",
                                       name=f"{job.name} (catch-up)")
        self.scheduler.start()
        for job, when in self.next_runs():
            log.info("%s: next run %s", job.name, when.isoformat() if when else "never")

    def request_stop(self) -> None:
        """First call: no new runs, running crawls get `shutdown_grace` to finish. Second: stop them now."""
        if self._stopping.is_set():
            log.warning("second stop request: stopping running crawls now")
            self._stop_now.set()
        self._stopping.set()

    def _signal_runs(self, sig: int) -> None:
        with self._lock:
            procs = list(self.running.items())
        for name, proc in procs:
            try:
                os.killpg(proc.pid, sig)
                log.info("%s: sent %s to run process group %s", name, signal.Signals(sig).name, proc.pid)
            except ProcessLookupError:
                pass

    def _wait_runs(self, timeout: float, interrupt: threading.Event | None = None) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self.running:
                    return True
            if interrupt is not None and interrupt.is_set():
                return False
            time.sleep(0.1)
        with self._lock:
            return not self.running

    def shutdown(self) -> None:
        """Stop scheduling; let running crawls finish (up to shutdown_grace), then stop them cleanly
        with SIGTERM (Scrapy closes the spider gracefully), and SIGKILL what is left after stop_timeout."""
        self._stopping.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        with self._lock:
            names = sorted(self.running)
        if names:
            log.info("waiting up to %ss for running crawls to finish: %s", self.config.shutdown_grace,
                     ", ".join(names))
        if not self._wait_runs(self.config.shutdown_grace, interrupt=self._stop_now):
            self._signal_runs(signal.SIGTERM)
            if not self._wait_runs(self.config.stop_timeout):
                log.error("crawls did not stop within %ss, killing them", self.config.stop_timeout)
                self._signal_runs(signal.SIGKILL)
                self._wait_runs(10)

    def serve(self) -> int:
        """Run until SIGTERM/SIGINT, then shut down cleanly. Returns the exit code."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda signum, frame: self.request_stop())
        self.start()
        log.info("scheduler running with %d job(s); SIGTERM or Ctrl-C stops it", len(self.config.jobs))
        while not self._stopping.wait(0.5):
            pass
        log.info("stop requested: no new runs")
        stopper = threading.Thread(target=self.shutdown, name="shutdown")
        stopper.start()
        while stopper.is_alive():          # keep the main thread free for a second signal
            stopper.join(0.2)
        log.info("scheduler stopped")
        return 0

    def run_now(self, spider: str) -> int:
        """Start one run of `spider` at once (its job's args if it has one) and wait for it."""
        from pipelines.storage.db import upgrade
        upgrade(self.db_url)
        job = self.config.job_for_spider(spider) or JobSpec(name=spider, spider=spider, cron="0 0 1 1 *")

        def forward(signum, frame):
            self._signal_runs(signal.SIGTERM)
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, forward)
        return self.launch(job, trigger="manual")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        sys.exit(_run_process_main(sys.argv[2:]))
    print("usage: python -m crawler.schedule run REQUEST_JSON (the scheduler is `unionnews schedule`)",
          file=sys.stderr)
    sys.exit(2)
