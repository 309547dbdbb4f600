"""Reading a replayed page straight from its ReplaySite, as a browser would get it (no HTTP server)."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from cleaning.decode import decode_html

_CHARSET = re.compile(r"charset=([\w-]+)", re.I)


def fetch_page(site, url: str) -> str:
    """The page's text past the replay's transient faults (502, time-out). A `truncate` answer carries
    the whole body here (the HTTP server is what cuts it), so it is used."""
    parts = urlsplit(url)
    response = None
    for attempt in range(1, 6):
        response = site.respond(parts.hostname, parts.path or "/", parts.query, attempt)
        assert response is not None, f"{url}: replay answers 404"
        if response.status == 200 and not response.delay:
            break
    assert response.status == 200 and not response.delay, f"{url}: no prompt answer in 5 attempts"
    declared = _CHARSET.search(response.content_type or "")
    return decode_html(response.body, declared.group(1) if declared else None)[0]
