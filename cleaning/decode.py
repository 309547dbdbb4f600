"""Bytes of a saved page -> text, the way a careful browser would decode it.

Order: byte-order mark; then the charset the page declares (HTTP header, `<meta charset>`,
`<meta http-equiv>`, XML declaration) - but only once the bytes prove it (wrong declarations are common on
Chinese portals); then detection among UTF-8, GB18030 (which covers GB2312 and GBK) and Big5-HKSCS (which
covers Big5); charset-normalizer as the last resort; `errors='replace'` at worst, which is reported.

Pure functions: no I/O, no global mutable state. `decode_html` never raises on any bytes.
"""
from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

# The 1500 most frequent Han characters of modern Chinese (weighted by jieba's dictionary frequencies,
# they cover about 93% of running text) plus their Traditional forms. A right decoding of a Chinese page
# is dominated by them; a wrong one (GBK bytes read as Big5, UTF-8 read as GBK, ...) yields rare ones.
COMMON_HAN = frozenset(
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用多你着部"
    "能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所如现理机体表力好外与文当两实重新三么只山"
    "水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向"
    "治因立数样身情入原问把路被并利石老教万知级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首"
    "共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集联古广完质阳难增"
    "历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑革该持始英克士尔让拉思根格造较际亲单朝红"
    "型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源"
    "息语股铁断派速怎需片爱律纪支早况病境证编越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚"
    "般击曾防请离落显罗营足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严"
    "桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航陆右协七攻镇检写苏宗"
    "章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印亿沙母酒助闻超审待压升送监策略限竟香配藏"
    "敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎"
    "讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶简苦担句岁荆贵娘守辖威宜衣帮块堂额错剧充欢够孙班呼阵销坚练脚退读测吴希宁换版异某"
    "顾曲楚典朱毒菜判救宋茶洪含顺啊鲜败货矿端兄归冷忙买险康评肉吗厂永哈沉散遗停笔假输牛洞松渐顶训录否述毕督控丰献姑忽爷互亮纳"
    "襄登咱钟伯臣雄季脑介鄂召饭暗扩祖齐短烈赶牌恩诉移诗础露届蒙静喝盘卖植授伊湾博痛减穿逐秘庭陵固禁票灵杂姓泽吸侧庆妈遇追甲馆"
    "补唐炮沿殿刺怪彩俄旧警索岸轮妇载靠附毫怀软骨探雷旁罪枪牙迎序慢盛雨墙恶谷顿危稳熟概酸操诸绿佛荣针托宽折野付午肯库厚缺罢耳"
    "屋嘴末谢巨培页瓦款犯困店智拥雪翻圣戏旗吉婚奖岩疑币圆歌廷健卡烧析讨跑烟误仙疗舞亡闭汽伸脱秋姐繁侵川莫麻秀借寻私岗卷跳丽横"
    "驻套兼您君丁束纸夺袁灯坏坦丝径购阴床瞧择墓宪峰遍鲁庙掉丹桃御舰避售怒课播拔奥延虚隐粮络遭摇潜庄混厅婆奴鼓赵访睡震予童徐韦"
    "殖抓拜吨扬址洛休纵逃染纷贸透汇灭蛋森仪塔距狐融郡缓聚盖拍迹忠释润粉涓孔岭搜紫虑促抵钢塞寺津液码虎坛珍硬梁奔累役偏迫锛凡损"
    "壁哭替税综伦冰盟挂韩竞乌尤弱铺妹秦尊竹珠迅脉泥鬼纯睛刑途隆潮幅杯握谋剂幸奉乘抱朋谓频崇壮骑紝恐享鸡虫绍铜呈泛械摆欲奶敬措"
    "爆暴签猛郭嘉障缩亦废搞胞埃曰撤暖寒订俗绩阻盐萨勒忘奏孝贴灰梅触玩默醒胸莲篇柱裁啦淡抢捕闹纺截讯朗誉雅忍梦伙勇峡徒丈尾迷唱"
    "泉泰佳残闪伍呀疾署剩贼冠倾豆申贫诺麦泪羊尖辈镜涉贡爹缘摩妻殊贝零映甘骂糖岳饮奋棉雕跃汗冒渡努赞启阁斤裂患伏池鹿洗劲晋倍圈"
    "媒箭沟锋胆凭挑抬闯隔弄曹汤苗迁叹唯振储贯彻桌祭符僧衡炸旋喊凤黎郎援肥磁忌赏辽祥董仁辛瑞询敏浪貌毁昨巧腿抽荷陷焦净腹弃乃湘"
    "亩滑狗冬宏皆番尸伟桂览恢龄绕趣晶坡魏摸伴墨浓绪舍蓝荡阅井鸿旦惯症鸟窗扎辞聘穷堰宇键荒递恨隶厉杜闲腰袭侍灾涨叔湿寨幕豪郑磨"
    "並亂亞佔來個們倫偉側備傳傷傾僅價儀億優儲兒內兩別則剛創劇劉劍劑勁動務勝勞勢匯區協卻厲參吳員問啓喫單嗎嘆噸嚴國圍園圓圖團執"
    "堅報場塊壇壓壞壯夠夢夥奧奪奮婦媽孫學宮實寧審寫寬寶將專尋對導屆屍層屬峯島峽崗嶺嶽巖師帶幣幫幹幾庫廟廠廢廣廳張強彈後徑從復"
    "徵徹惡愛態慣慮慶憑憲應懷戰戲戶掛採揚換揮損搖搶擁擇擊擔據擴擺敗敵數斷於時晉書會東條棄楊業極榮構槍樂樓標樣樹橋機橫檢權歐歡"
    "歲歷歸殘殺毀氣決沒況淚淨減測湯準溝溫溼滅滿漢漲漸潛潤澤濃濟灣災烏無煙熱燈燒營爭爲爺爾牀牆狀獎獨獲獻現環產畝畢畫異當療發盡"
    "監盤確碼礎礦祕禮稅種稱積穩窮競筆節範築簡籤糧紀約紅納純紙級紛紡細紹終組結絕絡給統絲經綜綠維網緊緒線緣編緩練緻縣縮縱總績織"
    "繞繼續罵罷羅羣義習聖聞聯聲職聽脈脫腦腳膽臉臨臺與興舉舊艦荊莊華萬葉蓋蓮蕩薩藍藝藥蘇蘭處虛號蟲衆術衛衝裏補裝襲見規視親覺覽"
    "觀觸訂計訊討訓託記訪設許訴評詞詢試詩話該認語誤說誰課調談請論諸諾謀謂講謝證識議護譽讀變讓豐貝負財貢貧貨貫責貴買費貼貿資賊"
    "賞賣質購賽贊趕趙跡躍車軍軟較載輕輩輪輯輸轄轉辦辭農這連進遊運過達遞遠適遷選遺遼還邊鄉鄭醫釋針銀銅銷鋒鋪鋼錄錛錢錯鍵鍾鎮鏡"
    "鐵長門閃閉開閒間閣閱闖關陣陰陳陸陽隊階際隨險隱隸雖雙雜雞離難雲電靈靜韋韓響頁頂項順須預頓領頭頻題額願類顧顯風飛飯飲養餘館"
    "馬駐騎驗驚體鬥鬧魚魯鮮鳥鳳鴻鹽麗麥麼黃點黨齊齡龍"
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),   # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How far to look for a declaration: browsers scan 1024 bytes, but Chinese CMS templates often put
# long comments and scripts before the <meta>.
_SNIFF_BYTES = 16384
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_:.+-]+)""", re.IGNORECASE)

# Declared labels -> the codec that decodes what such pages really contain (WHATWG does the same:
# GB2312 and GBK are decoded as GB18030, Big5 as Big5-HKSCS, Latin-1 and ASCII as windows-1252).
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "gb18030",
    "big5": "big5hkscs", "cp950": "big5hkscs", "big5hkscs": "big5hkscs",
    "latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "cp1252": "cp1252",
    "utf_8": "utf-8", "utf_16": "utf-8", "utf_16_le": "utf-8", "utf_16_be": "utf-8",  # WHATWG: a
    # UTF-16 declaration inside the page itself cannot be true (the meta was readable as ASCII)
}
_ALIASES = {"x-gbk": "gbk", "x-gb2312": "gb2312", "cn-gb": "gb2312", "x-euc-cn": "gb2312",
            "x-x-big5": "big5", "x-big5": "big5", "big5-hkscs": "big5hkscs", "unicode": "utf-8",
            "utf8mb4": "utf-8", "x-user-defined": "cp1252"}
_SINGLE_BYTE = {"cp1252"}
_MULTI_BYTE_CJK = ("gb18030", "big5hkscs")

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# Text that was UTF-8 or GBK once, then read as windows-1252 / Latin-1: runs like 'ä¸­æ–‡'.
_LATIN_RUN = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                        "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
                        "\u20ac\u2122]{2,}")
# U+FFFD written as UTF-8 and read back as GBK ('锟斤拷'), and the fill patterns of uninitialised
# memory that MSVC debug builds leave in GBK pages ('烫烫烫', '屯屯屯').
_MOJIBAKE_MARKS = ("锟斤拷", "烫烫烫", "屯屯屯", "鍩庡競", "锛")

_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF", b"PK\x03\x04", b"\x1f\x8b",
          b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"MZ", b"RIFF", b"OggS", b"ID3",
          b"\x00\x00\x01\x00", b"wOFF", b"wOF2", b"\xca\xfe\xba\xbe", b"SQLite format 3")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str        # Python codec name that produced `text`
    source: str          # 'bom', 'declared', 'meta', 'detected', 'charset-normalizer', 'fallback', 'empty'
    replaced: int = 0    # bytes that could not be decoded and became U+FFFD
    declared: str = ""   # what the HTTP header / page declared, if anything ('' when nothing)
    declared_ok: bool = True  # False when a declaration was present but the bytes disproved it
    repaired: str = ""   # mojibake undone: the codec of the text hidden under a wrong earlier decoding

    @property
    def note(self) -> str:
        """A short human-readable account, e.g. 'gb18030 (declared utf-8 is wrong)'."""
        parts = [self.encoding]
        if self.declared and not self.declared_ok:
            parts.append(f"(declared {self.declared} is wrong)")
        if self.replaced:
            parts.append(f"({self.replaced} undecodable bytes replaced)")
        if self.repaired:
            parts.append(f"(mojibake repaired: was {self.repaired} read as windows-1252)")
        return " ".join(parts)


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page: `(text, encoding)`. `declared` is the charset of the HTTP Content-Type header, if any.

    Never raises; undecodable bytes become U+FFFD (see `decode_html_report` for how many)."""
    result = decode_html_report(data, declared)
    return result.text, result.encoding


