"""Government document pages (our own fixtures in the style of gov.cn): a headline set over several lines
in the text, the adoption note under it, one long paragraph in a named container, pages glued from two
templates, and doubled separators in the page title."""
from __future__ import annotations

from cleaning import extract_article
from cleaning.title import clean_title

TITLE = "全国总工会关于开展2024年职工技能竞赛活动的决定"
NOTE = "（2024年3月1日中华全国总工会第十八届执行委员会第三次全体会议通过）"
BODY = ("为深入贯彻落实党中央关于产业工人队伍建设改革的部署，全国总工会决定在全国范围内开展职工技能竞赛活动，"
        "围绕重点产业和关键岗位，组织职工开展岗位练兵和技术比武，推动广大职工学技术、练本领、当工匠。")


def gov_page(glued: bool = False) -> str:
    head = f"""<!DOCTYPE html><html><head><title>{TITLE}__2024年第5号公报_中国政府网</title></head>
<body><div class="header"><a href="/">首页</a> <a href="/zhengce">政策</a> <a href="/gongbao">公报</a></div>
<div class="crumbs">首页 > 公报 > 2024年第5号</div>"""
    content = f"""<div class="pages_content" id="UCAP-CONTENT">
<p align="center"><strong>全国总工会<br>关于开展2024年职工技能竞赛<br>活动的决定</strong><br>{NOTE}</p>
<p>　　{BODY}</p></div>
<div id="qr_container">扫一扫在手机打开当前页</div>
<div class="related"><div class="pannel-title">相关稿件</div><ul></ul></div>"""
    footer = '<div class="footer">版权所有：中国政府网 京ICP备05070218号</div>'
    if glued:   # the document part arrives as a second <html> after the first one closed
        return head + "</body></html>\n<!-- content -->\n<html><body>" + content + footer + "</body></html>"
    return head + content + footer + "</body></html>"


def test_a_document_with_its_headline_over_several_lines_and_its_adoption_note():
    a = extract_article(gov_page())
    assert a.title == TITLE
    assert a.paragraphs == [NOTE, BODY]


def test_a_page_glued_from_two_html_documents_is_read_whole():
    a = extract_article(gov_page(glued=True))
    assert a.title == TITLE
    assert a.paragraphs == [NOTE, BODY]


def test_a_doubled_separator_in_the_page_title_goes_with_its_segments():
    assert clean_title(f"{TITLE}__2024年第5号公报_中国政府网") == TITLE
    assert clean_title("职工书屋建设推进会在京召开 - 要闻 - 中工网") == "职工书屋建设推进会在京召开"


def test_the_signature_and_date_closing_a_notice_are_text():
    page = f"""<html><head><title>关于职工疗休养工作有关事宜的公告_总工会</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/tz">通知公告</a></div>
<h1>关于职工疗休养工作有关事宜的公告</h1><div class="info">发布时间：2024-01-02</div>
<div class="TRS_Editor"><p>{BODY}</p><p>特此公告。</p><p>某某省交通运输厅</p><p>2023年12月31日</p></div>
<div class="footer">版权所有 某某省总工会</div></body></html>"""
    a = extract_article(page)
    assert a.paragraphs == [BODY, "特此公告。", "某某省交通运输厅", "2023年12月31日"]


def test_the_preamble_above_the_block_of_numbered_sections_is_kept():
    preamble = ("为落实《中共中央印发关于深化人才发展体制机制改革的意见》和省委、市委的实施意见，加快集聚各类人才，"
                "推动新区创新发展，结合本区实际，制定以下措施。各单位要高度重视，认真组织实施，确保各项措施落到实处。")
    topics = ["高端领军人才引进", "骨干人才贡献奖励", "人才住房保障", "人才子女入学", "人才医疗服务", "人才创业扶持"]
    grants = ["安家补贴", "贡献奖励", "人才公寓", "学位安排", "就医绿色通道", "创业资助"]
    sections = "".join(f"<p>{n}、实施{t}计划</p><p>对符合条件的{t}对象给予{g}，由区人才工作领导小组按年度"
                       f"认定名单，区财政统筹安排所需资金，相关部门按职责分工做好{g}的落实工作。</p>"
                       for n, t, g in zip("一二三四五六", topics, grants))
    page = f"""<html><head><title>集聚人才创新发展的若干措施_区政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zc">政策</a></div><div class="xlbox"><h2>集聚人才创新发展的若干措施</h2>
<p class="ly">来源：区发改局 发布日期：2017-10-13</p><div class="TRS_Editor"><p>{preamble}</p>
<div class="content-bd">{sections}</div></div></div><div class="footer">版权所有 区政府</div></body></html>"""
    a = extract_article(page)
    assert a.paragraphs[0] == preamble
    assert a.paragraphs[1] == "一、实施高端领军人才引进计划" and len(a.paragraphs) == 13


def test_a_page_title_that_is_only_the_site_name_yields_to_the_one_h1():
    page = f"""<html><head><title>中华人民共和国司法部</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xw">新闻</a></div>
<div class="article"><h1>依法助推低空经济发展</h1><div class="info">2023-06-29 09:00 来源：法治日报</div>
<div class="TRS_Editor"><p>{BODY}</p></div></div><div class="footer">版权所有 司法部</div></body></html>"""
    a = extract_article(page)
    assert a.title == "依法助推低空经济发展"
    assert a.paragraphs == [BODY]


def test_a_styled_headline_block_beats_a_page_title_with_its_site_suffix():
    page = f"""<html><head><title>【不忘初心 牢记使命】市总工会举办职工技能大赛  某某市总工会</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/xw">工会新闻</a></div>
<div class="main"><div class="bt">【不忘初心 牢记使命】市总工会举办职工技能大赛</div>
<div class="info">2024-03-05 来源：市总工会</div><div class="content"><p>{BODY}</p></div></div></body></html>"""
    a = extract_article(page)
    assert a.title == "【不忘初心 牢记使命】市总工会举办职工技能大赛"
    assert a.paragraphs == [BODY]


def test_list_items_recur_from_scheme_to_scheme_but_no_long_paragraph_twice():
    from cleaning.dedupe import dedupe_paragraphs
    schemes = ["一、一次性创业资助", "补贴条件：", "（1）初创企业在本市登记注册并正常经营6个月以上，且申请时未被列入经营异常名录。",
               "二、创业带动就业补贴", "补贴条件：", "（1）初创企业在本市登记注册并正常经营3个月以上，且申请时未被列入经营异常名录。",
               "（2）初创企业的法定代表人符合条件。", "三、租金补贴", "补贴条件：", "（2）初创企业的法定代表人符合条件。"]
    keep, dropped = dedupe_paragraphs(schemes)
    assert keep == list(range(9)) and [i for i, _ in dropped] == [9]
