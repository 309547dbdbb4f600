"""Saved HTML page -> clean `Article`.

One parse of the page feeds everything: site-rule selectors where the portal is known, otherwise the
main-content block chosen from the DOM (see `content.py`); the headline from h1 / og:title / <title>
matched against each other; date and source from the lines around the headline, meta tags or the URL.
The body lines then go through the same line cleaner as stored text.
"""
from __future__ import annotations

import logging
import re

from .article import Article, Image, Removal
from .content import main_content_lines
from .dates import date_from_url, normalize_date
from .guard import run_guarded
from .dom import block_lines, css_first, meta_content, parse_html, text_of
from .lines import Line, clean_body, is_adoption_note, is_byline, split_meta
from .noise import EDITOR_RE, SOURCE_RE, classify_line, editor_name, ends_sentence, looks_like_heading
from .site_rules import SiteRules, rules_for_url
from .textnorm import fold_width, has_traditional, normalize_text, to_simplified, unfold
from .title import clean_title
from .version import CLEANER_VERSION

log = logging.getLogger(__name__)

_WS_RE = re.compile(r"\s+")
MIN_ARTICLE_CHARS = 10    # less text than this is no article (an empty shell, a stray label)
_META_DATE_NAMES = ("article:published_time", "og:article:published_time", "publishdate", "PubDate", "pubdate",
                    "publish_date", "published_time", "datePublished", "dc.date", "DC.date.issued", "date",
                    "weibo: article:create_at", "og:release_date", "firstpublishedtime")
_META_SOURCE_NAMES = ("source", "og:article:source", "article:source", "contentSource", "copyright_source")
_MEDIA_NAME = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:网|报|通讯社|电视台|广播电台|新闻|日报|晚报|早报|周刊|杂志社?)$")
_EPAPER_LINE = re.compile(r"《([^》]{2,12})》\s*[\(（]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*(\d{1,3})\s*版\s*[\)）]")


def _norm(s: str) -> str:
    return normalize_text(s or "").strip()


def _norm_kept(s: str) -> str:
    return normalize_text(s or "", keep_fullwidth=True).strip()


def pick_title(tree, rules: SiteRules | None, norm=_norm) -> tuple[str, object]:
    """(headline, its element or None). Prefers an <h1>/<h2> that the <title> or og:title confirms.
    `norm` normalises the candidates (`_norm_kept` keeps full-width characters)."""
    if rules and rules.title:
        el = css_first(tree, rules.title)
        if el is not None:
            return norm(text_of(el)), el
    page_title = norm(" ".join(tree.xpath("//title//text()")[:1]))
    og = norm(meta_content(tree, "og:title", "twitter:title", "title", "ArticleTitle", "headline"))
    refs = [t for t in (page_title, og) if t]
    best, best_el = "", None
    for tag in ("h1", "h2", "h3"):
        for el in tree.iter(tag):
            lines = block_lines(el)
            # the whole heading, its first line when widgets (`播报文章`) sit inside it, or the heading
            # without an edit link on its line (`雄安新区[编辑]`)
            whole = norm(" ".join(lines))
            for cand in {whole, norm(lines[0]) if lines else "", _EDIT_LINK.sub("", whole)}:
                if (4 <= len(cand) <= 120 and any(cand.replace(" ", "") in r.replace(" ", "") for r in refs)
                        or 2 <= len(cand) < 4 and any(_leads_title(cand, r) for r in refs)):
                    if len(cand) > len(best):
                        best, best_el = cand, el
        if best:
            return best, best_el
    found = _headline_in_body(tree, refs, norm)
    if found is not None:
        return found
    # a page title that is only the site's name (`中华人民共和国司法部`): the page's one <h1> is the headline
    if (not og or _SITE_NAME_ONLY.match(og)) and (not page_title or _SITE_NAME_ONLY.match(page_title)):
        h1s = [el for el in tree.iter("h1") if 4 <= len(norm(text_of(el))) <= 80]
        if len(h1s) == 1:
            return norm(text_of(h1s[0])), h1s[0]
    # a page title that opens with its separator (`-铜雀历史网`) holds only the site name
    if og and len(og) >= 4 and not _TITLE_SEP.match(og):
        title = unfold(clean_title(fold_width(og), rules), og)
        return title, _element_with_text(tree, title)
    if page_title and not _TITLE_SEP.match(page_title):
        title = unfold(clean_title(fold_width(page_title), rules), page_title)
        return title, _element_with_text(tree, title)
    for el in tree.iter("h1"):
        if text_of(el):
            return norm(text_of(el)), el
    return "", None


