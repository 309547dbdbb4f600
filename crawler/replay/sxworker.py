"""Replay of 陕工网 / 陕西工人报 (sxworker.com): web articles and both e-paper archives.

Page chrome follows SITES.md and seed 003. URL shapes of articles are the documented ones; the list,
e-paper layout and date-entry URLs are not documented and are this replay's guess (check live):
- web lists  https://www.sxworker.com/<section>/<chan>/index.html, index_2.html, ...
  articles   https://img-sxworker.sxworker.com/<section>/<chan>/YYYY-MM-DD/<id>.html (some lists link the
             same path on www.sxworker.com: one article, delivered once, canonical on img-sxworker)
- xpaper     http://paper.sxworker.com/xpaper/paper/YYYY-MM-DD/index.shtml (= page 1 of the issue),
             layout/<issueSeq>/<pageId>.shtml, news/<issueSeq>/<pageId>/<articleId>-1.shtml
- szb        http://szb.sxworker.com/content/YYYY-MM/DD/node_<n>.html, .../<6 digits>.html (GB2312),
             mobile copies /m/content/... (never crawled)
"""
from __future__ import annotations

from datetime import date, timedelta

from .base import ExpectedArticle
from .pagetable import PageTableSite, esc, issue_dates, paras_html, url_key

SITE = "sxworker"
WEB = "https://www.sxworker.com"
IMG = "https://img-sxworker.sxworker.com"
PAPER = "http://paper.sxworker.com"
SZB = "http://szb.sxworker.com"

CHANNELS = [("gonghui", "gh11", "工会", "地市工会"), ("gonghui", "gh12", "工会", "产业工会"),
            ("xinwen", "xw01", "新闻", "陕西新闻"), ("zhigong", "zg03", "职工", "职工维权")]
OFFSITE = ["http://www.sxgh.org.cn/", "https://www.workercn.cn/", "http://www.gov.cn/", "https://weibo.com/sxworker"]
WEB_SOURCES = ["陕工网—陕西工人报"] * 5 + ["工人日报", "陕西日报"]
PER_LIST_PAGE = 8

HEADER = ('<div class="top"><div class="wrap">陕西工人报官方网站 | <a href="https://www.sxworker.com/">陕工网首页</a> '
          '<a href="https://m.sxworker.com/">手机站</a> 今天是<span id="today"></span></div></div>\n'
          '<div class="notice"><a href="https://www.sxworker.com/zlgl/cns.html">跟帖评论自律管理承诺书</a>'
          '\u3000不良信息举报电话:陕工网(029-87344649)</div>\n')
FOOTER = ('<div class="gzh">关注公众号,随时阅读陕西工人报</div>\n')
SITE_FOOTER = ('<div class="footer"><p>陕工网——陕西工人报 © 2018 sxworker.com. 地址:西安市莲湖路239号 '
               '联系电话:029-87344649 E-mail:sxworker@126.com</p><p>陕ICP备17000697号 版权所有 Copyright 2005陕工网 '
               '未经书面授权不得转载或镜像 网站图文若涉及侵权,请联系我们删除。</p></div>\n'
               # the inner </script> ends the script early: its tail shows as text, as on the live site
               '<script>(function(){ document.write(\'<script src="https://s.sxworker.com/tj.js"></script>\'); })();</script>\n')


def _nav() -> str:
    links = "".join(f'<a href="{WEB}/{s}/{c}/index.html">{name}</a>' for s, c, _, name in CHANNELS)
    return f'<div class="nav"><a href="{WEB}/">首页</a>{links}<a href="{PAPER}/">数字报</a></div>\n'


