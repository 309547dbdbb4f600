"""Dates, repeated paragraphs, site rules, text re-cleaning details."""
from __future__ import annotations

import pytest

from cleaning import SiteRules, clean_text, rules_for_url
from cleaning.dates import date_from_url, normalize_date
from cleaning.dedupe import dedupe_paragraphs


@pytest.mark.parametrize("text,want", [
    ("2021-11-15 09:10:29来源:陕工网", "2021-11-15 09:10:29"),
    ("发布时间:2021/11/15 9:10", "2021-11-15 09:10"),
    ("2021年11月15日 09:10", "2021-11-15 09:10"),
    ("2021年11月15日09时10分", "2021-11-15 09:10"),
    ("《工人日报》(2021年12月22日 02版)", "2021-12-22"),
    ("出版日期:2021.12.22", "2021-12-22"),
    ("今天是 2021年11月15日 星期一", ""),
    ("2021年11月15日 星期一", ""),
    ("2021-13-45", ""),
    ("共计2021人参加", ""),
])
def test_dates(text, want):
    assert normalize_date(text) == want


def test_date_from_url():
    assert date_from_url("https://www.workercn.cn/c/2023-08-01/7970000.shtml") == "2023-08-01"
    assert date_from_url("http://news.workercn.cn/32843/202103/05/210305091536548.shtml") == "2021-03-05"
    assert date_from_url("http://paper.gjnews.cn/gjdb/20240105/html/content_3.htm") == "2024-01-05"
    assert date_from_url("https://example.com/a/7970000.shtml") == ""


def test_dedupe_exact_near_and_summary():
    paras = ["[摘要] 截至目前,一线职工占比达70%,产业工人代表占比达到41.4%……...",
             "截至目前,一线职工占比达70%,产业工人代表占比达到41.4%,成效明显。",
             "活动现场发布了《新就业群体党建关爱凝聚项目(升级版)》,并向快递员赠送商业保险。",
             "另一段完全不同的正文,讲述了工会开展的送清凉活动和职工的反响。",
             "本次活动发布了《新就业群体党建关爱凝聚项目(升级版)》,并向快递员赠送商业保险。",
             "另一段完全不同的正文,讲述了工会开展的送清凉活动和职工的反响。"]
    keep, dropped = dedupe_paragraphs(paras)
    assert keep == [1, 2, 3]
    assert dict(dropped) == {0: "summary-repeat", 4: "near-duplicate", 5: "duplicate"}


def test_dedupe_keeps_distinct_short_headings():
    keep, _ = dedupe_paragraphs(["A", "第一部分正文内容。", "B", "第二部分正文内容。"])
    assert keep == [0, 1, 2, 3]


def test_rules_for_url():
    assert rules_for_url("https://workercn.cn/c/2023-01-01/1.shtml").name == "workercn"
    assert rules_for_url("http://news.workercn.cn/a/b.shtml").name == "workercn"
    assert rules_for_url("http://paper.sxworker.com/xpaper/news/1/2/3-1.shtml").name == "sxworker"
    assert rules_for_url("https://example.com/") is None
    assert rules_for_url(None) is None
    assert rules_for_url("not a url") is None


def test_site_rules_from_mapping():
    r = SiteRules.from_mapping({"name": "x", "hosts": ["x.cn"], "body": "div.main", "noise_patterns": [r"^广告$"]})
    assert r.body == ("div.main",) and r.hosts == ("x.cn",) and r.matches("www.x.cn") and not r.matches("y.cn")
    with pytest.raises(ValueError, match="'bodyy'"):
        SiteRules.from_mapping({"name": "x", "bodyy": "div"})
    with pytest.raises(ValueError, match="'noise_patterns'"):
        SiteRules.from_mapping({"name": "x", "noise_patterns": ["(unclosed"]})
    with pytest.raises(ValueError, match="'body'"):
        SiteRules.from_mapping({"name": "x", "body": "div[[["})
    with pytest.raises(ValueError, match="'name'"):
        SiteRules.from_mapping({"hosts": ["x.cn"]})
    with pytest.raises(ValueError, match="'title'"):
        SiteRules.from_mapping({"name": "x", "title": 3})


def test_site_noise_patterns_apply_to_text():
    rules = SiteRules.from_mapping({"name": "x", "noise_patterns": [r"^本站特别推荐"]})
    text = "标题在这里\n2024-01-02 10:00 来源:某网\n\n正文第一段内容,讲述事情经过。\n\n本站特别推荐:工会新闻每日更新,欢迎关注。"
    assert clean_text(text).paragraphs[-1].startswith("本站特别推荐")
    assert clean_text(text, site_rules=rules).paragraphs == ["正文第一段内容,讲述事情经过。"]


def test_text_without_header_and_mid_sentence_join():
    text = ("职工之家建设再上新台阶\n\n今年以来,区总工会持续推进职工之家建设,服务企业建\n\n"
            "会“少跑路”。\n\n各基层工会积极响应。\n\n强化服务 凝聚人心\n\n区总工会还开展了多项活动。")
    a = clean_text(text)
    assert a.title == "职工之家建设再上新台阶" and a.published == "" and a.source == ""
    assert a.paragraphs == ["今年以来,区总工会持续推进职工之家建设,服务企业建会“少跑路”。", "各基层工会积极响应。",
                            "强化服务 凝聚人心", "区总工会还开展了多项活动。"]


def test_clean_text_bad_input():
    for text in ("", "\n\n", "\x00\x01", "×"):
        a = clean_text(text)
        assert a.is_empty


def test_credit_lines_closing_with_the_editor_and_bare_counts_are_noise():
    from cleaning.noise import classify_line
    assert classify_line("医技药剂党支部、药剂科供稿 摄影/张艳 编辑/苏芳") == "editor-line"
    assert classify_line("3573") == "widget"
    # a bare section number and a sentence naming an editor are text
    assert classify_line("2") is None
    assert classify_line("本报讯 市总工会编辑出版了《职工读本》，供稿单位包括各区县工会，编辑/审核均由专人负责。") is None


def test_an_original_title_line_in_brackets_is_metadata():
    from cleaning.noise import classify_line
    assert classify_line("（原标题：民警电话遭停机，靠拨打频次识别诈骗“智商感人”）") == "original-title"
    assert classify_line("原标题:职工书屋建设推进会在京召开") == "original-title"
    assert classify_line("他说，原标题：这样的写法并不常见，但在转载稿件中时有出现，读者不必在意。") is None


def test_an_encyclopedias_editing_prompts_are_noise():
    from cleaning.noise import classify_line
    assert classify_line("本词条缺少概述图，补充相关内容使词条更完整，还能快速升级，赶紧来编辑吧！") == "widget"
    assert classify_line("编辑本段") == "widget"
    assert classify_line("编辑部表示，词条内容由专家审定后发布，读者可以放心查阅相关资料。") is None


def test_an_editor_label_left_blank_is_noise():
    from cleaning.noise import classify_line
    assert classify_line("责任编辑：") == "editor-line"
    assert classify_line("【责任编辑：】") == "editor-line"
    assert classify_line("编辑：") == "editor-line"
