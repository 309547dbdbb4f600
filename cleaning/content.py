"""Main-content block of a page, scored on the lxml tree (readability-style, tuned for Chinese).

Every block with enough text of its own is a paragraph; its score (1 + Chinese punctuation + length)
goes to its parent and, halved, to its grandparent. The best container, damped by its link density,
is the article; siblings that score well or read like prose join it. Inside it, link lists, hidden
blocks and chrome named by class/id (share, comment, related, footer ...) are skipped.
"""
from __future__ import annotations

import re

from .dom import BLOCK_TAGS, SKIP_TAGS, _WS

_PUNCT = re.compile(r"[，。、；：？！,;:?!“”「」]")
_SENT = re.compile(r"[。！？!?]")
_NOISE_ATTR = re.compile(
    r"(^|[-_\s])(share|sharing|bdshare|comment|comments|reply|related|relate|recommend|recom|footer|foot|nav|"
    r"navbar|menu|breadcrumb|crumb|sidebar|side|aside|ad|ads|advert|banner|hot|rank|ranking|tags?|keyword|"
    r"pager|pagination|page-?nav|copyright|toolbar|tool|social|subscribe|login|qrcode|erweima|ewm|"
    r"print|fontsize|font-size|zoom-?bar|weixin|wechat|xgyd|xgxw|tjyd|more|links?|friend|dibu|bottom|top)"
    r"($|[-_\s\d])", re.I)
# named blocks that are never the article's own text, even inside its container: the next story,
# recommendations, comments, share bars
_CHROME_ATTR = re.compile(
    r"(^|[-_\s])(share|sharing|bdshare|comments?|cmmts?|reply|replies|related|relate|recommend|recom|xgyd|xgxw|"
    r"tjyd|copyright|breadcrumb|crumb|sidebar|aside|footer|navbar|pager|pagination|subscribe|qrcode|erweima|"
    r"ewm|zan|like|digg|next-?article|prev-?article)($|[-_\s\d])", re.I)
CHROME_MAX_SHARE = 0.5
_POSITIVE_ATTR = re.compile(r"(article|content|cont|main|body|text|story|detail|zoom|news|post|entry|txt|"
                            r"正文|zw|artibody|endtext|left_zw)", re.I)
_TEASER = re.compile(r"(\.{3,}|…{1,2}|。。+)\s*[\[【(（]?\s*(详情|详细|全文|更多|阅读全文|查看全文|点击查看)?\s*[\]】)）]?\s*$|[\[【]\s*(详情|详细|全文|更多)\s*[\]】]\s*$")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_INLINE_CONTAINERS = frozenset({"p", "td", "pre", "div", "section", "article", "li", "blockquote", "dd", "center",
                                "font", "span", "h2", "h3", "h4", "h5", "h6", "th", "main", "form", "body"})
MIN_PARA = 12
DESCEND_SHARE = 0.8
DESCEND_PROSE_SHARE = 0.6     # for the child that holds the headline: the rest is a sidebar
CHILD_FLOOR = -50.0
WIDEN_SHARE = 2.0
PREAMBLE_CHARS = 80
WIDEN_MAX_LINKS = 0.2


class _Stats:
    __slots__ = ("text", "links", "score", "prose")

    def __init__(self):
        self.text = 0      # characters (no whitespace) under the element
        self.links = 0     # of which inside <a>
        self.score = 0.0   # sum of the values of the text blocks under the element
        self.prose = 0     # characters in prose-like blocks


def _len(s: str | None) -> int:
    return len(_WS.sub("", s)) if s else 0


# overlays that pages ship hidden until a click (payment, login, dialogs): never the article, and their
# instructions read like prose
_OVERLAY_ATTR = re.compile(r"(^|[-_\s])(pay|payment|modal|dialog|popup|pop-?up|login-?box|toast)($|[-_\s\d])", re.I)


def _prune(tree) -> None:
    for el in list(tree.iter()):
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:
            _drop_keep_tail(el)
        elif tag in SKIP_TAGS:
            el.drop_tree()
        elif tag not in ("body", "html") and _overlay(el):
            el.drop_tree()


def _overlay(el) -> bool:
    attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(attrs) and bool(_OVERLAY_ATTR.search(attrs))


