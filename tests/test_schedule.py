"""The crawl scheduler: config validation, --list, and a real scheduler process driving real crawls of the
replay on a second-level cron (runs on time, overlaps refused, history recorded, clean SIGTERM)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from crawler.replay.server import Replay, ReplayServer
from crawler.replay.workercn import WorkercnReplay
from crawler.schedule import EXIT_REFUSED, ConfigError, CrawlScheduler, config_from_mapping, load_config, parse_cron
from pipelines.cli import main as cli_main
from pipelines.storage.locks import current_holder, spider_lock_name

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "import sys; from pipelines.cli import main; sys.exit(main())"]
# A run of the real workercn spider over a small replay that lasts a few seconds: one request at a time
# with a fixed delay, so that the schedule can fire into a running crawl.
SLOW = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0.3", "DOWNLOAD_DELAY_JITTER": "0",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "1", "LOG_LEVEL": "INFO"}


def write_schedule(path: Path, jobs: list[str], **top) -> Path:
    lines = [f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}" for k, v in top.items()]
    path.write_text("\n".join(lines) + "\n\n" + "\n\n".join(jobs) + "\n", encoding="utf-8")
    return path


def job(spider="workercn", cron="0 4 * * *", name=None, settings=None, extra="") -> str:
    out = ["[[jobs]]", f'spider = "{spider}"', f'cron = "{cron}"']
    if name:
        out.append(f'name = "{name}"')
    if settings:
        out.append("settings = { " + ", ".join(f'{k} = "{v}"' for k, v in settings.items()) + " }")
    return "\n".join(out + ([extra] if extra else []))


# --- config ------------------------------------------------------------------------------------------
def test_bad_cron_and_unknown_spider_are_rejected_naming_the_job(tmp_path, capsys):
    bad_cron = write_schedule(tmp_path / "a.toml", [job(name="ok"), job(cron="61 * * * *", name="nightly")])
    assert cli_main(["schedule", "--config", str(bad_cron), "--list"]) == 2
    err = capsys.readouterr().err
    assert "job #2 (nightly)" in err and "bad cron expression '61 * * * *'" in err

    unknown = write_schedule(tmp_path / "b.toml", [job(spider="no_such_spider", name="ghost")])
    assert cli_main(["schedule", "--config", str(unknown), "--list"]) == 2
    err = capsys.readouterr().err
    assert "job #1 (ghost)" in err and "unknown spider 'no_such_spider'" in err and "workercn" in err

    with pytest.raises(ConfigError, match="unknown time zone 'Mars/Base'"):
        config_from_mapping({"jobs": [{"spider": "workercn", "cron": "* * * * *", "timezone": "Mars/Base"}]})
    with pytest.raises(ConfigError, match="unknown key.*crontab"):
        config_from_mapping({"jobs": [{"spider": "workercn", "crontab": "* * * * *"}]})
    with pytest.raises(ConfigError, match="schedule file not found"):
        load_config(tmp_path / "missing.toml")


def test_list_shows_next_run_in_the_job_time_zone(tmp_path, capsys):
    path = write_schedule(tmp_path / "s.toml", [job(cron="30 4 * * *", name="daily"),
                                                job(cron="0 9 * * 1", name="weekly", extra='timezone = "UTC"')])
    assert cli_main(["schedule", "--config", str(path), "--list", "--db", f"sqlite:///{tmp_path}/x.db"]) == 0
    out = capsys.readouterr().out
    daily = next(line for line in out.splitlines() if line.startswith("daily"))
    weekly = next(line for line in out.splitlines() if line.startswith("weekly"))
    assert "04:30:00+08:00" in daily                   # Asia/Shanghai is the default time zone
    when = datetime.fromisoformat(weekly.split()[-1])
    assert when.weekday() == 0 and when.hour == 9 and when.utcoffset() == timedelta(0)   # crontab 1 = Monday


def test_crontab_weekdays_count_sunday_as_zero():
    sunday_4am = datetime(2026, 11, 22, 4, 0, tzinfo=timezone.utc)     # a Sunday
    assert sunday_4am.weekday() == 6
    start = sunday_4am - timedelta(days=3)
    for expr in ("0 4 * * 0", "0 4 * * 7", "0 4 * * sun"):
        assert parse_cron(expr, "UTC").get_next_fire_time(None, start) == sunday_4am
    weekdays = parse_cron("0 4 * * 1-5", "UTC")
    assert weekdays.get_next_fire_time(None, sunday_4am - timedelta(hours=1)) == sunday_4am + timedelta(days=1)
    with pytest.raises(ValueError):
        parse_cron("0 4 * *", "UTC")


def test_missed_runs_coalesce_into_one_catch_up(tmp_path):
    from pipelines.storage.db import upgrade
    from pipelines.storage.models import CrawlRun
    db = f"sqlite:///{tmp_path}/runs.db"
    upgrade(db)
    config = config_from_mapping({"jobs": [{"spider": "workercn", "cron": "*/10 * * * *"}]})
    sched = CrawlScheduler(config, db_url=db)
    now = datetime(2026, 11, 22, 3, 27, 5, tzinfo=timezone.utc)
    assert sched.missed_since_last_run(config.jobs[0], now) is None          # never ran: nothing missed
    engine = sa.create_engine(db)
    with engine.begin() as conn:
        conn.execute(sa.insert(CrawlRun), [dict(spider="workercn", trigger="schedule", finish_reason="finished",
                                                started_at=now - timedelta(hours=1), args={}, errors={}, stats={})])
    # five fire times were missed (02:30 ... 03:20): one catch-up, for the latest
    assert sched.missed_since_last_run(config.jobs[0], now) == datetime(2026, 11, 22, 3, 20, tzinfo=timezone.utc)
    late = config_from_mapping({"jobs": [{"spider": "workercn", "cron": "*/10 * * * *", "misfire_grace_time": 60}]})
    assert CrawlScheduler(late, db_url=db).missed_since_last_run(late.jobs[0], now) is None   # too late now
    with engine.begin() as conn:
        conn.execute(sa.insert(CrawlRun), [dict(spider="workercn", trigger="schedule", finish_reason="finished",
                                                started_at=now - timedelta(minutes=5), args={}, errors={}, stats={})])
    assert sched.missed_since_last_run(config.jobs[0], now) is None          # ran after the last fire time
    engine.dispose()


# --- a real scheduler --------------------------------------------------------------------------------
@pytest.fixture
def replay_url():
    replay = Replay(sites=[WorkercnReplay(n_articles=30)], faults=False)
    with ReplayServer(replay) as server:
        yield server.url


def runs(db: str) -> list[dict]:
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT spider, trigger, started_at, finished_at, finish_reason, errors "
                                    "FROM crawl_runs ORDER BY id")).mappings().all()
    engine.dispose()
    out = []
    for r in rows:
        r = dict(r)
        for k in ("started_at", "finished_at"):
            if isinstance(r[k], str):
                r[k] = datetime.fromisoformat(r[k])
            if r[k] is not None and r[k].tzinfo is None:
                r[k] = r[k].replace(tzinfo=timezone.utc)
        out.append(r)
    return out


def start_scheduler(config: Path, db: str, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([*CLI, "-v", "schedule", "--config", str(config),
                             "--db", db, *extra], cwd=ROOT, env=env)


def wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"scheduler exited with {proc.returncode} while waiting for {what}")
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def stop(sched: subprocess.Popen) -> None:
    """Whatever happened in the test: no scheduler and no crawl of it may outlive it. Two SIGTERMs make
    the scheduler stop its runs at once (a SIGKILL would orphan them)."""
    if sched.poll() is not None:
        return
    sched.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    sched.send_signal(signal.SIGTERM)
    try:
        sched.wait(timeout=60)
    except subprocess.TimeoutExpired:
        sched.kill()
        sched.wait()


def test_run_now_is_refused_while_another_machine_holds_the_spider(tmp_path):
    from pipelines.storage.db import upgrade
    from pipelines.storage.locks import DbLock
    db = f"sqlite:///{tmp_path}/store.db"
    upgrade(db)
    config = write_schedule(tmp_path / "schedule.toml", [job()])
    with DbLock(db, spider_lock_name("workercn"), owner="crawler-2:4242:abcd") as other_machine:
        result = subprocess.run([*CLI, "schedule", "--config", str(config), "--db", db, "--run-now", "workercn"],
                                cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert result.returncode == EXIT_REFUSED
        assert current_holder(db, other_machine.name).owner == "crawler-2:4242:abcd"   # untouched
    (refusal,) = runs(db)
    assert refusal["spider"] == "workercn" and refusal["trigger"] == "manual"
    assert refusal["finish_reason"] == "refused" and "crawler-2:4242:abcd" in str(refusal["errors"])


@pytest.mark.slow
def test_scheduler_runs_on_time_refuses_overlaps_and_lets_the_crawl_finish_on_sigterm(tmp_path, replay_url):
    db = f"sqlite:///{tmp_path}/store.db"
    period = 5                                     # fire every 5 s: the crawl takes longer, so fires overlap
    config = write_schedule(tmp_path / "schedule.toml",
                            [job(cron=f"*/{period} * * * * *", name="fast", settings=SLOW)],
                            replay=replay_url, shutdown_grace=120, lock_ttl=10)
    sched = start_scheduler(config, db)
    try:
        lock = spider_lock_name("workercn")
        holder = wait_for(lambda: current_holder(db, lock) if os.path.exists(tmp_path / "store.db") else None,
                          60, "the scheduled run to take its lock", sched)
        wait_for(lambda: [r for r in runs(db) if r["trigger"] == "schedule" and r["finish_reason"] == "refused"],
                 30, "an overlapping scheduled fire to be refused", sched)
        assert current_holder(db, lock).owner == holder.owner       # the first run is still going
        sched.send_signal(signal.SIGTERM)                           # ... and is left to finish
        assert sched.wait(timeout=90) == 0
    finally:
        stop(sched)
    history = runs(db)
    real = [r for r in history if r["finish_reason"] != "refused"]
    refused = [r for r in history if r["finish_reason"] == "refused"]
    assert len(real) == 1
    assert real[0]["trigger"] == "schedule" and real[0]["finish_reason"] == "finished"
    assert real[0]["finished_at"] > real[0]["started_at"] >= holder.acquired_at - timedelta(seconds=1)
    assert refused and {r["trigger"] for r in refused} == {"schedule"}
    # every scheduled attempt happened at a fire time (a multiple of the period), once per fire time
    fired = [r["started_at"] for r in refused if r["trigger"] == "schedule"]
    for t in fired:
        assert (t.second % period) + t.microsecond / 1e6 < 2.5, f"refused run at {t} is off the schedule"
    assert len({t.replace(microsecond=0) - timedelta(seconds=t.second % period) for t in fired}) == len(fired)
    assert current_holder(db, spider_lock_name("workercn")) is None   # lock released


@pytest.mark.slow
def test_sigterm_stops_a_running_crawl_cleanly_after_the_grace_period(tmp_path):
    replay = Replay(sites=[WorkercnReplay(n_articles=200)], faults=False)
    with ReplayServer(replay) as server:
        db = f"sqlite:///{tmp_path}/store.db"
        from pipelines.storage.db import upgrade
        from pipelines.storage.models import CrawlRun
        upgrade(db)
        # history says the last scheduled run was long ago: the missed fire times give ONE catch-up run now
        engine = sa.create_engine(db)
        with engine.begin() as conn:
            conn.execute(sa.insert(CrawlRun), [dict(
                spider="workercn", trigger="schedule", finish_reason="finished", args={}, errors={}, stats={},
                started_at=datetime.now(timezone.utc) - timedelta(hours=3))])
        engine.dispose()
        config = write_schedule(tmp_path / "schedule.toml", [job(cron="*/30 * * * *", settings=SLOW)],
                                replay=server.url, shutdown_grace=1, stop_timeout=60, lock_ttl=10)
        sched = start_scheduler(config, db)
        try:
            wait_for(lambda: current_holder(db, spider_lock_name("workercn")), 30, "the catch-up run to start", sched)
            wait_for(lambda: sum(replay.requests.values()) >= 5, 30, "the crawl to fetch pages")
            sched.send_signal(signal.SIGTERM)
            assert sched.wait(timeout=90) == 0
        finally:
            stop(sched)
    history = runs(db)[1:]                  # without the seeded history row
    assert len(history) == 1, history       # five missed half-hours, one run
    assert history[0]["trigger"] == "schedule"
    assert history[0]["finish_reason"] == "shutdown"          # Scrapy closed the spider gracefully
    assert current_holder(db, spider_lock_name("workercn")) is None
    expected = {a.url for a in replay.expected("workercn")}
    assert sum(replay.requests.values()) < len(expected)      # stopped before the end, not run to completion
