"""Headlines: strip breadcrumbs and site suffixes (`标题 - 频道 - 中工网`, `标题_新浪新闻`)."""
from __future__ import annotations

import re

from .normalize import to_simplified
from .site_rules import SiteRules

MAX_CHANNEL_CHARS = 6
_CHANNEL_STOP = re.compile(r"[，。、：！？,:!?\s\d]")

_BREADCRUMB = re.compile(
    r"^(?:(?:您?(?:当前|现在)?(?:的|所在)?位置|当前位置|所在位置)\s*[:：]\s*)?"
    r"(?:首页|主页|网站首页|本站首页)(?:\s*[>»›]\s*[^\s>»›]+)*\s*[>»›]?\s*")
_SEP = r"\s*(?:-|_|\||｜|(?<!—)—(?!—)|–|::)\s*"
_SITEISH = re.compile(r"(网|报|新闻|频道|中心|门户|政府|官网|在线|日报|晚报|时报|资讯|首页|工会|之窗|平台|新华|人民|央视|百科|"
                      r"\.com|\.cn|\.net|news|[A-Za-z]{2,})")
_GENERIC_SUFFIX = re.compile(_SEP + r"([^-_|｜–—]{1,18})$")


def strip_breadcrumb(line: str) -> str:
    m = _BREADCRUMB.match(line)
    if m and m.end() < len(line):
        return line[m.end():].strip()
    return line.strip() if not m else ""


def clean_title(title: str, rules: SiteRules | None = None) -> str:
    t = re.sub(r"\s+", " ", title or "").strip()
    if rules:
        for rx in rules.title_suffixes:
            stripped = re.sub(rx, "", t).strip()
            if len(stripped) >= 4:
                t = stripped
    stripped = False
    for _ in range(3):
        m = _GENERIC_SUFFIX.search(t)
        if not m or m.start() < 4:
            break
        part = m.group(1)
        # Traditional pages name the site in Traditional characters (`新浪網`, `新聞`); once the site is
        # gone, a short segment before it is its channel (`標題 - 數碼 - 新浪網`)
        if not (_SITEISH.search(to_simplified(part)) or stripped and len(part.strip()) <= MAX_CHANNEL_CHARS
                and not _CHANNEL_STOP.search(part)):
            break
        t = t[:m.start()].strip()
        stripped = True
    # a doubled separator (`标题__2007年第23号公报_中国政府网`) leaves one behind once its segment is gone
    return _TRAILING_SEP.sub("", t) if stripped else t


_TRAILING_SEP = re.compile(r"(?:" + _SEP + r")+$")
