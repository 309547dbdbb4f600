"""One stored or fetched page -> the article row it yields. Runs in worker processes (crawl and re-clean).

Everything crossing the process boundary is a plain picklable dataclass. The cleaner itself is the pure
`cleaning` library; this module adds what only the crawl knows: the decoding hint, the site's rules and
the metadata the spider saw on list and e-paper pages (issue date, page, channel, list title/time/source),
which fill the gaps the page itself leaves.
"""
from __future__ import annotations

import hashlib
import json
import logging
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipelines.dedup import Fingerprint

log = logging.getLogger(__name__)

# article columns written from the cleaner's output (everything whose change makes an article "changed")
OUTPUT_FIELDS = ("title", "lead_title", "subtitle", "published", "source", "authors", "editor", "issue_date",
                 "page", "images", "text", "channel", "traditional")


@dataclass
class PageInput:
    url: str
    canonical_url: str
    site: str
    body: bytes = b""                 # raw body, or zlib-compressed when `compressed`
    encoding: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    extra_pages: list[dict] = field(default_factory=list)   # [{'url', 'body', 'encoding'}]
    meta: dict[str, Any] = field(default_factory=dict)      # channel, issue_date, page, list_*
    raw_page_id: int | None = None
    compressed: bool = False
    previous_output_hash: str = ""     # re-clean: skip sending back an unchanged result


@dataclass
class CleanOutcome:
    canonical_url: str
    url: str
    site: str
    status: str                       # ok | empty | failed
    reason: str
    fields: dict[str, Any]
    content_hash: str
    signature: bytes | None
    output_hash: str
    cleaner_version: str
    raw_page_id: int | None = None
    unchanged: bool = False           # output equals previous_output_hash (fields may then be empty)


def output_hash(status: str, reason: str, fields: dict[str, Any]) -> str:
    data = {"status": status, "reason": reason, **{k: fields.get(k) for k in OUTPUT_FIELDS}}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def configured_rules() -> dict:
    """{site: SiteRules} from the site configs that declare a [clean] table (crawler/sites/*.toml)."""
    from crawler.sites import load_site_configs
    out = {}
    for config in load_site_configs(strict=False):
        if config.clean:
            try:
                out[config.name] = config.site_rules()
            except ValueError as exc:
                log.error("cleaning rules of %s skipped: %s", config.name, exc)
    return out


def rules_for(site: str, url: str, overrides: dict | None = None):
    """The site's declared rules (overrides first, then site configs), else the builtin rules for the URL."""
    from cleaning import rules_for_url
    if overrides and site in overrides:
        return overrides[site]
    return configured_rules().get(site) or rules_for_url(url)


def _decode(body: bytes, encoding: str, headers: dict[str, str]) -> str:
    if encoding:
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    from cleaning.decode import declared_charset, decode_html
    return decode_html(body, declared_charset(headers))[0]


def _fill_gaps(article, meta: dict[str, Any], rules=None) -> None:
    from cleaning.dates import normalize_date
    default_source = getattr(rules, "default_source", "")
    if default_source and article.source == default_source and meta.get("list_source"):
        article.source = ""     # the portal's name was only a default; the list page said more
    article.channel = article.channel or meta.get("channel", "")
    article.issue_date = article.issue_date or meta.get("issue_date", "")
    article.page = article.page or str(meta.get("page", "") or "")
    article.title = article.title or (meta.get("list_title") or "").strip()
    article.source = article.source or (meta.get("list_source") or "").strip()
    if not article.published and meta.get("list_time"):
        article.published = normalize_date(meta["list_time"]) or ""
    if not article.published and article.issue_date:
        article.published = article.issue_date


def article_fields(article) -> dict[str, Any]:
    return {
        "title": article.title, "lead_title": article.lead_title, "subtitle": article.subtitle,
        "published": article.published, "source": article.source, "authors": list(article.authors),
        "editor": article.editor, "issue_date": article.issue_date, "page": article.page,
        "images": [{"url": i.url, "caption": i.caption} for i in article.images],
        "text": article.text, "channel": article.channel, "traditional": bool(article.traditional),
    }


def clean_page(page: PageInput, overrides: dict | None = None, version: str | None = None) -> CleanOutcome:
    """Clean one page; never raises (a cleaner error becomes status 'failed' with the reason)."""
    from cleaning import CLEANER_VERSION, extract_article
    version = version or CLEANER_VERSION
    status, reason, fields = "ok", "", {}
    try:
        body = zlib.decompress(page.body) if page.compressed else page.body
        rules = rules_for(page.site, page.url, overrides)
        # the archive holds FORMAT.md's characters (full-width punctuation folded), as exports must
        article = extract_article(_decode(body, page.encoding, page.headers), url=page.url, site_rules=rules,
                                  keep_fullwidth=False)
        seen = set(article.paragraphs)
        for extra in page.extra_pages:
            more = extract_article(_decode(extra["body"], extra.get("encoding", ""), {}),
                                   url=extra.get("url") or page.url, site_rules=rules, keep_fullwidth=False)
            article.paragraphs.extend(p for p in more.paragraphs if p not in seen)
            seen.update(more.paragraphs)
        _fill_gaps(article, page.meta, rules)
        fields = article_fields(article)
        if article.is_empty:
            status, reason = "empty", "no body text left after cleaning (not an article page?)"
        elif not article.title:
            status, reason = "rejected", "no title found"
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a crawl; the reason is stored
        log.warning("cleaning %s failed: %s: %s", page.url, type(exc).__name__, exc)
        status, reason = "failed", f"cleaner error: {type(exc).__name__}: {exc}"
        fields = {}
    digest = output_hash(status, reason, fields)
    if page.previous_output_hash and digest == page.previous_output_hash:
        return CleanOutcome(page.canonical_url, page.url, page.site, status, reason, {}, "", None, digest,
                            version, page.raw_page_id, unchanged=True)
    fp = Fingerprint.of(fields.get("text", "")) if status == "ok" else Fingerprint("", None, 0)
    return CleanOutcome(page.canonical_url, page.url, page.site, status, reason, fields, fp.content_hash,
                        fp.signature, digest, version, page.raw_page_id)


def clean_pages(pages: list[PageInput], overrides: dict | None = None, version: str | None = None) -> list[CleanOutcome]:
    """A chunk at a time: fewer round trips to the worker processes."""
    return [clean_page(p, overrides, version) for p in pages]
