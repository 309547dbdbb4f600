"""Replays of the config-driven papers (crawler/sites/*.toml), one hand-written template per paper.

Each replay takes its URL shapes from the paper's config (issue URL templates, start URLs) and checks
every article/list/page URL it makes against the config's link patterns, so config and replay cannot
drift apart silently. Field markup follows SITES.md; chrome and faults are modelled on the seeds.
"""
from __future__ import annotations

from datetime import date, timedelta

from crawler.sites import SiteConfig, site_config

from .base import ExpectedArticle
from .pagetable import PageTableSite, esc, issue_dates, paras_html, url_key

OFFSITE = ["http://www.acftu.org/", "https://www.workercn.cn/", "http://www.gov.cn/", "http://www.sxgh.org.cn/"]


class PaperReplay(PageTableSite):
    config_name = ""
    _config: SiteConfig | None = None

    @property
    def config(self) -> SiteConfig:
        if self._config is None:
            self._config = site_config(self.config_name)
        return self._config

    def check(self, url: str, kind: str) -> str:
        """`url` must match the config's `kind` patterns (links.* or epaper.*)."""
        section, _, attr = kind.partition(".")
        patterns = getattr(getattr(self.config, section), attr)
        if not any(p.search(url) for p in patterns):
            raise AssertionError(f"replay {self.name}: {url} does not match {self.config.path} {kind}")
        return url

    def issue_url(self, d: date) -> str:
        return self.config.epaper.issue_urls[0].format(date=d)

    def issue_days(self, first: date, count: int) -> list[date]:
        return issue_dates(first, count, self.config.epaper.weekdays)

    def expect_article(self, url: str, title: str, published: str, source: str, paragraphs: list[str],
                       issue_date: str = "", page: str = "") -> None:
        self.expect(ExpectedArticle(url=url, site=self.config.name, spider=self.config.name, title=title,
                                    published=published, source=source, paragraphs=paragraphs,
                                    issue_date=issue_date, page=page))

    def article(self) -> dict:
        rng, text = self.rng, self.text
        return dict(title=text.title(), pretitle=text.title() if rng.random() < 0.3 else "",
                    subtitle=text.title() if rng.random() < 0.2 else "", paragraphs=text.paragraphs(),
                    author=f"通讯员 {text.name()} 记者 {text.name()}", editor=text.name())

    def offsite(self) -> str:
        return "".join(f'<a href="{u}">友情链接</a> ' for u in OFFSITE)

    def epaper_issues(self, count: int, first: date, pages: list[tuple[str, str]], per_page: int):
        """[(date, [(page_no, page_name, [article dicts])])] for `count` articles."""
        per_issue = len(pages) * per_page
        issues, left = [], count
        for d in self.issue_days(first, -(-count // per_issue)):
            issue = []
            for num, pname in pages:
                arts = [self.article() for _ in range(min(per_page, left))]
                left -= len(arts)
                issue.append((num, pname, arts))
            issues.append((d, issue))
        return issues


# --- 江苏工人报: web + e-paper ------------------------------------------------------------------------

class JsgrbReplay(PaperReplay):
    name = "jsgrb"
    config_name = "jsgrb"
    hosts = ("www.jsgrb.com", "epaper.jsgrb.com")
    spiders = ("jsgrb",)
    CHANNELS = [(1, "工会动态"), (2, "职工维权"), (3, "劳模风采")]
    PAGES = [("01", "要闻"), ("02", "工会"), ("03", "综合"), ("04", "副刊")]
    CONTACT = ('<div class="contact">江苏工人报社广告部<br>电话:025-83279186<br>电子邮箱:83279186@126.com<br>'
               '地址:南京市中山北路202号<br>邮编:210003<br>网址:www.jsgrb.com</div>')

    def build(self) -> None:
        n_web = self.n_articles // 2
        self._web(n_web)
        self._epaper(self.n_articles - n_web)

    def _web(self, count: int) -> None:
        rng = self.rng
        home = self.config.start_urls[0]
        lists: dict[int, list[dict]] = {cid: [] for cid, _ in self.CHANNELS}
        day0 = date(2024, 3, 1)
        for i in range(count):
            cid = self.CHANNELS[i % len(self.CHANNELS)][0]
            a = self.article()
            key = "%024x" % rng.getrandbits(96)
            a["url"] = self.check(f"http://www.jsgrb.com/article/content?key={key}", "links.articles")
            d = day0 + timedelta(days=i // 3)
            a["published"] = f"{d:%Y-%m-%d} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            a["source"] = rng.choice(["江苏工人报", "江苏工人报", "新华日报", "工人日报"])
            lists[cid].append(a)
            self.expect_article(a["url"], a["title"], a["published"], a["source"], a["paragraphs"])
        nav = "".join(f'<a href="/article/list?cid={cid}">{name}</a>' for cid, name in self.CHANNELS)
        chrome = f'<div class="header"><a href="/">江苏工人报新闻网</a>{nav}<a href="http://epaper.jsgrb.com/">数字报</a></div>'
        self.add(home, f'<html><head><meta charset="utf-8"><title>江苏工人报新闻网</title></head><body>{chrome}'
                       f'<div class="friends">{self.offsite()}</div></body></html>')
        flaky = True
        for cid, name in self.CHANNELS:
            items = lists[cid]
            chunks = [items[i:i + 4] for i in range(0, len(items), 4)] or [[]]
            for p, chunk in enumerate(chunks, start=1):
                url = f"http://www.jsgrb.com/article/list?cid={cid}" + (f"&page={p}" if p > 1 else "")
                self.check(url, "links.lists" if p == 1 else "links.pagination")
                rows = "".join(f'<div class="list-item"><a href="/article/content?key={a["url"].rsplit("=", 1)[1]}">'
                               f'{esc(a["title"])}</a><span class="time">{a["published"][:10]}</span></div>'
                               for a in chunk)
                pager = "".join(f'<a href="/article/list?cid={cid}&amp;page={q}">{q}</a>'
                                for q in range(2, len(chunks) + 1))
                self.add(url, f'<html><head><meta charset="utf-8"><title>{name}-江苏工人报</title></head><body>'
                              f'{chrome}<div class="list">{rows}</div><div class="pager"><a href="/article/list?cid={cid}">1</a>'
                              f'{pager}</div></body></html>')
            for a in items:
                related = "".join(f'<li><a href="{b["url"]}">{esc(b["title"])}</a></li>' for b in items[:3])
                self.add(a["url"], self._web_article(a, chrome, related))
                if flaky:
                    self.flaky.add(url_key(a["url"]))
                    flaky = False

    def _web_article(self, a: dict, chrome: str, related: str) -> str:
        return (f'<html><head><meta charset="utf-8"><title>{esc(a["title"])}_江苏工人报</title></head><body>{chrome}'
                f'<div class="list-body"><h2>{esc(a["title"])}</h2><div class="list-txt">'
                f'<span class="source">来源:{esc(a["source"])}</span><span class="time">{a["published"]}</span>'
                f'<span>浏览:{self.rng.randint(100, 9999)}</span></div>'
                f'<div class="share">分享到:微信 微博</div><div class="view_item">{paras_html(a["paragraphs"])}</div>'
                f'<div class="editor">责任编辑:{a["editor"]}</div></div>'
                f'<div class="related"><ul>{related}</ul></div>{self.offsite()}</body></html>')

    def _epaper(self, count: int) -> None:
        page_id, aid = 5000, 90000
        for d, issue in self.epaper_issues(count, date(2024, 1, 2), self.PAGES, 3):
            ids = []
            for num, pname, arts in issue:
                page_id += 1
                ids.append(page_id)
                for a in arts:
                    aid += self.rng.randint(1, 5)
                    a["url"] = self.check(f"http://epaper.jsgrb.com/Article/index/aid/{aid}.html", "epaper.articles")
            plist = "".join(f'<li><a href="/Page/index/pageid/{pid}.html">第{num}版:{pname}</a></li>'
                            for pid, (num, pname, _) in zip(ids, issue))
            for k, (pid, (num, pname, arts)) in enumerate(zip(ids, issue)):
                titles = "".join(f'<li><a href="/Article/index/aid/{a["url"].rsplit("/", 1)[1]}">{esc(a["title"])}</a></li>'
                                 for a in arts)
                html = (f'<html><head><meta charset="utf-8"><title>江苏工人报 {d:%Y-%m-%d} 第{num}版</title></head><body>'
                        f'<div class="date">{d.year}年{d.month}月{d.day}日</div><ul class="pages">{plist}</ul>'
                        f'<div class="page-title">第{num}版:{pname}</div><ul class="titles">{titles}</ul>'
                        f'{self.CONTACT}<a href="http://www.jsgrb.com/">江苏工人报新闻网</a> {self.offsite()}</body></html>')
                url = self.check(f"http://epaper.jsgrb.com/Page/index/pageid/{pid}.html", "epaper.pages")
                self.add(url, html)
                if k == 0:
                    self.add(self.issue_url(d), html)
                for a in arts:
                    pre = f'<p class="pretitle">{esc(a["pretitle"])}</p>' if a["pretitle"] else ""
                    sub = f'<p class="subtitle">{esc(a["subtitle"])}</p>' if a["subtitle"] else ""
                    self.add(a["url"], f'<html><head><meta charset="utf-8"><title>{esc(a["title"])}</title></head><body>'
                                       f'<div class="page-nav">第{num}版:{pname} <a href="/Page/index/pageid/{pid}.html">返回版面</a></div>'
                                       f'<div class="article">{pre}<p class="title">{esc(a["title"])}</p>{sub}'
                                       f'<div class="txt">{paras_html(a["paragraphs"])}</div></div>'
                                       f'<div class="footer">投稿邮箱:jsgrbky@126.com</div></body></html>')
                    self.expect_article(a["url"], a["title"], f"{d:%Y-%m-%d}", "江苏工人报", a["paragraphs"],
                                        issue_date=f"{d:%Y-%m-%d}", page=num)


# --- 安徽工人日报: web ----------------------------------------------------------------------------------

class AhgrrbReplay(PaperReplay):
    name = "ahgrrb"
    config_name = "ahgrrb"
    hosts = ("www.ahgrrb.com",)
    spiders = ("ahgrrb",)
    CHANNELS = [("ghdt", "工会动态"), ("zgwq", "职工维权"), ("ahxw", "安徽新闻")]

    def build(self) -> None:
        rng = self.rng
        lists: dict[str, list[dict]] = {c: [] for c, _ in self.CHANNELS}
        day0 = date(2024, 5, 6)
        seq = 202405060000001
        for i in range(self.n_articles):
            chan = self.CHANNELS[i % len(self.CHANNELS)][0]
            a = self.article()
            d = day0 + timedelta(days=i // 4)
            seq += rng.randint(1, 40)
            a["url"] = self.check(f"http://www.ahgrrb.com/html/detail/{d:%Y%m%d}/{seq}.html", "links.articles")
            a["published"] = f"{d:%Y-%m-%d} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}"
            a["source"] = rng.choice(["安徽工人日报", "安徽工人日报", "中安在线"])
            lists[chan].append(a)
            self.expect_article(a["url"], a["title"], a["published"], a["source"], a["paragraphs"])
        nav = "".join(f'<a href="/html/list/{c}/index.html">{name}</a>' for c, name in self.CHANNELS)
        chrome = f'<div class="nav"><a href="/">首页</a>{nav}</div>'
        self.add(self.config.start_urls[0], f'<html><head><meta charset="utf-8"><title>安徽工人日报</title></head>'
                                            f'<body>{chrome}{self.offsite()}</body></html>')
        odd = self.check("http://www.ahgrrb.com/html/detail/20240506/202405069999999.html", "links.articles")
        self.add(odd, '<html><head><meta charset="utf-8"><title>页面不存在</title></head><body>'
                      f'{chrome}<div class="error">您访问的页面不存在或已被删除</div></body></html>')
        self.non_article_urls.append(odd)
        for c, name in self.CHANNELS:
            items = sorted(lists[c], key=lambda a: a["published"], reverse=True)
            chunks = [items[i:i + 6] for i in range(0, len(items), 6)] or [[]]
            for p, chunk in enumerate(chunks, start=1):
                url = f"http://www.ahgrrb.com/html/list/{c}/index.html" if p == 1 else \
                    self.check(f"http://www.ahgrrb.com/html/list/{c}/index_{p}.html", "links.pagination")
                rows = "".join(f'<li><a href="{a["url"]}">{esc(a["title"])}</a><span class="date">{a["published"][:10]}'
                               f'</span> <a href="{a["url"].replace("/html/", "/m/html/")}">手机版</a></li>' for a in chunk)
                if p == 1 and c == "ghdt":
                    rows += f'<li><a href="{odd}">专题活动</a><span class="date">2024-05-06</span></li>'
                nxt = f'<a href="index_{p + 1}.html">下一页</a>' if p < len(chunks) else ""
                self.add(url, f'<html><head><meta charset="utf-8"><title>{name}</title></head><body>{chrome}'
                              f'<ul class="news-list">{rows}</ul><div class="pages">{nxt}</div></body></html>')
                if p == 2:
                    self.flaky.add(url_key(url))
            for a in items:
                self.add(a["url"], f'<html><head><meta charset="utf-8"><title>{esc(a["title"])}-安徽工人日报</title></head>'
                                   f'<body>{chrome}<div class="cont-item1"><h2>{esc(a["title"])}</h2>'
                                   f'<span class="item1-time">{a["published"]}</span> '
                                   f'<span class="item1-source">来源:{esc(a["source"])}</span></div>'
                                   f'<div class="cont-share">分享到:</div><div class="cont-item2">{paras_html(a["paragraphs"])}</div>'
                                   f'<div class="cont-editor">编辑:{a["editor"]}</div>'
                                   f'<div class="footer">安徽工人日报社 版权所有 皖ICP备05001339号</div></body></html>')


# --- 各界导报: e-paper, GB2312 -------------------------------------------------------------------------

class GjnewsReplay(PaperReplay):
    name = "gjnews"
    config_name = "gjnews"
    hosts = ("paper.gjnews.cn",)
    spiders = ("gjnews",)
    PAGES = [("01", "要闻"), ("02", "工会"), ("03", "社会"), ("04", "文化")]

    def build(self) -> None:
        enc = dict(encoding="gb18030", declared=None)
        for d, issue in self.epaper_issues(self.n_articles, date(2024, 2, 6), self.PAGES, 3):
            base = f"http://paper.gjnews.cn/gjdb/{d:%Y%m%d}/html"
            plist = "".join(f'<li><a href="page_{num}.htm">第{num}版:{pname}</a></li>' for num, pname, _ in issue)
            for k, (num, pname, arts) in enumerate(issue):
                for j, a in enumerate(arts, start=1):
                    a["url"] = self.check(f"{base}/content_{num}_{j}.htm", "epaper.articles")
                news = "".join(f'<li><a href="content_{num}_{j}.htm">{esc(a["title"])}</a></li>'
                               for j, a in enumerate(arts, start=1))
                html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                        f'<title>各界导报</title></head><body><div class="bmnr_nav">{d.year}年{d.month}月{d.day}日 '
                        f'第{num}版:{pname}</div><ul class="bmdh">{plist}</ul><ul id="breakNewsList1">{news}</ul>'
                        f'<div class="footer">各界导报社 版权所有 陕ICP备13008241号 {self.offsite()}</div></body></html>')
                self.add(self.check(f"{base}/page_{num}.htm", "epaper.pages"), html, **enc)
                if k == 0:
                    self.add(self.issue_url(d), html, **enc)
                for a in arts:
                    parts = [f'<div class="bmnr_con_yinti">{esc(a["pretitle"])}</div>' if a["pretitle"] else "",
                             f'<div class="bmnr_con_biaoti">{esc(a["title"])}</div>',
                             f'<div class="bmnr_con_futi">{esc(a["subtitle"])}</div>' if a["subtitle"] else "",
                             f'<div class="bmnr_con_author">{esc(a["author"])}</div>']
                    self.add(a["url"], f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                                       f'<title>{esc(a["title"])}</title></head><body><div class="bmnr_nav">第{num}版:{pname}'
                                       f' <a href="page_{num}.htm">返回本版</a></div>{"".join(parts)}'
                                       f'<div id="zoom">{paras_html(a["paragraphs"])}</div>'
                                       f'<div class="tool">放大 缩小 默认</div></body></html>', **enc)
                    self.expect_article(a["url"], a["title"], f"{d:%Y-%m-%d}", "各界导报", a["paragraphs"],
                                        issue_date=f"{d:%Y-%m-%d}", page=num)
            if d.day % 2 == 0:
                self.flaky.add(url_key(f"{base}/page_02.htm"))


# --- Founder e-papers: 劳动午报 (period.xml catalogue) and 浙江工人日报 (GB2312) ----------------------------

class FounderReplay(PaperReplay):
    FIRST_DAY = date(2024, 1, 2)
    FIRST_NODE = 2
    PER_PAGE = 3
    PAGES = [("01", "要闻"), ("02", "工会"), ("03", "维权"), ("04", "副刊")]
    ENCODING = dict(encoding="utf-8", declared="utf-8")
    META = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'

    def build(self) -> None:
        issues = self.epaper_issues(self.n_articles, self.FIRST_DAY, self.PAGES, self.PER_PAGE)
        self.issue_list = [d for d, _ in issues]
        cid = 110000
        for k, (d, issue) in enumerate(issues):
            base = self.base_url(d)
            nodes = [self.FIRST_NODE + i for i in range(len(issue))]
            for num, pname, arts in issue:
                for a in arts:
                    cid += self.rng.randint(1, 7)
                    a["url"] = self.check(f"{base}/content_{cid}.htm", "epaper.articles")
            prev_d = issues[k - 1][0] if k else None
            next_d = issues[k + 1][0] if k + 1 < len(issues) else d + timedelta(days=1)   # 下一期 past the last issue: a 404
            plist = "".join(f'<tr><td><a id="pageLink" href="node_{n}.htm">第{num}版:{pname}</a></td></tr>'
                            for n, (num, pname, _) in zip(nodes, issue))
            for i, (n, (num, pname, arts)) in enumerate(zip(nodes, issue)):
                titles = "".join(f'<tr><td><a href="{a["url"].rsplit("/", 1)[1]}"><div style="display:inline">'
                                 f'{esc(a["title"])}</div></a></td></tr>' for a in arts)
                nav = ((f'<a href="{self.base_url(prev_d)}/node_{self.FIRST_NODE}.htm">上一期</a> ' if prev_d else "")
                       + f'<a href="{self.base_url(next_d)}/node_{self.FIRST_NODE}.htm">下一期</a>')
                html = (f'<html><head>{self.META}<title>{self.config.title}</title></head><body>'
                        f'<div class="header">{self.config.title} {d.year}年{d.month:02d}月{d.day:02d}日 {nav}</div>'
                        f'<table class="bmdh">{plist}</table><div class="cur">第{num}版:{pname}</div>'
                        f'<table class="titles">{titles}</table><div class="footer">{self.offsite()}</div></body></html>')
                self.add(self.check(f"{base}/node_{n}.htm", "epaper.pages"), html, **self.ENCODING)
                for j, a in enumerate(arts):
                    self.add(a["url"], self.article_html(a, d, num, pname, n), **self.ENCODING)
                    self.expect_article(a["url"], a["title"], f"{d:%Y-%m-%d}", self.config.title, a["paragraphs"],
                                        issue_date=f"{d:%Y-%m-%d}", page=num)
                    if k == 0 and i == 1 and j == 0:
                        self.flaky.add(url_key(a["url"]))
        self.extra()

    def base_url(self, d: date) -> str:
        raise NotImplementedError

    def article_html(self, a: dict, d: date, num: str, pname: str, node: int) -> str:
        raise NotImplementedError

    def extra(self) -> None:
        pass


class LdwbReplay(FounderReplay):
    name = "ldwb"
    config_name = "ldwb"
    hosts = ("ldwb.workerbj.cn",)
    spiders = ("ldwb",)
    FIRST_DAY = date(2024, 1, 29)     # issues cross a month end: two period.xml catalogues

    def base_url(self, d: date) -> str:
        return f"http://ldwb.workerbj.cn/content/{d:%Y-%m}/{d:%d}"

    def article_html(self, a, d, num, pname, node):
        pre = f"<h3>{esc(a['pretitle'])}</h3>" if a["pretitle"] else ""
        return (f'<html><head>{self.META}<title>{esc(a["title"])}</title></head><body>\n'
                f'<!--<founder-title>{esc(a["title"])}</founder-title><founder-date>{d:%Y-%m-%d}</founder-date>'
                f'<founder-author>{esc(a["author"])}</founder-author>-->\n'
                f'<div class="header">劳动午报 第{num}版:{pname} <a href="node_{node}.htm">返回版面</a></div>'
                f'<div class="title">{pre}'
                f'<h1>{esc(a["title"])}</h1></div>'
                f'<div id="ozoom"><founder-content>{paras_html(a["paragraphs"])}</founder-content></div>'
                f'<div class="tool">放大 缩小 默认</div><div class="footer">劳动午报社 版权所有 京ICP备05050551号</div>'
                f'</body></html>')

    def extra(self) -> None:
        months: dict[str, list[date]] = {}
        for d in self.issue_list:
            months.setdefault(f"{d:%Y-%m}", []).append(d)
        for month, days in months.items():
            entries = "".join(f'<period id="{d:%Y%m%d}"><period_name>{d:%Y-%m-%d}</period_name>'
                              f'<period_date>{d:%Y-%m-%d}</period_date><front_page>node_{self.FIRST_NODE}.htm</front_page>'
                              f'</period>' for d in days)
            self.add(self.config.epaper.catalogue.url.format(date=days[0]),
                     f'<?xml version="1.0" encoding="UTF-8"?>\n<root>{entries}</root>',
                     content_type="text/xml; charset=utf-8")


class ZjgrrbReplay(FounderReplay):
    name = "zjgrrb"
    config_name = "zjgrrb"
    hosts = ("epaper.zjgrrb.com",)
    spiders = ("zjgrrb",)
    FIRST_DAY = date(2024, 4, 1)
    FIRST_NODE = 2577
    ENCODING = dict(encoding="gb18030", declared=None)
    META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'

    def base_url(self, d: date) -> str:
        return f"http://epaper.zjgrrb.com/html/{d:%Y-%m}/{d:%d}"

    def article_html(self, a, d, num, pname, node):
        pre = f'<div class="main-article-pretitle">{esc(a["pretitle"])}</div>' if a["pretitle"] else ""
        sub = f'<div class="main-article-subtitle">{esc(a["subtitle"])}</div>' if a["subtitle"] else ""
        return (f'<html><head>{self.META}<title>{esc(a["title"])}</title></head><body>'
                f'<div class="main-article-nav">浙江工人日报 第{num}版:{pname} <a href="node_{node}.htm">返回</a></div>'
                f'{pre}<div class="main-article-alltitle"><h1>{esc(a["title"])}</h1></div>{sub}'
                f'<div class="main-article-con">{paras_html(a["paragraphs"])}</div>'
                f'<div class="tool">放大 缩小 默认</div><div class="footer">浙江工人日报社 版权所有 浙ICP备11037009号</div>'
                f'</body></html>')
