"""URL canonicalisation: one spelling per page, so that dedup, the store and "already known?" agree.

- host lower-cased, default port dropped, known aliases mapped (`workercn.cn` -> `www.workercn.cn`);
- one scheme per known host (the portal serves both; the canonical form is the one it links to);
- fragment dropped, tracking parameters (`utm_*`, `spm`, `from`, ...) dropped, the rest sorted;
- the big5 gateway (`big5.workercn.cn/big5/<host>/<path>`) mapped back to the page it copies.

Site knowledge lives in the tables below; a paper whose hosts need an alias or a fixed scheme adds lines.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

# alias host -> canonical host
HOST_ALIASES: dict[str, str] = {
    "workercn.cn": "www.workercn.cn",
    "m.workercn.cn": "www.workercn.cn",
    "sxworker.com": "www.sxworker.com",
}

# canonical scheme per host; a key starting with '.' covers every subdomain not listed itself
HOST_SCHEMES: dict[str, str] = {
    "www.workercn.cn": "https",
    ".workercn.cn": "http",          # legacy <sub>.workercn.cn pages
    "img-sxworker.sxworker.com": "https",
    "www.sxworker.com": "https",
    "paper.sxworker.com": "http",
    "szb.sxworker.com": "http",
}

# gateways that serve a converted copy of another host's pages: host -> path prefixes before '<host>/<path>'
GATEWAY_HOSTS: dict[str, tuple[str, ...]] = {
    "big5.workercn.cn": ("/big5/", "/gate/big5/"),
}

TRACKING_PARAMS = frozenset({
    "spm", "from", "isappinstalled", "scene", "clicktime", "enterid", "wfr", "share", "sharefrom",
    "share_token", "sharer_shareid", "sharer_sharetime", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid",
    "_hsenc", "_hsmi", "ref", "wxfrom", "winzoom", "tt_from", "tt_group_id", "share_type",
})
TRACKING_PREFIXES = ("utm_",)

_HOST_RE = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$")


def canonical_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return HOST_ALIASES.get(host, host)


def scheme_for(host: str, scheme: str) -> str:
    if host in HOST_SCHEMES:
        return HOST_SCHEMES[host]
    for key, value in HOST_SCHEMES.items():
        if key.startswith(".") and host.endswith(key):
            return value
    return scheme


def ungateway(url: str) -> str | None:
    """The original URL behind a gateway URL; None when `url` is no gateway URL or names no host."""
    parts = urlsplit(url)
    prefixes = GATEWAY_HOSTS.get((parts.hostname or "").lower())
    if prefixes is None:
        return None
    for prefix in prefixes:
        if parts.path.lower().startswith(prefix):
            host, _, path = parts.path[len(prefix):].partition("/")
            if _HOST_RE.match(host.lower()) and host.lower() not in GATEWAY_HOSTS:
                return urlunsplit((parts.scheme or "http", host, "/" + path, parts.query, ""))
    return None


def is_gateway_url(url: str) -> bool:
    """True for any URL on a gateway host (mapped or not): such URLs are never fetched as they are."""
    return (urlsplit(url).hostname or "").lower() in GATEWAY_HOSTS


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """The canonical spelling of `url` (see module doc). A gateway URL that names no original host is
    returned canonicalised but still on the gateway host - callers check `is_gateway_url` and drop it."""
    url = url.strip()
    original = ungateway(url)
    if original is not None:
        url = original
    parts = urlsplit(url)
    if not parts.scheme or not parts.hostname:
        return url
    host = canonical_host(parts.hostname)
    scheme = scheme_for(host, parts.scheme.lower())
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)])
    path = parts.path or "/"
    return _w3lib_canonicalize(urlunsplit((scheme, netloc, path, query, "")), keep_blank_values=True)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
