"""The seed text format of FORMAT.md: title, `published  来源:source`, blank line, paragraphs.

`parse_seed_text(render_seed_text(a))` gives back a's title, published, source and paragraphs. An article
without a title starts with an empty line so that its first paragraph is not read back as the title.
"""
from __future__ import annotations

import re

from .article import Article

_META_RE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?)?\s*(?:来源:(?P<source>.*))?$")
_WS = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _WS.sub(" ", text or "").strip()


def meta_line(article: Article) -> str:
    parts = []
    if article.published:
        parts.append(_one_line(article.published))
    if article.source:
        parts.append("来源:" + _one_line(article.source))
    return "  ".join(parts)


def render_seed_text(article: Article) -> str:
    title, meta = _one_line(article.title), meta_line(article)
    # untitled: "\n<meta>" or "\n" - the leading newline says "no title line"
    text = "\n".join([title, meta] if meta or not title else [title])
    paragraphs = [p for p in (_one_line(p) for p in article.paragraphs) if p]
    if paragraphs:
        text += "\n\n" + "\n\n".join(paragraphs)
    return text


def parse_seed_text(text: str) -> Article:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    untitled = text.startswith("\n")
    blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", text.strip("\n")) if b.strip()]
    article = Article()
    if not blocks:
        return article
    if untitled:
        head = blocks[0].split("\n")
        m = None if text.startswith("\n\n") else _META_RE.match(head[0].strip())
        if m:
            article.published = m.group("date") or ""
            article.source = (m.group("source") or "").strip()
            blocks = blocks[1:]
    else:
        head = blocks[0].split("\n")
        article.title = head[0].strip()
        if len(head) > 1:
            meta = " ".join(h.strip() for h in head[1:])
            m = _META_RE.match(meta)
            if m:
                article.published = m.group("date") or ""
                article.source = (m.group("source") or "").strip()
        blocks = blocks[1:]
    article.paragraphs = [_one_line(b) for b in blocks]
    return article
