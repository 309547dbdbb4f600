"""Test material for the store tests: article pages in two portals' chrome, PageItems, a store fixture
helper and a tiny spider that hands prepared PageItems to the real item pipeline."""
from __future__ import annotations

import html
import json
import os
import random
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crawler.items import PageItem
from crawler.replay.base import TextGenerator

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass
class Story:
    title: str
    paragraphs: list[str]
    published: str
    source: str
    editor: str = "陈莉辉"
    images: list[str] = field(default_factory=list)


def stories(n: int, seed: int = 0) -> list[Story]:
    rng = random.Random(seed)
    gen = TextGenerator(rng)
    out = []
    for i in range(n):
        day = 1 + i % 27
        out.append(Story(title=gen.title() + f"({seed}-{i})", paragraphs=gen.paragraphs(rng.randint(3, 5)),
                         published=f"2024-05-{day:02d} {8 + i % 10:02d}:{i % 60:02d}:00",
                         source=rng.choice(["工人日报", "中工网", "陕西工人报"]), editor=gen.name()))
    return out


def workercn_html(s: Story, extra_chrome: str = "") -> str:
    e = html.escape
    body = "".join(f"<p>{e(p)}</p>" for p in s.paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(s.title)} - 工会 - 中工网</title></head>
<body><div class="nav">中工网首页时政评论国际</div>
<div class="crumb">首页 &gt; 工会 &gt; 地方</div>
<h1 id="ctitle" class="ctitle">{e(s.title)}</h1>
<div class="signdate"><span>{e(s.published)}</span> <span>来源:{e(s.source)}</span></div>
<div class="share">分享到:</div>
<div id="ccontent" class="ccontent">{body}{extra_chrome}</div>
<div class="editor">责任编辑:{e(s.editor)}</div>
<div class="footer">关于中工网 | 版权声明 | 违法和不良信息举报电话:010-84151598<br>
Copyright © 2008-2024 by www.workercn.cn. all rights reserved</div></body></html>"""


def sxworker_html(s: Story) -> str:
    e = html.escape
    body = "".join(f"<p>{e(p)}</p>" for p in s.paragraphs)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{e(s.title)}_陕工网</title></head><body>
<div class="top">陕西工人报官方网站 | 陕工网首页 今天是</div>
<div class="crumb">您当前的位置:首页 &gt; 工会 &gt; 地市工会</div>
<h1>{e(s.title)}</h1><div class="time">{e(s.published)}来源:{e(s.source)}</div>
<div class="share">分享到:</div><div class="fontsize">字体:【大 中 小】</div>
<div class="article-content">{body}</div>
<div class="editor">责任编辑:{e(s.editor)}</div><div>关注公众号,随时阅读陕西工人报</div>
<div class="footer">© 2018 sxworker.com 陕ICP备17000697号</div></body></html>"""


def page_item(url: str, html_text: str, site: str, encoding: str = "utf-8", kind: str = "article", **known) -> PageItem:
    from crawler.urls import canonicalize_url
    return PageItem(url=url, final_url=url, canonical_url=canonicalize_url(url), site=site, spider=site,
                    status=200, headers={"Content-Type": f"text/html; charset={encoding}"},
                    body=html_text.encode(encoding, errors="xmlcharrefreplace"), encoding=encoding,
                    fetched_at="2024-06-01T08:00:00+00:00", kind=kind, **known)


def workercn_items(items: list[Story], start: int = 8_000_000) -> list[PageItem]:
    return [page_item(f"https://www.workercn.cn/c/{s.published[:10]}/{start + i}.shtml", workercn_html(s), "workercn")
            for i, s in enumerate(items)]


def sxworker_items(items: list[Story], start: int = 200_000) -> list[PageItem]:
    return [page_item(f"https://img-sxworker.sxworker.com/gonghui/gh11/{s.published[:10]}/{start + i}.html",
                      sxworker_html(s), "sxworker") for i, s in enumerate(items)]


# --- a real Scrapy crawl that feeds prepared items through the item pipeline --------------------------

