"""Paper configs (crawler/sites/*.toml): loading, validation errors that name file and key, one spider per
file, and the [clean] rules turning each replayed article page into the expected title and text."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crawler.replay.pagetable import url_key
from crawler.replay.papers import AhgrrbReplay, GjnewsReplay, JsgrbReplay, LdwbReplay, ZjgrrbReplay
from crawler.sites import SITES_DIR, SiteConfigError, date_range, load_site_config, load_site_configs

ROOT = Path(__file__).resolve().parent.parent
PAPERS = [JsgrbReplay, AhgrrbReplay, GjnewsReplay, LdwbReplay, ZjgrrbReplay]


def test_shipped_configs_load_and_cover_the_required_papers():
    configs = {c.name: c for c in load_site_configs(strict=True)}
    assert {"jsgrb", "ahgrrb", "gjnews", "ldwb", "zjgrrb"} <= set(configs)
    assert configs["jsgrb"].links and configs["jsgrb"].epaper          # web + e-paper
    assert configs["ldwb"].epaper.catalogue is not None                # Founder period.xml
    for config in configs.values():
        rules = config.site_rules()
        assert rules.name == config.name and rules.body, config.path


def test_every_config_is_a_spider_and_a_new_file_is_a_new_spider(tmp_path):
    extra = tmp_path / "sites"
    extra.mkdir()
    (extra / "newpaper.toml").write_text(
        (SITES_DIR / "ldwb.toml").read_text("utf-8").replace('name = "ldwb"', 'name = "newpaper"'), "utf-8")
    (extra / "broken.toml").write_text('name = "broken"\nallowed_domains = ["x.cn"]\n[links]\nartcles = ["x"]\n')
    env = {**os.environ, "UNIONNEWS_EXTRA_SITES": str(extra), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    proc = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    names = set(proc.stdout.split())
    assert {"jsgrb", "ahgrrb", "gjnews", "ldwb", "zjgrrb", "newpaper"} <= names
    assert "broken" not in names
    assert "broken.toml: links.artcles: unknown key" in proc.stderr     # logged, naming file and key


GOOD = '''
name = "paper"
allowed_domains = ["paper.cn"]
start_urls = ["http://www.paper.cn/"]
[links]
articles = ['/a/\\d+\\.html$']
[epaper]
issue_urls = ['http://e.paper.cn/{date:%Y%m%d}/index.htm']
articles = ['content_\\d+\\.htm$']
page_pattern = '第(?P<page>\\d+)版'
[clean]
body = ["div#zoom"]
'''


@pytest.mark.parametrize("old,new,key", [
    ('[links]\n', '[links]\nartcles = ["x"]\n', "links.artcles"),
    ('articles = [\'/a/', 'articles = [\'/a/(', "links.articles[0]"),
    ('allowed_domains = ["paper.cn"]\n', "", "allowed_domains"),
    ('allowed_domains = ["paper.cn"]', 'allowed_domains = "paper.cn/x"', "allowed_domains[0]"),
    ('http://www.paper.cn/', 'http://www.other.cn/', "start_urls[0]"),
    ("http://e.paper.cn/{date:%Y%m%d}", "http://e.other.cn/{date:%Y%m%d}", "epaper.issue_urls"),
    ("{date:%Y%m%d}", "{day}", "epaper.issue_urls[0]"),
    ("(?P<page>", "(?P<pg>", "epaper.page_pattern"),
    ('page_pattern', 'weekdays = [1, 9]\npage_pattern', "epaper.weekdays[1]"),
    ('body = ["div#zoom"]', 'bdy = ["div#zoom"]', "clean.bdy"),
    ('body = ["div#zoom"]', "noise_patterns = ['(']", "clean.noise_patterns"),
    ('name = "paper"', 'name = "Paper!"', "name"),
    ('name = "paper"', 'name = 3', "name"),
    ('encoding', 'encoding', ""),          # control: the good file loads
    ('[links]\n', '[links\n', ""),          # not TOML at all
])
def test_a_bad_config_names_the_file_and_the_key(tmp_path, old, new, key):
    path = tmp_path / "paper.toml"
    assert old in GOOD or old == "encoding"
    path.write_text(GOOD.replace(old, new, 1), "utf-8")
    if old == "encoding":
        assert load_site_config(path).name == "paper"
        return
    with pytest.raises(SiteConfigError) as info:
        load_site_config(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert f": {key}: " in message if key else "not valid TOML" in message


def test_one_bad_file_does_not_hide_the_others(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD, "utf-8")
    (tmp_path / "b.toml").write_text(GOOD.replace('"paper"', '"other"').replace("[links]", "[linkz]"), "utf-8")
    assert [c.name for c in load_site_configs(tmp_path, strict=False)] == ["paper"]
    with pytest.raises(SiteConfigError, match="b.toml: linkz"):
        load_site_configs(tmp_path, strict=True)


def test_issue_date_range_arguments():
    today = date(2024, 3, 5)
    assert date_range(today=today) == [today]
    assert date_range("2024-02-28", "2024-03-01") == [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)]
    assert date_range("2024-03-03", today=today)[-1] == today
    with pytest.raises(ValueError, match="-a start="):
        date_range("2024-13-01")
    with pytest.raises(ValueError, match="after"):
        date_range("2024-03-02", "2024-03-01")


@pytest.mark.parametrize("replay_class", PAPERS, ids=lambda c: c.name)
def test_clean_rules_extract_each_replayed_article(replay_class):
    from cleaning import extract_article
    site = replay_class(n_articles=16)
    rules = site.config.site_rules()
    for expected in site.expected():
        page = site.pages[url_key(expected.url)]
        html = page.html.encode(page.encoding).decode(page.encoding)
        article = extract_article(html, url=expected.url, site_rules=rules)
        assert article.title == expected.title, expected.url
        assert article.paragraphs == expected.paragraphs, expected.url
        if not expected.issue_date or site.config.clean.get("date_from_url"):
            assert article.published.startswith(expected.published), expected.url
