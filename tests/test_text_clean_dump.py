"""Stored text that is a whole page's visible text: the lists, ads and teasers under the article go; an
article's own lists (numbered items, names of award winners) and short closing lines stay."""
from __future__ import annotations

from cleaning import clean_text
from cleaning.span import after_article, line_worth

HEAD = ["首页 新闻 工会 维权 视频", "职工书屋建设推进会在京召开", "2024-03-05 10:20  来源:工人日报"]
BODY = [
    "本报北京3月5日电(记者 张三)全国职工书屋建设推进会今天在京召开，会议总结了去年的工作。",
    "会议指出，职工书屋是服务职工精神文化需求的重要阵地，要推动书屋数字化升级，丰富线上阅读资源。",
    "会议要求，各级工会要持续开展主题读书活动，引导职工多读书、读好书。",
    "据了解，全国已建成职工书屋10万余家，覆盖职工数千万人。",
]
TEASERS = ["生活最新：", "． 柯以柔痛苦喂母乳 甘之如饴！", "． 推广喂母乳 大陆将禁婴儿奶粉广告",
           "． 上班族怎么哺喂母乳？", "独／「含血起飞」年终只有2万5？ 华航空姐.. (01/12 12:36)",
           "台北书展／大陆Cosplay美女 (01/12 11:06)", "网友回应", "贺新春!达美乐方圆比萨好食成双!网订满额送哈根达斯",
           "台湾大4S空机到货!全馆3C再降价", "Nvidia stock closes above $1,000 for the first time ever.",
           "频道热门推荐", "关闭 展开"]


def dump(*parts: list[str]) -> str:
    return "\n\n".join(line for part in parts for line in part)


def test_the_lists_and_ads_under_the_article_go():
    a = clean_text(dump(HEAD, BODY, TEASERS))
    assert a.title == "职工书屋建设推进会在京召开"
    assert a.paragraphs == BODY
    assert any(r.reason == "outside-article" for r in a.removed)


def test_an_article_ending_in_its_own_lists_keeps_them():
    winners = ["附:获奖名单", "一等奖", "张三 李四 王五", "二等奖", "赵六、钱七、孙八、周九", "1.市第一机械厂工会",
               "2.市供电公司工会", "3.市公交集团工会"]
    a = clean_text(dump(HEAD, BODY, winners))
    assert a.paragraphs[:4] == BODY
    for line in ("张三 李四 王五", "赵六、钱七、孙八、周九", "1.市第一机械厂工会", "3.市公交集团工会"):
        assert line in a.paragraphs, line


def test_a_short_article_is_not_traded_for_longer_prose_further_down():
    rules = ["网友评论", "跟贴须知：请遵守国家法律法规，文明上网，理性发言，不得发布违法和不良信息，违者将被封号处理。"]
    short = ["本报讯 市总工会今天启动春送岗位活动，现场提供就业岗位三千余个。"]
    a = clean_text(dump(HEAD, short, TEASERS[:6], rules, TEASERS[6:]))
    assert a.paragraphs[0] == short[0]


def test_a_few_labels_under_a_stored_article_are_not_cut_by_the_span():
    assert after_article(BODY + ["扫码关注", "热点推荐", "分享到"]) == []
    assert line_worth(BODY[0]) > 0 > line_worth("． 上班族怎么哺喂母乳？")


def test_a_heading_that_only_follows_articles_ends_the_text_even_before_prose_teasers():
    teasers = ["其他人也在看", "法新社·2 天前", "纳达尔现身练球6千人争睹 打不打法网就将揭晓",
               "(法新社巴黎21日电) 网球名将纳达尔昨天现身法国公开赛球场练球，吸引约6千名球迷到场观看。",
               "乔帅夺1100场胜利 球场庆祝37岁生日",
               "(法新社日内瓦22日电) 网球好手乔科维奇今天以职业生涯第1100场胜利庆祝自己37岁生日。"]
    a = clean_text(dump(HEAD, BODY, teasers))
    assert a.paragraphs == BODY


def test_an_inset_related_box_inside_the_text_does_not_end_it():
    inset = ["推荐阅读", "今年房企资金缺口或超万亿", "鲁政委：今年CPI将探底", "郭树清：继续打击内幕交易"]
    a = clean_text(dump(HEAD, BODY[:2], inset, BODY[2:]))
    assert a.paragraphs[-2:] == BODY[2:]


def test_the_headline_under_a_page_title_echo_and_its_menus_starts_the_article():
    menus = ["首頁 MAIL 新聞 財經 體育 更多…", "雅虎香港財經"] + [
        f"Tip {i}: try a valid symbol or a specific company name for relevant results, or browse the markets."
        for i in range(16)] + ["恒指收市升0.3%，成交額1,020億元；美股道指跌600點，納指創新高，金價、油價齊升。",
                              "日圓兌美元跌至156.8，為34年低位，日本央行表示會密切關注匯市走勢，必要時會採取行動。"]
    text = dump(["工會舉辦職工技能大賽 共200人參加 - 雅虎香港財經"], menus,
                ["工會舉辦職工技能大賽 共200人參加", "2024年3月5日 10:20  來源:工人日報"], BODY)
    a = clean_text(text)
    assert a.title == "工会举办职工技能大赛 共200人参加"
    assert (a.published, a.source) == ("2024-03-05 10:20", "工人日报")
    assert a.paragraphs == BODY