def _drop_keep_tail(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def block_value(text: str, link_chars: int) -> tuple[float, bool]:
    """Worth of one text block: prose counts for, links and fragments against."""
    n = _len(text)
    plain = max(n - link_chars, 0)
    if link_chars and _TEASER.search(text):   # "标题】摘要 ...... [详情]": a list of other stories
        return -n * 0.5 - 3, False
    punct = len(_PUNCT.findall(text))
    if plain >= 8 and punct > 0 and link_chars < n * 0.5:
        inline = link_chars < n * 0.3 or len(_SENT.findall(text)) >= 2   # links inside real sentences
        return plain - (0 if inline else link_chars * 1.5) - 3, True
    if n >= 40 and punct >= 3 and link_chars < n * 0.7 and _SENT.search(text):   # prose full of inline links (wikis)
        return plain + link_chars * 0.3 - 3, True
    return plain * 0.4 - link_chars * 1.5 - 3, False


def _score_blocks(root, stats: dict) -> None:
    """Walk once; every flushed text block adds its value to all its ancestors."""
    chain: list = []
    buf: list[str] = []
    links = [0]

    def st_of(el):
        st = stats.get(el)
        if st is None:
            st = stats[el] = _Stats()
        return st

    def flush():
        if buf:
            text = "".join(buf)
            buf.clear()
            n = _len(text)
            if n:
                value, prose = block_value(text, links[0])
                for el in chain:
                    st = st_of(el)
                    st.score += value
                    st.text += n
                    st.links += links[0]
                    if prose:
                        st.prose += n
            links[0] = 0

    def walk(node, in_link: bool):
        tag = node.tag
        block = tag in BLOCK_TAGS
        if block:
            flush()
        chain.append(node)
        st_of(node)
        # a list item that links elsewhere is a teaser of another story: its text counts as link text
        link = in_link or tag == "a" and not _prose_link(node) or tag == "li" and _links_a_story(node)
        if node.text:
            buf.append(node.text)
            if link:
                links[0] += _len(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child, link)
            if child.tail:
                buf.append(child.tail)
                if link:
                    links[0] += _len(child.tail)
        if block:
            flush()
        chain.pop()
        if block:
            pass

    walk(root, False)
    flush()


PROSE_LINK_CHARS = 150


def _prose_link(a) -> bool:
    """A link wrapped around the article itself (whole paragraphs inside one <a>): its text is prose."""
    if len(a) < 2 and _len(a.text) < PROSE_LINK_CHARS:
        return False
    text = a.text_content()
    return _len(text) >= PROSE_LINK_CHARS and len(_SENT.findall(text)) >= 3


def _links_a_story(li) -> bool:
    """An <li> led by a headline-sized link (a story list), not by a user name or `评论`/`转发` (a feed)."""
    first = next(li.iter("a"), None)
    return first is not None and _len(first.text_content()) >= 8


def _link_density(st: _Stats) -> float:
    return st.links / st.text if st.text else 1.0


def _attr_weight(el) -> float:
    attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
    if not attrs:
        return 1.0
    w = 1.0
    if _POSITIVE_ATTR.search(attrs):
        w *= 1.1
    if _NOISE_ATTR.search(attrs):
        w *= 0.8
    return w


def find_main(tree, anchor=None):
    """(container elements in document order, stats) for the page's main text.

    `anchor` is the headline element when known: containers holding it or close to it get a bonus,
    which keeps "more stories" lists with summaries from beating a short article."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    _prune(root)
    stats: dict = {}
    _score_blocks(root, stats)
    near = set()
    holders = set()
    if anchor is not None:
        ancestors = list(anchor.iterancestors())
        holders = set(ancestors)
        region = ancestors[min(3, len(ancestors) - 1)] if ancestors else None
        if region is not None:
            near = set(region.iter())
    chrome = _chrome_subtrees(root, holders)
    best, best_score = root, float("-inf")
    for el in root.iter():
        st = stats.get(el)
        if st is None or el.tag == "a" or el in chrome:
            continue
        # junk blocks beside the text (reference lists, navboxes) are skipped when the text is written out:
        # let each child cost its container at most CHILD_FLOOR
        clipped = st.score + sum(max(0.0, CHILD_FLOOR - stats[c].score) for c in el
                                 if isinstance(c.tag, str) and c in stats)
        final = clipped * _attr_weight(el)
        if final > 0 and el is not root:
            final *= 1.3 if el in holders else 1.2 if el in near else 1.0
        if final >= best_score:
            best, best_score = el, final
    chosen = _widen(_descend(best, stats, chrome, holders), stats)
    if best_score < WEAK_MAIN_SCORE:
        named = _named_body(root, stats, chrome)
        if named is not None and named is not chosen and chosen not in named.iterancestors():
            return [named], stats
    return [chosen], stats


# the article's own container, as CMSs and blog engines name it (`<article>`, `#article_content`, WeChat's
# `#js_content`, TRS's `.TRS_Editor`): trusted only when no block on the page reads like an article
_BODY_NAME = re.compile(
    r"(^|[-_\s])((article|post|entry|news|detail|blog)[-_]?(content|body|text|detail)|content[-_]?(views|text|body)|"
    r"js_content|TRS_Editor|Custom_UnionStyle|artibody|articleBody)($|[-_\s\d])", re.I)
WEAK_MAIN_SCORE = 60.0
MIN_NAMED_CHARS = 10
NAMED_MAX_LINKS = 0.5


def _named_body(root, stats: dict, chrome: set):
    """The one innermost element named as the article body that holds some text that is not links (an
    <article> wrapping `#content_views` yields the latter); None when there is none or more than one."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el in chrome or el not in stats:
            continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("itemprop"))))
        if el.tag == "article" or attrs and _BODY_NAME.search(attrs):
            st = stats[el]
            if st.text - st.links >= MIN_NAMED_CHARS and st.links <= NAMED_MAX_LINKS * st.text:
                found.append(el)
    named = set(found)
    inner = [el for el in found if not any(d in named for d in el.iterdescendants())]
    return inner[0] if len(inner) == 1 else None