def decode_html_report(data: bytes, declared: str | None = None) -> Decoded:
    """`decode_html` with an account of how the encoding was chosen."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_html needs bytes, not {type(data).__name__}")
    data = bytes(data)
    if not data:
        return Decoded("", "utf-8", "empty")

    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(name, errors="replace")
            return Decoded(text, name, "bom", text.count("\ufffd"))

    labels = []   # (source, label as declared, codec)
    if declared:
        labels.append(("declared", declared, normalize_charset(declared)))
    page_label = sniff_charset(data)
    if page_label:
        labels.append(("meta", page_label, normalize_charset(page_label)))
    said = ", ".join(dict.fromkeys(label for _, label, _ in labels))

    if not _NON_ASCII.search(data):
        # Pure ASCII: every ASCII-compatible declaration decodes it the same way.
        codec = next((c for _, _, c in labels if c), "utf-8")
        return Decoded(data.decode("ascii"), "ascii" if codec == "cp1252" else codec,
                       labels[0][0] if labels else "detected", 0, said, True)

    # Valid UTF-8 with non-ASCII bytes is UTF-8: legacy CJK bytes almost never form valid UTF-8 sequences
    # over more than a few characters, whatever the page claims.
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        ok = not labels or any(c == "utf-8" for _, _, c in labels)
        src = next((s for s, _, c in labels if c == "utf-8"), "detected")
        repaired = repair_mojibake(utf8)
        if repaired is not None:
            return Decoded(repaired[0], "utf-8", src, 0, said, ok, repaired[1])
        return Decoded(utf8, "utf-8", src, 0, said, ok)

    # The two legacy Chinese encodings accept most of each other's bytes, so a declaration of one is
    # checked against the other: the right one yields common characters, the wrong one rare ones.
    chinese = {codec: _strict(data, codec) for codec in _MULTI_BYTE_CJK}
    share = {codec: common_han_share(text) for codec, text in chinese.items() if text is not None}
    for source, label, codec in labels:
        if codec in share and _plausible(chinese[codec]) and share[codec] >= max(share.values()) - 0.15:
            return Decoded(chinese[codec], codec, source, 0, said, True)
    clean_chinese = [c for c in share if _plausible(chinese[c], strong=True)]
    if clean_chinese:
        codec = max(clean_chinese, key=share.get)
        return Decoded(chinese[codec], codec, "detected", 0, said, any(c == codec for _, _, c in labels))

    # Other declared encodings (Japanese, Korean, Cyrillic, ... or windows-1252, which decodes anything):
    # honoured only now that the bytes are known not to be Chinese text.
    for source, label, codec in labels:
        if codec and codec not in _MULTI_BYTE_CJK and codec != "utf-8" and codec not in _SINGLE_BYTE:
            text = _strict(data, codec)
            if text is not None:
                return Decoded(text, codec, source, 0, said, True)

    # Detection tolerating a few bad bytes (pages pasted together from differently encoded parts).
    best = None
    for codec in ("gb18030", "big5hkscs", "utf-8"):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        score = (bad * 20 + 1) / (len(text) + 1) - common_han_share(text)
        if best is None or score < best[0]:
            best = (score, codec, text, bad)
    _, codec, text, bad = best
    honoured = any(c == codec for _, _, c in labels)
    if bad <= max(2, len(data) // 500) and _plausible(text):
        log.debug("decoded as %s with %d undecodable bytes replaced", codec, bad)
        return Decoded(text, codec, "detected", bad, said, honoured or not labels)

    single = next((c for _, _, c in labels if c in _SINGLE_BYTE), None)
    if single and not _HAN.search(text):
        # A Western page that really is windows-1252.
        return Decoded(data.decode(single, errors="replace"), single, "declared", 0, said, True)

    guess = _charset_normalizer(data)
    if guess is not None:
        name, gtext = guess
        gbad = gtext.count("\ufffd")
        if gbad <= bad and not looks_like_mojibake(gtext):
            return Decoded(gtext, name, "charset-normalizer", gbad, said, any(c == name for _, _, c in labels))

    log.debug("no clean decoding; %s with %d bytes replaced", codec, bad)
    return Decoded(text, codec, "fallback", bad, said, honoured or not labels)


def sniff_charset(data: bytes) -> str | None:
    """The charset the page declares in `<meta charset>`, `<meta http-equiv=Content-Type>` or an XML
    declaration, as written; None when it declares none."""
    head = data[:_SNIFF_BYTES]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace").strip() if m else None


def declared_charset(headers: dict[str, str] | None) -> str | None:
    """The charset label of the Content-Type header in `headers` (any key case), or None."""
    ctype = next((v for k, v in (headers or {}).items() if k.lower() == "content-type"), "")
    if "charset=" not in ctype.lower():
        return None
    return ctype.lower().split("charset=", 1)[1].split(";")[0].strip().strip("\"'") or None


def normalize_charset(label: str | None) -> str | None:
    """A declared charset label -> the Python codec to decode with (superset-widened), or None when the
    label is unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if "charset=" in label:   # a whole Content-Type value: 'text/html; charset=gbk'
        label = label.split("charset=", 1)[1].split(";")[0]
    label = label.strip().strip("\"'").strip()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        if label.startswith("x-"):
            return normalize_charset(label[2:])
        return None
    key = name.replace("-", "_")
    return _SUPERSETS.get(key, name)


