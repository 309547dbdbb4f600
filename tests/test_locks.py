"""Database run locks on real SQLite files and the real PostgreSQL server."""
from __future__ import annotations

import multiprocessing as mp
import time

import pytest

from pipelines.storage.locks import DbLock, LockHeld, current_holder, spider_lock_name


def prepare_db(url: str) -> str:
    try:
        from pipelines.storage.db import upgrade
    except ImportError:   # storage's migrations not present yet: plain schema
        import sqlalchemy as sa
        from pipelines.storage.models import Base
        engine = sa.create_engine(url)
        Base.metadata.create_all(engine)
        engine.dispose()
    else:
        upgrade(url)
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return prepare_db(f"sqlite:///{tmp_path / 'locks.db'}")
    return prepare_db(request.getfixturevalue("pg_url"))


def test_second_holder_is_refused_until_release(db_url):
    name = spider_lock_name("workercn")
    first, second = DbLock(db_url, name, ttl=30), DbLock(db_url, name, ttl=30)
    assert first.acquire()
    assert not second.acquire()
    assert current_holder(db_url, name).owner == first.owner
    with pytest.raises(LockHeld, match="spider:workercn is held by " + first.owner):
        with second:
            pass
    first.release()
    assert current_holder(db_url, name) is None
    assert second.acquire()
    second.release()


def test_expired_lock_is_taken_over_and_old_holder_learns_it(db_url):
    lost = []
    stalled = DbLock(db_url, "spider:x", ttl=0.3, on_lost=lost.append)
    assert stalled.acquire(heartbeat=False)          # a holder that stops renewing (crashed / frozen)
    newcomer = DbLock(db_url, "spider:x", ttl=30)
    assert not newcomer.acquire(heartbeat=False)
    time.sleep(0.5)
    assert newcomer.acquire(heartbeat=False)
    assert newcomer.took_over == stalled.owner
    assert not stalled.renew()
    assert lost == [stalled] and not stalled.held
    stalled.release()                                  # must not delete the newcomer's lock
    assert current_holder(db_url, "spider:x").owner == newcomer.owner
    newcomer.release()


def test_heartbeat_keeps_lock_alive_past_ttl(db_url):
    holder = DbLock(db_url, "spider:y", ttl=0.6)
    assert holder.acquire()                            # starts the heartbeat
    time.sleep(1.5)
    assert not DbLock(db_url, "spider:y", ttl=30).acquire(heartbeat=False)
    assert current_holder(db_url, "spider:y").expires_at > current_holder(db_url, "spider:y").acquired_at
    holder.release()
    assert holder._heartbeat is None
    assert DbLock(db_url, "spider:y").acquire(heartbeat=False)


def _contend(db_url, start, results):
    lock = DbLock(db_url, "spider:race", ttl=30)
    start.wait()
    results.put((lock.owner, lock.acquire(heartbeat=False)))


def test_exactly_one_of_many_processes_wins(db_url):
    ctx = mp.get_context("fork")          # each child makes its own engine (make_engine is per pid)
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_contend, args=(db_url, start, results)) for _ in range(4)]
    for p in procs:
        p.start()
    time.sleep(0.5)
    start.set()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    winners = [owner for owner, won in outcomes if won]
    assert len(winners) == 1
    assert current_holder(db_url, "spider:race").owner == winners[0]
