"""Export: seed-format files that pass the shared format checker, stable names, filters, atomicity."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys

import pytest

import storekit
from pipelines.export import ExportError, export
from pipelines.store import Store, url_hash16

store_url = pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])(storekit._store_url)
NAME = re.compile(r"^\d{3,}_[0-9a-f]{16}\.txt$")


def fill(store: Store, copies: list) -> None:
    store.upsert_articles([storekit.outcome_of(c) for c in copies])


def listing(path) -> dict[str, str]:
    return {f: (path / f).read_text(encoding="utf-8") for f in sorted(os.listdir(path))}


def test_export_passes_the_format_checker_and_names_are_stable(store_url, tmp_path, shared_dir):
    store = Store(store_url)
    items = storekit.workercn_items(storekit.stories(8, seed=2)) + storekit.sxworker_items(storekit.stories(4, seed=3))
    # a Traditional page: the cleaner converts it, the export must hold no Traditional characters
    from opencc import OpenCC
    trad = storekit.stories(1, seed=4)[0]
    trad.title, trad.paragraphs = OpenCC("s2t").convert(trad.title), [OpenCC("s2t").convert(p) for p in trad.paragraphs]
    items.append(storekit.page_item("https://www.workercn.cn/c/2024-05-09/8200001.shtml", storekit.workercn_html(trad), "workercn"))
    storekit.ingest(store, items)
    out = tmp_path / "out"
    summary = export(store, out)
    files = [f for f in os.listdir(out) if f.endswith(".txt")]
    assert summary.files == len(files) == len(items) and all(NAME.match(f) for f in files)
    checker = os.path.join(shared_dir, "tools", "check_format.py")
    proc = subprocess.run([sys.executable, checker, str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(m["file"] for m in manifest) == sorted(files)
    for m in manifest:
        assert m["file"].endswith(url_hash16(m["canonical_url"]) + ".txt") and m["title"] and m["cleaner_version"]
        assert set(m) >= {"url", "site", "published", "source", "editor", "authors", "images", "fetched_at", "duplicate_of"}
    first = listing(out)
    export(store, out)                    # again, over the previous export
    assert listing(out) == first


def test_same_articles_in_another_database_get_the_same_names(tmp_path):
    copies = [c for c in storekit.near_duplicate_set(6, seed=9) if c.kind in ("original", "distinct")]
    a, b = Store(storekit.sqlite_url(tmp_path, "a.sqlite")), Store(storekit.sqlite_url(tmp_path, "b.sqlite"))
    fill(a, copies)
    shuffled = copies[:]
    random.Random(1).shuffle(shuffled)
    fill(b, shuffled)
    export(a, tmp_path / "a")
    export(b, tmp_path / "b")
    assert listing(tmp_path / "a") .keys() == listing(tmp_path / "b").keys()
    assert {k: v for k, v in listing(tmp_path / "a").items() if k.endswith(".txt")} == \
           {k: v for k, v in listing(tmp_path / "b").items() if k.endswith(".txt")}


def test_filters_duplicates_and_jsonl(tmp_path):
    copies = storekit.near_duplicate_set(5, seed=13)
    store = Store(storekit.sqlite_url(tmp_path))
    fill(store, copies)
    originals = [c for c in copies if c.kind in ("original", "distinct", "same_topic")]
    assert export(store, tmp_path / "all").files == len(originals)
    with_dups = export(store, tmp_path / "dups", include_duplicates=True)
    assert with_dups.files == len(copies) and with_dups.duplicates_included == len(copies) - len(originals)
    manifest = [json.loads(line) for line in (tmp_path / "dups" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    by_url = {m["canonical_url"]: m for m in manifest}
    for c in copies:
        if c.kind in ("chrome", "edit", "traditional"):
            original = next(o for o in copies if o.group == c.group and o.kind == "original")
            assert by_url[c.url]["duplicate_of"] == original.url
            assert by_url[c.url]["duplicate_of_file"] == by_url[original.url]["file"]
    site = export(store, tmp_path / "site", site="sxworker")
    assert site.files == sum(1 for c in originals if c.site == "sxworker") and set(site.by_site) == {"sxworker"}
    day = sorted(c.published[:10] for c in originals)[len(originals) // 2]
    early = export(store, tmp_path / "early", until=day).files
    late = export(store, tmp_path / "late", since=day).files
    assert early + late == len(originals) + sum(1 for c in originals if c.published[:10] == day)
    export(store, tmp_path / "jsonl", fmt="jsonl")
    lines = (tmp_path / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(originals) and all(json.loads(line)["text"] for line in lines)
    assert not [f for f in os.listdir(tmp_path / "jsonl") if f.endswith(".txt")]


def test_a_crash_midway_leaves_the_previous_export_untouched(tmp_path):
    store = Store(storekit.sqlite_url(tmp_path))
    copies = storekit.near_duplicate_set(3, seed=17)
    fill(store, [c for c in copies if c.kind == "original"])
    out = tmp_path / "out"
    export(store, out)
    before = listing(out)
    fill(store, [c for c in copies if c.kind == "distinct"])
    with pytest.raises(RuntimeError, match="simulated crash"):
        export(store, out, fail_after=2)
    assert listing(out) == before
    assert sorted(os.listdir(tmp_path)) == ["out", "store.sqlite", "store.sqlite-shm", "store.sqlite-wal"]
    assert export(store, out).files == 6


def test_refuses_a_directory_that_is_not_an_export(tmp_path):
    store = Store(storekit.sqlite_url(tmp_path))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not empty"):
        export(store, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
