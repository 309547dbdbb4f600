"""URL canonicalisation: one spelling per page (hosts, schemes, tracking, fragments, big5 gateway)."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from crawler.urls import canonicalize_url, is_gateway_url, ungateway

ARTICLE = "https://www.workercn.cn/c/2023-08-01/7970001.shtml"


@pytest.mark.parametrize("variant", [
    "http://www.workercn.cn/c/2023-08-01/7970001.shtml",
    "https://workercn.cn/c/2023-08-01/7970001.shtml",
    "HTTP://WorkerCN.cn:80/c/2023-08-01/7970001.shtml",
    "https://www.workercn.cn:443/c/2023-08-01/7970001.shtml#comment",
    "https://www.workercn.cn/c/2023-08-01/7970001.shtml?from=roll&utm_source=wx&spm=a.b",
    "  https://www.workercn.cn/c/2023-08-01/7970001.shtml?utm_medium=x  ",
    "http://big5.workercn.cn/big5/www.workercn.cn/c/2023-08-01/7970001.shtml",
    "http://big5.workercn.cn/gate/big5/www.workercn.cn/c/2023-08-01/7970001.shtml",
])
def test_spellings_of_one_article_share_one_canonical_url(variant):
    assert canonicalize_url(variant) == ARTICLE


def test_legacy_subdomains_keep_http_and_their_host():
    url = "https://News.workercn.cn/32845/201912/30/191230090949123.shtml"
    assert canonicalize_url(url) == "http://news.workercn.cn/32845/201912/30/191230090949123.shtml"
    gated = "http://big5.workercn.cn/big5/news.workercn.cn/32845/201912/30/191230090949123_2.shtml"
    assert canonicalize_url(gated) == "http://news.workercn.cn/32845/201912/30/191230090949123_2.shtml"


def test_meaningful_query_parameters_stay_sorted():
    url = "http://www.jsgrb.com/article/content?key=5f0c2b8e9a1d4c3b2a1f0e9d&utm_campaign=x"
    assert canonicalize_url(url) == "http://www.jsgrb.com/article/content?key=5f0c2b8e9a1d4c3b2a1f0e9d"
    assert canonicalize_url("http://a.example.cn/x?b=2&a=1&from=t") == "http://a.example.cn/x?a=1&b=2"


def test_gateway_urls_without_an_original_stay_on_the_gateway():
    for url in ("http://big5.workercn.cn/", "http://big5.workercn.cn/big5/notahost/x.html"):
        assert ungateway(url) is None
        assert is_gateway_url(canonicalize_url(url))
    assert not is_gateway_url(ARTICLE)


def test_unknown_hosts_keep_their_scheme_and_port():
    assert canonicalize_url("https://Example.org:8443/a?b=1#f") == "https://example.org:8443/a?b=1"
    assert canonicalize_url("not a url") == "not a url"


@given(st.sampled_from(["http", "https"]), st.sampled_from(["workercn.cn", "www.workercn.cn", "WWW.WORKERCN.CN"]),
       st.integers(1, 9_999_999), st.sampled_from(["", "#x", "?utm_source=a", "?from=b&spm=c"]))
def test_canonicalisation_is_idempotent(scheme, host, ident, tail):
    once = canonicalize_url(f"{scheme}://{host}/c/2024-01-02/{ident}.shtml{tail}")
    assert once == f"https://www.workercn.cn/c/2024-01-02/{ident}.shtml"
    assert canonicalize_url(once) == once
