"""`unionnews stats`: what the store holds - articles per site and day, duplicates, failures by reason,
the last crawl runs. `collect()` returns plain data (tests, JSON); `render()` prints rich tables."""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from pipelines.storage.models import ArticleRow, CrawlRun, RawPage
from pipelines.store import Store


@dataclass
class StoreStats:
    database: str
    raw_pages: int = 0
    articles_by_site: dict[str, dict[str, int]] = field(default_factory=dict)  # site -> {ok, duplicates, failed...}
    per_day: list[tuple[str, str, int]] = field(default_factory=list)         # (site, day, ok articles)
    failures: list[tuple[str, str, str, int]] = field(default_factory=list)   # (where, site, reason, count)
    runs: list[dict] = field(default_factory=list)


def collect(store: Store, days: int = 14, runs: int = 10) -> StoreStats:
    a, r, c = ArticleRow.__table__, RawPage.__table__, CrawlRun.__table__

    def run(conn) -> StoreStats:
        out = StoreStats(store.name, raw_pages=conn.execute(sa.select(sa.func.count()).select_from(r)).scalar_one())
        for site, status, is_dup, n in conn.execute(
                sa.select(a.c.site, a.c.status, a.c.duplicate_of.is_not(None), sa.func.count())
                .group_by(a.c.site, a.c.status, a.c.duplicate_of.is_not(None))):
            row = out.articles_by_site.setdefault(site, {"ok": 0, "duplicates": 0, "empty": 0, "rejected": 0,
                                                         "failed": 0})
            row[status] = row.get(status, 0) + n
            if status == "ok" and is_dup:
                row["duplicates"] += n
        for site, day, n in conn.execute(
                sa.select(a.c.site, a.c.published_date, sa.func.count())
                .where(a.c.status == "ok", a.c.published_date != "")
                .group_by(a.c.site, a.c.published_date).order_by(a.c.site, a.c.published_date.desc())):
            if sum(1 for s, _, _ in out.per_day if s == site) < days:
                out.per_day.append((site, day, n))
        out.failures = [("cleaning", site, f"{status}: {reason}", n) for site, status, reason, n in conn.execute(
            sa.select(a.c.site, a.c.status, a.c.reason, sa.func.count()).where(a.c.status != "ok")
            .group_by(a.c.site, a.c.status, a.c.reason).order_by(sa.func.count().desc()))]
        crawl_errors: dict[tuple[str, str], int] = {}
        for spider, errors in conn.execute(sa.select(c.c.spider, c.c.errors)):
            for reason, n in (errors or {}).items():
                crawl_errors[(spider, reason)] = crawl_errors.get((spider, reason), 0) + int(n or 0)
        out.failures += [("crawl", spider, reason, n) for (spider, reason), n in
                         sorted(crawl_errors.items(), key=lambda kv: -kv[1])]
        out.runs = [dict(x) for x in conn.execute(
            sa.select(c.c.id, c.c.spider, c.c.trigger, c.c.started_at, c.c.finished_at, c.c.finish_reason,
                      c.c.pages, c.c.articles, c.c.duplicates, c.c.failures)
            .order_by(c.c.id.desc()).limit(runs)).mappings()]
        return out
    return store.read("reading statistics", run)


def render(stats: StoreStats, console=None) -> None:
    from rich.console import Console
    from rich.table import Table
    console = console or Console()
    console.print(f"[bold]store[/bold] {stats.database}: {stats.raw_pages} raw pages")

    t = Table(title="articles per site")
    for col in ("site", "ok", "of which duplicates", "empty", "rejected", "failed"):
        t.add_column(col, justify="left" if col == "site" else "right")
    for site, row in sorted(stats.articles_by_site.items()):
        t.add_row(site, str(row.get("ok", 0)), str(row.get("duplicates", 0)), str(row.get("empty", 0)),
                  str(row.get("rejected", 0)), str(row.get("failed", 0)))
    console.print(t)

    if stats.per_day:
        t = Table(title="articles per publication day (latest days per site)")
        t.add_column("site")
        t.add_column("articles per day, newest first")
        for site in sorted({s for s, _, _ in stats.per_day}):
            t.add_row(site, "  ".join(f"{d}: {n}" for s, d, n in stats.per_day if s == site))
        console.print(t)

    t = Table(title="failures by reason")
    for col in ("where", "site / spider", "reason", "count"):
        t.add_column(col, justify="right" if col == "count" else "left")
    for where, site, reason, n in stats.failures:
        t.add_row(where, site, reason[:80], str(n))
    if not stats.failures:
        t.add_row("-", "-", "none", "0")
    console.print(t)

    t = Table(title="last crawl runs")
    for col in ("id", "spider", "trigger", "started", "took", "finish", "pages", "articles", "dups", "failed"):
        t.add_column(col, no_wrap=True,
                     justify="right" if col in ("id", "took", "pages", "articles", "dups", "failed") else "left")
    for run in stats.runs:
        took = (f"{(run['finished_at'] - run['started_at']).total_seconds():.0f}s"
                if run["finished_at"] and run["started_at"] else "-")
        t.add_row(str(run["id"]), run["spider"], run["trigger"], _time(run["started_at"]), took,
                  run["finish_reason"] or "running/crashed", str(run["pages"]), str(run["articles"]),
                  str(run["duplicates"]), str(run["failures"]))
    console.print(t)


def _time(value) -> str:
    return value.strftime("%m-%d %H:%M") if value else "-"