SPIDER_SCRIPT = r'''
import base64, json, os, sys
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings
from crawler.items import PageItem

items_file, db_url, workers = (sys.argv[1:4] + ['', '', '0'])[:3]
workers = int(workers)

class FeedSpider(scrapy.Spider):
    name = "feed"
    async def start(self):
        with open(items_file, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                d["body"] = base64.b64decode(d["body"])
                for extra in d.get("extra_pages", []):
                    extra["body"] = base64.b64decode(extra["body"])
                yield PageItem(**d)

def main():
    settings = get_project_settings()
    settings.set("UNIONNEWS_DB", db_url)
    settings.set("UNIONNEWS_CLEAN_WORKERS", workers)
    settings.set("UNIONNEWS_RUN_TRIGGER", "test")
    settings.set("DOWNLOADER_MIDDLEWARES", {})
    settings.set("SPIDER_MIDDLEWARES", {})
    settings.set("LOG_LEVEL", os.environ.get("FEED_LOG_LEVEL", "INFO"))
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FeedSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    print("STATS " + json.dumps({k: v for k, v in stats.items() if k.startswith("unionnews/")}, default=str))


if __name__ == "__main__":
    main()
'''


def write_spider_script(tmp_path: Path) -> Path:
    script = tmp_path / "feed_spider.py"
    script.write_text(SPIDER_SCRIPT, encoding="utf-8")
    return script


