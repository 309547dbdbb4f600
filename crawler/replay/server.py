"""A real threaded HTTP server for the replay: `/<host><path>` is answered by the site owning <host>."""
from __future__ import annotations

import logging
import re
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .base import ExpectedArticle, ReplayResponse, ReplaySite
from .registry import load_site_classes

log = logging.getLogger(__name__)
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


class Replay:
    """All replayed portals, built once; routes a (host, path, query) to the site that owns the host."""

    def __init__(self, n_articles: int = 60, seed: int = 0, sites: list[ReplaySite] | None = None,
                 faults: bool = True):
        self.sites = sites if sites is not None else [cls(n_articles=n_articles, seed=seed)
                                                      for cls in load_site_classes()]
        for site in self.sites:
            site.faults = faults
        self.by_host = {h: s for s in self.sites for h in s.hosts}
        self.attempts: Counter[str] = Counter()
        self.requests: Counter[str] = Counter()     # every URL served, for tests ("fetched once?")
        self._lock = threading.Lock()

    def expected(self, spider: str | None = None) -> list[ExpectedArticle]:
        out = [a for s in self.sites for a in s.expected()]
        return [a for a in out if spider is None or a.spider == spider]

    def respond(self, host: str, path: str, query: str) -> ReplayResponse | None:
        host = host.lower().split(":")[0]
        site = self.by_host.get(host)
        key = f"{host}{path}?{query}"
        with self._lock:
            self.attempts[key] += 1
            self.requests[key] += 1
            attempt = self.attempts[key]
        if site is None:
            return None
        if path == "/robots.txt":
            return ReplayResponse(body=site.robots_txt().encode(), content_type="text/plain")
        return site.respond(host, path, query, attempt)


class _Handler(BaseHTTPRequestHandler):
    server_version = "UnionnewsReplay/1.0"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True   # headers and body go out in separate writes: no 40 ms delayed-ACK stalls

    def log_message(self, fmt, *args):  # route to logging instead of stderr
        log.debug("replay %s " + fmt, self.address_string(), *args)

    def do_GET(self):
        replay: Replay = self.server.replay
        parts = urlsplit(self.path)
        segs = parts.path.lstrip("/").split("/", 1)
        if segs[0] in replay.by_host or _DOMAIN.match(segs[0]):
            # `/<host>/...`: also for hosts no site owns, so that off-site requests show in `requests`
            host, path = segs[0], "/" + (segs[1] if len(segs) > 1 else "")
        else:  # direct use with a Host header (e.g. through a proxy setting)
            host, path = self.headers.get("Host", ""), parts.path
        try:
            resp = replay.respond(host, path, parts.query)
        except Exception:  # a bug in a site must show as a 500, not kill the server
            log.exception("replay failed on %s%s", host, path)
            resp = ReplayResponse(status=500, body=b"replay error", content_type="text/plain")
        if resp is None:
            resp = ReplayResponse(status=404, body=b"not found", content_type="text/plain")
        if resp.delay:
            time.sleep(resp.delay)
        try:
            self.send_response(resp.status)
            self.send_header("Content-Type", resp.content_type)
            self.send_header("Content-Length", str(len(resp.body)))
            for k, v in resp.headers.items():
                self.send_header(k, v)
            if resp.truncate:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(resp.body[: len(resp.body) // 2] if resp.truncate else resp.body)
            if resp.truncate:
                self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            pass  # client gave up (timeout tests)

    do_HEAD = do_GET


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # a crawler that gives up on a slow page (timeout tests) resets its connection: not an error
        import sys
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class ReplayServer:
    """Serve a Replay on 127.0.0.1 in a background thread. `url` is what REPLAY_URL should be set to."""

    def __init__(self, replay: Replay, port: int = 0, host: str = "127.0.0.1"):
        self.replay = replay
        self.httpd = _Server((host, port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.replay = replay
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "ReplayServer":
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                       name="replay", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