class SxworkerWebReplay(PageTableSite):
    name = "sxworker"
    hosts = ("www.sxworker.com", "img-sxworker.sxworker.com")
    spiders = ("sxworker",)

    def build(self) -> None:
        rng, text = self.rng, self.text
        by_channel: dict[int, list[dict]] = {i: [] for i in range(len(CHANNELS))}
        first_day = date(2025, 10, 1)
        for i in range(self.n_articles):
            ch = i % len(CHANNELS)
            sec, chan, sec_name, chan_name = CHANNELS[ch]
            day = first_day + timedelta(days=i * 60 // max(self.n_articles, 1))
            art_id = 200100 + i * 7 + rng.randint(0, 6)
            published = f"{day:%Y-%m-%d} {rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            paragraphs = text.paragraphs()
            paragraphs[0] = f"陕工网—陕西工人报讯(记者 {text.name()})" + paragraphs[0]
            art = dict(url=f"{IMG}/{sec}/{chan}/{day:%Y-%m-%d}/{art_id}.html", title=text.title(),
                       published=published, source=rng.choice(WEB_SOURCES), paragraphs=paragraphs,
                       editor=text.name(), channel=ch)
            by_channel[ch].append(art)
        arts = [a for ch in by_channel.values() for a in ch]
        for n, art in enumerate(arts):
            related = [arts[(n + k) % len(arts)] for k in (1, 5, 11)]
            self.add(art["url"], self._article_html(art, related))
            self.expect(ExpectedArticle(url=art["url"], site=SITE, spider="sxworker", title=art["title"],
                                        published=art["published"], source=art["source"],
                                        paragraphs=art["paragraphs"]))
        if arts:
            self.flaky.add(url_key(arts[0]["url"]))
        # a 专题 page at an article URL: linked from the first list, holds no article
        odd = f"{IMG}/gonghui/gh11/2025-10-01/200001.html"
        self.add(odd, f'<html><head><meta charset="utf-8"><title>专题-陕工网</title></head><body>{HEADER}{_nav()}'
                      f'<div class="zt"><h2>专题:职工心向党</h2><ul>'
                      + "".join(f'<li><a href="{a["url"]}">{esc(a["title"])}</a></li>' for a in arts[:3])
                      + f'</ul></div>{SITE_FOOTER}</body></html>')
        self.non_article_urls.append(odd)
        for ch, items in by_channel.items():
            items.sort(key=lambda a: a["published"], reverse=True)
            self._lists(ch, items, odd if ch == 0 else None)
        home = self._home(arts)
        self.add(f"{WEB}/", home)
        self.add(f"{WEB}/index.html", home)

    def _home(self, arts: list[dict]) -> str:
        heads = "".join(f'<li><a href="{a["url"].replace(IMG, WEB)}">{esc(a["title"])}</a></li>' for a in arts[:4])
        off = "".join(f'<a href="{u}">友情链接</a> ' for u in OFFSITE)
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>陕工网—陕西工人报</title></head><body>'
                f'{HEADER}{_nav()}<div class="focus"><ul>{heads}</ul></div>'
                f'<div class="links">{off}<a href="{WEB}/admin/login.html">管理</a></div>{SITE_FOOTER}</body></html>')

    def _lists(self, ch: int, items: list[dict], odd: str | None) -> None:
        sec, chan, sec_name, chan_name = CHANNELS[ch]
        pages = [items[i:i + PER_LIST_PAGE] for i in range(0, len(items), PER_LIST_PAGE)] or [[]]
        for p, chunk in enumerate(pages, start=1):
            lis = []
            for k, a in enumerate(chunk):
                href = a["url"].replace(IMG, WEB) if k % 3 == 1 else a["url"]   # both hosts in use
                lis.append(f'<li><a href="{href}" target="_blank">{esc(a["title"])}</a>'
                           f'<span class="time">{a["published"][:10]}</span></li>')
            if odd and p == 1:
                lis.append(f'<li><a href="{odd}">专题:职工心向党</a><span class="time">2025-10-01</span></li>')
            nav = []
            if p > 1:
                nav.append(f'<a href="{"index.html" if p == 2 else f"index_{p - 1}.html"}">上一页</a>')
            if p < len(pages):
                nav.append(f'<a href="index_{p + 1}.html">下一页</a>')
            html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{chan_name}-陕工网</title></head><body>'
                    f'{HEADER}{_nav()}<div class="position">您当前的位置:<a href="{WEB}/">首页</a> &gt; '
                    f'<a href="{WEB}/{sec}/">{sec_name}</a> &gt; {chan_name}</div>'
                    f'<ul class="list">{"".join(lis)}</ul><div class="page">{"".join(nav)}</div>'
                    f'<div class="ad"><a href="{OFFSITE[p % len(OFFSITE)]}">广告</a></div>{SITE_FOOTER}</body></html>')
            url = f"{WEB}/{sec}/{chan}/index.html" if p == 1 else f"{WEB}/{sec}/{chan}/index_{p}.html"
            self.add(url, html)
            if p == 2 and ch == 0:
                self.flaky.add(url_key(url))

    def _article_html(self, art: dict, related: list[dict]) -> str:
        sec, chan, sec_name, chan_name = CHANNELS[art["channel"]]
        rec = "".join(f'<li><a href="{a["url"]}">{esc(a["title"])}</a></li>' for a in related)
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(art["title"])}-陕工网</title></head>'
                f'<body>{HEADER}{_nav()}'
                f'<div class="position">您当前的位置:<a href="{WEB}/">首页</a> &gt; <a href="{WEB}/{sec}/">{sec_name}</a>'
                f' &gt; <a href="{WEB}/{sec}/{chan}/index.html">{chan_name}</a></div>\n'
                f'<div class="article"><h1 class="title">{esc(art["title"])}</h1>\n'
                f'<div class="info"><span class="time">{art["published"]}</span>来源:<span class="source">'
                f'{esc(art["source"])}</span></div>\n'
                f'<div class="share">分享到:<a href="http://service.weibo.com/share/share.php">微博</a></div>'
                f'<div class="font">字体:【<a>大</a> <a>中</a> <a>小</a>】</div>\n'
                f'<div class="content" id="content">\n{paras_html(art["paragraphs"])}\n</div>\n'
                f'<div class="editor">责任编辑:{art["editor"]}</div></div>\n{FOOTER}'
                f'<div class="recommend"><h3>新闻推荐</h3><ul>{rec}</ul></div>\n{SITE_FOOTER}</body></html>')


