"""decode_html: BOM, declared and <meta> charsets checked against the bytes, GB18030/Big5 detection."""
from __future__ import annotations

import codecs

import opencc
import pytest

from cleaning.decode import (decode_html, decode_html_report, looks_binary, looks_like_mojibake,
                             normalize_charset, sniff_charset)

ARTICLE = (
    "本报讯 记者从市总工会获悉，今年以来，全市各级工会组织围绕职工群众最关心最直接最现实的利益问题，"
    "深入开展困难职工帮扶、农民工工资清欠和劳动法律监督等工作，累计为职工办实事一千二百余件。"
    "市总工会有关负责人表示，下一步将继续推进新就业形态劳动者入会工作，让更多快递员、外卖送餐员感受到"
    "工会组织的温暖，同时加强职工服务阵地建设，提升服务的精准性和实效性。"
)
S2T = opencc.OpenCC("s2tw").convert   # Taiwan forms: all in Big5
TRADITIONAL = S2T(ARTICLE)


def page(body: str, meta: str = "") -> str:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    html = f"<html><head>{head}<title>工会新闻</title></head><body><h1>职工服务</h1><p>{body}</p></body></html>"
    return S2T(html) if body == TRADITIONAL else html


@pytest.mark.parametrize("label", ["gb2312", "GBK", "gb18030", None])
def test_gbk_pages_with_and_without_meta(label):
    html = page(ARTICLE, label or "")
    text, encoding = decode_html(html.encode("gbk"))
    assert encoding == "gb18030"
    assert text == html


@pytest.mark.parametrize("label", ["big5", "Big5-HKSCS", None])
def test_big5_pages_with_and_without_meta(label):
    html = page(TRADITIONAL, label or "")
    text, encoding = decode_html(html.encode("big5"))
    assert encoding == "big5hkscs"
    assert text == html


def test_gb18030_four_byte_characters_survive():
    html = page(ARTICLE + "𠀀㐀€", "gb2312")
    assert decode_html(html.encode("gb18030")) == (html, "gb18030")


def test_utf8_with_bom_ignores_a_contrary_declaration():
    html = page(ARTICLE, "gbk")
    text, encoding = decode_html(codecs.BOM_UTF8 + html.encode("utf-8"), declared="big5")
    assert (text, encoding) == (html, "utf-8")


def test_utf16_with_bom():
    html = page(ARTICLE)
    assert decode_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le")) == (html, "utf-16-le")


@pytest.mark.parametrize("declared,meta,encoding,truth", [
    ("utf-8", "", "gbk", "gb18030"),             # HTTP header says UTF-8, bytes are GBK
    (None, "utf-8", "gbk", "gb18030"),           # <meta> says UTF-8, bytes are GBK
    (None, "gb2312", "utf-8", "utf-8"),          # re-saved as UTF-8, stale <meta>
    ("iso-8859-1", "", "gbk", "gb18030"),        # server default Latin-1
    (None, "gb2312", "big5", "big5hkscs"),       # Big5 bytes under a GB declaration
    ("big5", "", "gbk", "gb18030"),              # GBK bytes under a Big5 header
    (None, "euc-kr", "gbk", "gb18030"),
    ("x-no-such-charset", "", "gbk", "gb18030"),
])
def test_wrong_declared_charset_falls_back_to_the_bytes(declared, meta, encoding, truth):
    body = TRADITIONAL if encoding == "big5" else ARTICLE
    html = page(body, meta)
    report = decode_html_report(html.encode(encoding), declared)
    assert report.encoding == truth
    assert report.text == html
    assert report.replaced == 0
    if declared or meta:
        assert report.declared_ok is (normalize_charset(declared or meta) == truth)


def test_a_correct_declaration_is_reported_as_such():
    report = decode_html_report(page(ARTICLE).encode("gbk"), declared="GBK")
    assert (report.encoding, report.source, report.declared_ok) == ("gb18030", "declared", True)


def test_mixed_bytes_decode_with_few_replacements():
    # a UTF-8 page with a GBK-encoded ad pasted into it
    data = page(ARTICLE).encode("utf-8").replace("<h1>".encode(), "<h1>".encode() + "广告".encode("gbk"))
    report = decode_html_report(data)
    assert report.encoding == "utf-8"
    assert 0 < report.replaced <= 4
    assert ARTICLE in report.text
    assert "undecodable" in report.note