def feed_items(items: list[PageItem], db_url: str, tmp_path: Path, workers: int = 1, timeout: int = 120):
    """Run a real Scrapy crawl in a subprocess whose spider yields `items`; returns (stats, stderr)."""
    import base64
    path = tmp_path / f"items-{os.getpid()}-{random.random():.8f}.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for item in items:
            d = asdict(item)
            d["body"] = base64.b64encode(item.body).decode()
            for extra in d.get("extra_pages", []):
                extra["body"] = base64.b64encode(extra["body"]).decode()
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    script = write_spider_script(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    proc = subprocess.run([PYTHON, str(script), str(path), db_url, str(workers)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)
    stats = {}
    for line in proc.stdout.splitlines():
        if line.startswith("STATS "):
            stats = json.loads(line[6:])
    return proc, stats


# --- store helpers -----------------------------------------------------------------------------------

def sqlite_url(tmp_path: Path, name: str = "store.sqlite") -> str:
    return f"sqlite:///{tmp_path / name}"


def _store_url(request, tmp_path):
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    return request.getfixturevalue("pg_url")


def ingest(store, items: list[PageItem], overrides=None):
    """What the item pipeline does for a batch, in-process: raw pages first, clean, upsert."""
    from pipelines.clean_page import clean_page
    from pipelines.item_pipelines import page_input_of, raw_page_of
    raws = [raw_page_of(i) for i in items]
    saved = store.save_raw_pages(raws)
    outcomes = []
    for raw, s in zip(raws, saved):
        if raw.kind != "article":
            continue
        o = clean_page(page_input_of(raw), overrides)
        o.raw_page_id = s.id
        outcomes.append(o)
    return store.upsert_articles(outcomes)


# --- near-duplicate test set --------------------------------------------------------------------------

CHROME_LINES = ["分享到:", "责任编辑:{name}", "扫码关注 中工网微信", "相关阅读:{other}", "来源:{site}网",
                "【字体:大 中 小】", "打印本页 关闭窗口", "热点推荐"]


@dataclass
class Copy:
    url: str
    site: str
    title: str
    published: str
    paragraphs: list[str]
    group: int | None          # story id; None = a distinct article
    kind: str                  # original | chrome | edit | traditional | distinct | same_topic


def near_duplicate_set(n_stories: int = 60, seed: int = 7) -> list[Copy]:
    """Originals, reprints with other chrome, edits of 1-3 sentences, Traditional copies (OpenCC s2t), and
    distinct articles: unrelated ones and ones on the same topic (same title and opening sentence)."""
    from opencc import OpenCC
    s2t = OpenCC("s2t").convert
    rng = random.Random(seed)
    gen = TextGenerator(rng)
    out: list[Copy] = []
    sites = ["workercn", "sxworker", "jsgrb", "gjnews", "ahgrrb"]

    def url(site, n):
        return f"https://www.{site}.example/{n}.html"

    for g in range(n_stories):
        base = stories(1, seed=seed * 1000 + g)[0]
        day = f"2024-{1 + g % 12:02d}-{1 + g % 27:02d}"
        out.append(Copy(url(sites[g % 5], f"o{g}"), sites[g % 5], base.title, f"{day} 08:00:00", base.paragraphs, g, "original"))
        other = stories(1, seed=seed * 1000 + g + 500)[0].title
        chrome = [c.format(name=gen.name(), other=other, site=rng.choice(sites)) for c in rng.sample(CHROME_LINES, 3)]
        out.append(Copy(url(sites[(g + 1) % 5], f"c{g}"), sites[(g + 1) % 5], base.title, f"{day} 10:00:00",
                        chrome[:1] + base.paragraphs + chrome[1:], g, "chrome"))
        edited = [p for p in base.paragraphs]
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(edited))
            sentences = [s for s in edited[i].split("。") if s]
            sentences[rng.randrange(len(sentences))] = gen.sentence().rstrip("。")
            edited[i] = "。".join(sentences) + "。"
        out.append(Copy(url(sites[(g + 2) % 5], f"e{g}"), sites[(g + 2) % 5], base.title + "(修订)",
                        f"{day} 12:30:00", edited, g, "edit"))
        out.append(Copy(url(sites[(g + 3) % 5], f"t{g}"), sites[(g + 3) % 5], s2t(base.title), f"{day} 18:00:00",
                        [s2t(p) for p in (edited if g % 2 else base.paragraphs)], g, "traditional"))
        # same topic, another article: same headline and opening sentence, different report
        other_story = stories(1, seed=seed * 1000 + g + 900)[0]
        first = base.paragraphs[0].split("。")[0] + "。"
        out.append(Copy(url(sites[(g + 4) % 5], f"s{g}"), sites[(g + 4) % 5], base.title, f"{day} 09:00:00",
                        [first + other_story.paragraphs[0]] + other_story.paragraphs[1:], None, "same_topic"))
        distinct = stories(1, seed=seed * 1000 + g + 2000)[0]
        out.append(Copy(url(sites[g % 5], f"d{g}"), sites[g % 5], distinct.title, f"{day} 07:00:00",
                        distinct.paragraphs, None, "distinct"))
    return out


def outcome_of(copy: Copy):
    """The CleanOutcome the cleaner would give for this copy's text (skips HTML, keeps the store path)."""
    from cleaning import CLEANER_VERSION
    from pipelines.clean_page import CleanOutcome, output_hash
    from pipelines.dedup import Fingerprint
    fields = {"title": copy.title, "published": copy.published, "source": copy.site, "text": "\n\n".join(copy.paragraphs)}
    fp = Fingerprint.of(fields["text"])
    return CleanOutcome(copy.url, copy.url, copy.site, "ok", "", fields, fp.content_hash, fp.signature,
                        output_hash("ok", "", fields), CLEANER_VERSION)


def link_scores(copies: list[Copy], links: dict[str, str | None]) -> tuple[float, float, int, int]:
    """Precision and recall of duplicate links, strict: a link is right only when it points at the
    earliest copy of the same story. links: {url: url of the linked original or None}."""
    original = {c.group: c.url for c in copies if c.kind == "original"}
    group_of = {c.url: c.group for c in copies}
    predicted = {u: t for u, t in links.items() if t is not None}
    right = sum(1 for u, t in predicted.items() if group_of[u] is not None and t == original[group_of[u]])
    should = sum(1 for c in copies if c.group is not None and c.kind != "original")
    precision = right / len(predicted) if predicted else 1.0
    recall = right / should if should else 1.0
    return precision, recall, len(predicted), should
