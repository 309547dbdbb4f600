"""The catalogue of Chinese page boilerplate, line by line.

`classify_line(line)` names the kind of noise a single line is (or returns None for text). Patterns are
written for Simplified text: callers classify the Simplified form of a line even when the output keeps
Traditional characters. Site rules add their own patterns through `extra`.
"""
from __future__ import annotations

import re
from typing import Iterable

_PUNCT_END = "。！？!?…”」』）)"

EDITOR_RE = re.compile(
    r"^[\(（\[【]?\s*(?:责任编辑|网络编辑|本文编辑|值班编辑|编辑|责编|主编|编审|审核|审校|校对|审签|监制|终审|初审|复审|二审|三审)"
    r"\s*[:：]?\s*([^\s:：()（）\[\]【】]{1,8}(?:[\s、,，]+[^\s:：()（）\[\]【】]{1,8}){0,3})\s*[\)）\]】]?$"
)
# "(责任编辑:王某 审核:李某)" or "编辑:张三 校对:李四" - several roles on one line
EDITOR_MULTI_RE = re.compile(r"^[\(（\[【]?\s*(?:(?:责任编辑|编辑|责编|审核|校对|监制|终审|初审|复审|二审|三审|审校)\s*[:：]\s*\S{1,8}\s*){2,}[\)）\]】]?$")
# the editor's label with its name left blank by the CMS (`责任编辑：`)
EDITOR_BLANK_RE = re.compile(r"^[\(（\[【]?\s*(?:责任编辑|网络编辑|本文编辑|值班编辑|编辑|责编)\s*[:：]\s*[\)）\]】]?$")
# a credits line closing with the editor (`药剂科供稿 摄影/张艳 编辑/苏芳`)
EDITOR_CREDITS_RE = re.compile(r"(?:供稿|摄影|摄|图|文|撰稿|通讯员)\s*[/:：]?\s*\S{0,12}\s+(?:责任编辑|编辑|责编)\s*[/:：]\s*"
                               r"[\u4e00-\u9fff]{2,4}\s*$")
# the name before the role, in brackets closing the text: `(嵇南涛 编辑)`, `(李军伟 编译)`
EDITOR_AFTER_RE = re.compile(r"^[\(（\[【]\s*([\u4e00-\u9fff]{2,4}(?:[\s、,，]+[\u4e00-\u9fff]{2,4}){0,2})\s*"
                             r"(?:责任编辑|编辑|责编|编译|校对)\s*[\)）\]】]$")
SOURCE_RE = re.compile(r"(?:来源|来自|稿源|出处|信息来源|文章来源|消息来源)\s*[:：]\s*([^\s|｜丨]{2,40}?)(?=\s|$|[|｜丨]|作者|编辑|责任编辑|发布|时间|日期|浏览|点击|阅读|字号|字体|【|\[|分享|\d{4}[-/年])")
AUTHOR_RE = re.compile(r"(?:作者|记者|通讯员|撰稿|文)\s*[:：/]\s*([^\s|｜丨:：]{2,20})")

