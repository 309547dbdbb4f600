"""Building blocks shared by every replayed portal: responses, expected articles, generated text."""
from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class ReplayResponse:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0          # seconds to wait before answering (simulates a slow server / timeout)
    truncate: bool = False      # announce the full length but send only half the body, then close


@dataclass
class ExpectedArticle:
    """What a complete crawl of the replay must deliver for one article."""
    url: str                    # canonical portal URL of the article
    site: str
    spider: str
    title: str
    published: str             # 'YYYY-MM-DD HH:MM[:SS]' or 'YYYY-MM-DD'
    source: str
    paragraphs: list[str]
    issue_date: str = ""
    page: str = ""


class ReplaySite:
    """One replayed portal. Subclasses build their pages in __init__ from a seeded RNG."""

    name: str = ""
    hosts: tuple[str, ...] = ()
    spiders: tuple[str, ...] = ()

    def __init__(self, n_articles: int = 60, seed: int = 0):
        self.n_articles = n_articles
        self.rng = random.Random(f"{self.name}:{seed}")
        self.text = TextGenerator(self.rng)

    def respond(self, host: str, path: str, query: str, attempt: int) -> ReplayResponse | None:
        """Answer a request; `attempt` counts earlier requests for the same URL (1 = first).
        Return None for 404."""
        raise NotImplementedError

    def expected(self) -> list[ExpectedArticle]:
        raise NotImplementedError

    def crawl_args(self) -> dict[str, str]:
        """Spider arguments (-a) a complete crawl of this replay needs, e.g. an e-paper's date range."""
        return {}

    def robots_txt(self) -> str:
        return "User-agent: *\nDisallow: /admin/\n"


def html_response(html: str, encoding: str = "utf-8", declared: str | None = None, **kw) -> ReplayResponse:
    """Encode `html` as `encoding`; the Content-Type header declares `declared` (None: no charset)."""
    ctype = "text/html" if declared is None else f"text/html; charset={declared}"
    return ReplayResponse(body=html.encode(encoding, errors="xmlcharrefreplace"), content_type=ctype, **kw)


# --- generated Chinese text -------------------------------------------------------------------------
# Articles are built from clause pools so that every article is distinct (near-duplicate detection must
# not link unrelated replay articles) while reading like union news.

_PLACES = ["汉中市", "宝鸡市", "咸阳市", "渭南市", "延安市", "榆林市", "安康市", "商洛市", "铜川市", "西安市",
           "盐城市", "宿州市", "淮安市", "扬州市", "泰州市", "贵阳市", "合肥市", "芜湖市", "南京市", "苏州市",
           "建湖县", "商南县", "阜宁县", "沭阳县", "高港区", "宿城区", "雁塔区", "未央区", "碑林区", "莲湖区"]
_ORGS = ["总工会", "市总工会", "县总工会", "区总工会", "产业工会", "机关工会", "企业工会", "职工服务中心",
         "劳模协会", "女职工委员会", "工人文化宫", "职工法律援助中心"]
_ACTS = ["开展“工会进万家”活动", "举办职工技能大赛", "组织劳模工匠进校园", "推进产业工人队伍建设改革",
         "开展“金秋助学”活动", "建设户外劳动者服务站点", "推进新就业形态劳动者入会", "开展夏季“安康三送”",
         "举办职工读书分享会", "开展劳动法律宣传服务月", "推进工资集体协商", "开展困难职工帮扶救助",
         "组织职工疗休养", "建设母婴关爱室", "开展“尊法守法·携手筑梦”专项行动", "举办劳动和技能竞赛",
         "推进厂务公开民主管理", "开展职工心理健康讲座", "建立职工创新工作室", "推进智慧工会建设"]
_RESULTS = ["惠及职工{n}余人次", "发放帮扶资金{n}万元", "参与职工{n}余人", "新建服务站点{n}个",
            "培训工会干部{n}人次", "收集合理化建议{n}条", "吸纳会员{n}人", "签订集体合同{n}份",
            "解决职工诉求{n}件", "覆盖企业{n}余家"]
_CLOSERS = ["进一步增强了职工的获得感、幸福感、安全感。", "为高质量发展注入了强劲动能。",
            "受到广大职工的普遍欢迎。", "取得了良好的社会效果。", "切实把服务职工的工作做到了实处。",
            "营造了劳动光荣、技能宝贵的良好氛围。", "推动工会工作再上新台阶。",
            "让职工群众真切感受到工会组织的温暖。"]
_TITLES = ["{place}{org}{act}", "{place}{org}:{act}见实效", "{act} {place}{org}在行动",
           "{place}{org}扎实{act}", "让职工更有获得感 {place}{org}{act}"]
_NAMES = ["王娜", "丁彬彬", "刘强", "鲜康", "白子璐", "陈欢", "喻娟", "葛哲", "张洁", "王斌", "蒋渭清",
          "秦志贵", "薛敏", "韩青", "徐军霞", "司奋", "胡青青", "李孝庭", "罗小丽", "陈莉辉"]


class TextGenerator:
    """Deterministic pseudo-news text from a seeded RNG; every call yields new sentences."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.counter = 0

    def _n(self) -> int:
        self.counter += 1
        return self.rng.randint(12, 9800) * 10 + self.counter % 10

    def sentence(self) -> str:
        r = self.rng
        month, day = r.randint(1, 12), r.randint(1, 28)
        return (f"{month}月{day}日,{r.choice(_PLACES)}{r.choice(_ORGS)}{r.choice(_ACTS)},"
                f"{r.choice(_RESULTS).format(n=self._n())},{r.choice(_RESULTS).format(n=self._n())},"
                f"{r.choice(_CLOSERS)}")

    def paragraph(self, sentences: int | None = None) -> str:
        k = sentences or self.rng.randint(2, 4)
        return "".join(self.sentence() for _ in range(k))

    def paragraphs(self, k: int | None = None) -> list[str]:
        return [self.paragraph() for _ in range(k or self.rng.randint(3, 7))]

    def title(self) -> str:
        r = self.rng
        self.counter += 1
        return r.choice(_TITLES).format(place=r.choice(_PLACES), org=r.choice(_ORGS), act=r.choice(_ACTS)) \
            + ("" if self.counter % 3 else f"({self.counter})")

    def name(self) -> str:
        return self.rng.choice(_NAMES)
