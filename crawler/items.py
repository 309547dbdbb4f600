"""What spiders hand to the pipelines: one fetched page and what the spider knows about it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageItem:
    url: str                      # the URL the spider asked for (original portal URL, never the replay's)
    final_url: str                # after redirects
    canonical_url: str            # see crawler.urls.canonicalize_url
    site: str                     # site key: 'workercn', 'sxworker', 'jsgrb', ...
    spider: str
    status: int
    headers: dict[str, str]
    body: bytes                   # raw body as fetched (multi-page articles: see extra_pages)
    encoding: str                 # detected encoding of body ('utf-8', 'gb18030', 'big5', ...)
    fetched_at: str               # ISO 8601 UTC
    kind: str = "article"         # 'article' (to be cleaned); other kinds are stored raw only
    channel: str = ""
    issue_date: str = ""          # e-paper issue date 'YYYY-MM-DD'
    page: str = ""                # e-paper page number/name
    list_time: str = ""           # time shown on the list page that linked here
    list_source: str = ""         # source shown on the list page
    list_title: str = ""          # title shown on the list page
    extra_pages: list[dict] = field(default_factory=list)   # [{'url':..., 'body': bytes, 'encoding':...}] for _2.shtml...
    mojibake: bool = False        # decoding looked wrong (logged by the spider)
