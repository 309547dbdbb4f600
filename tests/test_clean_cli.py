"""`unionnews clean` end to end on files made here: html and txt inputs, folders, --json,
--keep-traditional, --jobs, summary counts, failures with reasons, stem clashes, atomic outputs."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import opencc
import pytest

from cleaning import extract_article, parse_seed_text, render_seed_text
from pipelines.clean_files import write_atomically
from pipelines.cli import main

TITLE = "市总工会开展职工技能竞赛活动"
PARAGRAPHS = [
    "本报讯（通讯员 李明 记者 王芳）近日，市总工会联合市人社局举办全市职工职业技能竞赛，来自全市各行业的三百余名职工同台竞技。",
    "本次竞赛设置电工、焊工、数控车工等十个项目，采取理论考试与实际操作相结合的方式进行，重点考察参赛选手的专业知识和操作技能。",
    "市总工会有关负责人介绍，近年来全市各级工会坚持把劳动和技能竞赛作为服务职工成长成才的重要抓手，累计培养技术能手一千二百余名。",
    "比赛结束后，获得各项目前三名的选手将被授予市技术能手称号，并优先推荐参加省级职工职业技能大赛。",
]
S2TW = opencc.OpenCC("s2tw").convert


def article_page(title: str = TITLE, paragraphs: list[str] = PARAGRAPHS, charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{title}-工会新闻网</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/union">工会</a></div>
<div class="article">
  <h1>{title}</h1>
  <div class="info">2023-05-12 09:30:00 来源：工人日报</div>
  <div class="content">
{body}
  </div>
  <div class="editor">责任编辑：张三</div>
</div>
<div class="footer">版权所有 工会新闻网 ICP备12345678号</div>
</body></html>"""


LIST_PAGE = "<html><head><title>新闻列表</title></head><body><ul>" + "".join(
    f'<li><a href="/n/{i}.html">新闻标题第{i}条</a><span>2023-05-{i:02d}</span></li>' for i in range(1, 20)
) + "</ul></body></html>"

SEED_TEXT = TITLE + "\n2023-05-12 09:30:00  来源:工人日报\n\n" + "\n\n".join(PARAGRAPHS) + "\n\n责任编辑:张三"


def write(path, data) -> str:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def run(capsys, *argv) -> tuple[int, str]:
    code = main(["clean", *map(str, argv)])
    return code, capsys.readouterr().out


def summary_line(out: str) -> str:
    return out.strip().splitlines()[-1]


def test_html_and_txt_in_nested_folders(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "a" / "page1.html", article_page())
    write(src / "a" / "b" / "page2.shtml", article_page(charset="gb2312").encode("gbk"))
    write(src / "story.txt", SEED_TEXT)
    write(src / "notes.md", "not an input")           # other suffixes inside folders are not inputs
    code, stdout = run(capsys, src, "--out", out, "--json")
    assert code == 0
    assert "3 files: 3 cleaned, 0 failed, 0 empty" in summary_line(stdout)
    assert sorted(os.listdir(out)) == ["page1.json", "page1.txt", "page2.json", "page2.txt", "story.json", "story.txt"]

    for stem in ("page1", "page2", "story"):
        text = (out / f"{stem}.txt").read_text("utf-8")
        article = parse_seed_text(text)
        assert article.title == TITLE
        assert any("三百余名职工同台竞技" in p for p in article.paragraphs)
        assert not any("版权所有" in p or "责任编辑" in p for p in article.paragraphs)
        assert render_seed_text(article) == text      # the output is in the seed format, round-trip safe
    page1 = (out / "page1.txt").read_text("utf-8")
    assert page1 == render_seed_text(extract_article(article_page()))   # the same article as the library gives
    assert (out / "page2.txt").read_text("utf-8") == page1               # GBK input, same result

    meta = json.loads((out / "page2.json").read_text("utf-8"))
    assert meta["encoding"] == "gb18030"
    assert meta["input"] == os.path.abspath(src / "a" / "b" / "page2.shtml")
    assert meta["title"] == TITLE and meta["paragraphs"]
    assert json.loads((out / "story.json").read_text("utf-8"))["encoding"] == "utf-8"


def test_traditional_is_simplified_unless_kept(tmp_path, capsys):
    html = S2TW(article_page())
    src = write(tmp_path / "tw.html", html.encode("big5"))
    code, _ = run(capsys, src, "--out", tmp_path / "simp")
    assert code == 0
    simplified = (tmp_path / "simp" / "tw.txt").read_text("utf-8")
    assert parse_seed_text(simplified).title == TITLE
    assert "三百余名职工同台竞技" in simplified

    code, _ = run(capsys, src, "--out", tmp_path / "trad", "--keep-traditional")
    assert code == 0
    traditional = (tmp_path / "trad" / "tw.txt").read_text("utf-8")
    assert parse_seed_text(traditional).title == S2TW(TITLE)
    assert S2TW("三百余名职工同台竞技") in traditional