_HEADLINE_TAGS = frozenset("div p span strong b font td h4 h5 h6 em center".split())
MIN_HEADLINE_SHARE = 0.4


def _headline_in_body(tree, refs: list[str], norm):
    """(headline, element) for a page whose headline is a styled block, not a heading: the longest block
    of the body whose whole text the page title (or og:title) holds, at least MIN_HEADLINE_SHARE of it
    (`中华人民共和国监察法` under `中华人民共和国监察法-纪检`); None when there is none."""
    keys = [r.replace(" ", "") for r in refs if len(r) >= 6]
    body = tree.find("body")
    if not keys or body is None:
        return None
    best, best_el = "", None
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in _HEADLINE_TAGS or len(el) > 3:
            continue
        head = norm(el.text or "").replace(" ", "")[:4]
        if len(head) < 4 or not any(head in k for k in keys):    # a cheap test before reading the block
            continue
        text = norm(text_of(el))
        key = text.replace(" ", "")
        if 6 <= len(key) <= 100 and len(key) > len(best.replace(" ", "")) \
                and any(key in r and len(key) >= MIN_HEADLINE_SHARE * len(r) for r in keys) \
                and not any(a.tag == "a" for a in el.iterancestors()) and not len(el.findall(".//a")):
            ref = next(r for r in refs if key in r.replace(" ", ""))
            best, best_el = _spelled_as_in(ref, key), el
    return (best, best_el) if best_el is not None else None


def _spelled_as_in(ref: str, key: str) -> str:
    """The part of `ref` that spells `key` (which has no spaces): the title's own spacing, not the line
    breaks of a headline set over several lines."""
    squeezed, where = [], []
    for i, ch in enumerate(ref):
        if ch != " ":
            squeezed.append(ch)
            where.append(i)
    at = "".join(squeezed).find(key)
    return ref[where[at]:where[at + len(key) - 1] + 1] if at >= 0 else key


_SITE_NAME_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,16}(?:网|报|部|局|厅|署|委员会|人民政府|政府|总工会|工会|门户网站|官方网站|"
                             r"官网|新闻网|中心|研究院|大学|学院)$")
_EDIT_LINK = re.compile(r"\s*[\[【]\s*(?:编辑|修改|编辑源代码|编辑本段|edit)\s*[\]】]\s*$", re.I)


def _leads_title(cand: str, ref: str) -> bool:
    """A short headline (`夜雨`) that the page title opens, then a separator (`夜雨_原文、翻译及赏析_…`)."""
    return ref.startswith(cand) and bool(_TITLE_SEP.match(ref, len(cand)))


_TITLE_SEP = re.compile(r"\s*(?:-|_|\||｜|–|—)")


def _element_with_text(tree, title: str):
    """The element whose own text is the headline (a styled <span>/<div> where pages have no <h1>)."""
    key = _WS_RE.sub("", fold_width(title))
    if len(key) < 4:
        return None
    body = tree.find("body")
    for el in (body if body is not None else tree).iter():
        text = el.text
        if text and len(text) >= len(key) and isinstance(el.tag, str) and el.tag not in ("title", "a", "option") \
                and _WS_RE.sub("", fold_width(normalize_text(text))) == key:
            return el
    return None


