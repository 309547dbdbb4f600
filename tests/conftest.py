"""Shared fixtures. PostgreSQL and Redis are real servers on this machine: in CI a missing server is a
failure; outside CI the tests that need it are skipped with the reason."""
from __future__ import annotations

import os
import uuid

import pytest

IN_CI = bool(os.environ.get("CI"))
PG_URL = os.environ.get("UNIONNEWS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("UNIONNEWS_TEST_REDIS", "redis://127.0.0.1:6379/0")
SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared")


def _unavailable(what: str, exc: Exception):
    msg = f"{what} is not reachable ({exc.__class__.__name__}: {exc})"
    if IN_CI:
        pytest.fail(msg + " - CI needs it")
    pytest.skip(msg)


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose connections use a fresh schema of their own (dropped afterwards), so that
    parallel test workers and sessions never see each other's tables."""
    import sqlalchemy as sa
    try:
        admin = sa.create_engine(PG_URL)
        schema = "t_" + uuid.uuid4().hex[:12]
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except Exception as exc:  # noqa: BLE001 - any connection failure means the server is missing
        _unavailable("PostgreSQL at " + PG_URL, exc)
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


@pytest.fixture
def redis_url():
    """The Redis URL plus a unique key prefix for this test (keys are deleted afterwards)."""
    import redis
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001
        _unavailable("Redis at " + REDIS_URL, exc)
    prefix = "test:" + uuid.uuid4().hex[:10]
    yield REDIS_URL, prefix
    for key in client.scan_iter(prefix + "*"):
        client.delete(key)
    client.close()


@pytest.fixture
def shared_dir():
    path = os.path.abspath(SHARED)
    if not os.path.isdir(path):
        pytest.skip("../shared is not beside the project")
    return path
