"""HTML extraction on small pages in the style of 中工网, 陕工网 and the 工人日报 e-paper (our own fixtures)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cleaning import extract_article, render_seed_text

FIX = Path(__file__).resolve().parent / "fixtures" / "cleaning"
WORKERCN = "https://www.workercn.cn/c/2023-08-01/7970000.shtml"
SXWORKER = "https://img-sxworker.sxworker.com/gonghui/gh11/2024-07-16/209877.html"
EPAPER = "https://www.workercn.cn/papers/grrb/2021/12/22/02/news-3.html"


def page(name: str) -> str:
    return (FIX / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("url", [WORKERCN, None], ids=["site-rules", "generic"])
def test_workercn_article(url):
    a = extract_article(page("workercn_article.html"), url=url)
    assert a.title == "职工书屋建设推进会在京召开"
    assert (a.published, a.source, a.editor) == ("2023-08-01 09:12", "工人日报", "李四")
    assert "张三" in a.authors
    text = a.text
    # `原标题:` is metadata (FORMAT.md lets it go either way; the portal replays drop it)
    assert a.paragraphs[0].startswith("本报北京7月31日电(记者 张三)7月31日,全国职工书屋建设推进会在京召开。")
    assert not any(p.startswith("原标题") for p in a.paragraphs)
    # a paragraph the page broke mid-sentence is joined
    assert "推动书屋数字化升级,丰富线上阅读资源,持续开展主题读书活动。" in text
    for chrome in ("分享到", "相关新闻", "Copyright", "扫码关注", "中工网微信", "责任编辑", "document.write", "首页"):
        assert chrome not in text, chrome
    assert a.paragraphs[-1] == "据了解,全国已建成职工书屋10万余家,覆盖职工数千万人。"


def test_workercn_site_rules_metadata():
    a = extract_article(page("workercn_article.html"), url=WORKERCN)
    assert a.site == "workercn"
    assert [i.url for i in a.images] == ["/img/2023/shuwu.jpg"]
    assert a.images[0].caption == "职工在书屋阅读。"
    assert any(r.reason == "editor-line" for r in a.removed)


@pytest.mark.parametrize("url", [SXWORKER, None], ids=["site-rules", "generic"])
def test_sxworker_article(url):
    a = extract_article(page("sxworker_article.html"), url=url)
    assert a.title == "渭南市总工会开展夏送清凉活动"
    assert a.published == "2024-07-16 10:20:05"     # not the 今天是 weekday widget
    assert a.source == "陕工网—陕西工人报"
    assert a.editor == "赵六"
    assert a.paragraphs[0].startswith("陕工网—陕西工人报讯(记者 王五)近日")
    for chrome in ("今天是", "跟帖评论", "您当前的位置", "分享到", "字体", "关注公众号", "新闻推荐", "ICP", "})();",
                   "来源:"):
        assert chrome not in a.text, chrome


@pytest.mark.parametrize("url", [EPAPER, None], ids=["site-rules", "generic"])
def test_epaper_article(url):
    a = extract_article(page("epaper_article.html"), url=url)
    assert a.title == "新就业形态劳动者入会有了新通道"
    assert a.lead_title == "全国总工会推进“八大群体”入会"
    assert a.published == "2021-12-22"     # the issue line, never the weekday header
    assert a.source == "工人日报"
    assert len(a.paragraphs) == 3
    assert "工人日报》(" not in a.text and "中工娱乐" not in a.text and "另一篇文章" not in a.text


def test_traditional_page_becomes_simplified():
    html = ("<html><head><title>勞動者權益保障新規實施 - 新聞網</title></head><body><div class='nav'>"
            "<a href='/'>首頁</a> <a href='/n'>新聞</a></div><h1>勞動者權益保障新規實施</h1>"
            "<p>2024年03月01日 10:00 來源:工會新聞網</p><div class='content'>"
            "<p>新規定明確了用人單位的責任,職工權益得到進一步保障。</p>"
            "<p>各級工會將加強監督,確保規定落實到位,讓勞動者真正受益。</p></div></body></html>")
    a = extract_article(html)
    assert a.title == "劳动者权益保障新规实施"
    assert a.source == "工会新闻网"
    assert a.published == "2024-03-01 10:00"
    assert a.paragraphs == ["新规定明确了用人单位的责任,职工权益得到进一步保障。",
                            "各级工会将加强监督,确保规定落实到位,让劳动者真正受益。"]
    assert a.traditional
    kept = extract_article(html, keep_traditional=True)
    assert kept.title == "勞動者權益保障新規實施"
    assert kept.paragraphs[0].startswith("新規定明確")


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "\x00\x01\x02binary\xff", "<div><p>短</p>",
                                  "<?xml version='1.0' encoding='utf-8'?><html><body></body></html>"])
def test_empty_or_broken_input_gives_empty_article(html):
    a = extract_article(html)
    assert a.is_empty


def test_deeply_nested_and_truncated_html():
    body = "<p>工会组织开展技能竞赛活动,职工踊跃参加,比赛现场气氛热烈。</p>"
    html = "<html><body>" + "<div>" * 3000 + body + "<p>比赛共设五个项目,吸引了来自全市的两百余名职工参赛,"
    a = extract_article(html)
    assert "工会组织开展技能竞赛活动,职工踊跃参加,比赛现场气氛热烈。" in a.paragraphs


def test_list_page_is_not_an_article():
    items = "".join(f"<li><a href='/c/{i}.shtml'>工会新闻标题第{i}条</a><span>2024-01-0{i % 9 + 1}</span></li>"
                    for i in range(30))
    html = f"<html><head><title>工会 - 中工网</title></head><body><ul class='list'>{items}</ul></body></html>"
    a = extract_article(html)
    assert len(a.text) < 100


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.lists(st.sampled_from(["<p>", "</p>", "<div class='content'>", "</div>", "<br>",
                                                        "<a href='x'>", "</a>", "<script>", "<!--", "-->", "&nbsp;",
                                                        "来源:", "2021年11月15日", "责任编辑:张三", "。"]),
                                       max_size=40))
def test_random_html_never_crashes(text, tags):
    html = "".join(t + text[i::7][:20] for i, t in enumerate(tags)) + text
    a = extract_article(html)
    rendered = render_seed_text(a)
    assert isinstance(rendered, str)
    assert all(line == line.strip() for line in rendered.split("\n"))


def _toc_page(extra: str = "") -> str:
    prose = "".join(f"<p>第{i}段正文,讲述本期学报的编辑思路、选题来源和作者队伍的情况,供读者参考。</p>" for i in range(3))
    toc = "".join(f"<p>学报第{i}篇论文的题目比较长一些</p><p>作者{'甲乙丙丁'[i]}</p>" for i in range(4))
    return (f"<html><head><title>学报2022年第4期目录</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            f"<div class='content'><h1>学报2022年第4期目录</h1>{prose}{extra}{toc}<p>本期完。</p></div></body></html>")


def test_short_plain_lines_of_a_contents_list_are_kept():
    """A name under each title in a table of contents is text, not junk: only linky blocks are junk by score."""
    a = extract_article(_toc_page())
    for i in range(4):
        assert f"作者{'甲乙丙丁'[i]}" in a.paragraphs
        assert f"学报第{i}篇论文的题目比较长一些" in a.paragraphs


def test_ad_links_with_a_badge_inside_the_text_are_dropped():
    ad = "<p><a href='https://ads.example.com/c?id=1'><i>广告</i><span>留学申请一站式服务，名校录取率高</span><div>×</div></a></p>"
    a = extract_article(_toc_page(ad))
    assert not any("留学申请" in p for p in a.paragraphs)
    assert "本期完。" in a.paragraphs


def test_an_article_wrapped_in_one_link_is_text():
    """Some templates wrap the whole text in a self-link: whole paragraphs inside one <a> are prose."""
    sentences = ["寒流一波接着一波,口罩围巾都出笼了,街上的行人纷纷裹紧了大衣。",
                 "想让肌肤在干燥的冷风吹袭下仍然保持水嫩,洗脸时的水温是关键。",
                 "除了避免用热水,洗脸的次数和选择适当的护肤产品,也很重要。",
                 "寒冬里泡温泉真是一大享受,如何泡得健康又美丽,专家也有建议。",
                 "如果皮肤还是显得过度干燥,还是赶快咨询专科医师才是上策。"]
    paras = "<br><br>".join(f"第{i}段:{s}" for i, s in enumerate(sentences))
    html = (f"<html><head><title>寒冬里如何保持水嫩肌肤</title></head><body><h1>寒冬里如何保持水嫩肌肤</h1>"
            f"<ul>{''.join(f'<li><a href=/n{i}>别的新闻标题第{i}条很长很长</a></li>' for i in range(8))}</ul>"
            f"<div class='intr'><dl><a href='/a/1.html'>{paras}</a></dl></div></body></html>")
    a = extract_article(html)
    assert [p[:3] for p in a.paragraphs] == [f"第{i}段" for i in range(5)]


@pytest.mark.parametrize("line", ["播报文章", "语音播报文章,释放双眼", "+关注", "来自甘肃", "发布于:北京市", "00:00"])
def test_platform_widgets_are_noise(line):
    from cleaning.noise import classify_line
    assert classify_line(line)
    assert not classify_line("来自甘肃的消息称,今天全省普降大雪,各地工会组织职工扫雪。")


def test_media_account_name_above_the_text_is_dropped():
    text = "据美国全国广播公司报道,载有伊朗总统的直升机发生事故后,美方表示没有证据表明存在谋杀行为。"
    html = (f"<html><head><title>美官员否认直升机事故存在谋杀行为</title></head><body>"
            f"<div class='article'><h1>美官员否认直升机事故存在谋杀行为</h1><p>2024-05-20 13:09</p>"
            f"<p>中国新闻网</p><p>{text}</p><p>他称,事发地点天气糟糕,全面调查仍在进行中。</p></div></body></html>")
    a = extract_article(html)
    assert a.paragraphs[0] == text


@pytest.mark.parametrize("line", ["《职工讲堂》第3期5月20日起每晚22:00播出 时长:01:45 来源:工人网",
                                  "调查问题加载中,请稍候。", "若长时间无响应,请刷新本页面",
                                  "《职工讲堂》第3期5月20日起每晚22:00播出收起"])
def test_video_cards_and_loading_placeholders_are_noise(line):
    from cleaning.noise import classify_line
    assert classify_line(line)
    assert not classify_line("节目时长较长,工会干部利用周末把全部课程看完,并写下了学习体会。")


LEAD = "本报讯 11月30日上午,市总工会在市职工服务中心召开全市工会工作座谈会,总结今年工作并部署明年任务。"


def test_headline_deck_above_the_lead_is_header():
    # the page repeats its headline as a deck (title with its verb, main title, subtitle) inside the body
    html = ("<html><head><title>市总工会召开全市工会工作座谈会</title></head><body><div class='content'>"
            "<p>市总工会召开全市工会工作座谈会强调</p><p>推动工会工作取得新的突破</p><p>在服务职工中发挥更大作用</p>"
            f"<p>{LEAD}</p><p>会议指出,各级工会要把服务职工作为工作的生命线,做到职工在哪里工会就在哪里。</p>"
            "</div></body></html>")
    a = extract_article(html)
    assert a.paragraphs[0] == LEAD


def test_deck_keeps_datelines_bylines_and_text_without_prose():
    html = ("<html><head><title>市总工会召开全市工会工作座谈会</title></head><body><div class='content'>"
            "<p>市总工会召开全市工会工作座谈会</p><p>记者 王强</p>"
            f"<p>{LEAD}</p><p>会议指出,各级工会要把服务职工作为工作的生命线,做到职工在哪里工会就在哪里。</p>"
            "</div></body></html>")
    assert extract_article(html).paragraphs[0] == "记者 王强"


def test_second_line_of_a_split_headline_is_not_glued_to_the_lead():
    # a headline in two <h1>s inside the text block: its second line, with quotes but no pause, is a heading
    second = "庆“五一”职工文艺汇演暨首届“最美劳动者”表彰大会"
    html = ("<html><head><title>县总工会表彰33名最美劳动者</title></head><body><div class='content'>"
            f"<h1>县总工会举行</h1><h1>{second}</h1>"
            "<section>4月29日上午,在“五一”国际劳动节来临之际,县总工会在县职工之家举行表彰大会,33名职工受到表彰。</section>"
            "<section>会议指出,劳动模范是职工群众的优秀代表,各级工会要大力弘扬劳模精神、劳动精神和工匠精神。</section>"
            "</div></body></html>")
    paras = extract_article(html).paragraphs
    assert all(not p.startswith(second) or p == second for p in paras)
    assert any(p.startswith("4月29日上午") for p in paras)


SHORT_POST = "职工书屋开放时间调整为每天上午九点到晚上八点。"


@pytest.mark.parametrize("chrome", [
    "<div class='pay-code'><div><p>1.余额是钱包充值的虚拟货币,按照1:1的比例进行支付金额的抵扣。"
    "<br>2.余额无法直接购买下载,可以购买会员、付费专栏及课程。<br>3.充值后的余额不能提现,也不能转赠他人,"
    "请在充值前仔细阅读以上说明。</p></div></div>",
    "<div class='article-copyright'><div>版权声明:本文为博主原创文章,遵循署名协议,转载时请附上原文出处链接和本声明,"
    "谢谢大家的支持与理解,欢迎大家多多交流。本文链接与署名必须完整保留,不得删改,未经作者书面同意,不得用于任何商业用途,"
    "违者将依法追究相关责任。</div></div>"], ids=["payment-overlay", "licence-box"])
def test_prose_in_overlays_and_chrome_boxes_does_not_beat_a_short_post(chrome):
    html = ("<html><head><title>职工书屋开放时间调整</title></head><body>"
            "<div class='header'><h1>职工书屋开放时间调整</h1></div>"
            f"<div id='article_content'><p>{SHORT_POST}</p><p>联系人 工会办公室 王老师</p></div>{chrome}</body></html>")
    a = extract_article(html)
    assert SHORT_POST in a.paragraphs
    assert not any("余额" in p or "版权声明" in p for p in a.paragraphs)


@pytest.mark.parametrize("raw, title", [
    ("紅磡住宅遭爆竊失萬元財物 - 新浪網 - 新聞", "紅磡住宅遭爆竊失萬元財物"),
    ("全白版平板越南亮相 - 數碼 - 新浪網", "全白版平板越南亮相"),
    ("全白版平板越南亮相 - 数码 - 新浪网", "全白版平板越南亮相"),
    # a segment before a non-site suffix stays: it may be part of the headline
    ("开局之年 - 新征程", "开局之年 - 新征程")])
def test_site_and_channel_suffixes_go_in_both_scripts(raw, title):
    from cleaning.title import clean_title
    assert clean_title(raw) == title


@pytest.mark.parametrize("line", [
    "香港新浪新闻现已开设Facebook专页,让你即时掌握本地新闻,与朋友分享!快点到Facebook Like我们的专页!",
    "https://plus.google.com/104792312952728477864",
    "订东北网彩信手机报,移动发KTDBW到10658333,联通发DBWY到1065566600。",
    "东北网手机版 3g.dbw.cn"])
def test_site_promotion_bare_urls_and_sms_ads_are_noise(line):
    from cleaning.noise import classify_line
    assert classify_line(line)


@pytest.mark.parametrize("line", [
    "该公司上月在Facebook开设专页,吸引了大批年轻用户关注。",
    "市民可登录 www.gov.cn 查询办理进度,也可以拨打热线咨询。",
    "中国移动发布的数据显示,全省5G用户已超过2000万户。"])
def test_sentences_about_pages_links_and_carriers_are_text(line):
    from cleaning.noise import classify_line
    assert not classify_line(line)


def test_readers_comment_board_under_the_text_is_dropped():
    sentences = ["春节假期期间,各大医院门诊时间不一,市民就医前可先上网查询,以免白跑一趟。",
                 "健保局每年汇整资料,目前已有超过四百家医院完成上传春节假期开诊资讯。",
                 "民众若有任何问题,也可以拨打咨询服务专线,假期期间都有轮值人员提供服务。",
                 "急诊均照常运作,民众可洽询医院总机,或至医院网站查阅春节门诊医师排班表。"]
    body = "".join(f"<p>第{i}段:{s}</p>" for i, s in enumerate(sentences))
    board = ("<p>新闻讨论</p><p>姓名必填</p><p>【1】留言限140字以内,留言将于72小时后由系统自动删除。</p>"
             "<p>2012/01/16 12:13 219.8*****137</p><p>深入浅出好文章,这篇放在评论版太可惜了,应该放要闻。</p>")
    html = (f"<html><head><title>春节医院门诊时间</title></head><body><div class='content'><h1>春节医院门诊时间</h1>"
            f"{body}{board}</div></body></html>")
    a = extract_article(html)
    assert len(a.paragraphs) == 4 and a.paragraphs[-1].startswith("第3段")


def test_a_comment_heading_at_the_top_is_not_a_board_under_the_text():
    from cleaning.lines import Line, clean_body
    texts = ["网友评论", "市民王先生说,新开通的公交线路让他上班少走了半小时的路,非常方便。",
             "市民李女士说,希望公交公司能够延长末班车的时间,方便加班的职工回家。"]
    out = clean_body([Line(t, t, 1) for t in texts])
    assert out.paragraphs[-1].startswith("市民李女士")


def test_a_poll_is_dropped_up_to_the_next_paragraph():
    from cleaning.lines import Line, clean_body
    texts = ["市总工会近日开展职工书屋建设情况调研,走访了全市二十家企业的职工书屋,听取职工意见。",
             "调查", "你如何看待职工书屋的开放时间?", "开放时间太短,下班后无法借阅", "开放时间合适",
             "很难说", "调研组表示,下一步将推动有条件的企业延长书屋开放时间,方便职工下班后借阅图书。"]
    out = clean_body([Line(t, t, 1) for t in texts])
    assert out.paragraphs == [texts[0], texts[-1]]
    # a `调查` subheading without a question under it is text
    plain = [texts[0], "调查", texts[-1]]
    assert clean_body([Line(t, t, 1) for t in plain]).paragraphs == plain


@pytest.mark.parametrize("line", ["大江网版权与免责声明", "*** 大江网推荐内容 ***", "■相关链接:",
                                  "3、凡注明“来源:XXX”的作品,均转载自其它媒体,转载目的在于传递更多信息,并不代表赞同其观点。"])
def test_legal_notices_and_list_headings_with_bullets_are_noise(line):
    from cleaning.noise import classify_line
    assert classify_line(line)


def test_bracketed_source_and_author_lines_are_metadata():
    from cleaning.lines import Line, clean_body
    texts = ["[稿源:红网-潇湘晨报]", "[作者:范思鼎]", "1月17日,长沙市总工会为一线环卫工人送去了节日慰问品和慰问金。"]
    out = clean_body([Line(t, t, 1) for t in texts])
    assert out.paragraphs == texts[2:]
    assert out.source == "红网-潇湘晨报"


def test_bracketed_editor_and_reprint_credits_closing_the_text_are_metadata():
    from cleaning.lines import Line, clean_body
    body = "1月17日,市总工会为一线环卫工人送去了节日慰问品和慰问金,向他们致以新春的问候。"
    for credit in ("(嵇南涛 编辑)", "(本文来源:东方网)", "(据《重庆晚报》)"):
        out = clean_body([Line(t, t, 1) for t in (body, credit)])
        assert out.paragraphs == [body], credit
    assert clean_body([Line(t, t, 1) for t in (body, "(嵇南涛 编辑)")]).editor == "嵇南涛"
    long_credit = "(本文来源:经济日报 作者:中国国际经济交流中心研究员某某某)返回首页,查看更多"
    assert clean_body([Line(t, t, 1) for t in (body, long_credit)]).paragraphs[-1] == long_credit


def test_summary_box_just_before_the_text_block_is_kept():
    summary = "核心提示:腊八节要吃腊八粥,但很多年轻职工并不知道腊八粥该怎样做?今天就来教大家。"
    paras = "".join(f"<p>{s}</p>" for s in (
        "农历腊月初八是腊八节,腊八节要吃腊八粥,豆子那么硬,怎样才能快速煮烂?粥怎样才能煮得黏稠?",
        "首先要提前浸泡豆子,红豆、绿豆、花生等要提前泡上几个小时,这样更容易煮烂。",
        "其次要掌握好水量和火候,水要一次加足,中途不要加冷水,先大火烧开再转小火慢熬。",
        "再次要注意食材的搭配,糯米、大米、小米各有特点,搭配在一起口感更加丰富细腻。",
        "另外还可以加入红枣、桂圆、莲子等食材,既增加了甜味,也让腊八粥的营养更加均衡。",
        "最后,煮好的腊八粥要焖上一段时间再吃,这样各种食材的味道能够充分融合在一起。"))
    html = ("<html><head><title>煮一碗好吃的腊八粥</title></head><body><h1>煮一碗好吃的腊八粥</h1>"
            f"<div class='art_info'><em>2021-01-20 04:29:44</em></div><div class='art_summary'>{summary}</div>"
            f"<div class='art_content'>{paras}</div><div class='links'><a href='/1'>别的新闻</a></div></body></html>")
    a = extract_article(html)
    assert a.paragraphs[0] == summary and len(a.paragraphs) == 7


def test_reprint_requests_are_noise_but_sentences_about_reprints_are_text():
    from cleaning.noise import classify_line
    assert classify_line("本作品为“职工科普”原创,转载时务请注明出处。")
    assert not classify_line("他转载时注明了作者姓名,因此不构成侵权,法院驳回了原告的全部诉讼请求,并判决由原告承担诉讼费用。")


def test_a_label_value_line_repeats_only_inside_a_list_of_such_lines():
    from cleaning.dedupe import dedupe_paragraphs
    listing = ["1、东方明珠", "成人票原价:60元", "咨询电话:58792888", "2、野生动物园", "成人票原价:60元"]
    assert dedupe_paragraphs(listing)[0] == [0, 1, 2, 3, 4]
    assert dedupe_paragraphs(["00责任编辑:张三", "00责任编辑:张三", "正文"])[0] == [0, 2]
    assert dedupe_paragraphs(["00责任编辑:张三", "正文", "00责任编辑:张三"])[0] == [0, 1]


def test_a_two_character_headline_that_opens_the_page_title_is_the_title():
    html = ("<html><head><title>夜雨_原文、翻译及赏析_白居易诗词</title></head><body><div class='main'>"
            "<h1>夜雨</h1><p>我有所念人,隔在远远乡。我有所感事,结在深深肠。乡远去不得,无日不瞻望。</p>"
            "<p>肠深解不得,无夕不思量。况此残灯夜,独宿在空堂。秋天殊未晓,风雨正苍苍。</p></div></body></html>")
    assert extract_article(html).title == "夜雨"
    other = html.replace("<title>夜雨_", "<title>秋夜雨_")
    assert extract_article(other).title != "夜雨"


_PROSE = ("<p>7月29日上午,在建军节来临之际,全县在县消防救援大队举行了双拥文艺汇演暨首届最美退役军人表彰大会,"
          "县委、县政府有关负责同志出席会议。</p>"
          "<p>会议指出,拥军优属、拥政爱民是全县军地的优良传统,要大力开展最美退役军人评选表彰活动,让广大退役军人"
          "更有荣誉感。</p>")


def test_heading_lines_opening_the_text_are_the_headlines_deck():
    html = ("<html><head><title>全县33名退役军人被表彰_地方新闻</title></head><body><h1>全县33名退役军人被表彰</h1>"
            "<div class='content'><p>绥德县举行</p><p>庆“八一”双拥文艺汇演暨首届“最美退役军人”表彰大会</p>"
            f"{_PROSE}</div></body></html>")
    a = extract_article(html)
    assert a.paragraphs[0].startswith("7月29日上午") and len(a.paragraphs) == 2
    # a byline opening the text is no deck, nor a dateline, nor a list's first item
    for first in ("彭瑜 贺怀湘文/图", "一、总体要求"):
        kept = extract_article(html.replace("<p>绥德县举行</p><p>庆“八一”双拥文艺汇演暨首届“最美退役军人”表彰大会</p>",
                                            f"<p>{first}</p>"))
        assert kept.paragraphs[0] == first


def test_the_body_signing_a_notice_at_its_end_is_text():
    html = ("<html><head><title>关于会计差错的提示性公告</title></head><body><h1>关于会计差错的提示性公告</h1>"
            f"<div class='content'>{_PROSE}<p>特此公告。</p><p>天津创业股份有限公司董事会</p></div>"
            "<div><p>热点推荐</p></div></body></html>")
    a = extract_article(html)
    assert a.paragraphs[-2:] == ["特此公告。", "天津创业股份有限公司董事会"]
    dangling = extract_article(html.replace("天津创业股份有限公司董事会", "携手合作 共同发展"))
    assert dangling.paragraphs[-1] == "特此公告。"


def test_encyclopedia_titles_lose_the_site_name_and_the_edit_link():
    html = ("<html><head><title>雄安新区 - 维基百科，自由的百科全书</title></head><body>"
            "<h1>雄安新区<span>[<a href='?action=edit'>编辑</a>]</span></h1>"
            f"<div class='content'>{_PROSE}</div></body></html>")
    assert extract_article(html).title == "雄安新区"
    no_heading = html.replace("<h1>雄安新区<span>[<a href='?action=edit'>编辑</a>]</span></h1>", "")
    assert extract_article(no_heading).title == "雄安新区"


def test_a_table_of_contents_goes_and_the_headings_stay_over_their_sections():
    heads = ("一、百年征程铸就时代新辉煌", "二、中国式现代化改变了中国", "三、独立自主是必由之路")
    toc = "".join(f"<p>{h}</p>" for h in heads)
    texts = ("1921年,中国共产党成立了,中国人民有了改变苦难命运的主心骨,现代化的探索由此开启。",
             "经过几十年的艰苦奋斗,经济总量跃居世界第二,人民生活水平显著提高,社会长期稳定。",
             "走自己的路,是党的全部理论和实践立足点,也是党百年奋斗得出的历史结论,必须坚持。")
    sections = "".join(f"<h3>{h}</h3><p>{t}</p>" for h, t in zip(heads, texts))
    html = ("<html><head><title>中国式现代化发展之路全文</title></head><body><h1>中国式现代化发展之路全文</h1>"
            f"<div class='content'>{toc}{sections}</div></body></html>")
    a = extract_article(html)
    assert [p for p in a.paragraphs if p in heads] == list(heads)
    assert a.paragraphs.index(heads[0]) == 0 and a.paragraphs.index(heads[1]) == 2
    assert [r.reason for r in a.removed].count("table-of-contents") == 3


def test_a_sidebar_with_prose_beside_the_headlines_block_is_left_out():
    bio = ("<p>猜你喜欢:</p><ul>" + "".join(f"<li><a href='/{i}'>思念故乡的古诗词第{i}首</a></li>" for i in range(2))
           + "</ul><p>白居易(772～846),字乐天,晚年又号称香山居士,是我国唐代伟大的现实主义诗人。</p>"
           "<p>他的诗歌题材广泛,形式多样,语言平易通俗,有诗魔和诗王之称,官至翰林学士、左赞善大夫。</p>")
    poem = "".join(f"<p>{s}</p>" for s in (
        "我有所念人,隔在远远乡。我有所感事,结在深深肠。乡远去不得,无日不瞻望。",
        "肠深解不得,无夕不思量。况此残灯夜,独宿在空堂。秋天殊未晓,风雨正苍苍。",
        "不学头陀法,前心安可忘。此诗写于元和六年,时年白居易四十岁,是为一个与作者相爱的女子而写。",
        "从独宿在空堂可以看出,诗人此时孤身一人,思念远方的亲人,长夜难眠,风雨之声更添愁绪。",
        "全诗语言平易,情感真挚,以景衬情,把思念之情写得深沉而含蓄,读来令人动容,回味无穷。"))
    html = ("<html><head><title>夜雨_原文、翻译及赏析</title></head><body><div class='main-body'>"
            f"<div class='left'><h1>夜雨</h1>{poem}</div><div class='right'>{bio}</div></div></body></html>")
    text = extract_article(html).text
    assert "不学头陀法" in text and "香山居士" not in text


def test_a_section_heading_wrapped_with_its_edit_widgets_is_kept_without_them():
    def section(i, head, text):
        return (f"<div class='paraTitle'><a name='{i}'></a><h2>{head}</h2><span><a href='#tts{i}'>播报</a></span>"
                f"<a href='/edit/{i}'>编辑</a></div><div class='para'>{text}</div>")
    html = ("<html><head><title>雄安高新区_百科</title></head><body><h1>雄安高新区</h1><div class='main-content'>"
            "<div class='para'>雄安高新区,隶属河北省雄安新区,为省级高新技术产业开发区。</div>"
            + section(1, "历史沿革", "2023年12月,河北省政府批复设立省级高新技术产业开发区,规划用地总面积952公顷。")
            + section(2, "区域规划", "高新区以核心区南北为两翼,布局空天园、信息园、生物技术园、新材料园等五大产业园区。")
            + "</div></body></html>")
    a = extract_article(html)
    assert a.paragraphs[1] == "历史沿革" and a.paragraphs[3] == "区域规划" and len(a.paragraphs) == 5
    assert not any(w in a.text for w in ("播报", "编辑"))


def test_a_page_that_is_all_short_lines_keeps_its_last_lines():
    entries = ["中国式现代化道路研究", "张素峰", "坚持人民至上的观念认知", "陈家刚", "论全过程人民民主", "杨渊浩",
               "我国行政诉讼功能模式的演进", "邓刚宏"]
    html = ("<html><head><title>学报2022年第4期目录</title></head><body><h1>学报2022年第4期目录</h1>"
            "<div class='content'>" + "".join(f"<p>{e}</p>" for e in entries) + "</div></body></html>")
    assert extract_article(html).paragraphs[-2:] == entries[-2:]
    # after prose, a few short lines are still dangling labels
    prose = "<p>会议指出,拥军优属、拥政爱民是全县军地的优良传统,要大力开展评选表彰活动。</p>"
    a = extract_article(html.replace("".join(f"<p>{e}</p>" for e in entries), prose + "<p>热点推荐</p><p>携手合作 共同发展</p>"))
    assert a.paragraphs == ["会议指出,拥军优属、拥政爱民是全县军地的优良传统,要大力开展评选表彰活动。"]


def test_a_page_title_holding_only_the_site_name_gives_way_to_the_h1():
    html = ("<html><head><title>-铜雀历史网</title></head><body><div class='main'><h1>疫情防控政策怎么投诉举报</h1>"
            f"<div class='content'>{_PROSE}</div></div></body></html>")
    assert extract_article(html).title == "疫情防控政策怎么投诉举报"


def test_a_heading_over_a_document_with_numbered_sections_is_its_title_not_a_deck():
    html = ("<html><head><title>4月全国CPI同比上涨0.3%_数据</title></head><body><h1>4月全国CPI同比上涨0.3%</h1>"
            "<div class='content'><p>2024年4月份居民消费价格同比上涨0.3%</p>"
            "<p>2024年4月份,全国居民消费价格同比上涨0.3%。其中,城市上涨0.3%,农村上涨0.4%;食品价格下降2.7%。</p>"
            "<p>一、各类商品及服务价格同比变动情况</p>"
            "<p>食品烟酒类价格同比下降0.6%,影响CPI下降约0.17个百分点。食品中,畜肉类价格下降1.8%。</p></div></body></html>")
    assert extract_article(html).paragraphs[0] == "2024年4月份居民消费价格同比上涨0.3%"
    unnumbered = extract_article(html.replace("一、各类商品", "各类商品"))
    assert unnumbered.paragraphs[0].startswith("2024年4月份,全国")


def test_label_value_lines_recur_from_item_to_item_of_a_listing():
    from cleaning.dedupe import dedupe_paragraphs
    listing = ["1、东方明珠", "成人票原价:180元(含观光层与博物馆联票)", "游客咨询电话:4000988966",
               "2、野生动物园", "成人票原价:165元", "游客咨询电话:400988966", "备注:仅限成人票半价优惠"]
    assert dedupe_paragraphs(listing)[0] == list(range(len(listing)))
    # a line repeated right after itself, or away from any listing, is still a repeat
    assert dedupe_paragraphs(["游客咨询电话:4000988966", "游客咨询电话:4000988966"])[0] == [0]
    assert dedupe_paragraphs(["景区游客咨询电话:4000988966", "正文第一段。", "景区游客咨询电话 :4000988966。"])[0] == [0, 1]
    # other figures are other facts: a line that differs from an earlier one in its figures is no repeat
    assert dedupe_paragraphs(["景区游客咨询电话:4000988966", "正文第一段。", "景区游客咨询电话:4000988967"])[0] == [0, 1, 2]


def test_entries_of_a_chronicle_that_differ_in_date_or_figures_are_no_repeats():
    from cleaning.dedupe import dedupe_paragraphs
    chronicle = ["4月15日，中国人民银行开展了中期借贷便利（MLF）操作，操作金额为1000亿元，利率为2.95%。",
                 "5月15日，中国人民银行开展了中期借贷便利（MLF）操作，操作金额为1000亿元，利率为2.95%。",
                 "6月1日，发布《中国人民银行关于普惠小微企业贷款延期支持工具有关事宜的通知》（银发〔2020〕124号）。",
                 "6月1日，发布《中国人民银行关于普惠小微企业信用贷款支持计划有关事宜的通知》（银发〔2020〕125号）。"]
    assert dedupe_paragraphs(chronicle)[0] == [0, 1, 2, 3]
    # the same entry printed twice (a caption or fragment repeated, seed 004) still goes
    assert dedupe_paragraphs(chronicle + ["5月15日，中国人民银行开展了中期借贷便利（MLF）操作，操作金额为1000亿元"])[0] == [0, 1, 2, 3]
