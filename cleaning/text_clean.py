"""Stored plain text (a seed, a page's raw text) -> clean `Article`.

Finds the header (title, `date  来源:source` line) among the first lines, drops everything above the
title (breadcrumbs, nav runs, injected spam), then cleans the body line by line (see `lines.py`).
"""
from __future__ import annotations

import logging
import re

from .article import Article, Removal
from .guard import run_guarded
from .dates import date_from_url
from .lines import EPAPER_LINE_RE, Line, clean_body, is_byline, split_meta
from .span import line_worth
from .noise import NUMBERED_ITEM, classify_line, is_seo_stuffing, is_spam, looks_like_heading
from .site_rules import SiteRules, rules_for_url
from .textnorm import fold_width, has_traditional, normalize_text, to_simplified
from .title import clean_title, strip_breadcrumb
from .version import CLEANER_VERSION

log = logging.getLogger(__name__)

HEAD_SCAN = 16


def to_lines(text: str, simplified: str) -> list[Line]:
    out: list[Line] = []
    gap = 0
    for raw, simp in zip(text.split("\n"), simplified.split("\n")):
        if not raw.strip():
            gap += 1
            continue
        out.append(Line(raw.strip(), simp.strip(), gap))
        gap = 0
    return out


def _title_candidate(s: str, extra) -> str:
    s = strip_breadcrumb(s)
    if len(s) < 4 or len(s) > 100 or "。" in s[:-1] or is_spam(s) or is_seo_stuffing(s):
        return ""
    if classify_line(s, extra):
        return ""
    return s


def find_header(lines: list[Line], extra=()) -> dict:
    """Locate title and meta line: {'title_idx', 'title', 'meta_idx', 'published', 'source', 'body_start'}."""
    head = {"title_idx": None, "title": "", "meta_idx": None, "published": "", "source": "", "body_start": 0}
    scan = min(len(lines), HEAD_SCAN)
    for i in range(scan):
        found = split_meta(lines[i].simp)
        if not found:
            continue
        prefix, date, source = found
        prefix = _PREFIX_META.sub(" ", EPAPER_LINE_RE.sub(" ", lines[i].simp)[:len(prefix)]).strip()     # `来源:新华社  2024-03-01 06:20`: no title
        prefix_title = _title_candidate(re.sub(r"(发布|更新|发表|出版)?(时间|日期)\s*[:：]?\s*$", "", prefix), extra)
        head.update(meta_idx=i, published=date.value, source=source, body_start=i + 1)
        if len(prefix_title) >= 5:
            head.update(title_idx=i, title=prefix_title)
            return head
        for j in range(i - 1, max(-1, i - 7), -1):
            cand = _title_candidate(lines[j].simp, extra)
            if len(cand) >= 5 and len(cand.replace(" ", "")) >= 5:
                head.update(title_idx=j, title=cand)
                return head
        # a dated line above the title (an e-paper's `出版日期:…`): the title is among the next lines
        j = _title_before_body(lines, i + 1, extra)
        if j is not None:
            head.update(title_idx=j, title=_title_candidate(lines[j].simp, extra), body_start=j + 1)
        return head
    j = _title_before_body(lines, 0, extra)
    if j is not None:
        head.update(title_idx=j, title=_title_candidate(lines[j].simp, extra), body_start=j + 1)
    return head


_PREFIX_META = re.compile(r"(?:^|\s)(?:来源|来自|稿源|文章来源|信息来源|作者|责任编辑|编辑)\s*[:：]\s*\S*")
_CLAUSE_MARK = re.compile(r"[,，、;；。!！?？]")
_SUBTITLE_MARK = re.compile(r"^(?:——|—|--|－－)")
TITLE_SCAN = 8


def _title_before_body(lines: list[Line], start: int, extra) -> int | None:
    """Index of the headline in an undated header (an e-paper page: `第01版:要闻 返回`, lead title, title,
    byline, text): the last title-like line before the first sentence, not a byline or a `——` subtitle."""
    run: list[int] = []
    echo = lines[0].simp.replace(" ", "") if lines else ""
    for i in range(start, min(len(lines), start + TITLE_SCAN)):
        s = lines[i].simp
        if is_spam(s) or is_seo_stuffing(s) or classify_line(s, extra):
            continue  # chrome or an injected spam line above the headline
        if len(s) > 60 or len(s) >= 20 and (s[-1] in "。！？!?…；;" or len(_CLAUSE_MARK.findall(s)) >= 2):
            break     # the first sentence: the text has begun
        cand = _title_candidate(s, extra)
        if cand and (looks_like_heading(cand) or len(cand) <= 60 and not cand.endswith("。")):
            if i and len(cand) >= 5 and echo.startswith(cand.replace(" ", "")):
                return i      # the page <title> echo on the first line names the headline among lead/sub titles
            if is_byline(cand) or _SUBTITLE_MARK.match(cand):
                continue
            run = run + [i] if run and run[-1] == i - 1 else [i]
    # lead title, title, subtitle in a row: the middle one; otherwise the last title-like line
    return run[-2] if len(run) == 3 else run[-1] if run else None