_RULES: tuple[tuple[str, re.Pattern], ...] = tuple((reason, re.compile(rx, re.I)) for reason, rx in (
    ("breadcrumb", r"^(?:您?(?:当前|现在)?(?:的|所在)?位置|当前位置|所在位置|导航)\s*[:：]"),
    ("breadcrumb", r"^(?:首页|主页|网站首页|本站首页)\s*[>»›/\\→]"),
    ("breadcrumb", r"^\S{1,8}(?:\s*[>»›]\s*\S{1,10}){2,}\s*[>»›]?\s*$"),
    ("widget", r"^(?:分享到|分享至|分享)\s*[:：]?"),
    ("widget", r"^(?:字体|字号)\s*[:：]?\s*[【\[\(（]?\s*(?:大|中|小|$)"),
    ("widget", r"^字体\s*[:：]?\s*[【\[]"),
    ("widget", r"放大\s*缩小\s*默认|【\s*大\s*中\s*小\s*】|\[\s*大\s*\]\s*\[\s*中\s*\]\s*\[\s*小\s*\]"),
    ("widget", r"^(?:语音播报|扫码关注|扫一扫|手机扫码|微信扫一扫|用微信扫描二维码|扫描二维码|打印本页|打印|关闭窗口|关闭|收藏本页|收藏|返回顶部|回到顶部|TOP|我要评论|发表评论|评论|顶|踩|×|x|点赞|转发|推荐给朋友|复制链接|手机看|手机版|A\+|A-)$"),
    ("widget", r"^(?:【\s*(?:打印|关闭|纠错|收藏|推荐)\s*】\s*)+$"),
    ("widget", r"^(?:\[\s*(?:打印|关闭|纠错|收藏|推荐|返回顶部)\s*\]\s*)+$"),
    ("widget", r"^(?:点击|浏览|阅读|访问)(?:次数|量|数)?\s*[:：]\s*\d*\s*(?:次)?$"),
    ("widget", r"^(?:上一篇|下一篇|上一页|下一页|上一条|下一条|返回首页|返回列表|更多>>|更多)\s*[:：]?"),
    ("widget", r"^(?:图片|图集|视频|音频)(?:\s+(?:图片|图集|视频|音频))*$"),
    ("widget", r"本词条缺少|使词条更完整|赶紧来编辑吧|^(?:编辑|修改)(?:词条|本段)$"),   # an encyclopedia's editing prompts
    ("widget", r"^\d{3,7}$"),      # a bare count (views) left by its icon; `1`, `2` may number sections
    ("widget", r"关注公众号.{0,6}随时阅读"),
    ("widget", r"^(?:(?:微信|微博|抖音|客户端|APP|公众号|QQ空间|朋友圈|新浪微博|腾讯微博|QQ好友|人人网|豆瓣)\s*)+$"),
    # the site's own accounts in the follow-us box (`中工网微信`, `中工网抖音`)
    ("widget", r"^[\u4e00-\u9fffA-Za-z]{2,8}?(?:官方)?(?:微信|微博|抖音|快手|客户端|公众号|头条号|视频号)$"),
    ("header", r"^今天是\s*\d{4}|今天是\s*$|^\S*(?:官方网站|官网)\s*[|｜]"),
    ("lists", r"^[■●◆□▲►>»·・•\s]*(?:相关阅读|相关新闻|相关链接|相关文章|相关报道|延伸阅读|热点推荐|新闻推荐|推荐阅读|热门推荐|热门文章|热门新闻|精彩推荐|精彩图片|猜你喜欢|为您推荐|更多精彩|相关热词|相关专题|热词|热点|热门|推荐|最新|排行|排行榜|点击排行|今日推荐|图片新闻|往期回顾|专题|其他人也在看|大家都在看|你可能(?:还)?(?:感兴趣|喜欢)|看了(?:本文|这篇文章)的人还看了|更多(?:新闻|报道|文章|精彩)|网友回应)\s*[:：]?\s*$"),
    ("lists", r"^(?:关键词|关键字|相关热词|标签|TAG|Tags?)\s*[:：]"),
    ("copyright", r"版权所有|copyright|all rights reserved|©|\(c\)\s*\d{4}|ICP备|ICP证|公网安备|网安备\d|增值电信业务|信息网络传播视听节目许可"),
    ("disclaimer", r"^(?:免责声明|平台声明|特别声明|郑重声明|声明)\s*[:：]|观点仅代表|仅代表作者(?:本人)?(?:观点|立场)|不代表.{0,12}(?:立场|观点)|仅供参考.{0,6}不构成"),
    ("widget", r"^查看原图|^(?:很抱歉|抱歉).{0,12}(?:视频|播放)|播放失败|^错误代码|^时长\s*[:：]\s*\d|建议\s*WIFI|^(?:文明上网|理性发言)|文明上网.{0,4}理性发言|^(?:点击|轻触)(?:播放|查看|下载|进入)|^(?:展开全文|阅读全文|查看全文|展开剩余)"),
    ("disclaimer", r"未经.{0,12}(?:授权|许可|同意).{0,8}(?:不得|禁止|严禁|请勿|请不要)(?:转载|复制|使用|镜像)|(?:凡本网|本网|本站)(?:注明|所有|转载|只是转载)|仅代表作者(?:个人)?观点|不代表本(?:网|站)|仅提供信息(?:存储|发布)(?:空间)?服务|only provides information storage services|is uploaded and posted by a user|系信息发布平台|如涉及作品内容|如有侵权|若涉及侵权|请联系我们删除|稿酬问题|版权问题.{0,10}联系|转载(?:时)?(?:请|须|务必|务请|请务必)注明|欢迎转载"),
    ("contact", r"^(?:电话|联系电话|咨询电话|热线|服务热线|新闻热线|投诉电话|传真|邮编|邮政编码|地址|通讯地址|社址|电子邮箱|电子信箱|E-?mail|投稿邮箱|投稿信箱|邮箱|网址|QQ|微信号)\s*[:：]"),
    ("contact", r"违法和不良信息举报|不良信息举报电话|^举报(?:电话|邮箱)|网络敲诈和有偿删帖|跟帖评论自律管理承诺书|互联网新闻信息服务许可证"),
    ("footer", r"^(?:关于我们|关于本站|广告服务|联系我们|网站地图|本站地图|网站简介|版权声明|免责声明|意见反馈|招聘信息|法律顾问)\s*(?:[|｜丨·]|$)"),
    ("ad", r"^(?:遗失声明|声明作废|广告|推广|赞助)$|^遗失声明|声明作废。?$"),
    ("script", r"^[\s'\"\);\}\]\(\{]*\)\s*;[\s'\"\);\}\]\(\{]*$|\}\)\(\);?\s*$|document\.write|function\s*\(|^\s*var\s+\w+\s*=|window\.\w+|<script|\$\(\s*['\"]"),
    ("header", r"^(?:出版日期|发布日期|发布时间)\s*[:：]\s*\d{4}\S*$"),
    ("header", r"^发布于\s*[:：]\s*\S{1,12}$|^来自[\u4e00-\u9fff]{2,3}(?:省|市)?$"),   # the poster's region
    ("widget", r"^(?:语音)?播报文章(?:\s*[,，]\s*释放双眼)?$|^\+\s*关注$|^已关注$|^语音播报\s*[:：]\s*(?:语音播报)?$"),     # the poster's region on platform pages (`发布于:北京市`)
    ("widget", r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?$"),   # a player's clock `00:00`
    # a video card's caption ends in its running time (`…22:00播出 时长:01:45 来源:电影网`)
    ("widget", r"时长\s*[:：]\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*来源\s*[:：]\s*\S{1,20})?$"),
    # placeholders of a widget that loads later (a survey, comments)
    # a card heading with its fold toggle (`<h4>…播出<a>收起</a></h4>`): the card, not the text
    ("widget", r"^[^。！？]{2,60}收起$"),
    ("widget", r"^\S{0,10}加载中\s*[,，.。…]*\s*请稍候|^若长时间无响应|^(?:正在)?加载中[.。…]*$"),
    # the site promoting its own social-media page (`…现已开设Facebook专页…快点到Facebook Like我们的专页`)
    ("site-promo", r"(?:专页|粉丝页|粉丝团|公众号|官方微博).{0,60}(?:我们|本网|本站|本台)|(?:我们|本网|本站|本台).{0,60}(?:专页|粉丝页|粉丝团)"),
    # SMS subscription ads (`订…手机报，移动发KTDBW到10658333`) and the site's mobile edition (`…手机版 3g.x.cn`)
    ("ad", r"(?:移动|联通|电信)(?:用户)?\s*(?:发送?|编辑短信|编辑)\s*[A-Za-z0-9]{2,12}\s*到\s*\d{5,}|手机版\s*[:：]?\s*(?:3g|wap|m)\.[\w.]+$"),
    # a site's legal notice: its heading and the standard reprint clauses
    ("disclaimer", r"^\S{0,12}(?:版权与免责声明|版权及免责声明|免责声明|版权声明)$|转载目的在于传递更多信息|"
                   r"如因作品内容、版权和其它问题需要同本网联系|版权均属于.{1,20}(?:所有|未经)"),
    ("lists", r"^\*{2,}.{1,20}\*{2,}$"),    # `*** 大江网推荐内容 ***`
    ("url", r"^(?:https?://|www\.)\S+$"),   # a bare address line (a share target, a profile link)
    ("original-title", r"^[(（\[【]?\s*原标题\s*[:：].{2,80}$"),   # metadata, not text (FORMAT.md: either way)
    # an e-paper page label: `第01版`, `第01版 要闻`, `劳动午报 第01版:要闻 返回版面`
    ("epaper", r"^(?:\S{2,10}\s+)?第\s*\d{1,3}\s*版(?:\s*[:：]?\s*[^\s:：。,，]{1,8})?(?:\s*返回\S{0,4})?$"),
    ("epaper", r"^第\d+期\s*[:：]?\s*第\d+版|版面翻页|^本版导读$|当前版\s*[:：]|^上一期\s*下一期|^(?:上一版|下一版)"),
))

_SPAM_WORDS = ("av", "乱码", "高清", "专区", "国产", "精品", "一级", "二级", "三级", "在线", "免费", "日韩", "欧美",
               "美女", "无码", "成人", "视频", "自拍", "偷拍", "一区", "二区", "三区", "午夜", "福利", "色情", "亚洲")
_SEO_WORDS = ("二维码", "图片", "乐谱", "规则", "地图", "高清", "全图", "大全", "下载", "攻略", "价格", "官网")

_CLOSING = set("。！？!?…；;”」』)）")
_CN_PUNCT = set("，。、；：？！“”‘’（）《》,.;:?!")


def is_spam(line: str) -> bool:
    """Injected porn/SEO lines: many spam words, few sentence marks."""
    low = line.lower()
    hits = sum(low.count(w) for w in _SPAM_WORDS)
    return hits >= 4 and sum(ch in "。！？" for ch in line) == 0


def is_seo_stuffing(line: str) -> bool:
    words = line.split()
    if len(words) < 5:
        return False
    hits = sum(any(w in word for w in _SEO_WORDS) for word in words)
    return hits >= 2 and not any(ch in "。！？" for ch in line)


def classify_line(line: str, extra: Iterable[re.Pattern] = ()) -> str | None:
    """The kind of boilerplate `line` is ('widget', 'copyright', ...) or None when it may be text."""
    s = line.strip()
    if not s:
        return None
    for rx in extra:
        if rx.search(s):
            return "site-noise"
    if len(s) <= 220:
        for reason, rx in _RULES:
            if rx.search(s):
                # long sentences that merely mention a phrase (e.g. "转载") are text
                if reason in ("disclaimer", "copyright", "contact") and len(s) > 120 and s.count("。") > 2:
                    continue
                return reason
    if EDITOR_RE.match(s) or EDITOR_MULTI_RE.match(s) or EDITOR_AFTER_RE.match(s) \
            or len(s) <= 60 and EDITOR_CREDITS_RE.search(s) or EDITOR_BLANK_RE.match(s):
        return "editor-line"
    if is_spam(s):
        return "spam"
    if is_seo_stuffing(s):
        return "seo-spam"
    return None


def editor_name(line: str) -> str:
    m = EDITOR_RE.match(line.strip())
    if m:
        return m.group(1).strip()
    m = EDITOR_AFTER_RE.match(line.strip())
    if m:
        return m.group(1).strip()
    m = re.search(r"(?:责任编辑|编辑|责编)\s*[:：]\s*(\S{1,8})", line)
    return m.group(1).rstrip(")）]】") if m else ""


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1] in _CLOSING


def punct_count(text: str) -> int:
    return sum(ch in _CN_PUNCT for ch in text)


# an item of a numbered list (`1.`, `二、`, `(三)`, `第四,`): text the article lists, not chrome
NUMBERED_ITEM = re.compile(r"^(?:\d{1,2}\s*[、.．)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][\d一二三四五六七八九十]{1,3}[)）]"
                           r"|第[一二三四五六七八九十\d]{1,3}[、,，:：\s])")


def looks_like_heading(line: str) -> bool:
    """Short line without closing punctuation: a headline or subheading rather than a sentence."""
    s = line.strip()
    return 2 <= len(s) <= 40 and not ends_sentence(s) and s.count("。") == 0
