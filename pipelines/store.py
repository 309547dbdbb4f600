"""The store: raw pages, articles and their duplicate links, behind one small API used by the item
pipeline, re-clean, export and stats.

Every write is one transaction per batch; a locked or unreachable database is retried with backoff and
then fails with a `StoreError` that names the database - nothing is dropped silently. Raw pages are
versioned: a page whose content changed gets a new row, the earlier rows stay (`is_latest` marks the
newest). Articles are keyed by canonical URL and rewritten only when the cleaner's output changed.
"""
from __future__ import annotations

import hashlib
import json
import logging
import random
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterator, TypeVar

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from pipelines import dedup
from pipelines.clean_page import CleanOutcome
from pipelines.storage import db
from pipelines.storage.models import ArticleRow, CrawlRun, RawPage

log = logging.getLogger(__name__)
T = TypeVar("T")
IN_CHUNK = 500          # ids / URLs per IN (...) clause


class StoreError(RuntimeError):
    """The database could not be written or read; the message names it."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def parse_time(value: str | datetime | None) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
        except ValueError:
            log.warning("bad fetch time %r, using now", value)
    return utcnow()


def url_hash16(canonical_url: str) -> str:
    """The 16 hex digits of an exported file name: stable for a canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


@dataclass
class RawPageIn:
    """A fetched page as the store takes it (from a PageItem)."""
    url: str
    canonical_url: str
    site: str
    body: bytes
    encoding: str = ""
    final_url: str = ""
    spider: str = ""
    kind: str = "article"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | datetime | None = None
    extra_pages: list[dict] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def content_hash(self) -> str:
        h = hashlib.sha256(self.body)
        for extra in self.extra_pages:
            h.update(b"\0" + (extra.get("body") or b""))
        return h.hexdigest()


@dataclass
class SavedRaw:
    id: int
    new_version: bool       # False: the same content was stored before


@dataclass
class UpsertResult:
    canonical_url: str
    article_id: int
    action: str              # inserted | updated | unchanged | restamped
    status: str
    duplicate_of: int | None


def _chunks(items: list, n: int = IN_CHUNK):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _encode_extra(pages: list[dict]) -> bytes | None:
    if not pages:
        return None
    data = [{"url": p.get("url", ""), "encoding": p.get("encoding", ""),
             "body": (p.get("body") or b"").decode("latin-1")} for p in pages]
    return zlib.compress(json.dumps(data).encode("utf-8"))


def decode_extra(blob: bytes | None) -> list[dict]:
    if not blob:
        return []
    return [{**p, "body": p["body"].encode("latin-1")} for p in json.loads(zlib.decompress(blob))]


