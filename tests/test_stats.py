"""`unionnews stats`: counts per site and day, duplicates, failures by reason, last crawl runs."""
from __future__ import annotations

import sqlalchemy as sa
from rich.console import Console

import storekit
from pipelines.stats import collect, render
from pipelines.storage.models import CrawlRun
from pipelines.store import Store, utcnow


def test_stats_report_what_the_store_holds(tmp_path):
    store = Store(storekit.sqlite_url(tmp_path))
    copies = storekit.near_duplicate_set(3, seed=23)
    store.upsert_articles([storekit.outcome_of(c) for c in copies])
    storekit.ingest(store, [storekit.page_item("https://www.workercn.cn/c/2024-05-03/1.shtml",
                                               "<html><body>登录</body></html>", "workercn")])
    store.write("run", lambda conn: conn.execute(sa.insert(CrawlRun).values(
        spider="workercn", trigger="schedule", started_at=utcnow(), finished_at=utcnow(), finish_reason="finished",
        pages=10, articles=8, duplicates=1, failures=3, errors={"http_404": 2, "timeout": 1}, args={}, stats={})))
    stats = collect(store)
    total_ok = sum(v["ok"] for v in stats.articles_by_site.values())
    assert total_ok == len(copies)
    assert sum(v["duplicates"] for v in stats.articles_by_site.values()) == sum(
        1 for c in copies if c.kind in ("chrome", "edit", "traditional"))
    assert stats.articles_by_site["workercn"]["empty"] == 1
    assert sum(n for _, _, n in stats.per_day) == total_ok
    reasons = {(where, reason): n for where, _, reason, n in stats.failures}
    assert reasons[("crawl", "http_404")] == 2 and reasons[("crawl", "timeout")] == 1
    assert any(where == "cleaning" and reason.startswith("empty:") for where, reason in reasons)
    assert stats.runs[0]["spider"] == "workercn" and stats.runs[0]["failures"] == 3
    console = Console(record=True, width=160)
    render(stats, console)
    text = console.export_text()
    for expected in ("articles per site", "workercn", "http_404", "last crawl runs", "finished", "schedule"):
        assert expected in text
