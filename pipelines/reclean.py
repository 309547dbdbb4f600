"""`unionnews reclean`: run the current cleaner again over the stored raw pages.

Only articles whose output changed are rewritten (and re-linked as near-duplicates); unchanged ones keep
their row and get the new cleaner version stamp. Work goes in batches of raw pages in id order; each
batch's article writes and the job's progress mark (`reclean_state`) commit in one transaction, so an
interrupted job (Ctrl-C, crash, kill) loses nothing and the same command resumes after the last
committed batch. A finished job removes its mark, so running it again starts over (and, with an
unchanged cleaner, changes nothing).
"""
from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import time
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

import sqlalchemy as sa

from pipelines.clean_page import CleanOutcome, PageInput, clean_page, clean_pages
from pipelines.store import Store, decode_extra, utcnow
from pipelines.storage.models import RecleanState

log = logging.getLogger(__name__)
DB_BATCH = int(os.environ.get("UNIONNEWS_RECLEAN_BATCH") or 200)   # raw pages per transaction
TASK_CHUNK = 20


@dataclass
class RecleanSummary:
    job: str
    cleaner_version: str
    pages: int = 0
    resumed_from: int = 0
    actions: Counter = field(default_factory=Counter)      # inserted | updated | unchanged | restamped
    changed_by_site: Counter = field(default_factory=Counter)
    status_changes: Counter = field(default_factory=Counter)  # 'ok -> empty' ...
    changed_urls: list[str] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def changed(self) -> int:
        return self.actions["updated"] + self.actions["inserted"]

    def lines(self) -> list[str]:
        rate = self.pages / self.seconds if self.seconds else 0.0
        head = "re-clean interrupted" if self.interrupted else "re-clean done"
        out = [f"{head}: {self.pages} pages in {self.seconds:.1f}s ({rate:.1f} pages/s), cleaner {self.cleaner_version}"
               + (f", resumed after raw page {self.resumed_from}" if self.resumed_from else ""),
               f"  changed: {self.changed} (rewritten {self.actions['updated']}, new {self.actions['inserted']}); "
               f"unchanged: {self.actions['unchanged'] + self.actions['restamped']} "
               f"(version stamp updated on {self.actions['restamped']})"]
        for site, n in sorted(self.changed_by_site.items()):
            out.append(f"  {site}: {n} changed")
        for change, n in sorted(self.status_changes.items()):
            out.append(f"  status {change}: {n}")
        for url in self.changed_urls[:10]:
            out.append(f"  changed: {url}")
        if self.interrupted:
            out.append("  run the same command again to resume")
        return out


def job_key(site: str | None, since: str | None, version: str, overrides: dict | None) -> str:
    data = {"site": site or "", "since": since or "", "version": version,
            "rules": sorted((k, repr(v)) for k, v in (overrides or {}).items())}
    return "reclean:" + hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:24]


def _inputs(rows: list[dict]) -> list[PageInput]:
    return [PageInput(url=r["url"], canonical_url=r["canonical_url"], site=r["site"], body=r["body_gz"],
                      compressed=True, encoding=r["encoding"] or "", headers=r["headers"] or {},
                      extra_pages=decode_extra(r["extra_pages_gz"]), meta=r["meta"] or {},
                      raw_page_id=r["id"], previous_output_hash=r["output_hash"] or "")
            for r in rows]


def reclean(store: Store, *, site: str | None = None, since: str | None = None, jobs: int = 1,
            overrides: dict | None = None, version: str | None = None, progress: bool = False,
            stop_after_batches: int | None = None) -> RecleanSummary:
    """Re-clean stored raw pages; see the module docstring. `overrides` ({site: SiteRules}) and `version`
    replace the current rules/version (tests, trying a rule change); `stop_after_batches` simulates an
    interruption."""
    from cleaning import CLEANER_VERSION
    version = version or CLEANER_VERSION
    key = job_key(site, since, version, overrides)
    summary = RecleanSummary(job=key, cleaner_version=version)
    start = store.read("reading re-clean progress", lambda conn: conn.execute(
        sa.select(RecleanState.last_raw_page_id).where(RecleanState.job == key)).scalar()) or 0
    summary.resumed_from = start
    total = store.count_raw_for_reclean(site, since, start)
    pool = None
    if jobs > 1:
        from pipelines.item_pipelines import warm_up
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("forkserver"))
        for f in [pool.submit(warm_up) for _ in range(jobs)]:
            f.result()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=total, unit="page", desc="re-clean", dynamic_ncols=True)
    t0 = time.perf_counter()
    batches = 0
    try:
        window: list[tuple[list[dict], list[Future] | list[CleanOutcome]]] = []
        source = store.iter_raw_for_reclean(site, since, start, batch=DB_BATCH)
        exhausted = False
        while True:
            # keep the workers busy: up to two DB batches in flight while the oldest one is written
            while not exhausted and len(window) < (2 if pool else 1):
                rows = next(source, None)
                if rows is None:
                    exhausted = True
                    break
                inputs = _inputs(rows)
                if pool:
                    work = [pool.submit(clean_pages, inputs[i:i + TASK_CHUNK], overrides, version)
                            for i in range(0, len(inputs), TASK_CHUNK)]
                else:
                    work = [clean_page(p, overrides, version) for p in inputs]
                window.append((rows, work))
            if not window:
                break
            rows, work = window.pop(0)
            outcomes = [o for f in work for o in f.result()] if pool else work
            _write(store, key, rows, outcomes, summary)
            batches += 1
            if bar:
                bar.update(len(rows))
            if stop_after_batches is not None and batches >= stop_after_batches:
                summary.interrupted = True
                break
        if not summary.interrupted:
            store.write("finishing the re-clean", lambda conn: conn.execute(
                sa.delete(RecleanState).where(RecleanState.job == key)))
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if pool:
            pool.shutdown(wait=not summary.interrupted, cancel_futures=True)
        if bar:
            bar.close()
        summary.seconds = time.perf_counter() - t0
    return summary


def _write(store: Store, key: str, rows: list[dict], outcomes: list[CleanOutcome], summary: RecleanSummary) -> None:
    last_id = rows[-1]["id"]
    before = {}
    changed = [o for o in outcomes if not o.unchanged]
    if changed:
        from pipelines.storage.models import ArticleRow
        urls = [o.canonical_url for o in changed]
        before = store.read("reading article status", lambda conn: dict(conn.execute(
            sa.select(ArticleRow.canonical_url, ArticleRow.status).where(ArticleRow.canonical_url.in_(urls))).all()))

    def mark(conn):
        table = RecleanState.__table__
        updated = conn.execute(table.update().where(table.c.job == key)
                               .values(last_raw_page_id=last_id, updated_at=utcnow())).rowcount
        if not updated:
            conn.execute(table.insert().values(job=key, last_raw_page_id=last_id, updated_at=utcnow()))

    results = store.upsert_articles(outcomes, restamp=True, also=mark)
    summary.pages += len(rows)
    for o, r in zip(outcomes, results):
        summary.actions[r.action] += 1
        if r.action in ("updated", "inserted"):
            summary.changed_by_site[o.site] += 1
            summary.changed_urls.append(o.canonical_url)
            old = before.get(o.canonical_url)
            if old and old != o.status:
                summary.status_changes[f"{old} -> {o.status}"] += 1