class Store:
    def __init__(self, db_url: str | None = None, *, retries: int = 6, backoff: float = 0.25,
                 migrate: bool = True):
        self.url = db.resolve_db_url(db_url)
        if db.is_disabled(self.url):
            raise StoreError("the store is switched off (UNIONNEWS_DB=none)")
        self.name = db.display_url(self.url)
        self.retries, self.backoff = retries, backoff
        self.engine = db.make_engine(self.url)
        self.writer = db.write_engine(self.url)
        self._index: dedup.NearDuplicateIndex | None = None
        if migrate:
            self._retry("upgrading the schema", lambda: db.upgrade(self.url))

    # --- plumbing --------------------------------------------------------------------------------
    def _retry(self, what: str, fn: Callable[[], T]) -> T:
        """Run fn; retry on a locked/unreachable database (and on a lost race for a unique key)."""
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            try:
                return fn()
            except (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.IntegrityError) as exc:
                self._index = None          # in-memory state may be ahead of the rolled-back transaction
                if attempt == self.retries:
                    kind = "a constraint" if isinstance(exc, sa_exc.IntegrityError) else "locked or unreachable"
                    raise StoreError(f"{what}: database {self.name} failed ({kind}) after {attempt} attempts: "
                                     f"{exc.orig if getattr(exc, 'orig', None) else exc}") from exc
                log.warning("%s: database %s: %s - retry %d/%d in %.1fs", what, self.name,
                            getattr(exc, "orig", exc), attempt, self.retries - 1, delay)
                time.sleep(delay * (1 + random.random() / 2))
                delay = min(delay * 2, 10)
        raise AssertionError("unreachable")

    def read(self, what: str, fn: Callable[[sa.Connection], T]) -> T:
        def run():
            with self.engine.connect() as conn:
                return fn(conn)
        return self._retry(what, run)

    def write(self, what: str, fn: Callable[[sa.Connection], T]) -> T:
        def run():
            with self.writer.begin() as conn:
                return fn(conn)
        return self._retry(what, run)

    def dispose(self) -> None:
        self.engine.dispose()

    # --- raw pages -------------------------------------------------------------------------------
    def save_raw_pages(self, pages: list[RawPageIn], crawl_run_id: int | None = None) -> list[SavedRaw]:
        if not pages:
            return []
        return self.write(f"saving {len(pages)} raw pages", lambda conn: self._save_raw(conn, pages, crawl_run_id))

    def _save_raw(self, conn, pages: list[RawPageIn], crawl_run_id) -> list[SavedRaw]:
        t = RawPage.__table__
        urls = sorted({p.canonical_url for p in pages})
        known: dict[tuple[str, str], tuple[int, bool]] = {}
        for chunk in _chunks(urls):
            for row in conn.execute(sa.select(t.c.id, t.c.canonical_url, t.c.content_hash, t.c.is_latest)
                                    .where(t.c.canonical_url.in_(chunk))):
                known[(row.canonical_url, row.content_hash)] = (row.id, row.is_latest)
        if len(urls) == len(pages):
            return self._save_raw_bulk(conn, pages, crawl_run_id, known)
        out = []
        for page in pages:   # one URL several times in the batch: page by page, in order
            digest = page.content_hash()
            hit = known.get((page.canonical_url, digest))
            if hit is not None:
                raw_id, latest = hit
                if not latest:   # the page went back to an earlier version
                    self._make_latest(conn, page.canonical_url, raw_id)
                    known = {k: (v[0], v[0] == raw_id) if k[0] == page.canonical_url else v for k, v in known.items()}
                out.append(SavedRaw(raw_id, False))
                continue
            conn.execute(t.update().where(t.c.canonical_url == page.canonical_url, t.c.is_latest.is_(True))
                         .values(is_latest=False))
            raw_id = conn.execute(t.insert().values(**_raw_values(t, page, digest, crawl_run_id))
                                  .returning(t.c.id)).scalar_one()
            known = {k: (v[0], False) if k[0] == page.canonical_url else v for k, v in known.items()}
            known[(page.canonical_url, digest)] = (raw_id, True)
            out.append(SavedRaw(raw_id, True))
        return out

    def _save_raw_bulk(self, conn, pages: list[RawPageIn], crawl_run_id, known) -> list[SavedRaw]:
        """Distinct URLs: one UPDATE for the superseded versions, one multi-row INSERT for the new ones."""
        t = RawPage.__table__
        versioned = {url for url, _ in known}
        out: list[SavedRaw | None] = []
        new_rows, new_at, superseded = [], [], []
        for i, page in enumerate(pages):
            digest = page.content_hash()
            hit = known.get((page.canonical_url, digest))
            if hit is not None:
                if not hit[1]:
                    self._make_latest(conn, page.canonical_url, hit[0])
                out.append(SavedRaw(hit[0], False))
                continue
            if page.canonical_url in versioned:
                superseded.append(page.canonical_url)
            new_rows.append(_raw_values(t, page, digest, crawl_run_id))
            new_at.append(i)
            out.append(None)
        for chunk in _chunks(superseded):
            conn.execute(t.update().where(t.c.canonical_url.in_(chunk), t.c.is_latest.is_(True)).values(is_latest=False))
        if new_rows:
            ids = conn.execute(t.insert().returning(t.c.id, sort_by_parameter_order=True), new_rows).scalars().all()
            for i, raw_id in zip(new_at, ids):
                out[i] = SavedRaw(raw_id, True)
        return out

    @staticmethod
    def _make_latest(conn, canonical_url: str, raw_id: int) -> None:
        t = RawPage.__table__
        conn.execute(t.update().where(t.c.canonical_url == canonical_url).values(is_latest=(t.c.id == raw_id)))

    # --- articles --------------------------------------------------------------------------------
    def upsert_articles(self, outcomes: list[CleanOutcome], fetched_at: dict[str, datetime] | None = None,
                        restamp: bool = True, also: Callable[[sa.Connection], None] | None = None) -> list[UpsertResult]:
        """Write cleaned articles: insert new ones, rewrite those whose output changed, link duplicates.

        `restamp`: an unchanged article whose cleaner version differs gets the new version stamp.
        `also`: more writes for the same transaction (e.g. a re-clean's progress mark).
        """
        if not outcomes and also is None:
            return []

        def run(conn):
            results = self._upsert(conn, outcomes, fetched_at or {}, restamp) if outcomes else []
            if also is not None:
                also(conn)
            return results
        return self.write(f"saving {len(outcomes)} articles", run)

    def _upsert(self, conn, outcomes: list[CleanOutcome], fetched_at: dict, restamp: bool) -> list[UpsertResult]:
        t = ArticleRow.__table__
        now = utcnow()
        index = self._dedup_index(conn)
        existing: dict[str, Any] = {}
        urls = sorted({o.canonical_url for o in outcomes})
        for chunk in _chunks(urls):
            for row in conn.execute(sa.select(t.c.id, t.c.canonical_url, t.c.output_hash, t.c.cleaner_version,
                                              t.c.raw_page_id, t.c.duplicate_of, t.c.status)
                                    .where(t.c.canonical_url.in_(chunk))):
                existing[row.canonical_url] = row
        results: list[UpsertResult] = []
        changed: list[tuple[int, CleanOutcome]] = []
        restamps: dict[str, list[int]] = {}
        pending: list[tuple[dict, int, int, CleanOutcome]] = []
        bulk = len(urls) == len(outcomes)     # distinct URLs: no row depends on another of the batch
        for o in outcomes:
            old = existing.get(o.canonical_url)
            if old is not None and (o.unchanged or old.output_hash == o.output_hash):
                touched = False
                if o.raw_page_id and old.raw_page_id != o.raw_page_id:
                    conn.execute(t.update().where(t.c.id == old.id).values(raw_page_id=o.raw_page_id))
                    touched = True
                if restamp and old.cleaner_version != o.cleaner_version:
                    restamps.setdefault(o.cleaner_version, []).append(old.id)
                    touched = True
                results.append(UpsertResult(o.canonical_url, old.id, "restamped" if touched else "unchanged",
                                            old.status, old.duplicate_of))
                continue
            values = dict(
                canonical_url=o.canonical_url, url=o.url, site=o.site, status=o.status, reason=o.reason,
                cleaner_version=o.cleaner_version, output_hash=o.output_hash, content_hash=o.content_hash,
                minhash=o.signature, cleaned_at=now, updated_at=now,
                **{k: o.fields.get(k, default) for k, default in _FIELD_DEFAULTS.items()},
            )
            values["published_date"] = (values["published"] or "")[:10]
            _fit(t, values)
            if o.raw_page_id:
                values["raw_page_id"] = o.raw_page_id
            if o.canonical_url in fetched_at:
                values["fetched_at"] = fetched_at[o.canonical_url]
            if old is None and bulk:
                values.setdefault("raw_page_id", None)
                values.setdefault("fetched_at", None)
                values["duplicate_of"] = None
                pending.append((values, len(results), len(changed), o))
                changed.append((0, o))
                results.append(UpsertResult(o.canonical_url, 0, "inserted", o.status, None))
                continue
            if old is None:
                values["duplicate_of"] = None
                article_id = conn.execute(t.insert().values(**values).returning(t.c.id)).scalar_one()
                action = "inserted"
            else:
                article_id = old.id
                conn.execute(t.update().where(t.c.id == article_id).values(**values))
                action = "updated"
            existing[o.canonical_url] = _Row(article_id, o.canonical_url, o.output_hash, o.cleaner_version,
                                             o.raw_page_id, old.duplicate_of if old else None, o.status)
            changed.append((article_id, o))
            results.append(UpsertResult(o.canonical_url, article_id, action, o.status, None))
        if pending:   # new articles: one multi-row INSERT
            ids = conn.execute(t.insert().returning(t.c.id, sort_by_parameter_order=True),
                               [v for v, _, _, _ in pending]).scalars().all()
            for article_id, (_, ri, ci, o) in zip(ids, pending):
                results[ri].article_id = article_id
                changed[ci] = (article_id, o)
        for version, ids in restamps.items():   # one statement per chunk, not per row
            for chunk in _chunks(ids):
                conn.execute(t.update().where(t.c.id.in_(chunk)).values(cleaner_version=version, cleaned_at=now))
        links = self._link(conn, index, changed)
        for r in results:
            if r.article_id in links:
                r.duplicate_of = links[r.article_id]
            elif r.action in ("inserted", "updated"):
                r.duplicate_of = conn.execute(sa.select(t.c.duplicate_of).where(t.c.id == r.article_id)).scalar()
        return results

    def _link(self, conn, index: dedup.NearDuplicateIndex, changed: list[tuple[int, CleanOutcome]]) -> dict[int, int | None]:
        """Find the stored copies of changed articles and point every copy at the earliest one."""
        t = ArticleRow.__table__
        matches: dict[int, list[int]] = {}
        for article_id, o in changed:
            index.remove(article_id)
            if o.status != "ok" or not o.content_hash:
                matches[article_id] = []
                continue
            matches[article_id] = index.matches(o.content_hash, o.signature, exclude=article_id)
            index.add(article_id, o.content_hash, o.signature)
        # copies of an article that is no longer a valid original (e.g. a re-clean left it empty) are
        # detached and linked again among what is left, so that the story stays in the export
        gone = [a for a, o in changed if o.status != "ok" or not o.content_hash]
        orphans = []
        for chunk in _chunks(gone):
            orphans += conn.execute(sa.select(t.c.id, t.c.content_hash, t.c.minhash)
                                    .where(t.c.duplicate_of.in_(chunk))).all()
            conn.execute(t.update().where(t.c.duplicate_of.in_(chunk)).values(duplicate_of=None))
        for row in orphans:
            matches[row.id] = index.matches(row.content_hash, row.minhash, exclude=row.id)
        involved = {a for a, _ in changed} | set(matches) | {m for ms in matches.values() for m in ms}
        info: dict[int, Any] = {}
        for _ in range(2):   # the involved rows, then the roots they point at
            missing = sorted(i for i in involved if i not in info)
            for chunk in _chunks(missing):
                for row in conn.execute(sa.select(t.c.id, t.c.published, t.c.duplicate_of).where(t.c.id.in_(chunk))):
                    info[row.id] = row
            involved |= {r.duplicate_of for r in info.values() if r.duplicate_of is not None}
        ranks = {i: dedup.rank_key(r.published, i) for i, r in info.items()}
        links = {i: r.duplicate_of for i, r in info.items()}
        for article_id, _ in changed:
            links.setdefault(article_id, None)
        changes, moved = dedup.link_duplicates(ranks, matches, links)
        for old_root, new_root in moved.items():
            conn.execute(t.update().where(t.c.duplicate_of == old_root).values(duplicate_of=new_root))
        for article_id, target in changes.items():
            conn.execute(t.update().where(t.c.id == article_id).values(duplicate_of=target))
        return {a: links.get(a) for a, _ in changed}

    def _dedup_index(self, conn) -> dedup.NearDuplicateIndex:
        """The in-memory index, built on first use and topped up with rows other processes added."""
        t = ArticleRow.__table__
        if self._index is None:
            rows = conn.execute(sa.select(t.c.id, t.c.content_hash, t.c.minhash).where(t.c.status == "ok")
                                .order_by(t.c.id).execution_options(yield_per=5000))
            self._index = dedup.NearDuplicateIndex.from_rows((r.id, r.content_hash, r.minhash) for r in rows)
        else:
            for r in conn.execute(sa.select(t.c.id, t.c.content_hash, t.c.minhash)
                                  .where(t.c.status == "ok", t.c.id > self._index.max_id).order_by(t.c.id)):
                self._index.add(r.id, r.content_hash, r.minhash)
        return self._index

    def rebuild_duplicate_index(self) -> dedup.NearDuplicateIndex:
        self._index = None
        return self.read("building the near-duplicate index", self._dedup_index)

    # --- queries ---------------------------------------------------------------------------------
    def known_urls(self, site: str | None = None) -> set[str]:
        t = ArticleRow.__table__
        q = sa.select(t.c.canonical_url)
        if site:
            q = q.where(t.c.site == site)
        return self.read("reading known URLs", lambda conn: set(conn.execute(q).scalars()))

    def article_by_url(self, canonical_url: str) -> dict | None:
        t = ArticleRow.__table__
        row = self.read("reading an article", lambda conn: conn.execute(
            sa.select(t).where(t.c.canonical_url == canonical_url)).mappings().first())
        return dict(row) if row else None

    def raw_pages_of(self, canonical_url: str) -> list[dict]:
        t = RawPage.__table__
        rows = self.read("reading raw pages", lambda conn: conn.execute(
            sa.select(t).where(t.c.canonical_url == canonical_url).order_by(t.c.id)).mappings().all())
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        def run(conn):
            return {
                "raw_pages": conn.execute(sa.select(sa.func.count()).select_from(RawPage)).scalar_one(),
                "articles": conn.execute(sa.select(sa.func.count()).select_from(ArticleRow)).scalar_one(),
                "ok": conn.execute(sa.select(sa.func.count()).select_from(ArticleRow)
                                   .where(ArticleRow.status == "ok")).scalar_one(),
                "duplicates": conn.execute(sa.select(sa.func.count()).select_from(ArticleRow)
                                           .where(ArticleRow.duplicate_of.is_not(None))).scalar_one(),
                "crawl_runs": conn.execute(sa.select(sa.func.count()).select_from(CrawlRun)).scalar_one(),
            }
        return self.read("counting rows", run)

    def iter_export_rows(self, site: str | None = None, since: str | None = None, until: str | None = None,
                         include_duplicates: bool = False, batch: int = 500) -> Iterator[dict]:
        """Exportable articles (status ok), streamed in id order by keyset pagination."""
        t = ArticleRow.__table__
        cols = [c for c in t.c if c.name not in ("minhash",)]
        last = 0
        while True:
            q = sa.select(*cols).where(t.c.status == "ok", t.c.id > last)
            if site:
                q = q.where(t.c.site == site)
            if since:
                q = q.where(t.c.published_date >= since)
            if until:
                q = q.where(t.c.published_date <= until, t.c.published_date != "")
            if not include_duplicates:
                q = q.where(t.c.duplicate_of.is_(None))
            rows = self.read("reading articles", lambda conn: [dict(r) for r in conn.execute(
                q.order_by(t.c.id).limit(batch)).mappings()])
            if not rows:
                return
            yield from rows
            last = rows[-1]["id"]

    def iter_raw_for_reclean(self, site: str | None, since: str | None, after_id: int,
                             batch: int = 200) -> Iterator[list[dict]]:
        """Latest raw article pages with id > after_id (and their article's output hash), in id order."""
        r, a = RawPage.__table__, ArticleRow.__table__
        last = after_id
        while True:
            q = (sa.select(r.c.id, r.c.url, r.c.canonical_url, r.c.site, r.c.body_gz, r.c.extra_pages_gz,
                           r.c.encoding, r.c.headers, r.c.meta, a.c.output_hash)
                 .select_from(r.outerjoin(a, a.c.canonical_url == r.c.canonical_url))
                 .where(r.c.is_latest.is_(True), r.c.kind == "article", r.c.id > last))
            if site:
                q = q.where(r.c.site == site)
            if since:
                q = q.where(r.c.fetched_at >= parse_time(since))
            rows = self.read("reading raw pages", lambda conn: [dict(x) for x in conn.execute(
                q.order_by(r.c.id).limit(batch)).mappings()])
            if not rows:
                return
            yield rows
            last = rows[-1]["id"]

    def count_raw_for_reclean(self, site: str | None, since: str | None, after_id: int = 0) -> int:
        r = RawPage.__table__
        q = sa.select(sa.func.count()).select_from(r).where(r.c.is_latest.is_(True), r.c.kind == "article",
                                                             r.c.id > after_id)
        if site:
            q = q.where(r.c.site == site)
        if since:
            q = q.where(r.c.fetched_at >= parse_time(since))
        return self.read("counting raw pages", lambda conn: conn.execute(q).scalar_one())


