"""Short articles (a one-line post, a photo with its caption) on pages whose sidebars and licence notices hold
more prose than the article itself: the container the page names as the article body is the text.
Non-article pages stay empty."""
from __future__ import annotations

from cleaning import extract_article

SIDEBAR = """
<div class="aside"><div class="box">
  <p class="notice">版权声明：本文为博主原创文章，遵循版权协议，转载请附上原文出处链接和本声明，谢谢合作。</p>
  <div class="up-time">最新推荐文章于 2023-09-04 17:53:10 发布</div>
  <ul><li><a href="/1">劳动者权益保障的十个问题</a></li><li><a href="/2">职工书屋建设推进会在京召开</a></li>
      <li><a href="/3">全国总工会发布年度报告</a></li></ul>
</div></div>"""


def blog_post(body: str, container: str = '<article class="post"><div id="article_content">{}</div></article>') -> str:
    return f"""<html><head><title>二〇二四年职工摄影展作品征集通知_工会博客</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/blog">博客</a><a href="/down">下载</a></div>
<div class="main"><h1 class="title-article">二〇二四年职工摄影展作品征集通知</h1>
<div class="info">2024-03-12 13:08:03 发布 阅读量340</div>
{container.format(body)}
</div>{SIDEBAR}
<div class="footer">Copyright © 2024 工会博客 京ICP备12345678号</div></body></html>"""


def test_a_one_line_post_in_a_named_container_is_the_text():
    a = extract_article(blog_post('<p><img src="/a.png"><br> 作品请发送至工会邮箱 联系人 王老师</p>'))
    assert a.title == "二〇二四年职工摄影展作品征集通知"
    assert a.paragraphs == ["作品请发送至工会邮箱 联系人 王老师"]
    assert a.published == "2024-03-12 13:08:03"


def test_a_photo_caption_under_the_named_body():
    body = '<p><img src="/b.jpg"></p><p>3月12日，参赛职工在车间现场比武。</p>'
    a = extract_article(blog_post(body, '<div class="TRS_Editor">{}</div>'))
    assert a.paragraphs == ["3月12日，参赛职工在车间现场比武。"]


def test_a_long_article_is_still_chosen_by_its_prose_not_by_names():
    paras = "".join(f"<p>第{i}段：市总工会组织开展职工技能竞赛，来自全市的选手同台竞技，展示了过硬的本领。</p>"
                    for i in range(1, 7))
    # a named "article content" box holding a teaser is no rival for a long text in an unnamed block
    page = blog_post("<p>本站推荐阅读</p>", '<div class="article-content">{}</div><div class="x">' + paras + "</div>")
    a = extract_article(page)
    assert len(a.paragraphs) == 6 and a.paragraphs[0].startswith("第1段")
    assert "本站推荐阅读" not in a.text


def test_a_list_page_with_a_named_container_of_links_is_no_article():
    links = "".join(f'<li><a href="/n/{i}.html">市总工会第{i}期工作简报发布</a></li>' for i in range(20))
    page = f"""<html><head><title>工作简报_工会网</title></head><body>
<div class="nav"><a href="/">首页</a></div><div class="news-content"><ul>{links}</ul></div></body></html>"""
    assert extract_article(page).is_empty


def test_short_labels_left_alone_are_the_text_but_not_after_prose():
    page = blog_post("<p>征集截止时间 三月三十一日</p>")
    assert extract_article(page).paragraphs == ["征集截止时间 三月三十一日"]
    long_text = blog_post("<p>本次摄影展面向全市职工征集作品，题材围绕劳动创造幸福，每人限投三幅。</p>"
                          "<p>携手合作 共同发展</p>")
    assert extract_article(long_text).paragraphs == ["本次摄影展面向全市职工征集作品，题材围绕劳动创造幸福，每人限投三幅。"]