def test_failures_and_empties_are_reported_with_reasons(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    good = write(src / "good.html", article_page())
    write(src / "empty.html", b"")
    write(src / "blank.txt", "  \n\n ")
    write(src / "list.html", LIST_PAGE)
    write(src / "image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    write(src / "legacy.txt", bytes(range(128, 256)) * 3)
    big = write(tmp_path / "big.html", article_page() + "<!--" + "x" * 30_000 + "-->")
    other = write(tmp_path / "data.csv", "a,b\n1,2\n")
    code, stdout = run(capsys, src, tmp_path / "missing.html", other, big, "--out", out, "--max-mb", "0.02")
    assert code == 1
    lines = stdout.splitlines()

    def reason(name: str) -> str:
        found = [line for line in lines if os.sep + name + ":" in line]
        assert len(found) == 1, (name, stdout)
        return found[0]

    assert reason("empty.html").startswith("empty") and "empty file" in reason("empty.html")
    assert reason("blank.txt").startswith("empty")
    assert reason("list.html").startswith("empty") and "no article" in reason("list.html")
    assert reason("image.html").startswith("failed") and "binary" in reason("image.html")
    assert reason("legacy.txt").startswith("failed") and "not UTF-8" in reason("legacy.txt")
    assert reason("missing.html").startswith("failed") and "not found" in reason("missing.html")
    assert reason("data.csv").startswith("failed") and "unsupported" in reason("data.csv")
    assert reason("big.html").startswith("failed") and "too large" in reason("big.html")
    assert "9 files: 1 cleaned, 5 failed, 3 empty" in summary_line(stdout)
    assert sorted(os.listdir(out)) == ["good.txt"]    # nothing at all for the others, no temp files
    assert os.path.exists(good)


def test_only_empty_inputs_is_not_a_failure(tmp_path, capsys):
    src = write(tmp_path / "list.html", LIST_PAGE)
    code, stdout = run(capsys, src, "--out", tmp_path / "out")
    assert code == 0
    assert "0 cleaned, 0 failed, 1 empty" in summary_line(stdout)


def test_stem_clash_is_renamed_not_overwritten(tmp_path, capsys):
    write(tmp_path / "a" / "x.html", article_page())
    other_title = "区总工会举办职工篮球赛"
    write(tmp_path / "b" / "x.txt", other_title + "\n2023-06-01  来源:工人日报\n\n" + "\n\n".join(PARAGRAPHS[:2]))
    write(tmp_path / "c" / "x-2.html", article_page(title="县总工会慰问一线职工"))
    out = tmp_path / "out"
    code, stdout = run(capsys, tmp_path / "a", tmp_path / "b", tmp_path / "c", "--out", out)
    assert code == 0
    titles = {name: parse_seed_text((out / name).read_text("utf-8")).title for name in os.listdir(out)}
    assert titles == {"x.txt": TITLE, "x-3.txt": other_title, "x-2.txt": "县总工会慰问一线职工"}
    assert "renamed" in stdout and "x-3.txt" in stdout


def test_jobs_give_the_same_results_in_input_order(tmp_path, capsys):
    src = tmp_path / "in"
    for i in range(6):
        write(src / f"p{i}.html", article_page(title=f"{TITLE}第{i}场"))
    write(src / "p6.html", b"\x00\x01binary")
    code1, out1 = run(capsys, src, "--out", tmp_path / "o1", "--summary-json")
    code2, out2 = run(capsys, src, "--out", tmp_path / "o2", "--summary-json", "--jobs", "2")
    assert code1 == code2 == 1
    s1, s2 = json.loads(out1), json.loads(out2)
    assert [f["path"] for f in s2["files"]] == [str(src / f"p{i}.html") for i in range(7)]
    strip = lambda files: [{k: v for k, v in f.items() if k != "output"} for f in files]  # noqa: E731
    assert strip(s1["files"]) == strip(s2["files"])
    for i in range(6):
        assert (tmp_path / "o1" / f"p{i}.txt").read_bytes() == (tmp_path / "o2" / f"p{i}.txt").read_bytes()


def test_broken_inputs_never_crash_the_batch(tmp_path, capsys):
    src = tmp_path / "in"
    page = article_page()
    write(src / "truncated.html", page[: len(page) // 2])
    write(src / "deep.html", "<html><body>" + "<div>" * 20000 + "正文" + "</div>" * 20000 + "</body></html>")
    write(src / "unclosed.html", "<html><body><p>" + "<b><i><table><tr><td>" * 300 + PARAGRAPHS[0])
    write(src / "mojibake.html", article_page().encode("utf-8").decode("latin-1").encode("utf-8"))
    write(src / "wrongdecl.html", article_page(charset="utf-8").encode("gbk"))
    code, stdout = run(capsys, src, "--out", tmp_path / "out", "--json")
    lines = stdout.splitlines()
    assert "5 files:" in summary_line(stdout)
    assert not any(line.startswith("failed") and "parse error" in line for line in lines), stdout
    assert code == 0
    meta = json.loads((tmp_path / "out" / "wrongdecl.json").read_text("utf-8"))
    assert meta["encoding"] == "gb18030" and "declared charset utf-8 is wrong" in meta["warnings"][0]
    # UTF-8 once read as Latin-1 and saved again: repaired, and said so
    assert any("mojibake.html" in line and "mojibake repaired" in line for line in lines if line.startswith("warning"))
    assert parse_seed_text((tmp_path / "out" / "mojibake.txt").read_text("utf-8")).title == TITLE
    assert not [n for n in os.listdir(tmp_path / "out") if n.endswith(".tmp") or n.startswith(".")]


def test_write_atomically_writes_all_or_nothing(tmp_path):
    first = tmp_path / "a.txt"
    with pytest.raises(OSError):
        write_atomically([(str(first), "正文"), (str(tmp_path / "no-such-dir" / "a.json"), "{}")])
    assert os.listdir(tmp_path) == []
    write_atomically([(str(first), "正文\n第二行")])
    assert first.read_bytes() == "正文\n第二行".encode("utf-8")


def test_bad_arguments(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["clean", str(tmp_path), "--out", str(tmp_path / "file")]) == 2
    assert main(["clean", str(tmp_path / "empty-dir-missing"), "--out", str(tmp_path / "o")]) == 1
    with pytest.raises(SystemExit):
        main(["clean", str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "-1"])


def test_console_script_and_format_checker(tmp_path, shared_dir):
    """The installed `unionnews` command; with FORMAT.md's characters its output files pass
    ../shared/tools/check_format.py."""
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "000_0123456789abcdef.html", article_page())
    write(src / "001_fedcba9876543210.txt", SEED_TEXT)
    write(src / "002_00112233445566ff.html", S2TW(article_page()).encode("big5"))
    exe = os.path.join(os.path.dirname(sys.executable), "unionnews")
    cmd = [exe] if os.path.exists(exe) else [sys.executable, "-c", "import sys; from pipelines.cli import main; sys.exit(main())"]
    proc = subprocess.run(cmd + ["clean", str(src), "--out", str(out), "--ascii-punctuation"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 cleaned, 0 failed, 0 empty" in proc.stdout
    check = subprocess.run([sys.executable, os.path.join(shared_dir, "tools", "check_format.py"), str(out)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout


def test_legacy_encoded_text_and_url_option(tmp_path, capsys):
    src = write(tmp_path / "gbk.txt", SEED_TEXT.encode("gbk"))
    code, _ = run(capsys, src, "--out", tmp_path / "out", "--json", "--url", "http://example.org/news/1.html")
    assert code == 0
    meta = json.loads((tmp_path / "out" / "gbk.json").read_text("utf-8"))
    assert meta["encoding"] == "gb18030" and meta["title"] == TITLE
    assert meta["url"] == "http://example.org/news/1.html"


def test_output_folder_inside_the_input_folder_is_not_read_back(tmp_path, capsys):
    write(tmp_path / "page.html", article_page())
    for _ in range(2):   # the second run must not clean the first run's page.txt as an input
        code, stdout = run(capsys, tmp_path, "--out", tmp_path / "out")
        assert code == 0 and "1 file: 1 cleaned" in summary_line(stdout)
    assert sorted(os.listdir(tmp_path / "out")) == ["page.txt"]


def test_a_file_over_the_time_limit_fails_with_a_reason(tmp_path, capsys):
    # a 1 MB page of 8000 paragraphs takes seconds to clean; the limit is a small fraction of that
    write(tmp_path / "in" / "huge.html", article_page(paragraphs=[f"{i} " + PARAGRAPHS[i % 4] for i in range(8000)]))
    write(tmp_path / "in" / "small.html", article_page())
    code, stdout = run(capsys, tmp_path / "in", "--out", tmp_path / "out", "--timeout", "0.5")
    assert code == 1
    assert any(line.startswith("failed") and "huge.html: timed out" in line for line in stdout.splitlines())
    assert sorted(os.listdir(tmp_path / "out")) == ["small.txt"]


def test_page_punctuation_is_kept_unless_ascii_is_asked(tmp_path, capsys):
    src = write(tmp_path / "fw.html", article_page())
    code, _ = run(capsys, src, "--out", tmp_path / "wide")
    assert code == 0
    wide = parse_seed_text((tmp_path / "wide" / "fw.txt").read_text("utf-8"))
    assert wide.paragraphs == PARAGRAPHS
    assert wide.title == TITLE

    code, _ = run(capsys, src, "--out", tmp_path / "ascii", "--ascii-punctuation")
    assert code == 0
    ascii_text = (tmp_path / "ascii" / "fw.txt").read_text("utf-8")
    assert "近日,市总工会" in ascii_text and "，" not in ascii_text
    assert not any(0xFF01 <= ord(c) <= 0xFF5E for c in ascii_text)
