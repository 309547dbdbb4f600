"""`unionnews export`: stored articles -> a directory of seed-format files plus `manifest.jsonl`.

Names: `NNN_<16 hex>.txt`, the hex being `store.url_hash16(canonical URL)`. NNN numbers the articles
ordered by (publication time, URL hash), a function of the exported set alone: exporting the same
articles again - from this database or another one that crawled them - gives the same names, and
articles published later than all others only append numbers.

Atomic: everything is written into a hidden temporary directory beside OUT, which then replaces OUT
(a previous export there is swapped out and removed). A crash leaves OUT as it was - never a
half-written export. OUT must be empty, missing or an earlier export (it has a manifest.jsonl).
`--format jsonl` writes `articles.jsonl` (metadata and text per line) instead of the text files.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path

from cleaning import Article, render_seed_text
from pipelines.store import Store, url_hash16

log = logging.getLogger(__name__)
MANIFEST = "manifest.jsonl"
ARTICLES_JSONL = "articles.jsonl"
META_FIELDS = ("url", "canonical_url", "site", "channel", "title", "lead_title", "subtitle", "published", "source",
               "authors", "editor", "issue_date", "page", "images", "cleaner_version", "content_hash", "traditional")


class ExportError(RuntimeError):
    pass


@dataclass
class ExportSummary:
    out: Path
    files: int
    by_site: dict[str, int]
    duplicates_included: int


def _sort_key(row: dict) -> tuple:
    return (row["published"] or "9999", url_hash16(row["canonical_url"]), row["id"])


def file_names(rows: list[dict]) -> dict[int, str]:
    """{article id: file name} for the exported set (see the module docstring)."""
    ordered = sorted(rows, key=_sort_key)
    width = max(3, len(str(max(len(ordered) - 1, 0))))
    return {r["id"]: f"{n:0{width}d}_{url_hash16(r['canonical_url'])}.txt" for n, r in enumerate(ordered)}


def article_of(row: dict) -> Article:
    return Article(title=row["title"], lead_title=row["lead_title"], subtitle=row["subtitle"],
                   published=row["published"], source=row["source"], authors=list(row["authors"] or []),
                   editor=row["editor"], paragraphs=[p for p in (row["text"] or "").split("\n\n") if p.strip()],
                   url=row["url"], canonical_url=row["canonical_url"], site=row["site"], channel=row["channel"],
                   issue_date=row["issue_date"], page=row["page"], cleaner_version=row["cleaner_version"])


def _check_target(out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            raise ExportError(f"{out} exists and is not a directory")
        if any(out.iterdir()) and not (out / MANIFEST).exists():
            raise ExportError(f"{out} is not empty and holds no earlier export ({MANIFEST}); "
                              "choose another --out or empty it")


def _remove_stale_temps(out: Path) -> None:
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        try:
            pid = int(stale.name.rsplit("-", 2)[-2])
        except (ValueError, IndexError):
            continue
        if not _alive(pid):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def export(store: Store, out: str | Path, *, site: str | None = None, since: str | None = None,
           until: str | None = None, fmt: str = "txt", include_duplicates: bool = False,
           fail_after: int | None = None) -> ExportSummary:
    """Export; see the module docstring. `fail_after` raises after that many files (crash tests)."""
    if fmt not in ("txt", "jsonl"):
        raise ExportError(f"unknown format {fmt!r} (txt or jsonl)")
    out = Path(out).absolute()
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(out)
    filters = dict(site=site, since=since, until=until, include_duplicates=include_duplicates)
    keys = [{k: r[k] for k in ("id", "published", "canonical_url", "duplicate_of")}
            for r in store.iter_export_rows(**filters)]
    names = file_names(keys)
    url_of = {r["id"]: r["canonical_url"] for r in keys}
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    manifest: dict[str, dict] = {}
    by_site: dict[str, int] = {}
    dups = 0
    try:
        jsonl = open(tmp / ARTICLES_JSONL, "w", encoding="utf-8") if fmt == "jsonl" else None
        try:
            for written, row in enumerate(store.iter_export_rows(**filters)):
                if fail_after is not None and written >= fail_after:
                    raise RuntimeError(f"simulated crash after {written} files")
                name = names.get(row["id"])
                if name is None:       # stored after the key scan: next export
                    continue
                meta = {"file": name if fmt == "txt" else None, "id": row["id"],
                        **{k: row[k] for k in META_FIELDS},
                        "fetched_at": _iso(row["fetched_at"]),
                        "duplicate_of": url_of.get(row["duplicate_of"]) or _original_url(store, row["duplicate_of"]),
                        "duplicate_of_file": names.get(row["duplicate_of"])}
                if fmt == "txt":
                    (tmp / name).write_text(render_seed_text(article_of(row)), encoding="utf-8", newline="\n")
                else:
                    jsonl.write(json.dumps({**meta, "name": name, "text": row["text"]}, ensure_ascii=False) + "\n")
                manifest[name] = meta
                by_site[row["site"]] = by_site.get(row["site"], 0) + 1
                dups += row["duplicate_of"] is not None
        finally:
            if jsonl:
                jsonl.close()
        with open(tmp / MANIFEST, "w", encoding="utf-8") as fh:
            for name in sorted(manifest):
                fh.write(json.dumps(manifest[name], ensure_ascii=False) + "\n")
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ExportSummary(out, len(manifest), by_site, dups)


def _iso(value) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


def _original_url(store: Store, article_id: int | None) -> str | None:
    if article_id is None:
        return None
    import sqlalchemy as sa
    from pipelines.storage.models import ArticleRow
    return store.read("reading an original", lambda conn: conn.execute(
        sa.select(ArticleRow.canonical_url).where(ArticleRow.id == article_id)).scalar())


def _swap_in(tmp: Path, out: Path) -> None:
    """Replace `out` by the finished `tmp` with renames only (a directory cannot be os.replace'd over a
    non-empty one): out -> old, tmp -> out, then old is removed."""
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        if old is not None:
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
