"""SQLAlchemy 2.0 typed models. Schema changes go through an Alembic migration in migrations/versions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary,
                        String, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class RawPage(Base):
    """One fetched version of a page. A page whose content changed gets a new row; old rows stay."""
    __tablename__ = "raw_pages"
    __table_args__ = (
        UniqueConstraint("canonical_url", "content_hash", name="uq_raw_pages_url_hash"),
        Index("ix_raw_pages_site_fetched", "site", "fetched_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(2048), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    final_url: Mapped[str] = mapped_column(String(2048), default="")
    site: Mapped[str] = mapped_column(String(64))
    spider: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(32), default="article")
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[int] = mapped_column(Integer, default=200)
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    encoding: Mapped[str] = mapped_column(String(32), default="")
    body_gz: Mapped[bytes] = mapped_column(LargeBinary)           # zlib-compressed raw body
    extra_pages_gz: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # zlib(JSON) of further pages
    content_hash: Mapped[str] = mapped_column(String(64))         # sha256 of the raw body (+ extra pages)
    meta: Mapped[dict] = mapped_column(JSON, default=dict)        # channel, issue_date, page, list_* from the spider
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"), nullable=True)


class ArticleRow(Base):
    """The clean article of a canonical URL (from its latest raw page)."""
    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_site_published", "site", "published"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    url: Mapped[str] = mapped_column(String(2048))
    raw_page_id: Mapped[int | None] = mapped_column(ForeignKey("raw_pages.id"), nullable=True)
    site: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(128), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    lead_title: Mapped[str] = mapped_column(Text, default="")
    subtitle: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str] = mapped_column(String(19), default="")   # as in the seed format
    published_date: Mapped[str] = mapped_column(String(10), default="", index=True)  # 'YYYY-MM-DD' for filters
    source: Mapped[str] = mapped_column(String(256), default="")
    authors: Mapped[list] = mapped_column(JSON, default=list)
    editor: Mapped[str] = mapped_column(String(256), default="")
    issue_date: Mapped[str] = mapped_column(String(10), default="")
    page: Mapped[str] = mapped_column(String(64), default="")
    images: Mapped[list] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text, default="")                 # paragraphs joined by '\n\n'
    content_hash: Mapped[str] = mapped_column(String(64), default="", index=True)  # of the normalised text
    simhash_key: Mapped[str] = mapped_column(String(64), default="")   # free for the near-dup index
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)   # MinHash signature (uint32s)
    output_hash: Mapped[str] = mapped_column(String(64), default="")   # of every cleaner output field
    traditional: Mapped[bool] = mapped_column(Boolean, default=False)  # the page was in Traditional script
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(16), default="ok")      # ok | empty | rejected | failed
    reason: Mapped[str] = mapped_column(Text, default="")
    cleaner_version: Mapped[str] = mapped_column(String(32), default="")
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    cleaned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)  # output changed


class CrawlRun(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    spider: Mapped[str] = mapped_column(String(64), index=True)
    args: Mapped[dict] = mapped_column(JSON, default=dict)
    trigger: Mapped[str] = mapped_column(String(32), default="manual")   # manual | schedule | distributed
    host: Mapped[str] = mapped_column(String(256), default="")
    pid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finish_reason: Mapped[str] = mapped_column(String(64), default="")   # finished | shutdown | error | refused...
    pages: Mapped[int] = mapped_column(Integer, default=0)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[dict] = mapped_column(JSON, default=dict)           # reason -> count
    stats: Mapped[dict] = mapped_column(JSON, default=dict)            # Scrapy stats at close


class RunLock(Base):
    """At most one run of a spider at a time, across processes and machines."""
    __tablename__ = "run_locks"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)   # e.g. 'spider:workercn'
    owner: Mapped[str] = mapped_column(String(256))                    # host:pid:uuid
    acquired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))   # renewed by a heartbeat
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"), nullable=True)


class RecleanState(Base):
    """Progress of a re-clean job, so an interrupted job resumes where it stopped."""
    __tablename__ = "reclean_state"

    job: Mapped[str] = mapped_column(String(128), primary_key=True)    # hash of the job's filters + cleaner version
    last_raw_page_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
