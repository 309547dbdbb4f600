"""A replayed site as a table of pre-built pages keyed by URL, plus the faults it plays.

The replays of 陕工网 and of the config-driven papers build every page once in __init__ (from the site's
seeded RNG) and answer requests by lookup; `flaky` URLs answer 503 to their first request (with faults on).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from .base import ExpectedArticle, ReplayResponse, ReplaySite, html_response


def url_key(url: str) -> str:
    """Lookup key of a portal URL: host + path + ?query (no scheme: the replay sees neither)."""
    parts = urlsplit(url)
    return (parts.hostname or "").lower() + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@dataclass
class Page:
    html: str
    encoding: str = "utf-8"
    declared: str | None = "utf-8"      # charset in the Content-Type header (None: only in <meta>, if at all)
    content_type: str = ""              # overrides text/html (period.xml)


class PageTableSite(ReplaySite):
    """Subclasses implement build() with add()/expect(); respond() looks pages up."""

    faults = True

    def __init__(self, n_articles: int = 60, seed: int = 0):
        super().__init__(n_articles=n_articles, seed=seed)
        self.pages: dict[str, Page] = {}
        self.flaky: set[str] = set()          # 503 on the first request, 200 afterwards
        self._expected: list[ExpectedArticle] = []
        self.non_article_urls: list[str] = []  # pages at article URLs that hold no article
        self.build()

    def build(self) -> None:
        raise NotImplementedError

    def add(self, url: str, html: str, encoding: str = "utf-8", declared: str | None = "utf-8",
            content_type: str = "") -> str:
        self.pages[url_key(url)] = Page(html, encoding, declared, content_type)
        return url

    def expect(self, article: ExpectedArticle) -> None:
        self._expected.append(article)

    def expected(self) -> list[ExpectedArticle]:
        return list(self._expected)

    def crawl_args(self) -> dict[str, str]:
        """Spider arguments a complete crawl of this replay needs (e-papers: the issue date range)."""
        dates = sorted(a.issue_date for a in self._expected if a.issue_date)
        return {"start": dates[0], "end": dates[-1]} if dates else {}

    def respond(self, host: str, path: str, query: str, attempt: int) -> ReplayResponse | None:
        key = host + path + (f"?{query}" if query else "")
        if self.faults and key in self.flaky and attempt == 1:
            return ReplayResponse(status=503, body=b"<html><body>503 Service Unavailable</body></html>",
                                  content_type="text/html")
        page = self.pages.get(key)
        if page is None:
            return None
        if page.content_type:
            return ReplayResponse(body=page.html.encode(page.encoding), content_type=page.content_type)
        return html_response(page.html, encoding=page.encoding, declared=page.declared)


def issue_dates(first: date, count: int, weekdays: tuple[int, ...]) -> list[date]:
    """`count` consecutive issue dates from `first` on, on the given ISO weekdays."""
    out, day = [], first
    while len(out) < count:
        if day.isoweekday() in weekdays:
            out.append(day)
        day += timedelta(days=1)
    return out


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paras_html(paragraphs: list[str], indent: str = "\u3000\u3000") -> str:
    return "\n".join(f"<p>{indent}{esc(p)}</p>" for p in paragraphs)
