"""Text re-cleaning on held-out raw texts: every replayed portal's article pages (crawler/replay) turned into
the plain text a user stores (the page's visible text in document order, one line per block element, blank
lines between blocks, like the seeds) and cleaned by `clean_text` WITHOUT a URL, so no site rule can help.

Variants of each text: `plain`; `titled` (the page <title> echo on top, as seed 002); `traditional`
(OpenCC s2t of the whole text: the Simplified output must equal the expected article); `broken` (seed 004:
a paragraph broken mid-sentence by a blank line, and a paragraph plus fragments repeated after the body);
`spam` (seed 001's injected line on top, seed 000's keyword stuffing and list tail under the text);
`dense` (one line per block with no blank lines between, long blocks indented with U+3000 like seed 003).

Photo captions, photo credits and stand-alone byline lines are judgement calls in FORMAT.md: they are left
out on both sides before the paragraphs are compared. bench/heldout_text.py prints the pass rates.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pytest
from lxml import html as lxml_html
from opencc import OpenCC

from cleaning import clean_text
from cleaning.dates import find_date
from cleaning.normalize import normalize_text, to_simplified
from crawler.replay.registry import load_site_classes
from replay_pages import fetch_page

N_ARTICLES = 8
VARIANTS = ("plain", "titled", "traditional", "broken", "dense", "spam")
_SPAM_TOP = "日韩免费AV乱码高清专区,国产一级二级在线,青青青国产精品国产精品美女,欧美日韩高清一区二区三区"
_SPAM_TAIL = ["关键词: 工会 职工 健康码二维码图片 乐谱 围棋规则 中国地图高清 河南地图全图", "相关阅读:", "热点", "图片 图片"]
_BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table tbody thead tfoot section article header "
                   "footer nav aside main form blockquote figure figcaption center hr pre address".split())
_INVISIBLE = "//script|//style|//noscript|//template|//head"
# judgement calls of FORMAT.md: photo captions and credits, stand-alone bylines, section letters
_OPTIONAL = re.compile(r"^(图为.{1,60}。|.{0,80}\s摄|[□■]?(本报)?(通讯员|记者)[\s\u4e00-\u9fff]{1,30}|原标题:.*|[A-Z])$")
_S2T = OpenCC("s2t")
_NEXT_PAGE = re.compile(r"<a href=\"[^\"]+\">下一页</a>")




def page_blocks(page: str) -> tuple[str, list[str]]:
    """(<title> text, visible text blocks in document order): one block per block element or <br> run."""
    root = lxml_html.document_fromstring(page)
    head_title = " ".join(t.text_content().strip() for t in root.xpath("//head/title"))
    for bad in root.xpath(_INVISIBLE):
        bad.drop_tree()
    blocks: list[str] = []
    current: list[str] = []

    def flush():
        s = re.sub(r"[ \t\r\n]+", " ", "".join(current)).strip()
        if s:
            blocks.append(s)
        current.clear()

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _BLOCK or tag == "br":
            flush()
        if tag and el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK:
            flush()
        elif tag in ("td", "th"):
            current.append(" ")
        if el.tail:
            current.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return head_title, blocks


def _break_point(p: str) -> int:
    """A cut inside a sentence: after a Chinese character, never next to punctuation."""
    for at in range(len(p) // 2, len(p) - 4):
        if "\u4e00" <= p[at - 1] <= "\u9fff" and "\u4e00" <= p[at] <= "\u9fff":
            return at
    return 0


def raw_text(site, exp, variant: str) -> tuple[str, list[str]]:
    """(the stored raw text of the article's page in `variant`, the paragraphs that page holds)."""
    head_title, blocks = page_blocks(page := fetch_page(site, exp.url))
    paragraphs = exp.paragraphs
    if _NEXT_PAGE.search(page):  # the stored text of page 1 of a multi-page article holds its part only
        paragraphs = [p for p in exp.paragraphs if p in {normalize_text(b) for b in blocks}]
    if variant == "titled" and head_title:
        blocks.insert(0, head_title)
    if variant == "broken":
        body_at = [i for i, b in enumerate(blocks) if normalize_text(b) in exp.paragraphs]
        if len(body_at) >= 2:
            first, second, last = blocks[body_at[0]], blocks[body_at[1]], body_at[-1]
            cut = _break_point(second)
            repeats = [first]
            if cut:
                repeats += [second[:cut], second[cut:]]
                blocks[body_at[1]:body_at[1] + 1] = [second[:cut], second[cut:]]
                last += 1
            blocks[last + 1:last + 1] = repeats
    if variant == "spam":     # seed 001's injected line on top, seed 000's keyword stuffing and list tail
        body_at = [i for i, b in enumerate(blocks) if normalize_text(b) in exp.paragraphs]
        if body_at:
            blocks[body_at[-1] + 1:body_at[-1] + 1] = _SPAM_TAIL
        blocks.insert(0, _SPAM_TOP)
    text = ("\n" if variant == "dense" else "\n\n").join(
        "\u3000\u3000" + b if variant == "dense" and len(b) > 60 else b for b in blocks)
    return (_S2T.convert(text) if variant == "traditional" else text), paragraphs


def _body(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if not _OPTIONAL.match(p)]


def _twin_headlines(text: str, exp) -> set[str]:
    """Headline-like lines right beside the title when the text has exactly two in a row and no <title> echo
    names one: title + subtitle reads the same as lead title + title in plain text, so either is accepted."""
    simple = to_simplified(normalize_text(text))
    if simple.startswith(exp.title):
        return set()     # the page <title> echo on top tells which one is the headline
    blocks = [b.strip() for b in simple.split("\n") if b.strip()]
    if exp.title not in blocks:
        return set()
    k = blocks.index(exp.title)

    def headline(b: str) -> bool:
        return (8 <= len(b) <= 60 and b not in exp.paragraphs and not re.search(r"[。,;]|版|返回|记者|通讯员", b))
    before = headline(blocks[k - 1]) if k else False
    after = k + 1 < len(blocks) and headline(blocks[k + 1])
    if before == after:
        return set()
    return {blocks[k - 1] if before else blocks[k + 1]}


def check_article(site, exp, variant: str) -> list[str]:
    """What the cleaner got wrong on one article's raw text (empty: all right)."""
    text, want_paragraphs = raw_text(site, exp, variant)
    article = clean_text(text)
    simple = normalize_text(text)
    problems = []
    if article.title != exp.title and article.title not in _twin_headlines(text, exp):
        problems.append(f"title {article.title!r} != {exp.title!r}")
    stated = find_date(simple)
    if stated is None:
        if article.published:
            problems.append(f"published {article.published!r} invented: the text states no date")
    else:
        exp_time = exp.published[11:16]
        want = exp.published if exp_time and exp_time in simple else exp.published[:10]
        if article.published[:len(want)] != want:
            problems.append(f"published {article.published!r} != {want!r}")
    if re.search(r"来源\s*:", to_simplified(simple)):     # the text states the source
        if article.source != exp.source:
            problems.append(f"source {article.source!r} != {exp.source!r}")
    elif article.source not in ("", exp.source):
        problems.append(f"source {article.source!r} not stated in the text")
    got, want_body = _body(article.paragraphs), _body(want_paragraphs)
    if got != want_body:
        extra = [p for p in got if p not in want_body]
        missing = [p for p in want_body if p not in got]
        problems.append(f"paragraphs: noise {extra[:4]} missed {[m[:40] for m in missing[:4]]}"
                        + ("" if extra or missing else " (order/duplicates differ)"))
    return problems


@lru_cache(maxsize=None)
def _site(cls):
    return cls(n_articles=N_ARTICLES)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("site_class", load_site_classes(), ids=lambda c: c.__name__)
def test_raw_portal_text_cleans_to_the_article(site_class, variant):
    site = _site(site_class)
    expected = site.expected()
    assert expected, f"{site_class.__name__}: replay expects no article"
    failures = {exp.url: problems for exp in expected if (problems := check_article(site, exp, variant))}
    assert not failures, "\n".join(f"{u}: {p}" for u, p in list(failures.items())[:4])


def test_raw_text_builder_keeps_blocks_apart():
    """The held-out texts are only as good as their builder: blocks on their own lines, no script text."""
    _, blocks = page_blocks("<html><head><title>T-站</title><script>var a=1;</script></head><body>"
                            "<div>首页 &gt; 新闻<p>第一段。</p>尾巴<br>下一行</div><style>p{}</style>"
                            "<table><tr><td>a</td><td>b</td></tr></table></body></html>")
    assert blocks == ["首页 > 新闻", "第一段。", "尾巴", "下一行", "a b"]
