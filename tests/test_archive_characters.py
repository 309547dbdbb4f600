"""The archive (store, re-clean, export) holds FORMAT.md's characters although the cleaner keeps a page's
full-width punctuation by default."""
from __future__ import annotations

from pipelines.clean_page import PageInput, clean_page

PAGE = """<html><head><title>市总工会举办（第三届）职工技能大赛_工会新闻</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news">工会新闻</a></div>
<h1>市总工会举办（第三届）职工技能大赛</h1><div class="info">2024-03-05 10:20　来源：工人日报</div>
<div class="content"><p>本报讯（记者　王强）3月5日，市总工会举办第三届职工技能大赛，共有来自１２家企业的200名职工参加。</p>
<p>比赛设置焊工、电工、钳工三个工种，选手们同台竞技，展示了过硬的技能；现场气氛热烈！</p></div></body></html>"""


def test_stored_articles_have_ascii_punctuation():
    url = "http://news.example.cn/2024/03/05/1.html"
    out = clean_page(PageInput(url=url, canonical_url=url, site="", body=PAGE.encode("utf-8"), encoding="utf-8"))
    assert out.status == "ok"
    text = out.fields["text"]
    assert not any(0xFF01 <= ord(c) <= 0xFF5E for c in text + out.fields["title"])
    assert out.fields["title"] == "市总工会举办(第三届)职工技能大赛"
    assert "本报讯(记者 王强)3月5日,市总工会" in text and "来自12家企业" in text
