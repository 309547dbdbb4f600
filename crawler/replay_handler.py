"""Download handler that sends portal requests to the offline replay (setting REPLAY_URL).

`https://www.workercn.cn/c/2024-01-02/8.shtml` is fetched as `<REPLAY_URL>/www.workercn.cn/c/2024-01-02/8.shtml`
with Scrapy's own HTTP/1.1 handler, and the response comes back under the ORIGINAL URL: spiders, the
offsite and robots.txt middlewares, the dupefilter and the stats see the portal, never the replay.
Without REPLAY_URL the handler is the plain HTTP/1.1 handler.
"""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Request, Response


def replay_url_for(url: str, replay_url: str) -> str:
    """The replay URL serving the portal URL `url`."""
    parts = urlsplit(url)
    base = urlsplit(replay_url.rstrip("/"))
    path = f"{base.path}/{parts.hostname}{parts.path or '/'}"
    return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))


class ReplayDownloadHandler(HTTP11DownloadHandler):
    lazy = False

    def __init__(self, crawler):
        super().__init__(crawler)
        self.replay_url = (crawler.settings.get("REPLAY_URL") or "").rstrip("/")
        self.replay_netloc = urlsplit(self.replay_url).netloc if self.replay_url else ""

    async def download_request(self, request: Request) -> Response:
        if not self.replay_url or urlsplit(request.url).netloc == self.replay_netloc:
            return await super().download_request(request)
        replayed = request.replace(url=replay_url_for(request.url, self.replay_url))
        response = await super().download_request(replayed)
        return response.replace(url=request.url)