def _raw_values(t: sa.Table, page: RawPageIn, digest: str, crawl_run_id) -> dict:
    values = dict(
        canonical_url=page.canonical_url, url=page.url, final_url=page.final_url or page.url,
        site=page.site, spider=page.spider, kind=page.kind, fetched_at=parse_time(page.fetched_at),
        status=page.status, headers=dict(page.headers or {}), encoding=page.encoding or "",
        body_gz=zlib.compress(page.body, 6), extra_pages_gz=_encode_extra(page.extra_pages),
        content_hash=digest, meta=dict(page.meta or {}), is_latest=True, crawl_run_id=crawl_run_id)
    _fit(t, values)
    return values


def _fit(table: sa.Table, values: dict) -> None:
    """Cut strings to their column's length and drop NUL characters, which PostgreSQL refuses."""
    for key, value in values.items():
        if isinstance(value, str):
            value = value.replace("\x00", "")
            length = getattr(table.c[key].type, "length", None)
            if length and len(value) > length:
                log.warning("%s cut to %d characters: %.60s...", key, length, value)
                value = value[:length]
            values[key] = value


class _Row:
    __slots__ = ("id", "canonical_url", "output_hash", "cleaner_version", "raw_page_id", "duplicate_of", "status")

    def __init__(self, *values):
        for name, value in zip(self.__slots__, values):
            setattr(self, name, value)


_FIELD_DEFAULTS: dict[str, Any] = {
    "title": "", "lead_title": "", "subtitle": "", "published": "", "source": "", "authors": [],
    "editor": "", "issue_date": "", "page": "", "images": [], "text": "", "channel": "", "traditional": False,
}
