"""keep_fullwidth (the default): full-width ASCII variants stay as in the page, everything else is normalised
as usual; keep_fullwidth=False gives FORMAT.md's ASCII punctuation. And the public entry points never raise."""
from cleaning import clean_text, extract_article
from cleaning.textnorm import fold_width, normalize_text

PAGE = """<html><head><title>工会举办（第三届）职工技能大赛：共200人参加_新闻网</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/n">新闻</a></div>
<h1>工会举办（第三届）职工技能大赛：共200人参加</h1>
<div class="info">2024年03月05日 10:20　来源：工人日报</div>
<div class="content">
<p>本报讯（记者　王强）3月5日，市总工会举办第三届职工技能大赛，共有来自１２家企业的200名职工参加。</p>
<p>比赛设置焊工、电工、钳工三个工种，选手们同台竞技，展示了过硬的技能；现场气氛热烈！</p>
<p>市总工会负责人表示：“今后将继续搭建平台，推动产业工人队伍建设改革走深走实。”</p>
</div>
<div class="footer">版权所有 © 2024 新闻网</div>
</body></html>"""


def test_normalize_keep_fullwidth_changes_only_the_width_fold():
    raw = "甲，乙：（丙）\u3000丁\u00a0\u00a0戊\x07己\ufffd１"
    kept = normalize_text(raw, keep_fullwidth=True)
    assert kept == "甲，乙：（丙） 丁 戊己１"
    assert fold_width(kept) == normalize_text(raw) == "甲,乙:(丙) 丁 戊己1"


def test_extract_keep_fullwidth_keeps_page_punctuation_and_same_structure():
    folded = extract_article(PAGE, url="http://news.example.cn/a/1.html", keep_fullwidth=False)
    kept = extract_article(PAGE, url="http://news.example.cn/a/1.html")
    assert kept.title == "工会举办（第三届）职工技能大赛：共200人参加"
    assert folded.title == "工会举办(第三届)职工技能大赛:共200人参加"
    assert kept.published == folded.published == "2024-03-05 10:20"
    assert len(kept.paragraphs) == len(folded.paragraphs) == 3
    assert kept.paragraphs[0].startswith("本报讯（记者 王强）3月5日，")
    assert "１２家" in kept.paragraphs[0]
    assert [fold_width(p) for p in kept.paragraphs] == folded.paragraphs
    assert not any("版权" in p for p in kept.paragraphs)


def test_clean_text_keep_fullwidth():
    text = "首页 > 新闻\n职工之家建设：走深走实\n2024-03-05  来源：工人日报\n\n全市建成职工之家（站点）120个，覆盖职工５万人。\n\n编辑：李明"
    kept = clean_text(text)
    folded = clean_text(text, keep_fullwidth=False)
    assert kept.title == "职工之家建设：走深走实" and folded.title == "职工之家建设:走深走实"
    assert kept.paragraphs == ["全市建成职工之家（站点）120个，覆盖职工５万人。"]
    assert folded.paragraphs == ["全市建成职工之家(站点)120个,覆盖职工5万人。"]
    assert kept.editor == folded.editor == "李明"


def test_entry_points_never_raise_on_wrong_types():
    for bad in (None, b"\xff\xfe<p>x</p>", 12, "<" * 5000, "\x00" * 10):
        for kw in ({}, {"keep_fullwidth": False}):
            a = extract_article(bad, **kw)
            assert a.paragraphs == [] or isinstance(a.paragraphs[0], str)
            t = clean_text(bad, **kw)
            assert isinstance(t.paragraphs, list)


def test_internal_error_is_an_empty_article_with_a_reason():
    class Exploding(str):
        def strip(self, *a):
            raise RuntimeError("boom")

        def __bool__(self):
            return True

    a = extract_article(Exploding("<p>正文内容很长很长很长很长。</p>"), url="http://x.cn/1")
    assert a.is_empty and a.url == "http://x.cn/1"
    assert any(r.reason.startswith("internal-error: RuntimeError") for r in a.removed)
