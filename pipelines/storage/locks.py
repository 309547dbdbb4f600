"""Run locks held in the database: at most one run of a spider at a time, across processes and machines.

A lock is one row of `run_locks` (name primary key). It is taken by INSERT, or by a conditional UPDATE
when the row has expired (a crashed holder stops renewing it) - both atomic on SQLite and PostgreSQL, so
two contenders can never both win. The holder renews `expires_at` from a heartbeat thread; a holder whose
lock was taken over (it stalled longer than the TTL) learns it at the next renewal.

Expiry uses the clocks of the machines involved: keep them in sync (NTP) and the TTL well above the skew.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from .models import RunLock

log = logging.getLogger(__name__)

DEFAULT_TTL = 60.0          # seconds a lock lives without renewal
_DB_RETRIES = 5             # a locked/busy database is retried this many times before giving up


def spider_lock_name(spider: str) -> str:
    return f"spider:{spider}"


def make_owner() -> str:
    """host:pid:random - unique per lock holder, readable in `run_locks`."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _as_utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes (stored as UTC); PostgreSQL aware ones.
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _engine(db: Engine | str) -> Engine:
    if isinstance(db, Engine):
        return db
    from .db import write_engine   # SQLite: BEGIN IMMEDIATE, busy timeout, WAL
    return write_engine(db)


def _retrying(what: str, fn: Callable):
    """Run fn(); a busy/locked or briefly unreachable database is retried with back-off."""
    for attempt in range(1, _DB_RETRIES + 1):
        try:
            return fn()
        except OperationalError as exc:
            if attempt == _DB_RETRIES:
                raise
            log.warning("%s: database error (%s), retry %d/%d", what, exc.orig, attempt, _DB_RETRIES - 1)
            time.sleep(0.2 * 2 ** attempt)


@dataclass(frozen=True)
class LockInfo:
    name: str
    owner: str
    acquired_at: datetime
    expires_at: datetime
    crawl_run_id: int | None

    @property
    def expired(self) -> bool:
        return self.expires_at <= _utcnow()


def current_holder(db: Engine | str, name: str) -> LockInfo | None:
    """Who holds lock `name` (possibly expired), or None."""
    engine = _engine(db)

    def read():
        with engine.connect() as conn:
            row = conn.execute(sa.select(RunLock.__table__).where(RunLock.name == name)).mappings().first()
        if row is None:
            return None
        return LockInfo(row["name"], row["owner"], _as_utc(row["acquired_at"]), _as_utc(row["expires_at"]),
                        row["crawl_run_id"])
    return _retrying(f"reading lock {name}", read)


class DbLock:
    """One named lock. `acquire()` -> bool (never blocks); `renew()`; `release()`; a heartbeat thread
    keeps it alive while held. Usable as a context manager that raises LockHeld when refused."""

    def __init__(self, db: Engine | str, name: str, *, ttl: float = DEFAULT_TTL, owner: str | None = None,
                 on_lost: Callable[["DbLock"], None] | None = None):
        if ttl <= 0:
            raise ValueError(f"lock {name}: ttl must be positive, got {ttl}")
        self.engine = _engine(db)
        self.name = name
        self.ttl = ttl
        self.owner = owner or make_owner()
        self.on_lost = on_lost
        self.held = False
        self.took_over: str | None = None      # owner of the stale lock we replaced, if any
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    # --- primitive operations ---------------------------------------------------------------------
    def acquire(self, crawl_run_id: int | None = None, heartbeat: bool = True) -> bool:
        """Take the lock if it is free or expired. True when we hold it now."""
        table = RunLock.__table__

        def attempt() -> bool:
            now = _utcnow()
            expires = now + timedelta(seconds=self.ttl)
            try:
                with self.engine.begin() as conn:
                    conn.execute(table.insert().values(name=self.name, owner=self.owner, acquired_at=now,
                                                       expires_at=expires, crawl_run_id=crawl_run_id))
                return True
            except IntegrityError:
                pass
            # The row exists: take it over only if it expired (or is already ours).
            stale = current_holder(self.engine, self.name)
            with self.engine.begin() as conn:
                taken = conn.execute(
                    table.update()
                    .where(table.c.name == self.name,
                           sa.or_(table.c.expires_at < now, table.c.owner == self.owner))
                    .values(owner=self.owner, acquired_at=now, expires_at=expires, crawl_run_id=crawl_run_id)
                ).rowcount
            if taken == 1 and stale is not None and stale.owner != self.owner:
                self.took_over = stale.owner
                log.warning("lock %s: took over from %s (expired %s)", self.name, stale.owner,
                            stale.expires_at.isoformat())
            return taken == 1

        self.held = _retrying(f"acquiring lock {self.name}", attempt)
        if self.held and heartbeat:
            self.start_heartbeat()
        return self.held

    def renew(self) -> bool:
        """Push expiry forward. False if the lock is no longer ours (expired and taken over)."""
        table = RunLock.__table__

        def attempt() -> bool:
            with self.engine.begin() as conn:
                return conn.execute(
                    table.update().where(table.c.name == self.name, table.c.owner == self.owner)
                    .values(expires_at=_utcnow() + timedelta(seconds=self.ttl))
                ).rowcount == 1
        ok = _retrying(f"renewing lock {self.name}", attempt)
        if not ok and self.held:
            self.held = False
            log.error("lock %s: lost (taken over by another holder after expiry)", self.name)
            if self.on_lost:
                self.on_lost(self)
        return ok

    def set_crawl_run(self, crawl_run_id: int | None) -> None:
        table = RunLock.__table__
        with self.engine.begin() as conn:
            conn.execute(table.update().where(table.c.name == self.name, table.c.owner == self.owner)
                         .values(crawl_run_id=crawl_run_id))

    def release(self) -> None:
        """Give the lock back (only if it is still ours). Safe to call twice."""
        self.stop_heartbeat()
        table = RunLock.__table__

        def attempt():
            with self.engine.begin() as conn:
                conn.execute(table.delete().where(table.c.name == self.name, table.c.owner == self.owner))
        try:
            _retrying(f"releasing lock {self.name}", attempt)
        finally:
            self.held = False

    # --- heartbeat --------------------------------------------------------------------------------
    def start_heartbeat(self, interval: float | None = None) -> None:
        if self._heartbeat is not None:
            return
        interval = interval or max(self.ttl / 3, 0.05)
        self._stop.clear()

        def beat():
            while not self._stop.wait(interval):
                try:
                    if not self.renew():
                        return
                except Exception:  # noqa: BLE001 - keep beating; the lock survives ttl without us
                    log.exception("lock %s: heartbeat failed, retrying", self.name)

        self._heartbeat = threading.Thread(target=beat, name=f"lock-heartbeat:{self.name}", daemon=True)
        self._heartbeat.start()

    def stop_heartbeat(self) -> None:
        self._stop.set()
        if self._heartbeat is not None and self._heartbeat is not threading.current_thread():
            self._heartbeat.join(timeout=10)
        self._heartbeat = None

    # --- context manager --------------------------------------------------------------------------
    def __enter__(self) -> "DbLock":
        if not self.acquire():
            holder = current_holder(self.engine, self.name)
            raise LockHeld(self.name, holder)
        return self

    def __exit__(self, *exc) -> None:
        self.release()


class LockHeld(RuntimeError):
    def __init__(self, name: str, holder: LockInfo | None):
        self.name = name
        self.holder = holder
        who = f"{holder.owner} until {holder.expires_at.isoformat()}" if holder else "another holder"
        super().__init__(f"lock {name} is held by {who}")
