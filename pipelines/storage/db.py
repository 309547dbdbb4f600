"""Database access: URL resolution, engines, sessions and schema upgrades.

The embedded default is one SQLite file, `DEFAULT_DB_URL` = `sqlite:///<cwd>/data/unionnews.sqlite`
(the directory `$UNIONNEWS_HOME` replaces `<cwd>/data` when set). `UNIONNEWS_DB` selects another store,
e.g. `postgresql+psycopg://user@host/db`; `--db URL` on the command line wins over both. The value
`none` switches storing off (the item pipeline raises NotConfigured).

SQLite runs in WAL mode with a busy timeout and foreign keys on; write transactions start with
`BEGIN IMMEDIATE` so that two writers queue on the busy timeout instead of failing on a lock upgrade.
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

DATA_DIR = Path(os.environ.get("UNIONNEWS_HOME") or Path.cwd() / "data").absolute()
DEFAULT_DB_URL = f"sqlite:///{DATA_DIR / 'unionnews.sqlite'}"
SQLITE_BUSY_TIMEOUT_MS = 30_000   # $UNIONNEWS_DB_BUSY_TIMEOUT_MS overrides (tests of a locked database)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

_engines: dict[tuple[int, str], Engine] = {}
_engines_lock = threading.Lock()
_upgraded: set[tuple[int, str]] = set()


def resolve_db_url(url: str | None = None) -> str:
    """`url`, else $UNIONNEWS_DB, else the SQLite default."""
    return url or os.environ.get("UNIONNEWS_DB") or DEFAULT_DB_URL


def is_disabled(url: str | None) -> bool:
    return (url or "").strip().lower() == "none"


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown as given
        return url


def make_engine(url: str | None = None) -> Engine:
    """One engine per URL and process (engines must not cross a fork)."""
    url = resolve_db_url(url)
    key = (os.getpid(), url)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = _create_engine(url)
    return engine


def _create_engine(url: str) -> Engine:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, future=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().absolute().parent.mkdir(parents=True, exist_ok=True)
    busy_ms = int(os.environ.get("UNIONNEWS_DB_BUSY_TIMEOUT_MS") or SQLITE_BUSY_TIMEOUT_MS)
    engine = sa.create_engine(url, connect_args={"timeout": busy_ms / 1000,
                                                 "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None   # we emit BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("unionnews_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def write_engine(url: str | None = None) -> Engine:
    """The engine whose transactions take the write lock at BEGIN (SQLite); the same engine elsewhere."""
    return make_engine(url).execution_options(unionnews_write=True)


def session_factory(url: str | None = None, write: bool = False) -> sessionmaker[Session]:
    engine = write_engine(url) if write else make_engine(url)
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str):
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def current_revision(url: str | None = None) -> str | None:
    from alembic.runtime.migration import MigrationContext
    with make_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def upgrade(url: str | None = None) -> None:
    """Bring the schema at `url` to the newest migration (Alembic `upgrade head`); cheap when current."""
    from alembic import command
    url = resolve_db_url(url)
    key = (os.getpid(), url)
    if key in _upgraded:
        return
    head = head_revision()
    try:
        if current_revision(url) != head:
            cfg = alembic_config(url)
            with write_engine(url).begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except (sa.exc.ProgrammingError, sa.exc.IntegrityError) as exc:
        # PostgreSQL: another process migrated at the same moment (on SQLite, BEGIN IMMEDIATE serialises
        # migrations); fine when the schema is now current. Connection errors propagate for the caller's retry.
        if _safe_revision(url) != head:
            raise RuntimeError(f"cannot upgrade the database schema at {display_url(url)}: {exc}") from exc
    _upgraded.add(key)


def _safe_revision(url: str) -> str | None:
    try:
        return current_revision(url)
    except sa.exc.SQLAlchemyError:
        return None
