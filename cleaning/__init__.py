"""Pure cleaning library: saved HTML or stored text -> clean `Article`; seed-format render/parse.

No Scrapy, no I/O, no global mutable state. Public API (stable; other packages import only these):

    extract_article(html: str, url: str | None = None, site_rules: SiteRules | None = None,
                    keep_traditional: bool = False, keep_fullwidth: bool = True) -> Article
    clean_text(text: str, url: str | None = None, site_rules: SiteRules | None = None,
               keep_traditional: bool = False, keep_fullwidth: bool = True) -> Article

Characters: Traditional -> Simplified by default; odd spaces and control characters always normalised;
full-width punctuation (，：（）) kept as the source has it unless `keep_fullwidth=False`, which gives
FORMAT.md's archive characters (，-> ,) - what the store and `unionnews export` write.
    decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]   # (text, encoding)
    render_seed_text(article: Article) -> str
    parse_seed_text(text: str) -> Article
    rules_for_url(url: str | None) -> SiteRules | None
    CLEANER_VERSION: str
"""
from .article import Article, Image, Removal
from .decode import decode_html
from .extract import extract_article
from .seed_format import parse_seed_text, render_seed_text
from .site_rules import BUILTIN_RULES, SiteRules, rules_for_url
from .text_clean import clean_text
from .version import CLEANER_VERSION

__all__ = ["Article", "Image", "Removal", "extract_article", "clean_text", "decode_html", "render_seed_text",
           "parse_seed_text", "rules_for_url", "SiteRules", "BUILTIN_RULES", "CLEANER_VERSION"]
