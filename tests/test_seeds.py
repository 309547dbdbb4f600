"""The five seeds through clean_text, judged against ../shared/seeds/gold with our own assertions:
header fields exact, every gold paragraph present, nothing kept that is neither text nor optional."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from cleaning import clean_text, parse_seed_text, render_seed_text
from cleaning.normalize import to_simplified

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", to_simplified(s))


def _grams(s: str) -> set[str]:
    s = _squash(s)
    return {s[i:i + 4] for i in range(max(len(s) - 3, 0))} or {s}


def _covered(part: str, whole: str) -> bool:
    g = _grams(part)
    return len(g & _grams(whole)) >= 0.9 * len(g)


@pytest.fixture
def gold_dir(shared_dir):
    return Path(shared_dir) / "seeds" / "gold"


def test_project_holds_the_five_seeds():
    assert len(SEED_FILES) == 5


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_matches_gold(seed, gold_dir):
    gold = json.loads((gold_dir / (seed.stem + ".json")).read_text(encoding="utf-8"))
    article = clean_text(seed.read_text(encoding="utf-8"))
    assert _squash(article.title) == _squash(gold["title"])
    assert article.published == gold["published"]
    assert _squash(article.source) == _squash(gold["source"])
    for para in gold["paragraphs"]:
        assert any(_covered(para, p) for p in article.paragraphs), f"missing: {para[:40]}"
    allowed = gold["paragraphs"] + gold.get("optional", [])
    for para in article.paragraphs:
        assert any(_covered(para, a) for a in allowed), f"noise kept: {para[:40]}"
    # no paragraph twice
    keys = [_squash(p) for p in article.paragraphs]
    assert len(keys) == len(set(keys))
    # the output is Simplified and in the seed format, and reads back the same
    assert not re.search(r"[來們當這個]", article.text)
    text = render_seed_text(article)
    back = parse_seed_text(text)
    assert (back.title, back.published, back.source, back.paragraphs) == \
        (article.title, article.published, article.source, article.paragraphs)
    assert not any(line != line.strip() for line in text.split("\n"))


def test_seed_metadata_and_removals():
    by_stem = {p.stem[:3]: clean_text(p.read_text(encoding="utf-8")) for p in SEED_FILES}
    assert by_stem["001"].editor == "张洁"
    assert by_stem["002"].editor == "陈莉辉"
    assert by_stem["003"].editor == "白子璐"
    assert "王斌" in by_stem["001"].authors
    reasons = {r.reason for a in by_stem.values() for r in a.removed}
    assert {"editor-line", "copyright", "duplicate", "summary-repeat", "header"} <= reasons
    assert any(r.reason == "header" and "AV" in r.text for r in by_stem["001"].removed)


def test_seed_keep_traditional():
    seed = next(p for p in SEED_FILES if p.stem.startswith("001"))
    article = clean_text(seed.read_text(encoding="utf-8"), keep_traditional=True)
    assert article.title == "商南著力推動產業工人隊伍建設改革向縱深發展"
    assert article.source == "各界新聞網"
    assert article.traditional
    assert article.paragraphs[0].startswith("截至目前,商南縣")