def _chrome_subtrees(root, holders: set) -> set:
    """Elements inside a block named as chrome (`article-copyright`, `comment-box`): a licence notice or a
    comment can out-score a short article, but it is never the article."""
    out: set = set()
    for el in root.iter():
        if el in out or el in holders or el is root or not isinstance(el.tag, str):
            continue
        attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if attrs and _CHROME_ATTR.search(attrs):
            out.update(el.iter())
    return out


_PARAGRAPH_TAGS = frozenset("p span font b strong h1 h2 h3 h4 h5 h6 li blockquote pre".split())


def _widen(best, stats: dict):
    """A single paragraph is no article: when the winner is one block among prose siblings (a text split
    into sibling blocks between link-heavy cards or figures), the article is its parent."""
    parent = best.getparent()
    if parent is None or parent not in stats or best.tag not in _PARAGRAPH_TAGS:
        return best
    if stats[parent].prose >= WIDEN_SHARE * stats[best].prose:
        return parent
    # the text's container, named so, around its one long paragraph and a heading or a dated note above it
    pst = stats[parent]
    attrs = " ".join(filter(None, (parent.get("class"), parent.get("id"))))
    if attrs and (_POSITIVE_ATTR.search(attrs) or _BODY_NAME.search(attrs)) and not _NOISE_ATTR.search(attrs) \
            and pst.links <= WIDEN_MAX_LINKS * pst.text and pst.text <= WIDEN_SHARE * stats[best].text:
        return parent
    return best


def _descend(best, stats: dict, chrome: frozenset | set = frozenset(), holders: frozenset | set = frozenset()):
    """A container whose one child holds nearly all of its worth is mostly that child plus extras
    (comments, recommendations): take the child."""
    for _ in range(8):
        top = stats[best].score
        child = max((c for c in best if isinstance(c.tag, str) and c in stats and c not in chrome),
                    key=lambda c: stats[c].score,
                    default=None)
        if child is None or top <= 0 or stats[child].score < DESCEND_SHARE * top \
                or stats[child].prose < (DESCEND_PROSE_SHARE if child in holders else DESCEND_SHARE) \
                * stats[best].prose:   # a net sum dragged down by junk
            return best
        # extras follow the text; in a container named as the text, paragraphs before the child are its
        # opening (a preamble above the block holding the numbered sections)
        if _names_the_text(best) and sum(stats[c].prose for c in child.itersiblings(preceding=True)
                                         if c in stats and c.tag == "p") >= PREAMBLE_CHARS:
            return best
        best = child
    return best


def _names_the_text(el) -> bool:
    attrs = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(attrs) and bool(_BODY_NAME.search(attrs)) and not _NOISE_ATTR.search(attrs)


