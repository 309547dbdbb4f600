"""The store on SQLite and PostgreSQL: schema migrations, raw page versions, article upserts, errors."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import sqlalchemy as sa

import storekit
from pipelines.storage import db
from pipelines.store import RawPageIn, Store, StoreError

store_url = pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])(storekit._store_url)


def raw(url="https://www.workercn.cn/c/2024-05-01/1.shtml", body=b"<html>v1</html>", **kw):
    return RawPageIn(url=url, canonical_url=url, site="workercn", body=body, encoding="utf-8",
                     fetched_at="2024-06-01T00:00:00Z", meta={"channel": "roll"}, **kw)


def test_migrations_reach_head_and_are_idempotent(store_url):
    db.upgrade(store_url)
    db.upgrade(store_url)
    assert db.current_revision(store_url) == db.head_revision()
    names = set(sa.inspect(db.make_engine(store_url)).get_table_names())
    assert {"raw_pages", "articles", "crawl_runs", "run_locks", "reclean_state", "alembic_version"} <= names


def test_raw_pages_keep_every_version(store_url):
    store = Store(store_url)
    first = store.save_raw_pages([raw()])[0]
    again = store.save_raw_pages([raw()])[0]
    assert again.id == first.id and first.new_version and not again.new_version
    changed = store.save_raw_pages([raw(body=b"<html>v2</html>")])[0]
    assert changed.new_version and changed.id != first.id
    back = store.save_raw_pages([raw()])[0]          # the page went back to its first content
    assert back.id == first.id and not back.new_version
    rows = store.raw_pages_of(raw().canonical_url)
    assert [r["id"] for r in rows] == [first.id, changed.id]
    assert [r["is_latest"] for r in rows] == [True, False]
    import zlib
    assert zlib.decompress(rows[0]["body_gz"]) == b"<html>v1</html>"
    assert rows[0]["meta"] == {"channel": "roll"}


def test_same_url_twice_in_one_batch(store_url):
    store = Store(store_url)
    saved = store.save_raw_pages([raw(), raw(body=b"<html>v2</html>"), raw()])
    assert saved[0].id == saved[2].id and saved[1].id != saved[0].id
    latest = [r for r in store.raw_pages_of(raw().canonical_url) if r["is_latest"]]
    assert [r["id"] for r in latest] == [saved[0].id]


def test_articles_upsert_only_on_change_and_rejects_keep_raw(store_url):
    store = Store(store_url)
    stories = storekit.stories(3, seed=1)
    items = storekit.workercn_items(stories)
    junk = storekit.page_item("https://www.workercn.cn/c/2024-05-02/99.shtml",
                              "<html><body><div>登录</div></body></html>", "workercn")
    results = storekit.ingest(store, items + [junk])
    assert [r.action for r in results] == ["inserted"] * 4
    assert [r.status for r in results] == ["ok", "ok", "ok", "empty"]
    row = store.article_by_url(items[0].canonical_url)
    assert row["title"] == stories[0].title and row["text"] == "\n\n".join(stories[0].paragraphs)
    assert row["published"] == stories[0].published and row["published_date"] == stories[0].published[:10]
    assert row["source"] == stories[0].source and row["raw_page_id"] and row["cleaner_version"]
    bad = store.article_by_url(junk.canonical_url)
    assert bad["status"] == "empty" and bad["reason"] and store.raw_pages_of(junk.canonical_url)
    assert [r.action for r in storekit.ingest(store, items)] == ["unchanged"] * 3
    stories[1].paragraphs.append("新增的一段文字,说明文章内容已经改变。")
    again = storekit.ingest(store, storekit.workercn_items(stories))
    assert [r.action for r in again] == ["unchanged", "updated", "unchanged"]
    assert len(store.raw_pages_of(items[1].canonical_url)) == 2
    assert store.known_urls("workercn") == {i.canonical_url for i in items + [junk]}
    assert store.known_urls("sxworker") == set()


def test_spider_metadata_fills_gaps(store_url):
    store = Store(store_url)
    page = ("<html><head><title>x</title></head><body><div id='ccontent'>"
            + "".join(f"<p>{p}</p>" for p in storekit.stories(1, seed=5)[0].paragraphs) + "</div></body></html>")
    item = storekit.page_item("https://www.workercn.cn/papers/grrb/2024/05/06/4/news-2.html", page, "workercn",
                              issue_date="2024-05-06", page="04", list_title="职工书屋建设再上台阶",
                              list_source="工人日报", channel="grrb")
    storekit.ingest(store, [item])
    row = store.article_by_url(item.canonical_url)
    assert (row["issue_date"], row["page"], row["channel"]) == ("2024-05-06", "04", "grrb")
    assert row["source"] == "工人日报" and row["status"] == "ok"
    assert row["published"].startswith("2024-05-06")


def test_locked_sqlite_is_retried_then_named_in_the_error(tmp_path, monkeypatch):
    monkeypatch.setenv("UNIONNEWS_DB_BUSY_TIMEOUT_MS", "50")
    url = storekit.sqlite_url(tmp_path, "locked.sqlite")
    store = Store(url, retries=3, backoff=0.05)
    locker = sqlite3.connect(tmp_path / "locked.sqlite", timeout=0, isolation_level=None, check_same_thread=False)
    locker.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StoreError) as err:
        store.save_raw_pages([raw()])
    assert "locked.sqlite" in str(err.value) and "3 attempts" in str(err.value)
    # released while the store is retrying: the write goes through, nothing is lost
    store = Store(url, retries=8, backoff=0.1)
    threading.Timer(0.3, locker.rollback).start()
    saved = store.save_raw_pages([raw()])
    assert saved[0].new_version and len(store.raw_pages_of(raw().canonical_url)) == 1
    locker.close()


def test_unreachable_postgres_fails_clearly():
    started = time.monotonic()
    with pytest.raises(StoreError) as err:
        Store("postgresql+psycopg://postgres:secret@127.0.0.1:1/nowhere", retries=2, backoff=0.01)
    assert "127.0.0.1:1/nowhere" in str(err.value) and "secret" not in str(err.value)
    assert time.monotonic() - started < 30


def test_store_none_is_refused():
    with pytest.raises(StoreError):
        Store("none")


def test_multi_page_article_is_one_article(tmp_path):
    store = Store(storekit.sqlite_url(tmp_path))
    first, second = storekit.stories(2, seed=8)
    second.title = first.title
    url = "http://news.workercn.cn/32843/201401/02/140102000000002.shtml"
    item = storekit.page_item(url, storekit.workercn_html(first), "workercn")
    item.extra_pages = [{"url": url.replace(".shtml", "_2.shtml"), "encoding": "gbk",
                         "body": storekit.workercn_html(second).encode("gbk", errors="xmlcharrefreplace")}]
    storekit.ingest(store, [item])
    row = store.article_by_url(item.canonical_url)
    assert row["text"].split("\n\n") == first.paragraphs + second.paragraphs
    raw_rows = store.raw_pages_of(item.canonical_url)
    from pipelines.store import decode_extra
    assert len(raw_rows) == 1 and decode_extra(raw_rows[0]["extra_pages_gz"])[0]["body"] == item.extra_pages[0]["body"]
