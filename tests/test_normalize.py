"""normalize_text per FORMAT.md "Characters"; to_simplified / has_traditional."""
from __future__ import annotations

import re

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning.normalize import has_traditional, normalize_line, normalize_text, to_simplified, traditional_share

# the character checks of ../shared/tools/check_format.py
ODD_SPACE = re.compile("[\u00a0\u2000-\u200b\u3000\ufeff]")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd]")


def test_full_width_ascii_becomes_ascii():
    assert normalize_text("，：（）；？！") == ",:();?!"
    assert normalize_text("ＡＢＣｘｙｚ０１２３") == "ABCxyz0123"
    assert normalize_text("＂＃＄％＆＇＊＋－．／＜＝＞＠［＼］＾＿｀｛｜｝～") == "\"#$%&'*+-./<=>@[\\]^_`{|}~"
    assert normalize_text("会议于２０２２年３月召开（视频）") == "会议于2022年3月召开(视频)"


def test_chinese_punctuation_without_ascii_twin_stays():
    kept = "。、“”‘’《》—…·「」【】〔〕￥"
    assert normalize_text(kept) == kept


def test_odd_spaces_become_one_plain_space():
    for space in "\u00a0\u3000\u2002\u2003\u2009\u200a\u202f\u205f\u1680\t":
        assert normalize_text(f"工会{space}{space}职工") == "工会 职工", repr(space)
    assert normalize_text("a \u3000\u00a0 b") == "a b"


def test_each_line_is_stripped_and_line_breaks_kept():
    assert normalize_text("\u3000\u3000第一段。 \r\n\u00a0第二段。\u3000\r第三段") == "第一段。\n第二段。\n第三段"
    assert normalize_text("上\u2028下") == "上\n下"
    assert normalize_line("上\n 下\r\n") == "上 下"


def test_zero_width_and_direction_marks_vanish():
    assert normalize_text("工\u200b会\u200c职\u200d工\ufeff\u2060新\u00ad闻\u200e") == "工会职工新闻"


def test_control_characters_and_replacement_character_go():
    assert normalize_text("标\x00题\x07\x1b\x7f\x80\x9f\ufffd正文") == "标题正文"
    assert normalize_text("a\x0bb\x0cc") == "a b c"


def test_plain_text_is_returned_unchanged():
    text = "盐城市建湖县总工会:“高强精细实”荣获市县表彰“双殊荣”\n2022-02-11 14:59:02 来源:盐城市总工会"
    assert normalize_text(text) is text


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_normalized_text_passes_the_format_checks_and_is_stable(s):
    out = normalize_text(s)
    assert not ODD_SPACE.search(out)
    assert not CONTROL.search(out)
    assert not any(0xFF01 <= ord(c) <= 0xFF5E for c in out)
    assert "\r" not in out and "  " not in out
    assert all(line == line.strip(" ") for line in out.split("\n"))
    assert normalize_text(out) == out


T2S = opencc.OpenCC("t2s").convert


def test_to_simplified_converts_traditional():
    assert to_simplified("工會會員職業技能競賽在臺北舉行") == "工会会员职业技能竞赛在台北举行"
    assert to_simplified("反覆說明") == "反复说明"      # a phrase-only conversion


def test_has_traditional():
    assert has_traditional("職工")
    assert has_traditional("反覆")                      # 覆 alone is Simplified too; t2s converts 反覆
    assert not has_traditional("职工之家建设什么时候覆盖全市")
    assert not has_traditional("plain ascii")
    assert not has_traditional("")
    astral = [c for c in "𠁞𠌥𠏢𠐊𡞵𡠹𡢃𤛮𤪺𦆲𧜗𨋢" if T2S(c) != c]   # Traditional characters beyond the BMP
    assert astral and all(has_traditional("中文" + c) for c in astral)


def test_traditional_share_tells_scripts_apart():
    assert traditional_share("工會會員職業技能競賽") > 0.5
    assert traditional_share("工会会员职业技能竞赛引用了「臺灣」") < 0.2
    assert traditional_share("abc") == 0.0


# Simplified, Traditional and shared characters, including the phrase-only ones (覆, 么, 沈, 俱, 藉).
HAN = "工会会員職业業技能竞競赛賽在台臺北舉举行反覆复说說明么麼沈默家俱傢藉口乾燥干隆著作之的了"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=HAN + " ,。-、“”\n𠁞𤛮", max_size=40))
def test_to_simplified_is_exactly_opencc_t2s(s):
    if not has_traditional(s):
        assert T2S(s) == s
    assert to_simplified(s) == T2S(s)


def test_to_simplified_on_a_long_mixed_text():
    text = ("據瞭解，工會會員反覆說明了這個問題。" * 20 + "\n" + "乾燥的天氣裡，沈默的職工們在傢俱廠工作。" * 20
            + "臺灣的著作權法規定…… 什么时候 𠁞 來")
    assert to_simplified(text) == T2S(text)