def common_han_share(text: str) -> float:
    """Share of the Han characters of `text` that are among the most frequent ones (1.0 when there are no
    Han characters at all)."""
    return _share(_HAN.findall(text))


def _share(han: list[str]) -> float:
    if not han:
        return 1.0
    return sum(1 for ch in han if ch in COMMON_HAN) / len(han)


def looks_like_mojibake(text: str) -> bool:
    """True when `text` looks wrongly decoded: UTF-8 read as Latin-1/windows-1252 ('ä¸­æ–‡'), UTF-8
    read as GBK ('锟斤拷', runs of rare characters), or many U+FFFD replacement characters."""
    if not text:
        return False
    sample = text if len(text) <= 200_000 else text[:100_000] + text[-100_000:]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if not non_ascii:
        return False
    if sample.count("\ufffd") >= max(3, non_ascii * 0.02):
        return True
    if any(mark in sample for mark in _MOJIBAKE_MARKS[:3]):
        return True
    recovered = sum(_hidden_chars(run) for run in _LATIN_RUN.findall(sample))
    if recovered >= 3 and recovered >= non_ascii * 0.05:
        return True
    han = _HAN.findall(sample)
    return len(han) >= 20 and _share(han) < 0.5


def _hidden_chars(run: str) -> int:
    """How many characters of UTF-8 or GBK text a run of Latin-1 letters hides (0: none)."""
    if not any("\u0080" <= ch <= "\u00ff" for ch in run):
        return 0   # only quotes, dashes, ellipses: Chinese punctuation, not mojibake
    raw = _latin_bytes(run)
    if raw is None:
        return 0
    for codec in ("utf-8", "gb18030"):
        try:
            hidden = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-8" or (len(hidden) >= 2 and common_han_share(hidden) >= 0.6 and _HAN.search(hidden)):
            return len(hidden)
    return 0