def _subtitle_after(lines: list[Line], i: int, extra) -> bool:
    """A headline-like line straight after the title of an undated header, with the text still to come."""
    if i + 1 >= len(lines):
        return False
    s = lines[i].simp
    cand = _title_candidate(s, extra)
    return (len(cand) >= 5 and s[-1] not in "。！？!?…；;:：" and len(_CLAUSE_MARK.findall(s)) < 2
            and not is_byline(s) and not re.match(r"^(?:编者按|本报讯|记者|通讯员)", s))


EARLY_LABEL_SCAN = 4


def _labels_before_title_repeat(lines: list[Line], start: int, title: str) -> int:
    """Index after a repeat of the title among the first body lines when only short labels (`要闻`,
    channel names) precede it: header chrome under a page-title echo. `start` when there is none."""
    key = title.replace(" ", "")
    for i in range(start, min(len(lines), start + EARLY_LABEL_SCAN)):
        s = lines[i].simp
        if key and s.replace(" ", "") == key:
            return i + 1
        if len(s) > 60 or s[-1] in "。！？!?…；;" or len(_CLAUSE_MARK.findall(s)) >= 2:
            break
    return start


def clean_text(text: str, url: str | None = None, site_rules: SiteRules | None = None,
               keep_traditional: bool = False, keep_fullwidth: bool = True) -> Article:
    """Re-clean stored text (`keep_fullwidth` as in `extract_article`): header lines -> metadata, noise -> `removed`, body -> paragraphs.
    Never raises: an internal error gives an empty Article whose `removed` says so (and is logged)."""
    return run_guarded("clean_text", url, _clean_text, text, url, site_rules, keep_traditional, keep_fullwidth)


def _clean_text(text, url, site_rules, keep_traditional, keep_fullwidth) -> Article:
    rules = site_rules or rules_for_url(url)
    extra = tuple(re.compile(p) for p in rules.noise_patterns) if rules else ()
    if not isinstance(text, str):
        text = text.decode("utf-8", "replace") if isinstance(text, (bytes, bytearray)) else ""
    kept = normalize_text(text or "", keep_fullwidth=keep_fullwidth)
    norm = fold_width(kept) if keep_fullwidth else kept
    traditional = has_traditional(norm)
    simp = to_simplified(norm) if traditional else norm
    if keep_traditional:
        display = kept
    else:
        display = simp if kept is norm else to_simplified(kept) if traditional else kept
    lines = to_lines(display, simp)
    lines, nav = drop_link_runs(lines, extra)
    article = Article(url=url or "", site=rules.name if rules else "", traditional=traditional,
                      cleaner_version=CLEANER_VERSION)
    article.removed.extend(Removal(ln.text, "link-run") for ln in nav)
    below_echo = headline_below_echo(lines)
    if below_echo:
        article.removed.extend(Removal(ln.text, "header") for ln in lines[:below_echo])
        lines = lines[below_echo:]
    head = find_header(lines, extra)
    t, m = head["title_idx"], head["meta_idx"]
    first_body = head["body_start"]
    if t is not None:
        head["title"] = clean_title(head["title"], rules)     # `…-陕西工人报`: the echo's site suffix goes
        article.title = _display_slice(lines[t], head["title"])
        for ln in lines[:t]:
            article.removed.append(Removal(ln.text, "header"))
        if m is not None and m > t:
            between = lines[t + 1:m]
            for ln in between:
                if not article.subtitle and looks_like_heading(ln.simp) and not classify_line(ln.simp, extra):
                    article.subtitle = ln.text
                else:
                    article.removed.append(Removal(ln.text, "header"))
    elif m is not None:
        for ln in lines[:m]:
            article.removed.append(Removal(ln.text, "header"))
    if m is not None:
        article.removed.append(Removal(lines[m].text, "meta-line"))
        article.published = head["published"]
        article.source = _display_source(lines[m], head["source"])
    if t is not None and (m is None or m < t) and _subtitle_after(lines, first_body, extra):
        article.subtitle = lines[first_body].text
        article.removed.append(Removal(lines[first_body].text, "subtitle"))
        first_body += 1
    if t is not None:
        past = _labels_before_title_repeat(lines, first_body, head["title"])
        for ln in lines[first_body:past]:
            article.removed.append(Removal(ln.text, "header"))
        first_body = past
    body = clean_body(lines[first_body:], extra, title=head["title"], page_dump=True)
    article.paragraphs = body.paragraphs
    article.removed.extend(body.removed)
    article.editor = body.editor
    article.authors = body.authors
    if not article.source:
        article.source = body.source
    if not article.published and rules and rules.date_from_url:
        article.published = date_from_url(url)
    return article


