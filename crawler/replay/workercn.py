"""Replay of 中工网 / 工人日报 (workercn.cn) after SITES.md and seed 002.

What it serves (n_articles split ≈ 50% current, 20% legacy, 30% e-paper):
- channels `https://www.workercn.cn/<slug>/` (server-rendered first page, `ul.list > li`) and their JSON
  pages `/json/<slug>/index_N.json` (N >= 2; index_1.json repeats page 1); `roll` also lists some
  articles of the other channels; links come relative, absolute, on the bare host, with `?from=` tags;
- current articles `/c/YYYY-MM-DD/<id>.shtml` in two templates (old CMS `div.ccontent`/`div.signdate`,
  newer `div.article`), with nav runs, `原标题:` lines, `责任编辑:`, 热点推荐, footer and the QR block;
- legacy GBK pages `http://<sub>.workercn.cn/<chan>/<YYYYMM>/<DD>/<15 digits>.shtml`, some split over
  `<id>_2.shtml`..., lists `<chan>/<chan>.shtml`, `<chan>_2.shtml`...;
- 工人日报 issues `/papers/grrb/YYYY/MM/DD/<page>/page.html` + `news-<n>.html` (no issue on Sundays);
- links to the big5 gateway and to other sites everywhere (a crawler must never request them);
- faults (with `faults` on): a 502 and a timeout that succeed on retry, a body truncated on every attempt,
  a page whose HTTP header declares the wrong charset, a broken page, a "deleted" page at an article URL,
  a dead link.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .base import ExpectedArticle, ReplayResponse, ReplaySite, html_response

CHANNELS = {"roll": "滚动新闻", "character": "人物", "edu": "教育"}
LEGACY = {  # sub-domain -> (channel id, channel name)
    "news": ("32845", "国内新闻"),
    "right": ("33089", "维权"),
    "acftu": ("32865", "全总新闻"),
}
FIRST_PAGE = 27          # items on a server-rendered channel page
JSON_PAGE = 20           # items per JSON page
LEGACY_PAGE = 15         # items per legacy list page
EPAPER_PAGES = 4         # pages per issue
EPAPER_FIRST = date(2024, 1, 2)
SOURCES = ["中工网", "工人日报", "中工网-工人日报", "新华社", "人民网", "中国工会新闻"]
NAV = "".join(f'<a href="https://www.workercn.cn/{s + "/" if s else ""}">{n}</a>' for s, n in [
    ("", "中工网首页"), ("sz", "时政"), ("pl", "评论"), ("gj", "国际"), ("jj", "军事"), ("sh", "社会"),
    ("cj", "财经"), ("qy", "企业"), ("gh", "工会"), ("wq", "维权"), ("jy", "就业"), ("lt", "论坛"),
    ("character", "人物"), ("roll", "滚动"), ("edu", "教育"), ("ty", "体育")])
OFFSITE = ['<a href="http://www.people.com.cn/">人民网</a>', '<a href="https://www.acftu.org/">中华全国总工会</a>',
           '<a href="http://www.xinhuanet.com/politics/">新华网</a>']
FOOTER = ("<div class=\"footer\"><p><a href=\"/about/\">关于中工网</a> | <a href=\"/copyright/\">版权声明</a> | "
          "违法和不良信息举报电话:010-84151598 | 网络敲诈和有偿删帖举报电话:010-84151598</p>"
          "<p>Copyright © 2008-2024 by www.workercn.cn. all rights reserved</p></div>"
          "<div class=\"qr\"><p>扫码关注</p><p>中工网微信</p><p></p><p>中工网微博</p><p></p><p>中工网抖音</p>"
          "<p></p><p>工人日报<br>客户端</p><span class=\"close\">×</span></div>")
OLD_FOOTER = ("<div class=\"footer\">关于我们 | 广告服务 | 联系我们 | 本站地图 | 投稿邮箱 | 版权声明 | "
              "违法和不良信息举报电话:010-84151598<br>Copyright © 2008-2018 by www.workercn.cn. all rights reserved</div>")
WEEKDAY_WRONG = "星期一"   # the e-paper header always says Monday


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def key_of(host: str, path: str, query: str = "") -> str:
    return host + path + (f"?{query}" if query else "")


@dataclass
class Art:
    url: str
    host: str
    path: str
    title: str
    published: str               # as shown on the article page
    list_time: str               # as shown on the list page
    source: str
    paragraphs: list[str]
    channel: str = ""
    pages: list[list[str]] = field(default_factory=list)   # legacy multi-page split of paragraphs
    issue_date: str = ""
    page: str = ""
    pretitle: str = ""
    editor: str = ""
    spider: str = "workercn"


class WorkercnReplay(ReplaySite):
    name = "workercn"
    hosts = ("www.workercn.cn", "workercn.cn", "big5.workercn.cn") + tuple(f"{s}.workercn.cn" for s in LEGACY)
    spiders = ("workercn", "workercn_epaper")
    faults = True
    timeout_delay = 6.0      # beyond the tests' DOWNLOAD_TIMEOUT, harmless for a polite 30 s timeout

    def __init__(self, n_articles: int = 60, seed: int = 0):
        super().__init__(n_articles=n_articles, seed=seed)
        self.pages: dict[str, tuple[str, str, str | None]] = {}   # key -> (html, encoding, declared charset)
        self.json_pages: dict[str, str] = {}
        self.articles: list[Art] = []
        n_current = max(6, n_articles * 50 // 100)
        n_legacy = max(4, n_articles * 20 // 100)
        n_epaper = max(4, n_articles - n_current - n_legacy)
        self._build_current(n_current)
        self._build_legacy(n_legacy)
        self._build_epaper(n_epaper)
        self._plan_faults()

    # --- current site --------------------------------------------------------------------------------
    def _build_current(self, n: int) -> None:
        r = self.rng
        slugs = list(CHANNELS)
        start = datetime(2024, 3, 1, 8, 0, 0)
        by_channel: dict[str, list[Art]] = {s: [] for s in slugs}
        for i in range(n):
            when = start - timedelta(minutes=97 * i + r.randint(0, 50), seconds=r.randint(0, 59))
            aid = 8_300_000 - 13 * i
            path = f"/c/{when:%Y-%m-%d}/{aid}.shtml"
            slug = slugs[i % len(slugs)]
            paras = self.text.paragraphs()
            if i % 5 == 2:   # a subheading between paragraphs, as in seed 002
                paras.insert(2, self.text.title()[:14])
            art = Art(url=f"https://www.workercn.cn{path}", host="www.workercn.cn", path=path,
                      title=self.text.title(), published=f"{when:%Y-%m-%d %H:%M}",
                      list_time=f"{when:%Y-%m-%d %H:%M:%S}", source=r.choice(SOURCES), paragraphs=paras,
                      channel=slug, editor=self.text.name())
            self.articles.append(art)
            by_channel[slug].append(art)
            self.pages[key_of(art.host, path)] = (self._current_html(art, i), "utf-8", "utf-8")
        # roll lists everything of its own plus every fourth article of the other channels
        by_channel["roll"] = sorted(by_channel["roll"] + [a for s in slugs[1:] for a in by_channel[s][::4]],
                                    key=lambda a: a.list_time, reverse=True)
        self.channel_lists = by_channel
        for slug, arts in by_channel.items():
            self._build_channel(slug, arts)

    def _link(self, art: Art, i: int) -> str:
        """The many spellings of one article link found on the portal."""
        return [art.path, art.url, f"http://workercn.cn{art.path}", f"{art.path}?from={art.channel}",
                f"https://www.workercn.cn{art.path}#comment"][i % 5]

    def _build_channel(self, slug: str, arts: list[Art]) -> None:
        first, rest = arts[:FIRST_PAGE], arts[FIRST_PAGE:]
        items = "\n".join(
            f'<li><h3><a href="{self._link(a, i)}" target="_blank">{esc(a.title)}</a></h3>'
            f'<div class="info2"><span class="time">{a.list_time}</span>'
            f'<span style="float:right" class="source">{esc(a.source)}</span></div></li>'
            for i, a in enumerate(first))
        big5 = (f'<a href="http://big5.workercn.cn/big5/www.workercn.cn/{slug}/">繁体</a>'
                f'<a href="http://big5.workercn.cn/big5/www.workercn.cn{arts[0].path}">{esc(arts[0].title)}(繁体)</a>'
                if arts else "")
        html = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{CHANNELS[slug]} - 中工网</title></head>"
                f"<body><div class=\"top\">{NAV}{big5}</div><div class=\"crumb\">中工网 &gt; {CHANNELS[slug]}</div>"
                f"<div class=\"main\"><ul class=\"list\">\n{items}\n</ul>"
                f"<div class=\"more\" data-json=\"/json/{slug}/index_2.json\">加载更多</div></div>"
                f"<div class=\"links\">{''.join(OFFSITE)}</div>{FOOTER}</body></html>")
        self.pages[key_of("www.workercn.cn", f"/{slug}/")] = (html, "utf-8", "utf-8")
        pages = [first] + [rest[k:k + JSON_PAGE] for k in range(0, len(rest), JSON_PAGE)]
        for n, chunk in enumerate(pages, start=1):
            data = {"page": n, "pages": len(pages), "list": [
                {"title": a.title, "href": self._link(a, i + n), "time": a.list_time, "source": a.source}
                for i, a in enumerate(chunk)]}
            self.json_pages[f"/json/{slug}/index_{n}.json"] = json.dumps(data, ensure_ascii=False)

    def _current_html(self, art: Art, i: int) -> str:
        chan = CHANNELS[art.channel]
        head = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{esc(art.title)} - {chan} - 中工网</title>"
                f"<meta name=\"keywords\" content=\"工会,职工\"></head><body>")
        top = (f"<div class=\"top\">{NAV}</div><div class=\"sub\">中工图画</div><div class=\"crumb\">新闻</div>"
               f"<div class=\"tools\"><a href=\"http://big5.workercn.cn/big5/www.workercn.cn{art.path}\">繁体</a></div>")
        orig = f"<p>原标题:{esc(art.title)}</p>" if i % 7 == 3 else ""
        body = "\n".join(f"<p>\u3000\u3000{esc(p)}</p>" for p in art.paragraphs)
        if i % 4 == 1:  # an image with its caption
            body = (f"<p style=\"text-align:center\"><img src=\"/images/{art.path[3:13]}/{i}.jpg\"></p>"
                    f"<p style=\"text-align:center\">图为活动现场。</p>\n") + body
        related = "".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>'
                          for a in self.articles[max(0, len(self.articles) - 4):-1])
        tail = (f"<div class=\"editor\">责任编辑:{art.editor}</div>"
                f"<div class=\"hot\"><h4>热点推荐</h4><ul>{related}</ul></div>"
                f"<div class=\"share\">{''.join(OFFSITE[:2])}</div>{FOOTER}</body></html>")
        if i % 2 == 0:   # old CMS template
            main = (f"<div class=\"ctitle\"><h1>{esc(art.title)}</h1></div>"
                    f"<div class=\"signdate\"><span>{art.published}</span><span>来源:{esc(art.source)}</span></div>"
                    f"<div class=\"ccontent\">{orig}{body}</div>")
        else:            # newer template: other class names, the text anchors stay
            main = (f"<div class=\"article\"><h1 class=\"title\">{esc(art.title)}</h1>"
                    f"<div class=\"info\">来源:{esc(art.source)}&nbsp;&nbsp;<span class=\"time\">{art.published}</span></div>"
                    f"<div class=\"content\">{orig}{body}</div></div>")
        return head + top + main + tail

    # --- legacy sub-domains (GBK) --------------------------------------------------------------------
    def _build_legacy(self, n: int) -> None:
        r = self.rng
        subs = list(LEGACY)
        per_list: dict[str, list[Art]] = {s: [] for s in subs}
        start = datetime(2016, 6, 30, 9, 0, 0)
        for i in range(n):
            sub = subs[i % len(subs)]
            chan, chan_name = LEGACY[sub]
            when = start - timedelta(hours=29 * i + r.randint(0, 5), minutes=r.randint(0, 59), seconds=r.randint(0, 59))
            ident = f"{when:%y%m%d%H%M%S}{i % 1000:03d}"
            path = f"/{chan}/{when:%Y%m}/{when:%d}/{ident}.shtml"
            paras = self.text.paragraphs(r.randint(4, 8))
            n_pages = 3 if i % 5 == 1 else 2 if i % 5 == 3 else 1
            split = [paras[k * len(paras) // n_pages:(k + 1) * len(paras) // n_pages] for k in range(n_pages)]
            art = Art(url=f"http://{sub}.workercn.cn{path}", host=f"{sub}.workercn.cn", path=path,
                      title=self.text.title(), published=f"{when:%Y-%m-%d %H:%M:%S}",
                      list_time=f"{when:%Y-%m-%d}", source=r.choice(SOURCES[:3]), paragraphs=paras,
                      channel=chan_name, pages=split, editor=self.text.name())
            self.articles.append(art)
            per_list[sub].append(art)
            for k in range(n_pages):
                page_path = path if k == 0 else path.replace(".shtml", f"_{k + 1}.shtml")
                self.pages[key_of(art.host, page_path)] = (self._legacy_html(art, k), "gbk", None)
        for sub, arts in per_list.items():
            chan, chan_name = LEGACY[sub]
            chunks = [arts[k:k + LEGACY_PAGE] for k in range(0, len(arts), LEGACY_PAGE)] or [[]]
            for k, chunk in enumerate(chunks):
                name = f"/{chan}/{chan}.shtml" if k == 0 else f"/{chan}/{chan}_{k + 1}.shtml"
                items = "".join(f'<li><a href="{a.path}" target="_blank">{esc(a.title)}</a>'
                                f'<span class="date">({a.list_time})</span></li>' for a in chunk)
                pager = "".join(f'<a href="{chan}{"" if p == 0 else f"_{p + 1}"}.shtml">{p + 1}</a> '
                                for p in range(len(chunks)))
                if k + 1 < len(chunks):
                    pager += f'<a href="{chan}_{k + 2}.shtml">下一页</a>'
                html = (f"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                        f"<title>{chan_name}_中工网</title></head><body><div class=\"nav\">{NAV}</div>"
                        f"<a href=\"http://big5.workercn.cn/big5/{sub}.workercn.cn/{chan}/{chan}.shtml\">繁体版</a>"
                        f"<ul class=\"list\">{items}</ul><div class=\"page\">{pager}</div>{OLD_FOOTER}</body></html>")
                self.pages[key_of(f"{sub}.workercn.cn", name)] = (html, "gbk", None)
        self.legacy_lists = {sub: f"http://{sub}.workercn.cn/{LEGACY[sub][0]}/{LEGACY[sub][0]}.shtml" for sub in subs}

    def _legacy_html(self, art: Art, k: int) -> str:
        n_pages = len(art.pages)
        base = art.path.rsplit("/", 1)[1].replace(".shtml", "")
        pager = ""
        if n_pages > 1:
            links = "".join(f'<a href="{base}{"" if p == 0 else f"_{p + 1}"}.shtml">{p + 1}</a> '
                            for p in range(n_pages))
            nxt = f'<a href="{base}_{k + 2}.shtml">下一页</a>' if k + 1 < n_pages else ""
            pager = f"<div class=\"page\" id=\"autopage\">{links}{nxt}</div>"
        body = "\n".join(f"<p>\u3000\u3000{esc(p)}</p>" for p in art.pages[k])
        editor = f"<div class=\"editor\">(责任编辑:{art.editor})</div>" if k + 1 == n_pages else ""
        return (f"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                f"<title>{esc(art.title)}-{art.channel}-中工网</title></head><body>"
                f"<div class=\"nav\">{NAV}</div>"
                f"<div class=\"tools\"><a href=\"http://big5.workercn.cn/big5/{art.host}{art.path}\">繁体</a></div>"
                f"<div class=\"ctitle\">{esc(art.title)}</div>"
                f"<div class=\"signdate\"><span>{art.published}</span> <span>来源:{esc(art.source)}</span></div>"
                f"<div class=\"ccontent\">{body}</div>{pager}{editor}"
                f"<div class=\"hot\">相关新闻 {''.join(OFFSITE)}</div>{OLD_FOOTER}</body></html>")

    # --- 工人日报 e-paper ------------------------------------------------------------------------------
    def _build_epaper(self, n: int) -> None:
        r = self.rng
        day, left = EPAPER_FIRST, n
        self.epaper_dates: list[date] = []
        while left > 0:
            if day.isoweekday() != 7:   # no issue on Sundays
                self.epaper_dates.append(day)
                per_page = [min(left, r.randint(2, 4)) for _ in range(EPAPER_PAGES)]
                left -= sum(per_page)
                self._build_issue(day, per_page)
            day += timedelta(days=1)

    def _issue_path(self, day: date, page: int, leaf: str) -> str:
        return f"/papers/grrb/{day:%Y/%m/%d}/{page}/{leaf}"

    def _build_issue(self, day: date, per_page: list[int]) -> None:
        names = ["要闻", "新闻", "工会新闻", "评论", "产经", "文化"]
        pages = [p for p in range(1, EPAPER_PAGES + 1)]
        page_list = "".join(
            f'<li><a href="../{p}/page.html">第{p:02d}版:{names[(p - 1) % len(names)]}</a>'
            f'<a class="pdf" href="../{p}/grrb{day:%Y%m%d}{p:02d}.pdf">PDF</a></li>' for p in pages)
        header = (f"<div class=\"ent\">中工娱乐</div><div class=\"head\">工人日报 {day.year}年{day.month}月{day.day}日 "
                  f"{WEEKDAY_WRONG} <a href=\"/papers/grrb/index.html\">往期回顾</a></div>")
        for p, count in zip(pages, per_page):
            arts = []
            for n in range(1, count + 1):
                paras = self.text.paragraphs()
                path = self._issue_path(day, p, f"news-{n}.html")
                art = Art(url=f"https://www.workercn.cn{path}", host="www.workercn.cn", path=path,
                          title=self.text.title(), published=f"{day:%Y-%m-%d}", list_time="", source="工人日报",
                          paragraphs=paras, issue_date=f"{day:%Y-%m-%d}", page=f"{p:02d}",
                          pretitle=(self.text.title()[:10] if n % 2 else ""), spider="workercn_epaper")
                arts.append(art)
                self.articles.append(art)
            titles = "".join(f'<li><a href="news-{k}.html">{esc(a.title)}</a></li>' for k, a in enumerate(arts, 1))
            html = (f"<html><head><meta charset=\"utf-8\"><title>工人日报-{day:%Y年%m月%d日}-第{p:02d}版</title></head><body>"
                    f"{header}<div class=\"pages\"><ul id=\"pageUrl\">{page_list}</ul></div>"
                    f"<div class=\"titles\"><ul id=\"pageTitle\">{titles}</ul></div>"
                    f"<div class=\"big5\"><a href=\"http://big5.workercn.cn/big5/www.workercn.cn{self._issue_path(day, p, 'page.html')}\">繁体</a></div>"
                    f"{FOOTER}</body></html>")
            self.pages[key_of("www.workercn.cn", self._issue_path(day, p, "page.html"))] = (html, "utf-8", "utf-8")
            for k, a in enumerate(arts, 1):
                body = "\n".join(f"<p>\u3000\u3000{esc(x)}</p>" for x in a.paragraphs)
                page_html = (f"<html><head><meta charset=\"utf-8\"><title>{esc(a.title)}-工人日报-中工网</title></head><body>"
                             f"{header}<div class=\"pages\"><ul id=\"pageUrl\">{page_list}</ul></div>"
                             f"<div class=\"article\"><div id=\"pretitle\">{esc(a.pretitle)}</div>"
                             f"<h1 id=\"ctitle\">{esc(a.title)}</h1><div id=\"subtitle\"></div>"
                             f"<div class=\"date\">《工人日报》({day.year}年{day.month:02d}月{day.day:02d}日 {p:02d}版)</div>"
                             f"<div id=\"ccontent\">{body}</div><div id=\"imgs\"></div></div>"
                             f"<ul id=\"pageTitle\">{titles}</ul>{FOOTER}</body></html>")
                self.pages[key_of("www.workercn.cn", a.path)] = (page_html, "utf-8", "utf-8")

    def crawl_args(self, spider: str = "workercn_epaper") -> dict[str, str]:
        """Spider arguments a complete crawl of this replay needs (the e-paper's issue date range)."""
        if spider == "workercn_epaper":
            return {"start": f"{self.epaper_dates[0]:%Y-%m-%d}", "end": f"{self.epaper_dates[-1]:%Y-%m-%d}"}
        return {}

    # --- faults --------------------------------------------------------------------------------------
    def _plan_faults(self) -> None:
        current = [a for a in self.articles if a.spider == "workercn" and not a.pages]
        legacy = [a for a in self.articles if a.pages]
        epaper = [a for a in self.articles if a.spider == "workercn_epaper"]
        self.fault_502 = {key_of(current[1].host, current[1].path), key_of(epaper[1].host, epaper[1].path),
                          key_of("www.workercn.cn", "/json/roll/index_2.json")}
        self.fault_timeout = {key_of(current[2].host, current[2].path)}
        self.fault_truncated = {key_of(current[3].host, current[3].path)}
        # GBK page whose header claims UTF-8; UTF-8 page whose header claims GBK
        self.fault_charset = {key_of(legacy[0].host, legacy[0].path): "utf-8",
                              key_of(current[4].host, current[4].path): "gbk"}
        self.fault_broken = {key_of(current[5].host, current[5].path)}
        # a "deleted" notice and a dead link, both linked from the roll channel page
        self.deleted_path = "/c/2024-02-29/8299999.shtml"
        self.dead_path = "/c/2024-02-29/8299998.shtml"
        self.truncated_url = current[3].url
        self._link_fault_pages()

    def _link_fault_pages(self) -> None:
        key = key_of("www.workercn.cn", "/roll/")
        html, enc, declared = self.pages[key]
        extra = (f'<li><h3><a href="{self.deleted_path}">这条新闻已被删除</a></h3><div class="info2">2024-02-29 10:00:00</div></li>'
                 f'<li><h3><a href="{self.dead_path}">链接失效的新闻</a></h3><div class="info2">2024-02-29 09:00:00</div></li>')
        self.pages[key] = (html.replace('<ul class="list">\n', '<ul class="list">\n' + extra, 1), enc, declared)
        self.pages[key_of("www.workercn.cn", self.deleted_path)] = (
            "<html><head><meta charset=\"utf-8\"><title>页面不存在 - 中工网</title></head><body>"
            f"<div class=\"top\">{NAV}</div><div class=\"error\">对不起,您访问的页面不存在或已被删除!</div>"
            f"<a href=\"/\">返回首页</a>{FOOTER}</body></html>", "utf-8", "utf-8")

    def broken(self, html: str) -> str:
        """Tag soup as a misconfigured CMS emits it: unclosed and misnested tags, a stray '<', cut-off end."""
        html = html.replace("</p>", "", 3).replace("<div class=\"hot\">", "<div class=\"hot\"><b><i>", 1)
        html = html.replace("<h1>", "<h1><span>", 1).replace("</body></html>", "")
        return html.replace("<div class=\"editor\">", "<< <div class=\"editor\">", 1)

    # --- serving -------------------------------------------------------------------------------------
    def respond(self, host: str, path: str, query: str, attempt: int) -> ReplayResponse | None:
        if host == "big5.workercn.cn":   # the gateway exists, but a crawler must never come here
            return html_response("<html><body>繁體中文 gateway</body></html>", declared="big5", encoding="big5")
        if host == "workercn.cn":
            host = "www.workercn.cn"
        key = key_of(host, path)
        if self.faults:
            if key in self.fault_502 and attempt == 1:
                return ReplayResponse(status=502, body=b"<html><body>502 Bad Gateway</body></html>",
                                      content_type="text/html")
            if key in self.fault_timeout and attempt == 1:
                return ReplayResponse(delay=self.timeout_delay, body=b"<html>late</html>")
        if host == "www.workercn.cn" and path in self.json_pages:
            return ReplayResponse(body=self.json_pages[path].encode("utf-8"),
                                  content_type="application/json; charset=utf-8")
        if host == "www.workercn.cn" and path == "/":
            return html_response(f"<html><head><meta charset=\"utf-8\"><title>中工网</title></head><body>{NAV}</body></html>")
        page = self.pages.get(key)
        if page is None:
            return None
        html, encoding, declared = page
        if self.faults:
            if key in self.fault_truncated:
                return html_response(html, encoding, declared, truncate=True)
            if key in self.fault_charset:
                return html_response(html, encoding, declared=self.fault_charset[key])
            if key in self.fault_broken:
                return html_response(self.broken(html), encoding, declared)
        return html_response(html, encoding, declared)

    def robots_txt(self) -> str:
        return "User-agent: *\nDisallow: /admin/\nDisallow: /search/\n"

    def expected(self) -> list[ExpectedArticle]:
        out = []
        for a in self.articles:
            if self.faults and a.url == self.truncated_url:
                continue   # truncated on every attempt: recorded as failed, never delivered
            out.append(ExpectedArticle(url=a.url, site=self.name, spider=a.spider, title=a.title,
                                       published=a.published, source=a.source, paragraphs=list(a.paragraphs),
                                       issue_date=a.issue_date, page=a.page))
        return out
