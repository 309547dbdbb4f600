"""Seed format: render / parse round trip."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cleaning import Article, parse_seed_text, render_seed_text

_line = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30) \
    .map(lambda s: " ".join(s.split())).filter(bool)
_dates = st.sampled_from(["", "2021-11-15", "2021-11-15 09:10", "2021-11-15 09:10:29"])


def test_layout_matches_format_md():
    a = Article(title="标题", published="2021-11-15 09:10:29", source="陕工网—陕西工人报",
                paragraphs=["第一段。", "第二段。"])
    assert render_seed_text(a) == "标题\n2021-11-15 09:10:29  来源:陕工网—陕西工人报\n\n第一段。\n\n第二段。"
    assert render_seed_text(Article(title="T", source="S", paragraphs=["p"])) == "T\n来源:S\n\np"
    assert render_seed_text(Article(title="T", published="2020-01-02", paragraphs=["p"])) == "T\n2020-01-02\n\np"


@settings(max_examples=150, deadline=None)
@given(title=st.one_of(st.just(""), _line), published=_dates, source=st.one_of(st.just(""), _line),
       paragraphs=st.lists(_line, max_size=5))
def test_round_trip(title, published, source, paragraphs):
    a = Article(title=title, published=published, source=source, paragraphs=paragraphs)
    text = render_seed_text(a)
    b = parse_seed_text(text)
    assert (b.title, b.published, b.source, b.paragraphs) == (title, published, source, paragraphs)
    assert not text.endswith("\n") or not paragraphs and not title
    assert all(line == line.rstrip() for line in text.split("\n"))