def _latin_bytes(text: str) -> bytes | None:
    """The bytes that a windows-1252 (or, for its gaps, Latin-1) decoding turned into `text`."""
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec)
        except UnicodeEncodeError:
            pass
    raw = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 256:
            raw.append(code)
            continue
        try:
            raw += ch.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(raw)


# Single-byte Western codecs that tools wrongly read Chinese bytes with. ISO-8859-15 (Latin-9) differs from
# Latin-1 in eight places (A4 -> €, A6 -> Š, B4 -> Ž, BC -> Œ, BD -> œ, BE -> Ÿ ...), so GBK text read as
# Latin-9 looks like windows-1252 mojibake but only reverses through Latin-9.
_WESTERN_CODECS = ("iso8859-15",)


def _western_byte_candidates(text: str) -> list[bytes]:
    """Every byte string a single-byte Western decoding could have turned into `text`."""
    out = []
    raw = _latin_bytes(text)
    if raw is not None:
        out.append(raw)
    for codec in _WESTERN_CODECS:
        try:
            alt = text.encode(codec)
        except UnicodeEncodeError:
            continue
        if alt not in out:
            out.append(alt)
    return out


def repair_mojibake(text: str) -> tuple[str, str] | None:
    """Undo one wrong decoding as windows-1252/Latin-1/Latin-9 (pages saved by tools that took UTF-8 or GBK
    bytes for Western text): `(repaired text, codec of the hidden text)`, or None when `text` is not such
    mojibake or the bytes under it do not decode cleanly."""
    if _HAN.search(text):
        return None   # real Han text (found early in a Chinese page's <title>): no single-byte decoding
    if not _LATIN_RUN.search(text) or not looks_like_mojibake(text):
        return None
    best = None
    for raw in _western_byte_candidates(text):
        inner = decode_html_report(raw)   # recursion ends: every round shrinks the text
        if inner.replaced or inner.source in ("fallback", "charset-normalizer"):
            continue
        if looks_like_mojibake(inner.text) or inner.encoding in ("cp1252", "ascii"):
            continue
        share = common_han_share(inner.text)
        if best is None or share > best[0]:
            best = (share, inner.text, inner.repaired or inner.encoding)
    return (best[1], best[2]) if best else None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text of any encoding: image/archive/executable signatures, or NUL and
    control bytes in the first 8 KB (UTF-16/32 with a BOM is text)."""
    if not data:
        return False
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    if data.startswith(_MAGIC):
        return True
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _plausible(text: str, strong: bool = False) -> bool:
    """A decoding is plausible unless it yields a run of Han text made of rare characters. `strong`:
    positive evidence of Chinese text is required (enough Han characters, mostly common ones)."""
    han = _HAN.findall(text)
    if len(han) < 20:
        return not strong
    return common_han_share(text) >= (0.7 if strong else 0.5)


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:200_000]).best()
        if best is None:
            return None
        name = normalize_charset(best.encoding) or best.encoding
        return name, data.decode(name, errors="replace")
    except Exception:  # noqa: BLE001 - detection is a best effort; the caller has a fallback
        log.debug("charset-normalizer failed", exc_info=True)
        return None