def _find_meta_in_lines(lines: list[str], title: str) -> tuple[str, str, int]:
    """(published, source, index) from the header lines near the headline."""
    key = title.replace(" ", "")
    start = 0
    if key:
        for i, line in enumerate(lines):
            if line.replace(" ", "") == key or (len(key) >= 8 and key in line.replace(" ", "")):
                start = i
                break
    window = lines[start:start + 12] if start else lines[:60]
    for j, line in enumerate(window):
        m = _EPAPER_LINE.search(line)
        if m:
            return normalize_date(m.group(2)), m.group(1), start + j
        found = split_meta(line)
        if found and len(line) <= 160:
            _, date, source = found
            if not source:
                for nb in window[j + 1:j + 3] + window[max(0, j - 2):j]:
                    sm = SOURCE_RE.search(nb + " ")
                    if sm and len(nb) < 80:
                        source = sm.group(1)
                        break
            return date.value, source, start + j
    return "", "", -1


def extract_article(html: str, url: str | None = None, site_rules: SiteRules | None = None,
                    keep_traditional: bool = False, keep_fullwidth: bool = True) -> Article:
    """Clean article from a saved page. `keep_fullwidth=False` folds full-width punctuation to ASCII
    (FORMAT.md's archive characters); by default the page's own punctuation stays. Never raises: an unusable page gives an empty Article, and an
    internal error an empty Article whose `removed` says so (the error is logged with the URL)."""
    return run_guarded("extract_article", url, _extract, html, url, site_rules, keep_traditional, keep_fullwidth)


def _extract(html, url, site_rules, keep_traditional, keep_fullwidth) -> Article:
    rules = site_rules or rules_for_url(url)
    article = Article(url=url or "", site=rules.name if rules else "", cleaner_version=CLEANER_VERSION)
    if not isinstance(html, str):
        html = html.decode("utf-8", "replace") if isinstance(html, (bytes, bytearray)) else ""
    tree = parse_html(html)
    if tree is None:
        return article
    norm = _norm_kept if keep_fullwidth else _norm
    extra = tuple(re.compile(p) for p in rules.noise_patterns) if rules else ()
    if rules and rules.drop:
        from lxml.cssselect import CSSSelector
        for sel in rules.drop:
            for el in CSSSelector(sel)(tree):
                el.drop_tree()
    title_kept, title_el = pick_title(tree, rules, norm)
    title = fold_width(title_kept)      # matching is done on folded text; output keeps title_kept
    body = tree.find("body")
    page_lines = [_norm(l) for l in block_lines(body if body is not None else tree)]
    body_el = css_first(tree, rules.body) if rules and rules.body else None
    if body_el is not None:
        raw_lines = block_lines(body_el)
    else:
        raw_lines = main_content_lines(tree, title_el)
    published = source = ""
    if rules and rules.published:
        el = css_first(tree, rules.published)
        if el is not None:
            published = normalize_date(_norm(text_of(el)))
    if rules and rules.source:
        el = css_first(tree, rules.source)
        if el is not None:
            sm = SOURCE_RE.search(_norm(text_of(el)) + " ")
            source = sm.group(1) if sm else _norm(text_of(el))
    if not published or not source:
        head_text = "\n".join(page_lines[:200])
        meta_lines = to_simplified(head_text).split("\n") if has_traditional(head_text) else page_lines
        p2, s2, _ = _find_meta_in_lines(meta_lines, to_simplified(title))
        published = published or p2
        source = source or s2
    if not published:
        published = normalize_date(meta_content(tree, *_META_DATE_NAMES))
    if not published and url:
        published = date_from_url(url)
    if not source:
        source = _norm(meta_content(tree, *_META_SOURCE_NAMES))[:40]
    if not source and rules and rules.default_source:
        source = rules.default_source

    kept_text = normalize_text("\n".join(raw_lines), keep_fullwidth=keep_fullwidth)
    text = fold_width(kept_text) if keep_fullwidth else kept_text
    head = "\n".join((title, source))
    traditional = has_traditional(text + head)
    if traditional:
        simp_text, title_s, source_s = to_simplified(text), to_simplified(title), to_simplified(source)
    else:
        simp_text, title_s, source_s = text, title, source
    if keep_traditional:
        display = kept_text
    else:
        display = simp_text if kept_text is text else to_simplified(kept_text) if traditional else kept_text
    lines = [Line(d.strip(), s.strip(), 1) for d, s in zip(display.split("\n"), simp_text.split("\n")) if s.strip()]
    lines, lead = _split_lead(lines, title_s)
    lines, toc = _drop_table_of_contents(lines)
    body = clean_body(_drop_header_lines(lines, title_s), extra, title=title_s)
    body.removed[:0] = [Removal(t, "table-of-contents") for t in toc]
    _drop_leading_deck(body)
    if not body.editor:
        body.editor = _editor_from_page(page_lines)
    article.title = title_kept if keep_traditional else to_simplified(title_kept) if traditional else title_kept
    article.source = source if keep_traditional else source_s
    article.published = published
    article.paragraphs = body.paragraphs if sum(map(len, body.paragraphs)) >= MIN_ARTICLE_CHARS else []
    article.removed = body.removed
    article.editor = body.editor
    article.authors = body.authors
    article.traditional = traditional
    article.lead_title = lead or _lead_from_page(page_lines, title)
    if rules:
        article.lead_title = _selected_text(tree, rules.lead_title, norm) or lead
        article.subtitle = _selected_text(tree, rules.subtitle, norm)
        article.images = _images(tree, rules.images, norm)
    return article


