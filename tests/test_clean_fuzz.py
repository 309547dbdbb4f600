"""Property-based tests: random text and random, truncated or deeply nested HTML never crash the cleaner,
and whatever it returns with FORMAT.md's characters (keep_fullwidth=False, as the store and exports use it)
renders to a valid seed-format file (the checks of ../shared/tools/check_format.py, restated here) that reads
back the same."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaning import Article, clean_text, decode_html, extract_article, parse_seed_text, render_seed_text
from cleaning.decode import COMMON_HAN, looks_like_mojibake
from cleaning.normalize import has_traditional

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ODD_SPACE = re.compile("[\u00a0\u2000-\u200b\u3000\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd]")
META = re.compile(r"^(\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?)?(  来源:\S.*|来源:\S.*)?$")


def assert_seed_format(article: Article, keep_traditional: bool = False) -> None:
    assert isinstance(article, Article)
    text = render_seed_text(article)
    if article.is_empty:
        return
    assert "\r" not in text and not text.startswith("\ufeff") and not text.endswith("\n")
    assert not any(0xFF01 <= ord(c) <= 0xFF5E for c in text), "full-width ASCII left"
    assert not ODD_SPACE.search(text), "odd spaces left"
    assert not CONTROL.search(text), "control characters or U+FFFD left"
    lines = text.split("\n")
    assert all(line == line.strip() for line in lines), "whitespace at a line edge"
    if article.title:
        assert lines[0]
        body_start = 2
        if lines[1]:
            assert META.match(lines[1]), lines[1]
            assert lines[2] == ""
            body_start = 3
    else:   # the untitled form of seed_format: an empty first line, the header line (maybe empty), a blank
        assert lines[0] == "" and lines[2] == ""
        assert not lines[1] or META.match(lines[1]), lines[1]
        body_start = 3
    body = lines[body_start:]
    assert body and all(body[i] if i % 2 == 0 else body[i] == "" for i in range(len(body))), \
        "paragraphs not separated by exactly one blank line"
    paragraphs = body[::2]
    long_ones = [p for p in paragraphs if len(p) > 8]
    assert len(long_ones) == len(set(long_ones)), "repeated paragraph"
    if not keep_traditional:
        assert not has_traditional(text) or sum(a != b for a, b in zip(text, _t2s(text))) <= 2, "Traditional left"
    back = parse_seed_text(text)
    assert (back.title, back.paragraphs) == (" ".join(article.title.split()), paragraphs)
    assert render_seed_text(back) == text


def _t2s(text: str) -> str:
    from cleaning.normalize import to_simplified
    return to_simplified(text)


# --- strategies ---------------------------------------------------------------------------------------

HAN = "".join(sorted(COMMON_HAN))[:600]
TRAD = "會職業與為這個們國時來說對發經過還處"
PUNCT = "，。、：；？！“”《》（）——…· \u3000\u00a0\u200b"
NOISE_WORDS = ["责任编辑:张三", "来源:工人日报", "分享到:", "首页 > 新闻", "版权所有", "2021-11-15 09:10:29",
               "2021年11月15日", "相关阅读", "扫码关注", "ICP备12345678号", "[摘要]", "编辑:李四", "'); })();"]

chinese_text = st.text(alphabet=HAN + TRAD + PUNCT + "abcXYZ0123456789,.:", min_size=0, max_size=120)
long_text = st.text(alphabet=HAN + TRAD + PUNCT + "0123456789", min_size=40, max_size=200)
line = st.one_of(chinese_text, long_text, st.sampled_from(NOISE_WORDS), st.text(max_size=40))
random_text = st.lists(line, max_size=25).map("\n".join)

TAGS = ["div", "p", "span", "a", "ul", "li", "table", "tr", "td", "h1", "h2", "script", "style", "br", "img",
        "article", "section", "font", "strong", "iframe", "form", "center", "em"]
ATTRS = ['', ' class="content"', ' id="title"', ' class="nav"', ' class="footer"', ' class="editor"',
         ' src="a.jpg" alt="图片说明"', ' href="/news/1.html"', ' style="display:none"', ' class="share"']


def _element(children):
    return st.builds(lambda tag, attr, kids: f"<{tag}{attr}>{''.join(kids)}</{tag}>",
                     st.sampled_from(TAGS), st.sampled_from(ATTRS), st.lists(children, max_size=5))


leaf = st.one_of(chinese_text, st.sampled_from(NOISE_WORDS), long_text.map(lambda t: f"<p>{t}</p>"))
html_fragment = st.recursive(leaf, _element, max_leaves=40)
html_page = st.builds(lambda title, body: f"<html><head><title>{title}</title></head><body>{body}</body></html>",
                      chinese_text, st.lists(html_fragment, max_size=8).map("".join))


# --- properties ---------------------------------------------------------------------------------------

@FUZZ
@given(random_text, st.booleans())
def test_clean_text_never_crashes_and_renders_valid_format(text, keep):
    assert_seed_format(clean_text(text, keep_traditional=keep, keep_fullwidth=False), keep)


@FUZZ
@given(html_page, st.booleans())
def test_extract_article_on_random_html(html, keep):
    assert_seed_format(extract_article(html, keep_traditional=keep, keep_fullwidth=False), keep)


@FUZZ
@given(html_page, st.floats(min_value=0.0, max_value=1.0))
def test_extract_article_on_truncated_html(html, cut):
    assert_seed_format(extract_article(html[: int(len(html) * cut)], keep_fullwidth=False))


@settings(max_examples=6, deadline=None)
@given(st.integers(min_value=200, max_value=4000), st.sampled_from(["div", "span", "table", "font", "p"]),
       st.booleans())
def test_extract_article_on_deeply_nested_html(depth, tag, closed):
    inner = "市总工会开展职工技能竞赛活动，来自全市各行业的三百余名职工同台竞技。"
    html = "<html><body>" + f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "") + "</body></html>"
    assert_seed_format(extract_article(html, keep_fullwidth=False))


@FUZZ
@given(st.text(max_size=80))
def test_extract_article_on_random_strings(text):
    assert_seed_format(extract_article(text, keep_fullwidth=False))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([None, "utf-8", "gbk", "big5", "latin-1", "bogus", ""]))
def test_decode_html_never_raises(data, declared):
    text, encoding = decode_html(data, declared)
    assert isinstance(text, str) and isinstance(encoding, str)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_decode_html_returns_utf8_text_unchanged(text):
    assume(not text.startswith("\ufeff"))
    assume(not looks_like_mojibake(text))   # e.g. '\x81\x80±»Ïã' is GBK read as Latin-1: repaired on purpose
    assert decode_html(text.encode("utf-8"))[0] == text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=HAN[:300] + "，。、“”", min_size=30, max_size=200),
       st.text(alphabet="abc <>/=\"123\n", max_size=20))
def test_decode_html_finds_gbk_chinese(han, ascii_part):
    text = ascii_part + han
    assume(sum(ch in COMMON_HAN for ch in text) >= 25)
    assert decode_html(text.encode("gbk")) == (text, "gb18030")