class SxworkerEpaperReplay(PageTableSite):
    """陕西工人报 e-paper: the szb archive (older issues, GB2312) followed by the xpaper system."""

    name = "sxworker_epaper"
    hosts = ("paper.sxworker.com", "szb.sxworker.com")
    spiders = ("sxworker_epaper",)
    WEEKDAYS = (2, 4, 6)
    PAGES = [("01", "要闻"), ("02", "综合"), ("03", "社会·法制"), ("04", "视角")]
    PER_PAGE = 3

    def build(self) -> None:
        per_issue = len(self.PAGES) * self.PER_PAGE
        n_szb = max(1, self.n_articles // 3)
        n_x = max(1, self.n_articles - n_szb)
        szb_issues = -(-n_szb // per_issue)
        x_issues = -(-n_x // per_issue)
        dates = issue_dates(date(2016, 11, 1), szb_issues + x_issues, self.WEEKDAYS)
        self.szb_dates, self.x_dates = dates[:szb_issues], dates[szb_issues:]
        remaining = [n_szb, n_x]
        self.article_seq = 100200
        for k, d in enumerate(self.szb_dates):
            prev_d = self.szb_dates[k - 1] if k else None
            next_d = self.szb_dates[k + 1] if k + 1 < len(self.szb_dates) else None
            remaining[0] = self._szb_issue(d, remaining[0], prev_d, next_d)
        for k, d in enumerate(self.x_dates):
            remaining[1] = self._xpaper_issue(d, 8600 + k, remaining[1], self.x_dates[k - 1] if k else None,
                                              self.x_dates[k + 1] if k + 1 < len(self.x_dates) else None)

    def _articles(self, count: int) -> list[dict]:
        out = []
        for _ in range(count):
            self.article_seq += self.rng.randint(1, 9)
            pretitle = self.text.title() if self.rng.random() < 0.3 else ""
            out.append(dict(id=self.article_seq, title=self.text.title(), pretitle=pretitle,
                            paragraphs=self.text.paragraphs()))
        return out

    def _expect(self, url: str, art: dict, d: date, page: str) -> None:
        self.expect(ExpectedArticle(url=url, site=SITE, spider="sxworker_epaper", title=art["title"],
                                    published=f"{d:%Y-%m-%d}", source="陕西工人报", paragraphs=art["paragraphs"],
                                    issue_date=f"{d:%Y-%m-%d}", page=page))

    # --- szb archive (GB2312) -------------------------------------------------------------------
    def _szb_issue(self, d: date, remaining: int, prev_d, next_d) -> int:
        base = f"{SZB}/content/{d:%Y-%m}/{d:%d}"
        pages = []
        for n, (num, pname) in enumerate(self.PAGES, start=1):
            arts = self._articles(min(self.PER_PAGE, remaining))
            remaining -= len(arts)
            pages.append((n, num, pname, arts))
        for n, num, pname, arts in pages:
            nav_prev = f'<a href="{SZB}/content/{prev_d:%Y-%m}/{prev_d:%d}/node_1.html">上一期</a>' if prev_d else "上一期"
            nav_next = f'<a href="{SZB}/content/{next_d:%Y-%m}/{next_d:%d}/node_1.html">下一期</a>' if next_d else "下一期"
            pnav = (f'<div class="pagenav">当前版:{num} {nav_prev} {nav_next} '
                    + (f'<a href="{base}/node_{n - 1}.html">上一版</a> ' if n > 1 else "上一版 ")
                    + (f'<a href="{base}/node_{n + 1}.html">下一版</a> ' if n < len(pages) else "下一版 ")
                    + '版面翻页</div>')
            plist = "".join(f'<li><a href="node_{m}.html">第{mn}版:{mname}</a></li>'
                            for m, mn, mname, _ in pages)
            guide = "".join(f'<li><a href="{a["id"]}.html">{esc(a["title"])}</a>'
                            f' <a href="{SZB}/m/content/{d:%Y-%m}/{d:%d}/{a["id"]}.html">手机版</a></li>'
                            for a in arts)
            head = (f'<div class="date">出版日期:{d.year}年{d.month:02d}月{d.day:02d}日</div>'
                    f'<div class="banmian">{pname}</div><div class="pageno">第{num}版</div>')
            self.add(f"{base}/node_{n}.html",
                     f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                     f'<title>陕西工人报 第{num}版:{pname}</title></head><body>{head}{pnav}'
                     f'<ul class="pagelist">{plist}</ul><div class="guide">本版导读<ul>{guide}</ul></div>'
                     f'<a href="http://www.sxgh.org.cn/">陕西省总工会</a></body></html>',
                     encoding="gb18030", declared=None)
            for a in arts:
                url = f"{base}/{a['id']}.html"
                pre = f'<h3 class="yinti">{esc(a["pretitle"])}</h3>' if a["pretitle"] else ""
                body = (f'<div class="article">{pre}<h1>{esc(a["title"])}</h1>'
                        f'<div id="ozoom">{paras_html(a["paragraphs"])}</div>'
                        f'<div class="zoom">放大 缩小 默认</div></div>')
                self.add(url, f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                              f'<title>{esc(a["title"])}</title></head><body>{head}{body}'
                              f'<div class="guide">本版导读<ul>{guide}</ul></div>{pnav}</body></html>',
                         encoding="gb18030", declared=None)
                self.add(f"{SZB}/m/content/{d:%Y-%m}/{d:%d}/{a['id']}.html",
                         f'<html><head><meta charset="gb2312"></head><body><h1>{esc(a["title"])}</h1>'
                         f'{paras_html(a["paragraphs"])}</body></html>', encoding="gb18030", declared=None)
                self._expect(url, a, d, num)
        return remaining

    # --- xpaper (UTF-8) -------------------------------------------------------------------------
    def _xpaper_issue(self, d: date, seq: int, remaining: int, prev_d, next_d) -> int:
        pages = []
        for n, (num, pname) in enumerate(self.PAGES):
            page_id = seq * 10 + n + 1
            arts = self._articles(min(self.PER_PAGE, remaining))
            remaining -= len(arts)
            pages.append((page_id, num, pname, arts))
        plist = "".join(f'<li><a href="/xpaper/layout/{seq}/{pid}.shtml">第{num}版 {pname}</a></li>'
                        for pid, num, pname, _ in pages)
        issue_nav = ((f'<a href="/xpaper/paper/{prev_d:%Y-%m-%d}/index.shtml">上一期</a>' if prev_d else "")
                     + (f'<a href="/xpaper/paper/{next_d:%Y-%m-%d}/index.shtml">下一期</a>' if next_d else ""))
        for idx, (pid, num, pname, arts) in enumerate(pages):
            titles = "".join(f'<li><a href="/xpaper/news/{seq}/{pid}/{a["id"]}-1.shtml">{esc(a["title"])}</a></li>'
                             for a in arts)
            if idx == 1 and seq == 8600:   # an ad slot at an article URL: no article behind it
                odd = f"{PAPER}/xpaper/news/{seq}/{pid}/{seq}000-1.shtml"
                titles += f'<li><a href="{odd}">广告</a></li>'
                self.add(odd, f'<html><head><meta charset="utf-8"><title>广告</title></head><body>{HEADER}'
                              f'<div class="ad"><img src="/xpaper/ad/{seq}.jpg"></div></body></html>')
                self.non_article_urls.append(odd)
            layout = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>陕西工人报 第{num}版</title></head>'
                      f'<body>{HEADER}<div class="issue">第{seq}期 {d.year}年{d.month:02d}月{d.day:02d}日 {issue_nav}</div>'
                      f'<ul class="pages">{plist}</ul><div class="cur">第{num}版 {pname}</div>'
                      f'<ul class="titles">{titles}</ul><a href="https://www.workercn.cn/papers/grrb/">工人日报</a>'
                      f'</body></html>')
            self.add(f"{PAPER}/xpaper/layout/{seq}/{pid}.shtml", layout)
            if idx == 0:
                self.add(f"{PAPER}/xpaper/paper/{d:%Y-%m-%d}/index.shtml", layout)
            for k, a in enumerate(arts):
                url = f"{PAPER}/xpaper/news/{seq}/{pid}/{a['id']}-1.shtml"
                pre = f'<h3 class="pretitle">{esc(a["pretitle"])}</h3>' if a["pretitle"] else ""
                html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(a["title"])}-陕西工人报</title>'
                        f'</head><body>{HEADER}<div class="paper-info">第{seq}期:第{num}版 {pname}</div>'
                        f'<div class="date">{d.year}年{d.month:02d}月{d.day:02d}日</div>'
                        f'<div class="article">{pre}<h1 class="title">{esc(a["title"])}</h1>'
                        f'<div class="voice">语音播报: <span>语音播报</span></div>'
                        f'<div id="ozoom" class="content">{paras_html(a["paragraphs"])}</div></div>'
                        f'{FOOTER}<ul class="pages">{plist}</ul></body></html>')
                self.add(url, html)
                if k == 0 and idx == 2 and seq == 8600:
                    self.flaky.add(url_key(url))
                self._expect(url, a, d, num)
        return remaining
