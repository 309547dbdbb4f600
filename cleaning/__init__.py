"""Pure cleaning library: saved HTML or stored text -> clean `Article`; seed-format render/parse.

No Scrapy, no I/O, no global mutable state. Public API (stable; other packages import only these):

    extract_article(html: str, url: str | None = None, site_rules: SiteRules | None = None,
                    keep_traditional: bool = False) -> Article
    clean_text(text: str, url: str | None = None, site_rules: SiteRules | None = None,
               keep_traditional: bool = False) -> Article
    decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]   # (text, encoding)
    render_seed_text(article: Article) -> str
    parse_seed_text(text: str) -> Article
    rules_for_url(url: str | None) -> SiteRules | None
    CLEANER_VERSION: str
"""
from .article import Article, Image, Removal

__all__ = ["Article", "Image", "Removal"]
