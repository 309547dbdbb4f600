"""Re-clean: unchanged cleaner changes nothing; a rule change rewrites exactly the affected articles;
a new version only restamps; an interrupted job resumes where it stopped."""
from __future__ import annotations

import dataclasses

import pytest

import storekit
from cleaning import rules_for_url
from pipelines import reclean as reclean_mod
from pipelines.reclean import reclean
from pipelines.store import Store

store_url = pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])(storekit._store_url)
NOTE = '<p class="note">本文图片由通讯员提供,特此致谢,欢迎广大职工踊跃投稿。</p>'


def filled_store(url: str) -> tuple[Store, set[str], list]:
    """12 workercn pages (every third with a note paragraph) and 6 sxworker pages."""
    stories = storekit.stories(18, seed=21)
    items = []
    for i, s in enumerate(stories[:12]):
        items.append(storekit.page_item(f"https://www.workercn.cn/c/{s.published[:10]}/{8100000 + i}.shtml",
                                        storekit.workercn_html(s, NOTE if i % 3 == 0 else ""), "workercn"))
    items += storekit.sxworker_items(stories[12:])
    store = Store(url)
    storekit.ingest(store, items)
    with_note = {it.canonical_url for i, it in enumerate(items[:12]) if i % 3 == 0}
    return store, with_note, items


def workercn_rules_dropping_the_note():
    rules = rules_for_url("https://www.workercn.cn/")
    return {"workercn": dataclasses.replace(rules, drop=rules.drop + (".note",))}


def test_reclean_changes_nothing_then_exactly_the_affected_articles(store_url):
    store, with_note, items = filled_store(store_url)
    assert "特此致谢" in store.article_by_url(next(iter(with_note)))["text"]
    before = {it.canonical_url: store.article_by_url(it.canonical_url) for it in items}

    same = reclean(store)
    assert same.pages == len(items) and same.changed == 0 and same.actions["unchanged"] == len(items)
    assert {u: store.article_by_url(u) for u in before} == before

    changed = reclean(store, overrides=workercn_rules_dropping_the_note())
    assert set(changed.changed_urls) == with_note and changed.actions["updated"] == len(with_note)
    print("\n" + "\n".join(changed.lines()))
    for url, old in before.items():
        new = store.article_by_url(url)
        if url in with_note:
            assert "特此致谢" not in new["text"] and new["text"] in old["text"] and new["updated_at"] != old["updated_at"]
        else:
            assert new == old


def test_new_cleaner_version_only_restamps(tmp_path):
    store, _, items = filled_store(storekit.sqlite_url(tmp_path))
    summary = reclean(store, version="9.9.9-test")
    assert summary.changed == 0 and summary.actions["restamped"] == len(items)
    rows = [store.article_by_url(i.canonical_url) for i in items]
    assert {r["cleaner_version"] for r in rows} == {"9.9.9-test"}
    assert reclean(store, version="9.9.9-test").actions["unchanged"] == len(items)


def test_interrupted_reclean_resumes_and_loses_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(reclean_mod, "DB_BATCH", 5)
    store, with_note, items = filled_store(storekit.sqlite_url(tmp_path))
    rules = workercn_rules_dropping_the_note()
    first = reclean(store, overrides=rules, stop_after_batches=2)
    assert first.interrupted and first.pages == 10
    second = reclean(store, overrides=rules, jobs=2)       # resumes, in two worker processes
    assert not second.interrupted and second.resumed_from > 0 and second.pages == len(items) - 10
    assert set(first.changed_urls) | set(second.changed_urls) == with_note
    assert not set(first.changed_urls) & set(second.changed_urls)
    again = reclean(store, overrides=rules)                 # finished jobs start over, and change nothing
    assert again.pages == len(items) and again.changed == 0
    assert all(store.article_by_url(i.canonical_url)["status"] == "ok" for i in items)


@pytest.mark.slow
def test_killed_reclean_command_resumes(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    import sqlalchemy as sa

    from pipelines.storage.models import RecleanState
    url = storekit.sqlite_url(tmp_path)
    store = Store(url)
    storekit.ingest(store, storekit.workercn_items(storekit.stories(150, seed=77)))
    before = store.counts()
    env = {**os.environ, "UNIONNEWS_RECLEAN_BATCH": "10", "PYTHONPATH": str(storekit.ROOT)}
    cmd = [sys.executable, "-c", "import sys; from pipelines.cli import main; sys.exit(main())", "reclean", "--db", url, "-q"]
    proc = subprocess.Popen(cmd, cwd=storekit.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    state = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and state < 30:
        state = store.read("state", lambda conn: conn.execute(sa.select(sa.func.max(RecleanState.last_raw_page_id))).scalar()) or 0
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < state < 150, "the re-clean finished before it could be killed"
    assert store.counts() == before
    done = subprocess.run(cmd, cwd=storekit.ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "resumed after raw page" in done.stdout and "changed: 0" in done.stdout
    assert store.counts() == before
    assert store.read("state", lambda conn: conn.execute(sa.select(sa.func.count()).select_from(RecleanState)).scalar()) == 0