def _selected_text(tree, selectors, norm=_norm) -> str:
    el = css_first(tree, selectors) if selectors else None
    return norm(text_of(el)) if el is not None else ""


def _images(tree, selectors, norm=_norm) -> list[Image]:
    from lxml.cssselect import CSSSelector
    out: list[Image] = []
    for sel in selectors:
        for img in CSSSelector(sel)(tree):
            src = img.get("src") or img.get("data-src") or ""
            if src and all(i.url != src for i in out):
                out.append(Image(src, norm(img.get("alt") or img.get("title") or "")))
    return out


def _split_lead(lines: list[Line], title: str) -> tuple[list[Line], str]:
    """A short heading right above the headline inside the body block is its lead title (引题)."""
    key = title.replace(" ", "")
    for i, ln in enumerate(lines[:6]):
        if key and ln.simp.replace(" ", "") == key:
            if i and looks_like_heading(lines[i - 1].simp) and not classify_line(lines[i - 1].simp):
                return lines[:i - 1] + lines[i:], lines[i - 1].text
            break
    return lines, ""


def _lead_from_page(page_lines: list[str], title: str) -> str:
    key = title.replace(" ", "")
    for i, line in enumerate(page_lines):
        if key and line.replace(" ", "") == key:
            prev = page_lines[i - 1] if i else ""
            if 8 <= len(prev) <= 40 and looks_like_heading(prev) and not classify_line(prev) \
                    and not any(c in prev for c in ">|»") and not split_meta(prev):
                return prev
            break
    return ""


def _editor_from_page(page_lines: list[str]) -> str:
    for line in page_lines:
        if len(line) < 40 and EDITOR_RE.match(line):
            return editor_name(line)
    return ""


MAX_DECK_LINES = 3
_DATELINE = re.compile(r"^(?:本报|新华社|中新社|中新网|据)|\d{1,2}日(?:电|讯)")
_NOT_DECK = re.compile(r"^(?:编者按|按语|导语|摘要|提要|核心提示|【|\[|\(|（|一、|1[.、])|[:：]$"
                       r"|[文图]\s*/\s*[文图]|/\s*[文图]$")     # `彭瑜 贺怀湘文/图`: a byline


