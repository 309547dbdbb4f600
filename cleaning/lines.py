"""Line-level cleaning shared by text re-cleaning and HTML extraction.

Input is a list of `Line`s (display text, its Simplified form for matching, and the number of blank lines
before it); output is the body paragraphs plus what was removed and why. Steps, each a small function:
drop catalogue noise and footer/ad blocks, the editorial trailer after `编辑:`, trailing orphan labels,
repeated paragraphs; then rejoin paragraphs broken mid-sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .article import Removal
from .dates import find_date
from .dedupe import dedupe_paragraphs
from .span import MIN_CUT_LINES, after_article, ends_article, line_worth
from .noise import (AUTHOR_RE, NUMBERED_ITEM, SOURCE_RE, classify_line, editor_name, ends_sentence,
                    looks_like_heading, punct_count)


@dataclass
class Line:
    text: str
    simp: str
    gap: int = 0          # blank lines before this line (0 = same block as the previous line)


@dataclass
class BodyResult:
    paragraphs: list[str] = field(default_factory=list)
    simp: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    editor: str = ""
    source: str = ""
    authors: list[str] = field(default_factory=list)


_BYLINE_RE = re.compile(r"记者|通讯员|特约|实习生|摄影|摄$|供图|供稿|作者|撰文|本报讯|来稿")
_META_ONLY_RE = re.compile(r"^[\[【(（]?\s*(?:本文来源|来源|来自|稿源|作者|发布时间|发布日期|时间|日期|更新时间|发表时间|文章来源|信息来源|浏览次数|点击数)\s*[:：]"
                           r"|^[(（]据《[^》]{2,16}》[)）]$")   # `(据《重庆晚报》)` closing a reprint
_NAMES_RE = re.compile(r"(?:本报|特约|首席)?(?:记者|通讯员|实习生|见习记者)\s*((?:[\u4e00-\u9fff]{2,4}(?:\s+|、|$|(?=[)）])))+)")
_ROLE_RE = re.compile(r"^(?:本报)?(?:记者|通讯员|实习生|见习记者|特约记者|摄影|摄)$")
MAX_TRAILING_LABELS = 3
_PAUSE = re.compile(r"[，,、；;：:。！？!?]")
# the issuing body that signs a notice or announcement at its end (落款): text, not a dangling label
_SIGNATURE_RE = re.compile(r"^[\u4e00-\u9fff()（）]{2,30}(?:董事会|监事会|人民政府|办公厅|办公室|委员会|总工会|联合会|"
                           r"协会|有限公司|有限责任公司|研究院|研究所|管理局|人民法院|人民检察院|局|部|厅|署|银行)$")
# the date under a document's signature (`中国民用航空局` / `2023年12月31日`)
_SIGNED_DATE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_BLOCK_NOISE = {"contact", "copyright", "footer", "disclaimer", "site-noise", "ad"}


def is_sentence_like(s: str) -> bool:
    return len(s) >= 30 and punct_count(s) >= 2


def is_byline(s: str) -> bool:
    return len(s) <= 40 and bool(_BYLINE_RE.search(s))


def _meta_from_line(s: str, out: BodyResult) -> bool:
    """A stand-alone `来源:X` / `作者:X` / `发布时间:...` line: harvest it, True when it is only metadata."""
    if not _META_ONLY_RE.match(s) or len(s) > 80 or "。" in s:
        return False
    if s[0] in "[【(（" and (len(s) > 40 or s[-1] not in "]】)）"):
        return False     # a bracketed credit with more in it (`(本文来源:… 作者:…研究员某某)返回…`) is text
    m = SOURCE_RE.search(s + " ")
    if m and not out.source:
        out.source = m.group(1).rstrip("]】)）")
    return True


def _drop_blocks(lines: list[Line], reasons: list[str | None]) -> None:
    """Whole footer / contact / ad blocks: lines of one block (no blank line between) where the noise
    lines dominate and the rest are short labels (`江苏工人报`, `(江苏工人报发展有限公司)`)."""
    start = 0
    n = len(lines)
    while start < n:
        end = start + 1
        while end < n and lines[end].gap == 0:
            end += 1
        idx = range(start, end)
        noisy = [i for i in idx if reasons[i] in _BLOCK_NOISE]
        if reasons[start] == "ad":
            for i in idx:
                reasons[i] = reasons[i] or "ad"
        elif len(noisy) >= 2 and all(i in noisy or (len(lines[i].simp) <= 30 and "。" not in lines[i].simp)
                                     for i in idx):
            for i in idx:
                reasons[i] = reasons[i] or "footer-block"
        start = end


_COMMENT_BOARD = re.compile(r"^(?:新闻讨论|网友讨论|网友评论|读者评论|网友留言|读者留言|最新评论|热门评论|精彩评论|全部评论|"
                            r"评论区|留言区|留言板|发表评论|我要评论|我要留言|发表留言|发表文章)\s*(?:[(（]\d*[)）])?\s*[:：]?$")


def _drop_comment_board(lines: list[Line], reasons: list[str | None]) -> None:
    """Readers' comments under the text: from the board's heading on, nothing is the article (the board's
    rules, names, IP stamps, the comments). Only below the start of the text: a heading in the first lines
    belongs to a page that is itself a board."""
    for i in range(max(3, len(lines) // 3), len(lines)):
        if _COMMENT_BOARD.match(lines[i].simp.strip()):
            for j in range(i, len(lines)):
                reasons[j] = reasons[j] or "comments"
            return


_POLL_LABEL = re.compile(r"^(?:调查|投票|网友调查|网上调查|在线调查|热点调查|有奖调查|我要投票|网友投票|民意调查)\s*[:：]?$")
POLL_QUESTION_WITHIN = 2


def _drop_polls(lines: list[Line], reasons: list[str | None]) -> None:
    """A poll (`调查` / `1.你如何看待…？` / short options …): from its label to the next real paragraph."""
    i = 0
    while i < len(lines):
        if _POLL_LABEL.match(lines[i].simp.strip()) and any(
                lines[k].simp.rstrip().endswith(("?", "？")) for k in range(i + 1, min(len(lines), i + 1 + POLL_QUESTION_WITHIN))):
            j = i
            while j < len(lines) and (j == i or not (is_sentence_like(lines[j].simp) and lines[j].simp.rstrip()[-1] in "。！!")):
                reasons[j] = reasons[j] or "poll"
                j += 1
            i = j
        i += 1


def _signed_date(lines: list[Line], reasons: list[str | None], i: int) -> bool:
    """lines[i] is the date under a signature line."""
    if not _SIGNED_DATE_RE.match(lines[i].simp.strip()):
        return False
    prev = next((k for k in range(i - 1, -1, -1) if not reasons[k]), None)
    return prev is not None and bool(_SIGNATURE_RE.match(lines[prev].simp.strip()))


def _cut_after_article(lines: list[Line], reasons: list[str | None]) -> None:
    """In a whole page's text: a heading that only ever follows an article (`其他人也在看`, `猜你喜欢`) ends it
    once the text has begun, and so does a long stretch worth less than nothing (see `span.py`)."""
    live = [i for i, r in enumerate(reasons) if not r]
    prose = False
    for i, r in enumerate(reasons):
        if r is None and line_worth(lines[i].simp) > 0:
            prose = True
        elif prose and ends_article(lines[i].simp):
            after = [k for k in live if k > i]
            if len(after) >= MIN_CUT_LINES:
                for k in after:
                    reasons[k] = "outside-article"
                live = [k for k in live if k < i]
            break
    for k in after_article([lines[i].simp for i in live]):
        reasons[live[k]] = "outside-article"


def _is_list_item(s: str) -> bool:
    return 4 <= len(s) <= 60 and s[-1] not in "。！？!?…；;:：" and not is_byline(s) and not _PAUSE.search(s[:-1].replace(":", ""))


def _drop_link_lists(lines: list[Line], reasons: list[str | None]) -> None:
    """Headline lists below the text: the run of headline-like lines under a list heading (`新闻推荐`,
    `相关阅读`) with no sentence after it, and a run of headlines holding a repeat of the article's own
    title after the text has begun (the e-paper's `本版导读`, a related list that names the article itself)."""
    seen_text = False
    for i, ln in enumerate(lines):
        reason = reasons[i]
        if reason is None and is_sentence_like(ln.simp):
            seen_text = True
            continue
        starts_list = reason == "lists" or (reason == "title-repeat" and seen_text)
        if not starts_list:
            continue
        j = i + 1
        while j < len(lines) and (reasons[j] or _is_list_item(lines[j].simp.strip())):
            j += 1
        if reason == "lists" and any(reasons[k] is None and is_sentence_like(lines[k].simp) for k in range(j, len(lines))):
            continue     # text follows: a heading in the article, not a list under the text
        k = i
        if reason == "title-repeat":
            while k > 0 and reasons[k - 1] is None and _is_list_item(lines[k - 1].simp.strip()):
                k -= 1
        for m in range(k, j):
            reasons[m] = reasons[m] or "lists"


def clean_body(lines: list[Line], extra_noise=(), title: str = "", dedupe: bool = True,
               page_dump: bool = False) -> BodyResult:
    """Body lines -> paragraphs, noise -> `removed` with reasons. `page_dump`: the lines may be a whole page's
    visible text, so a long stretch of non-prose after the article run is cut (see `span.py`)."""
    out = BodyResult()
    reasons: list[str | None] = []
    tail = False
    title_key = re.sub(r"\s+", "", title)
    for n, ln in enumerate(lines):
        s = ln.simp.strip()
        reason = classify_line(s, extra_noise)
        signed = n and _SIGNED_DATE_RE.match(s) and _SIGNATURE_RE.match(lines[n - 1].simp.strip())
        if reason is None and n < 12 and not signed and is_meta_line(s):
            reason = "meta-line"
            if not out.source:
                m = SOURCE_RE.search(s + " ") or EPAPER_LINE_RE.search(s)
                out.source = m.group(1) if m else ""
        if reason == "editor-line":
            out.editor = out.editor or editor_name(s)
            tail = True
        elif reason is None and _meta_from_line(s, out):
            reason = "meta-line"
        elif reason is None and title_key and re.sub(r"\s+", "", s) == title_key:
            reason = "title-repeat"
        elif reason is None and tail and not is_sentence_like(s) and not is_byline(s):
            reason = "trailer"
        reasons.append(reason)
    _drop_blocks(lines, reasons)
    _drop_comment_board(lines, reasons)
    _drop_polls(lines, reasons)
    _drop_link_lists(lines, reasons)
    if page_dump:
        _cut_after_article(lines, reasons)
    # labels left dangling at the end (`携手合作 共同发展`, `热点`): a heading needs text after it
    labels = 0
    for i in range(len(lines) - 1, -1, -1):
        if reasons[i]:
            continue
        s = lines[i].simp.strip()
        # a few labels at most: a longer run of short lines is the text itself (a table of contents, a list)
        if looks_like_heading(s) and not is_byline(s) and not ends_sentence(s) and labels < MAX_TRAILING_LABELS \
                and not _SIGNATURE_RE.match(s) and not NUMBERED_ITEM.match(s) and not _signed_date(lines, reasons, i):
            labels += 1
            reasons[i] = "trailing-label"
            continue
        if labels == MAX_TRAILING_LABELS and all(reasons[k] or looks_like_heading(lines[k].simp)
                                                 for k in range(i + 1)):
            for j in range(i + 1, len(lines)):     # the whole text is a list (a table of contents)
                if reasons[j] == "trailing-label":
                    reasons[j] = None
        break
    else:   # nothing but labels is left: they are the text (a one-line post, a caption under a photo)
        reasons = [None if r == "trailing-label" else r for r in reasons]
    kept: list[Line] = []
    carry = 0
    for ln, reason in zip(lines, reasons):
        if reason:
            out.removed.append(Removal(ln.text.strip(), reason))
            carry += ln.gap + 1
            continue
        kept.append(Line(ln.text.strip(), ln.simp.strip(), ln.gap + carry if kept else 0))
        carry = 0
    if dedupe:
        keep, dropped = dedupe_paragraphs([k.text for k in kept], [k.simp for k in kept])
        for i, why in dropped:
            out.removed.append(Removal(kept[i].text, why))
        survivors = []
        for j, i in enumerate(keep):
            ln = kept[i]
            # a line whose neighbour vanished is no longer adjacent to it: count the gap as a break
            if j and keep[j - 1] != i - 1:
                ln = Line(ln.text, ln.simp, max(ln.gap, 2))
            survivors.append(ln)
        kept = survivors
    joined = join_broken(kept)
    out.paragraphs = [l.text for l in joined]
    out.simp = [l.simp for l in joined]
    out.authors = find_authors(out.simp)
    return out


def _continues(prev: Line, nxt: Line) -> bool:
    """True when `nxt` continues the sentence `prev` broke off (`服务企业建` / `会“少跑路”。`)."""
    p, q = prev.simp, nxt.simp
    if nxt.gap > 1 or not p or not q:
        return False
    if ends_sentence(p) or p[-1] in ":：":
        return False
    if p[-1] not in ",，、" and (len(p) <= 20 or len(p) <= 40 and not _PAUSE.search(p)):
        # a short line ending in a word is a heading, not a broken sentence; quotes and book-title marks
        # do not make a sentence (`庆“八一”双拥文艺汇演暨首届“最美退役军人”表彰大会`, a headline's second line)
        return False
    if looks_like_heading(q) and not ends_sentence(q):
        return False     # `扬州:居民在“家门口”享法律服务` opens the next article
    if re.match(r"^(?:本报讯|本报|新华社|中新社|据|\(|（|□|■|●|◆|【|\[)", q):
        return False
    if is_byline(q) and len(q) < 30:
        return False
    return True


def join_broken(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for ln in lines:
        if out and _continues(out[-1], ln):
            prev = out[-1]
            out[-1] = Line(prev.text + ln.text, prev.simp + ln.simp, prev.gap)
        else:
            out.append(ln)
    return out


def find_authors(simp_paragraphs: list[str]) -> list[str]:
    names: list[str] = []
    for p in simp_paragraphs[:3] + simp_paragraphs[-3:]:
        if len(p) > 200 and not p.startswith("本报讯"):
            chunk = p[-60:]
        else:
            chunk = p[:120] if len(p) > 120 else p
        for m in _NAMES_RE.finditer(chunk):
            for name in re.split(r"[\s、]+", m.group(1)):
                if 2 <= len(name) <= 4 and name not in names and not _ROLE_RE.match(name):
                    names.append(name)
        for m in AUTHOR_RE.finditer(chunk if len(p) < 60 else ""):
            name = m.group(1)
            if name not in names:
                names.append(name)
    return names


EPAPER_LINE_RE = re.compile(r"《([^》]{2,12})》\s*[\(（]\s*(\d{4}年\d{1,2}月\d{1,2}日)\s*(\d{1,3})\s*版\s*[\)）]")
_META_LABELS = re.compile(r"(发布|更新|发表|录入)?(时间|日期)\s*[:：]?|来源\s*[:：]\s*\S*|作者\s*[:：]\s*\S*|"
                          r"(责任)?编辑\s*[:：]\s*\S*|点击|浏览|阅读|次数|[:：|｜\s\[\]【】()（）]")


# a document's adoption note under its title (`(2007年6月29日第十届全国人大常委会第二十八次会议通过)`): text
_ADOPTION_NOTE = re.compile(r"^[(（].{0,60}\d日.{0,60}(?:通过|修订|修正|公布|发布|批准|施行|印发)[)）]$")


def is_adoption_note(s: str) -> bool:
    return bool(_ADOPTION_NOTE.match(s))


def is_meta_line(s: str) -> bool:
    """A header line that holds only the date (plus source/author/counters), or the e-paper issue line."""
    if len(s) > 100 or is_adoption_note(s):
        return False
    if EPAPER_LINE_RE.search(s) and len(s) < 40:
        return True
    found = split_meta(s)
    if not found:
        return False
    prefix, _, _ = found
    rest = _META_LABELS.sub("", prefix)
    return len(rest) <= 6


def split_meta(s: str):
    """A header line holding the date (and source): (prefix before the date, DateMatch, source) or None."""
    d = find_date(s)
    if not d:
        return None
    prefix, suffix = s[:d.start].strip(), s[d.end:].strip()
    if "。" in suffix or len(suffix) > 80 or "。" in prefix or len(prefix) > 100:
        return None
    if punct_count(suffix) > 4:
        return None
    m = SOURCE_RE.search(s + " ")
    source = m.group(1) if m else ""
    return prefix, d, source
