"""Stored plain text (a seed, a page's raw text) -> clean `Article`.

Finds the header (title, `date  来源:source` line) among the first lines, drops everything above the
title (breadcrumbs, nav runs, injected spam), then cleans the body line by line (see `lines.py`).
"""
from __future__ import annotations

import logging
import re

from .article import Article, Removal
from .dates import date_from_url
from .lines import Line, clean_body, split_meta
from .noise import classify_line, is_seo_stuffing, is_spam, looks_like_heading
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
        prefix_title = _title_candidate(re.sub(r"(发布|更新|发表)?(时间|日期)\s*[:：]?\s*$", "", prefix), extra)
        head.update(meta_idx=i, published=date.value, source=source, body_start=i + 1)
        if len(prefix_title) >= 5:
            head.update(title_idx=i, title=prefix_title)
            return head
        for j in range(i - 1, max(-1, i - 7), -1):
            cand = _title_candidate(lines[j].simp, extra)
            if len(cand) >= 5 and len(cand.replace(" ", "")) >= 5:
                head.update(title_idx=j, title=cand)
                return head
        return head
    for i in range(min(len(lines), 6)):
        cand = _title_candidate(lines[i].simp, extra)
        if cand and looks_like_heading(cand) or (cand and len(cand) <= 60 and not cand.endswith("。")):
            head.update(title_idx=i, title=cand, body_start=i + 1)
            return head
        if len(lines[i].simp) > 60:
            break
    return head


def clean_text(text: str, url: str | None = None, site_rules: SiteRules | None = None,
               keep_traditional: bool = False, keep_fullwidth: bool = False) -> Article:
    """Re-clean stored text: header lines -> metadata, noise -> `removed`, body -> paragraphs.
    Never raises: an internal error gives an empty Article whose `removed` says so (and is logged)."""
    try:
        return _clean_text(text, url, site_rules, keep_traditional, keep_fullwidth)
    except Exception as exc:  # noqa: BLE001 - one bad text must not stop a batch; the reason is recorded
        log.exception("clean_text failed on %s", url or "<text without URL>")
        return Article(url=url or "", cleaner_version=CLEANER_VERSION,
                       removed=[Removal("", f"internal-error: {exc.__class__.__name__}: {exc}"[:300])])


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
    article = Article(url=url or "", site=rules.name if rules else "", traditional=traditional,
                      cleaner_version=CLEANER_VERSION)
    head = find_header(lines, extra)
    t, m = head["title_idx"], head["meta_idx"]
    first_body = head["body_start"]
    if t is not None:
        article.title = _display_slice(lines[t], clean_title(head["title"], rules))
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
    body = clean_body(lines[first_body:], extra, title=head["title"])
    article.paragraphs = body.paragraphs
    article.removed.extend(body.removed)
    article.editor = body.editor
    article.authors = body.authors
    if not article.source:
        article.source = body.source
    if not article.published and rules and rules.date_from_url:
        article.published = date_from_url(url)
    return article


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