def test_empty_and_ascii():
    assert decode_html(b"") == ("", "utf-8")
    assert decode_html(b"<p>plain</p>", declared="gbk") == ("<p>plain</p>", "gb18030")


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 4,
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    b"\x00\x00\x00" + b"\xff" * 100,
    b"\xff\xfe\xfd",
    b"\x80",
])
def test_binary_never_raises(data):
    text, encoding = decode_html(data)
    assert isinstance(text, str) and codecs.lookup(encoding)


def test_looks_binary():
    assert looks_binary(b"\x89PNG\r\n\x1a\n....")
    assert looks_binary(b"PK\x03\x04 zip")
    assert looks_binary(b"<html>\x00\x00\x00</html>")
    assert not looks_binary(page(ARTICLE).encode("gbk"))
    assert not looks_binary(codecs.BOM_UTF16_LE + page(ARTICLE).encode("utf-16-le"))
    assert not looks_binary(b"")


def test_sniff_charset_forms():
    assert sniff_charset(b'<meta charset="GB2312">') == "GB2312"
    assert sniff_charset(b"<META charset=big5 />") == "big5"
    assert sniff_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gbk" />') == "gbk"
    assert sniff_charset(b'<?xml version="1.0" encoding="gb2312"?><html>') == "gb2312"
    assert sniff_charset(b"<html><p>charset=gbk</p>") is None
    assert sniff_charset(b"<!-- " + b"x" * 5000 + b' --><meta charset="gbk">') == "gbk"   # past 1024 bytes


def test_normalize_charset_widens_to_supersets():
    assert normalize_charset("GB2312") == normalize_charset("x-gbk") == normalize_charset("cp936") == "gb18030"
    assert normalize_charset("BIG5") == normalize_charset("big5-hkscs") == "big5hkscs"
    assert normalize_charset("UTF8") == "utf-8"
    assert normalize_charset("nonsense") is None
    assert normalize_charset('text/html; charset="GBK"') == "gb18030"    # a whole Content-Type value


def test_mojibake_detection():
    assert not looks_like_mojibake(ARTICLE)
    assert not looks_like_mojibake(TRADITIONAL)
    assert not looks_like_mojibake("An English page, café and naïve résumé included.")
    assert not looks_like_mojibake("")
    assert looks_like_mojibake(ARTICLE.encode("utf-8").decode("cp1252", errors="replace"))
    assert looks_like_mojibake(ARTICLE.encode("utf-8").decode("latin-1"))
    assert looks_like_mojibake(ARTICLE.encode("utf-8").decode("gbk", errors="replace"))
    assert looks_like_mojibake(ARTICLE.encode("gbk").decode("utf-8", errors="replace"))
    assert looks_like_mojibake(ARTICLE.encode("gbk").decode("big5", errors="replace"))
    assert looks_like_mojibake("标题锟斤拷锟斤拷正文")


@pytest.mark.parametrize("inner", ["utf-8", "gbk"])
def test_mojibake_saved_as_utf8_is_repaired(inner):
    html = page(ARTICLE)
    # windows-1252 as browsers apply it: the five bytes it leaves undefined become C1 characters
    garbled = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                      for b in html.encode(inner))
    report = decode_html_report(garbled.encode("utf-8"))
    assert report.repaired == ("utf-8" if inner == "utf-8" else "gb18030")
    assert report.text == html
    assert "mojibake repaired" in report.note


def test_gbk_read_as_latin9_and_saved_as_utf8_is_repaired():
    """A GBK page that a tool read as ISO-8859-15 (A4 -> €, B4 -> Ž ...) and stored as UTF-8, still
    declaring GBK: the Latin-9 reading is reversed, not the windows-1252 one (that gives wrong characters)."""
    html = page(ARTICLE + "船长被游轮公司认定责任,贴近海岸让同事望家乡。", "GBK")
    garbled = html.encode("gbk").decode("iso8859-15")
    assert any(ch in garbled for ch in "€ŠšŽžŒœŸ")
    report = decode_html_report(garbled.encode("utf-8"))
    assert report.repaired == "gb18030"
    assert report.text == html


def test_latin_text_is_not_taken_for_mojibake():
    text = "<p>Der Bürgermeister und die Gewerkschaft: Ärger über Löhne, Größe, Ökologie und Übermut.</p>"
    report = decode_html_report(text.encode("utf-8"))
    assert (report.text, report.repaired) == (text, "")