_ECHO_SEP = re.compile(r"\s*(?:-|_|\||｜|–|—)")


def headline_below_echo(lines: list[Line]) -> int:
    """In a whole page's text the page <title> echo opens it and the page's own headline repeats it further
    down, above the article, after menus and tickers: the index of that repeat (0 when there is none, or
    when it is in the header anyway, or when more prose stands above it than under it - a list naming
    the article at the end)."""
    if len(lines) <= HEAD_SCAN:
        return 0
    echo = lines[0].simp.replace(" ", "")
    for r in range(HEAD_SCAN, len(lines)):
        s = lines[r].simp.replace(" ", "")
        if len(s) >= 6 and (s == echo or echo.startswith(s)
                            and _ECHO_SEP.match(lines[0].simp, _echo_cut(lines[0].simp, s))):
            above = sum(max(line_worth(ln.simp), 0) for ln in lines[1:r])
            under = sum(max(line_worth(ln.simp), 0) for ln in lines[r + 1:])
            return r if under > above else 0
    return 0


def _echo_cut(echo: str, key: str) -> int:
    """Offset in `echo` (with its spaces) just past the characters of `key` (without spaces)."""
    n = 0
    for i, ch in enumerate(echo):
        if ch != " ":
            n += 1
        if n == len(key):
            return i + 1
    return len(echo)


LINK_RUN = 6          # this many short link-like lines in a row are a menu or a headline list, not text
_LINK_MAX = 36




def _sentence(s: str) -> bool:
    return len(s) >= 30 and s[-1] in "。！？!?…”"


def _is_menu(lines: list[Line], i: int, j: int) -> bool:
    """lines[i:j] (a run of link-like lines) is a menu or list to drop: not a numbered list, and twice as
    long when it sits between sentences (a list inside the text)."""
    if sum(bool(NUMBERED_ITEM.match(ln.simp)) for ln in lines[i:j]) * 2 >= j - i:
        return False
    inside = any(_sentence(ln.simp) for ln in lines[:i]) and any(_sentence(ln.simp) for ln in lines[j:])
    return j - i >= (2 * LINK_RUN if inside else LINK_RUN)


def _link_like(s: str, extra) -> bool:
    return (len(s) <= _LINK_MAX and s[-1] not in "。！？!?…；;" and len(_CLAUSE_MARK.findall(s)) < 2
            and split_meta(s) is None and not is_byline(s))


def drop_link_runs(lines: list[Line], extra=()) -> tuple[list[Line], list[Line]]:
    """Whole-page text dumps carry menus and headline lists as runs of short lines; runs of LINK_RUN or
    more go (kept, dropped). The last line before a dated line stays: it is the headline over its date."""
    keep: list[Line] = []
    dropped: list[Line] = []
    i, n = 0, len(lines)
    while i < n:
        j = i
        while j < n and _link_like(lines[j].simp, extra):
            j += 1
        if j - i >= LINK_RUN and _is_menu(lines, i, j):
            end = j - 1 if j < n and split_meta(lines[j].simp) else j
            dropped.extend(lines[i:end])
            keep.extend(Line(ln.text, ln.simp, max(ln.gap, 1)) for ln in lines[end:j])
            i = j
        else:
            keep.extend(lines[i:max(j, i + 1)])
            i = max(j, i + 1)
    return keep, dropped


def _display_slice(line: Line, simp_part: str) -> str:
    """The display form of a part found in the matching line (same offsets: t2s and width folding keep
    lengths)."""
    if line.text == line.simp:
        return simp_part
    at = line.simp.find(simp_part)
    if at >= 0 and len(line.text) == len(line.simp):
        return line.text[at:at + len(simp_part)]
    return simp_part


def _display_source(line: Line, source: str) -> str:
    return _display_slice(line, source) if source else ""
