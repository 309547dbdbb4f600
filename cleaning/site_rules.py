"""Declared per-portal selectors and noise (Fundus-style): the engine never branches on a site name.

Each selector field is a tuple of CSS selectors tried in order; the first that matches wins. Rules that
match a page's host sit beside the generic rules and win where they match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from urllib.parse import urlsplit

from lxml.cssselect import CSSSelector

_SELECTOR_FIELDS = ("title", "lead_title", "subtitle", "body", "published", "source", "author", "editor",
                    "images", "drop")
_REGEX_FIELDS = ("noise_patterns", "title_suffixes")


@dataclass(frozen=True)
class SiteRules:
    name: str
    hosts: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    lead_title: tuple[str, ...] = ()
    subtitle: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    editor: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    noise_patterns: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()
    default_source: str = ""       # the portal's own name when a page states no 来源
    date_from_url: bool = False    # e-papers: the issue date in the URL is the publication date

    @classmethod
    def from_mapping(cls, data: dict) -> "SiteRules":
        """Build rules from a config mapping; ValueError names the offending key."""
        if not isinstance(data, dict):
            raise ValueError(f"site rules must be a mapping, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                raise ValueError(f"site rules: unknown key {key!r} (known: {', '.join(sorted(known))})")
        if not isinstance(data.get("name"), str) or not data.get("name"):
            raise ValueError("site rules: key 'name' must be a non-empty string")
        values: dict = {}
        for key, value in data.items():
            if key in ("name", "default_source"):
                if not isinstance(value, str):
                    raise ValueError(f"site rules {data['name']!r}: key {key!r} must be a string")
                values[key] = value
            elif key == "date_from_url":
                if not isinstance(value, bool):
                    raise ValueError(f"site rules {data['name']!r}: key {key!r} must be true or false")
                values[key] = value
            else:
                items = (value,) if isinstance(value, str) else value
                if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) and i.strip() for i in items):
                    raise ValueError(f"site rules {data['name']!r}: key {key!r} must be a string or a list of strings")
                for item in items:
                    _check(data["name"], key, item)
                values[key] = tuple(items)
        return cls(**values)

    def matches(self, host: str) -> bool:
        host = host.lower().split(":")[0]
        return any(host == h or host.endswith("." + h) for h in self.hosts)


def _check(name: str, key: str, item: str) -> None:
    try:
        if key in _REGEX_FIELDS:
            re.compile(item)
        elif key in _SELECTOR_FIELDS or key == "hosts":
            if key != "hosts":
                CSSSelector(item)
    except Exception as exc:  # noqa: BLE001 - re.error / cssselect errors alike
        raise ValueError(f"site rules {name!r}: key {key!r}: bad value {item!r}: {exc}") from None


_BUILTIN: tuple[dict, ...] = (
    dict(name="workercn", hosts=("workercn.cn",), default_source="中工网",
         title=("#ctitle", "h1.ctitle", "div.ctitle", "h1"), lead_title=("#pretitle", ".pretitle"),
         subtitle=("#subtitle", ".subtitle"),
         body=("#ccontent", "div.ccontent", "div.content-text", "div.article-content", "div.TRS_Editor"),
         published=("div.signdate span:first-child", ".signdate", ".time", ".pubtime"),
         source=("div.signdate span:nth-of-type(2)", ".source"), editor=(".editor", ".zbj"),
         images=("#imgs img", "#ccontent img", "div.ccontent img"),
         drop=(".share", ".bdsharebuttonbox", ".ewm", ".qrcode", ".related", ".xgyd"),
         noise_patterns=(r"^中工娱乐$", r"^(关于中工网|关于我们)\s*\|", r"违法和不良信息举报电话",
                         r"^Copyright\s*©.*workercn", r"^(中工网(微信|微博|抖音)|工人日报\s*客户端|扫码关注|×)$",
                         r"^中工网首页时政"),
         title_suffixes=(r"\s*-\s*[^-]{1,12}\s*-\s*中工网$", r"\s*-\s*工人日报\s*-\s*中工网$", r"\s*[-_|]\s*中工网$")),
    # the e-paper hosts come first (more specific than sxworker.com; their source is the paper); the site
    # name stays the portal's
    dict(name="sxworker", hosts=("paper.sxworker.com", "szb.sxworker.com"), default_source="陕西工人报",
         date_from_url=True, title=("h1.title", ".article h1", "h1"), lead_title=(".pretitle",),
         subtitle=(".subtitle",), body=("#ozoom", "div.content", "div.article-content"),
         published=(".date",), drop=(".zoom", ".voice", ".guide", ".share", ".fontsize", ".related"),
         noise_patterns=(r"陕西工人报官方网站", r"跟帖评论自律管理承诺书", r"关注公众号.{0,4}随时阅读陕西工人报",
                         r"^第\d+期\s*[:：]\s*第\d+版", r"^语音播报", r"^出版日期\s*[:：]", r"^本版导读$",
                         r"当前版\s*[:：].*(上一期|下一期)", r"版面翻页", r"陕ICP备"),
         title_suffixes=(r"\s*[-_|]\s*陕西工人报.*$", r"\s*[-_|]\s*陕工网.*$")),
    dict(name="sxworker", hosts=("sxworker.com",), default_source="陕工网",
         title=("h1", ".article-title", "#title", ".title"),
         body=("div.article-content", "div.content", "#content", "div.TRS_Editor", "#ozoom", "div.txt"),
         published=(".time", ".date", ".pubtime"), editor=(".editor",),
         drop=(".share", ".fontsize", ".bdsharebuttonbox", ".related"),
         noise_patterns=(r"陕西工人报官方网站", r"跟帖评论自律管理承诺书", r"关注公众号.{0,4}随时阅读陕西工人报",
                         r"^第\d+期\s*[:：]\s*第\d+版", r"^语音播报", r"^出版日期\s*[:：]", r"^本版导读$",
                         r"当前版\s*[:：].*(上一期|下一期)", r"版面翻页", r"陕ICP备"),
         title_suffixes=(r"\s*[-_|]\s*陕工网.*$", r"\s*[-_|]\s*陕西工人报.*$")),
    dict(name="jsgrb", hosts=("jsgrb.com",), default_source="江苏工人报",
         title=("div.list-body > h2", "p.title", "h1"), body=("div.view_item", "div.txt"),
         published=("div.list-txt span:nth-of-type(2)",),
         noise_patterns=(r"^江苏工人报社广告部", r"^\(?江苏工人报发展有限公司\)?$", r"^江苏工人报新闻网$",
                         r"^网址\s*[:：]\s*www\.jsgrb\.com"),
         title_suffixes=(r"\s*[-_|]\s*江苏工人报.*$",)),
    dict(name="gjnews", hosts=("paper.gjnews.cn",), default_source="各界导报", date_from_url=True,
         lead_title=(".bmnr_con_yinti",), title=(".bmnr_con_biaoti", "h1"), subtitle=(".bmnr_con_futi",),
         body=("#zoom",), drop=(".bmnr_nav", "#breakNewsList1", ".footer"),
         noise_patterns=(r"各界新闻网\s*版权所有", r"版权均属各界新闻网", r"^放大\s*缩小\s*默认"),
         title_suffixes=(r"\s*[-_|]\s*各界导报.*$", r"\s*[-_|]\s*各界新闻网.*$")),
    dict(name="gjnews", hosts=("gjnews.cn",), default_source="各界新闻网", date_from_url=True,
         lead_title=(".bmnr_con_yinti",), title=(".bmnr_con_biaoti", "h1"), body=("#zoom",),
         noise_patterns=(r"各界新闻网\s*版权所有", r"版权均属各界新闻网"),
         title_suffixes=(r"\s*[-_|]\s*各界新闻网.*$", r"\s*[-_|]\s*各界导报.*$")),
    dict(name="ahgrrb", hosts=("ahgrrb.com",), default_source="安徽工人日报",
         title=("div.cont-item1 h2", "h1"), published=("span.item1-time",), body=("div.cont-item2",),
         title_suffixes=(r"\s*[-_|]\s*安徽工人日报.*$",)),
    dict(name="ldwb", hosts=("workerbj.cn",), default_source="劳动午报", date_from_url=True,
         title=("founder-title", "h1", ".title"), published=("founder-date",),
         body=("founder-content", "div#ozoom", "#ozoom"),
         title_suffixes=(r"\s*[-_|]\s*劳动午报.*$",)),
    dict(name="zjgrrb", hosts=("zjgrrb.com",), default_source="浙江工人日报", date_from_url=True,
         title=("div.main-article-alltitle", "h1"), body=("div.main-article-con",),
         title_suffixes=(r"\s*[-_|]\s*浙江工人日报.*$",)),
)

BUILTIN_RULES: tuple[SiteRules, ...] = tuple(SiteRules.from_mapping(d) for d in _BUILTIN)


def rules_for_url(url: str | None) -> SiteRules | None:
    """The builtin rules of the portal serving `url`, or None for an unknown host."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    for rules in BUILTIN_RULES:
        if rules.matches(host):
            return rules
    return None