def _chrome(node, stats: dict, total_prose: int, holders: set) -> bool:
    """A block named as chrome (class/id) that holds neither the headline nor (when the headline is not in
    the container) most of the container's prose."""
    if node in holders:
        return False
    attrs = " ".join(filter(None, (node.get("class"), node.get("id"))))
    if not attrs or not _CHROME_ATTR.search(attrs):
        return False
    st = stats.get(node)
    return st is None or bool(holders) or st.prose <= CHROME_MAX_SHARE * total_prose


_AD_BADGES = frozenset({"广告", "推广", "AD", "Ad", "ad", "广告位", "赞助"})


def _is_ad_link(a) -> bool:
    """A link carrying an ad badge (`<a><i>广告</i><span>...</span></a>`): an ad injected into the text."""
    return any(el is not a and isinstance(el.tag, str) and (el.text or "").strip() in _AD_BADGES
               and not len(el) for el in a.iter())


def _has_block_child(node) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS and c.tag != "br" for c in node)


_SECTION_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
MAX_HEADER_WIDGET_CHARS = 6


def _section_heading(node, stats: dict):
    """The heading of a wrapper around a section's heading and its widgets (`<div><h2>区域规划</h2>
    <a>编辑</a></div>`): text, though the widgets' links make the wrapper look like junk."""
    heading = next((c for c in node if isinstance(c.tag, str) and c.tag in _SECTION_HEADINGS), None)
    if heading is None or heading not in stats:
        return None
    own = stats[heading].text
    if 2 <= own and stats[heading].links == 0 and stats[node].text - own <= MAX_HEADER_WIDGET_CHARS:
        return heading
    return None


def _lines(el, stats: dict, out: list[str], anchor=None) -> None:
    buf: list[str] = []
    total_prose = stats[el].prose if el in stats else 0
    holders = set(anchor.iterancestors()) | {anchor} if anchor is not None else set()
    if el not in holders:
        holders = set()

    def flush():
        if buf:
            text = _WS.sub(" ", "".join(buf)).strip()
            if text:
                out.append(text)
            buf.clear()

    def skip(node) -> bool:
        if node.tag == "a" and _is_ad_link(node):
            return True
        st = stats.get(node)
        if st is None or node.tag in ("a", "span", "font", "b", "strong", "em", "i", "u"):
            return False
        if _chrome(node, stats, total_prose, holders):
            return True
        # a short plain block (a name under a title in a table of contents) is text: only blocks holding
        # links or other blocks are junk by score; the line cleaner judges the rest
        return st.score < 0 and st.prose < st.text * 0.5 and (st.links > 0 or _has_block_child(node))

    def walk(node, top=False):
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag:
            if node.tail and not top:
                buf.append(node.tail)
            return
        block = tag in BLOCK_TAGS
        if not top and skip(node):
            if block:
                flush()
            heading = _section_heading(node, stats)
            if heading is not None:     # the heading is text, its widgets are not
                walk(heading, top=True)
                flush()
            if node.tail:
                buf.append(node.tail)
            return
        if block:
            flush()
        if node.text:
            buf.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
        if node.tail and not top:
            buf.append(node.tail)

    walk(el, top=True)
    flush()


_SUMMARY_ATTR = re.compile(r"(^|[-_\s])(summary|abstract|digest|daodu|zhaiyao|art-?summary|article-?summary|lead)"
                           r"($|[-_\s\d])", re.I)
SUMMARY_SIBLINGS = 3
MIN_SUMMARY_CHARS = 20


def _summary_before(el, stats: dict):
    """The article's summary box (`<div class="art_summary">核心提示:…</div>`) standing just before the
    text block: part of the article, though scored apart from it."""
    sib = el.getprevious()
    for _ in range(SUMMARY_SIBLINGS):
        if sib is None:
            return None
        if isinstance(sib.tag, str):
            attrs = " ".join(filter(None, (sib.get("class"), sib.get("id"))))
            if attrs and _SUMMARY_ATTR.search(attrs):
                st = stats.get(sib)
                if st is not None and st.prose >= MIN_SUMMARY_CHARS and st.links < st.text * 0.3:
                    return sib
                return None
        sib = sib.getprevious()
    return None


def main_content_lines(tree, anchor=None) -> list[str]:
    chosen, stats = find_main(tree, anchor)
    out: list[str] = []
    summary = _summary_before(chosen[0], stats) if chosen else None
    if summary is not None:
        _lines(summary, stats, out, anchor)
    for el in chosen:
        _lines(el, stats, out, anchor)
    return out
