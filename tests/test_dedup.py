"""Near-duplicate links on a built test set (reprints with other chrome, few-sentence edits, Traditional
copies, distinct articles on the same topic), through the store on SQLite and PostgreSQL."""
from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

import storekit
from pipelines import dedup
from pipelines.storage.models import ArticleRow
from pipelines.store import Store

store_url = pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])(storekit._store_url)


def stored_links(store: Store) -> dict[str, str | None]:
    a = ArticleRow.__table__
    rows = store.read("links", lambda conn: conn.execute(sa.select(a.c.id, a.c.canonical_url, a.c.duplicate_of)).all())
    url_of = {r.id: r.canonical_url for r in rows}
    return {r.canonical_url: url_of.get(r.duplicate_of) for r in rows}


def test_near_duplicate_precision_and_recall(store_url):
    copies = storekit.near_duplicate_set(60)
    order = copies[:]
    random.Random(3).shuffle(order)          # crawl order is not publication order
    store = Store(store_url)
    for i in range(0, len(order), 40):
        store.upsert_articles([storekit.outcome_of(c) for c in order[i:i + 40]])
    links = stored_links(store)
    precision, recall, predicted, should = storekit.link_scores(copies, links)
    kinds = {}
    for c in copies:
        if c.kind != "original":
            ok = links[c.url] is not None if c.group is not None else links[c.url] is None
            kinds.setdefault(c.kind, []).append(ok)
    print(f"\nnear-duplicates ({store_url.split(':')[0]}): {len(copies)} articles, {should} true links, "
          f"{predicted} predicted; precision {precision:.3f}, recall {recall:.3f}; "
          + ", ".join(f"{k} {sum(v)}/{len(v)} right" for k, v in sorted(kinds.items())))
    assert precision >= 0.95 and recall >= 0.95
    # nothing was dropped: every copy has its own row
    assert set(links) == {c.url for c in copies}
    # every link points at an original (never at another copy)
    assert all(links[t] is None for t in links.values() if t)


def test_index_rebuilt_from_the_database_links_a_late_reprint(tmp_path):
    copies = storekit.near_duplicate_set(4, seed=11)
    url = storekit.sqlite_url(tmp_path)
    first = [c for c in copies if c.kind in ("original", "distinct", "same_topic")]
    Store(url).upsert_articles([storekit.outcome_of(c) for c in first])
    fresh = Store(url)                          # new process view: index comes from stored signatures
    late = [c for c in copies if c.kind == "traditional"]
    results = fresh.upsert_articles([storekit.outcome_of(c) for c in late])
    links = stored_links(fresh)
    originals = {c.group: c.url for c in copies if c.kind == "original"}
    assert [links[c.url] for c in late] == [originals[c.group] for c in late]
    assert all(r.duplicate_of is not None for r in results)
    index = fresh.rebuild_duplicate_index()
    assert len(index) == len(first) + len(late)


def test_an_earlier_copy_arriving_later_becomes_the_original(tmp_path):
    copies = [c for c in storekit.near_duplicate_set(2, seed=5) if c.group == 0]
    original = next(c for c in copies if c.kind == "original")
    others = [c for c in copies if c.kind != "original"]
    store = Store(storekit.sqlite_url(tmp_path))
    store.upsert_articles([storekit.outcome_of(c) for c in others])
    before = stored_links(store)
    assert sum(1 for c in others if before[c.url] is None) == 1     # the earliest of them leads for now
    store.upsert_articles([storekit.outcome_of(original)])
    after = stored_links(store)
    assert after[original.url] is None
    assert all(after[c.url] == original.url for c in others)


def test_link_resolution_merges_groups_onto_the_earliest():
    ranks = {1: ("2024-01-02", 1), 2: ("2024-01-01", 2), 3: ("2024-01-03", 3), 4: ("2024-01-05", 4)}
    links = {1: None, 2: None, 3: 1}
    changes, moved = dedup.link_duplicates(ranks, {4: [3, 2]}, links)
    assert links == {1: 2, 2: None, 3: 2, 4: 2}
    assert moved == {1: 2} and changes == {1: 2, 3: 2, 4: 2}


def test_reduced_text_ignores_script_punctuation_and_spacing():
    assert dedup.reduce_text("工會 會員，「服務」") == dedup.reduce_text("工会会员,“服务”")
    a, b = dedup.Fingerprint.of("短"), dedup.Fingerprint.of("短 ")
    assert a.signature is None and a.content_hash == b.content_hash


def test_copies_of_an_original_that_turns_empty_are_linked_again(tmp_path):
    copies = [c for c in storekit.near_duplicate_set(1, seed=19) if c.group == 0]
    store = Store(storekit.sqlite_url(tmp_path))
    store.upsert_articles([storekit.outcome_of(c) for c in copies])
    original = next(c for c in copies if c.kind == "original")
    emptied = storekit.outcome_of(original)
    emptied.status, emptied.reason, emptied.fields["text"] = "empty", "no body text", ""
    emptied.content_hash, emptied.signature, emptied.output_hash = "", None, "changed"
    store.upsert_articles([emptied])
    links = stored_links(store)
    others = sorted((c for c in copies if c.kind != "original"), key=lambda c: c.published)
    assert links[original.url] is None
    assert links[others[0].url] is None                       # the earliest remaining copy leads now
    assert all(links[c.url] == others[0].url for c in others[1:])