def _drop_deck(out: list[Line]) -> None:
    """Heading lines right under the repeated headline and above the first prose paragraph are the rest
    of its deck (main title, subtitle, `李强蔡奇出席`): header, not text. Without prose after them they
    are kept (a short text or a list)."""
    n = 0
    while n < len(out) and n < MAX_DECK_LINES and looks_like_heading(out[n].simp) \
            and not _NOT_DECK.search(out[n].simp) and not split_meta(out[n].simp) and not is_byline(out[n].simp) \
            and not _DATELINE.search(out[n].simp):
        n += 1
    if n and n < len(out) and len(out[n].simp) >= 40 and ends_sentence(out[n].simp):
        del out[:n]


_SECTION_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[章节部分])")


def _drop_leading_deck(body) -> None:
    """Once chrome is gone, heading lines that still open the text above its first prose paragraph are
    the headline's deck (`绥德县举行` / `庆“八一”…表彰大会`, a video's caption repeating the headline)."""
    deck = [Line(p, s, 1) for p, s in zip(body.paragraphs[:MAX_DECK_LINES + 1], body.simp)]
    before = len(deck)
    _drop_deck(deck)
    n = before - len(deck)
    if n and any(_SECTION_NUMBER.match(s) and looks_like_heading(s) for s in body.simp[n + 1:]):
        return      # a document with numbered sections (`一、…`): the heading above them is its own title
    if n:
        body.removed.extend(Removal(p, "deck") for p in body.paragraphs[:n])
        del body.paragraphs[:n], body.simp[:n]


MIN_TOC_ENTRIES = 3
TOC_SHARE = 0.8


def _drop_table_of_contents(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """A run of heading lines that the text repeats further down, each over its own section, is a table of
    contents: drop the run, so that the headings themselves stay in the text (not as repeats of it)."""
    keys = [ln.simp.replace(" ", "") for ln in lines]
    last = {key: k for k, key in enumerate(keys)}
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and looks_like_heading(lines[j].simp):
            j += 1
        if j - i >= MIN_TOC_ENTRIES:
            # the run may end with the first section's own heading (a repeat of its first entry)
            entries = [k for k in range(i, j) if keys[k] not in keys[i:k]]
            repeated = [k for k in entries if last[keys[k]] > k]
            if len(repeated) >= MIN_TOC_ENTRIES and len(repeated) >= TOC_SHARE * len(entries):
                drop.update(repeated)
        i = j + 1
    if not drop:
        return lines, []
    return [ln for k, ln in enumerate(lines) if k not in drop], [lines[k].text for k in sorted(drop)]


MAX_HEADLINE_LINES = 4


def _split_headline(lines: list[Line], key: str) -> int:
    """How many of the first lines, joined, spell the headline (0 when they do not)."""
    joined = ""
    for n, ln in enumerate(lines[:MAX_HEADLINE_LINES], 1):
        joined += ln.simp.replace(" ", "")
        if n > 1 and joined == key:
            return n
        if not key.startswith(joined):
            return 0
    return 0


def _drop_header_lines(lines: list[Line], title: str) -> list[Line]:
    """Lines at the top of the body that repeat the headline or hold only the date/source."""
    key = title.replace(" ", "")
    out = list(lines)
    for _ in range(6):
        if not out:
            break
        s = out[0].simp
        if key and s.replace(" ", "") == key:
            out.pop(0)
            _drop_deck(out)
            continue
        split = _split_headline(out, key)
        if split:       # the headline set over several lines (`全国人民代表大会常务委员会` / `关于批准…`)
            del out[:split]
            continue
        if len(key) >= 8 and s.replace(" ", "").startswith(key) and len(s.replace(" ", "")) <= len(key) + 4 \
                and looks_like_heading(s) and not is_byline(s):
            out.pop(0)      # the headline and its verb (`…座谈会强调`), the first line of a deck
            _drop_deck(out)
            continue
        found = split_meta(s)
        if found and len(s) <= 120 and len(found[0]) < 40 and not is_adoption_note(s):
            out.pop(0)
            continue
        if _MEDIA_NAME.match(s):    # the publishing account's name above the text (`中国新闻网`)
            out.pop(0)
            continue
        break
    return out
