"""Store benchmark: insert rate, re-clean pages/s with --jobs 1 and --jobs 2, and the near-duplicate
index of 100,000 articles (build time and peak memory).

    .venv/bin/python bench/store.py [--db URL] [--pages 1500] [--index 100000] [--skip-index] [--repeat 3]

Targets (issue 4): index of 100,000 articles < 60 s and < 1 GB; re-clean --jobs 2 >= 1.7x --jobs 1.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def _portal_chrome(rng: random.Random, titles: list[str]) -> str:
    """What a real portal page carries around an article (~40 KB): channel menus, related and hot lists,
    a sidebar, a footer - the replay's pages are much smaller, real ones are like this."""
    menu = "".join(f'<li><a href="/c{i}/">频道{i}</a></li>' for i in range(120))
    lists = "".join(f'<li><a href="/c/2024-05-{1 + i % 27:02d}/{8000000 + rng.randrange(10**6)}.shtml">{t}</a>'
                    f'<span>2024-05-{1 + i % 27:02d}</span></li>' for i, t in enumerate(titles))
    return (f'<div class="menu"><ul>{menu}</ul></div><div class="related"><h3>相关阅读</h3><ul>{lists}</ul></div>'
            f'<div class="hot"><h3>热点推荐</h3><ul>{lists}</ul></div><div class="side"><ul>{lists}</ul></div>')


def pages(n: int, seed: int = 1):
    import storekit
    rng = random.Random(seed)
    stories = storekit.stories(n, seed=seed)
    titles = [s.title for s in storekit.stories(60, seed=seed + 1)]
    items = []
    for i, s in enumerate(stories):
        html = storekit.workercn_html(s) if i % 2 else storekit.sxworker_html(s)
        html = html.replace("</body>", _portal_chrome(rng, rng.sample(titles, 40)) + "</body>")
        url = (f"https://www.workercn.cn/c/{s.published[:10]}/{8000000 + i}.shtml" if i % 2 else
               f"https://img-sxworker.sxworker.com/gonghui/gh11/{s.published[:10]}/{200000 + i}.html")
        items.append(storekit.page_item(url, html, "workercn" if i % 2 else "sxworker"))
    return items


def bench_insert(url: str, n: int) -> dict:
    from pipelines.clean_page import clean_page
    from pipelines.item_pipelines import page_input_of, raw_page_of
    from pipelines.store import Store
    store = Store(url)
    items = pages(n)
    raws = [raw_page_of(i) for i in items]
    outcomes = [clean_page(page_input_of(r)) for r in raws]      # cleaning is not what is measured here
    t0 = time.perf_counter()
    for i in range(0, len(raws), 100):
        saved = store.save_raw_pages(raws[i:i + 100])
        for o, s in zip(outcomes[i:i + 100], saved):
            o.raw_page_id = s.id
        store.upsert_articles(outcomes[i:i + 100])
    secs = time.perf_counter() - t0
    return {"pages": n, "seconds": round(secs, 2), "pages_per_s": round(n / secs, 1)}


def bench_reclean(url: str, jobs: int) -> dict:
    from pipelines.reclean import reclean
    from pipelines.store import Store
    summary = reclean(Store(url), jobs=jobs, version=f"bench-{jobs}-{time.time()}")
    return {"jobs": jobs, "pages": summary.pages, "seconds": round(summary.seconds, 2),
            "pages_per_s": round(summary.pages / summary.seconds, 1), "restamped": summary.actions["restamped"]}


def _burn(n: int = 4_000_000) -> float:
    t = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - t


def cpu_capacity() -> float:
    """How many cores two busy processes get right now (2.0 on an idle 2-core machine): the ceiling of
    any --jobs 2 speed-up at the moment of measuring."""
    one = min(_burn() for _ in range(2))
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [10, 10]))
        t = time.perf_counter()
        list(pool.map(_burn, [4_000_000, 4_000_000]))
        both = time.perf_counter() - t
    return round(2 * one / both, 2)


# --- near-duplicate index ------------------------------------------------------------------------------

def _signatures(args: tuple[int, int]) -> list[tuple[int, str, bytes]]:
    start, count = args
    from crawler.replay.base import TextGenerator
    from pipelines.dedup import Fingerprint
    gen = TextGenerator(random.Random(start))
    out = []
    for i in range(start, start + count):
        fp = Fingerprint.of("\n\n".join(gen.paragraph() for _ in range(3)))
        out.append((i + 1, fp.content_hash, fp.signature))
    return out


def fill_index_db(url: str, n: int, workers: int = 2) -> dict:
    """n articles whose signatures come from generated union-news texts (the same clause pools as the
    replay: a hard case, distinct texts share many shingles). Text columns stay empty: the index reads
    only id, content hash and signature."""
    import sqlalchemy as sa

    from pipelines.storage.models import ArticleRow
    from pipelines.store import Store
    store = Store(url)
    t0 = time.perf_counter()
    chunk = 5000
    with ProcessPoolExecutor(workers) as pool:
        batches = pool.map(_signatures, [(s, min(chunk, n - s)) for s in range(0, n, chunk)])
        for rows in batches:
            store.write("bench rows", lambda conn: conn.execute(sa.insert(ArticleRow), [
                {"id": i, "canonical_url": f"https://bench.example/{i}", "url": f"https://bench.example/{i}",
                 "site": "bench", "content_hash": h, "minhash": sig, "status": "ok", "output_hash": h,
                 "text": "", "authors": [], "images": []} for i, h, sig in rows]))
    return {"articles": n, "signature_and_insert_seconds": round(time.perf_counter() - t0, 1),
            "signatures_per_s_2_procs": round(n / (time.perf_counter() - t0), 0)}


def build_index_child(url: str) -> None:
    """In a fresh process: rebuild the index from the database, report time and peak memory."""
    from pipelines.store import Store
    store = Store(url)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    index = store.rebuild_duplicate_index()
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # a query against the full index, as a crawl does for each new article
    q0 = time.perf_counter()
    sample = list(index.hash_of)[:200]
    import sqlalchemy as sa

    from pipelines.storage.models import ArticleRow
    sigs = store.read("sigs", lambda conn: conn.execute(sa.select(ArticleRow.id, ArticleRow.content_hash, ArticleRow.minhash)
                                                        .where(ArticleRow.id.in_(sample))).all())
    linked = sum(1 for i, h, s in sigs if index.matches(h, s, exclude=i))
    qsecs = (time.perf_counter() - q0) / max(len(sigs), 1)
    print(json.dumps({"indexed": len(index), "build_seconds": round(secs, 1), "peak_rss_mb": round(peak / 1024),
                      "rss_before_build_mb": round(base / 1024), "query_ms": round(qsecs * 1000, 2),
                      "sample_false_links": linked}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="store URL (default: a temporary SQLite file)")
    ap.add_argument("--pages", type=int, default=1500)
    ap.add_argument("--index", type=int, default=100_000)
    ap.add_argument("--skip-index", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="re-clean runs per --jobs setting (best is kept)")
    ap.add_argument("--index-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.index_child:
        build_index_child(args.index_child)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    url = args.db or f"sqlite:///{tmp / 'bench.sqlite'}"
    results = {"cpus": os.cpu_count(), "load_avg_at_start": os.getloadavg()[0]}
    results["insert"] = bench_insert(url, args.pages)
    results["page_kb"] = round(sum(len(p.body) for p in pages(20)) / 20 / 1024, 1)
    print("insert (raw page + article with dedup, batches of 100):", results["insert"], flush=True)
    bench_reclean(url, 2)   # warm the OS cache and the forkserver once
    # alternate the two settings and keep the best of each: other load on a shared machine only slows down
    runs = [bench_reclean(url, jobs) for _ in range(args.repeat) for jobs in (1, 2)]
    r1 = max((r for r in runs if r["jobs"] == 1), key=lambda r: r["pages_per_s"])
    r2 = max((r for r in runs if r["jobs"] == 2), key=lambda r: r["pages_per_s"])
    capacity = cpu_capacity()
    results["reclean"] = {"jobs1": r1, "jobs2": r2, "speedup": round(r2["pages_per_s"] / r1["pages_per_s"], 2),
                          "cpu_capacity_for_2_processes": capacity}
    print("re-clean --jobs 1:", r1, flush=True)
    print("re-clean --jobs 2:", r2, f"speed-up {results['reclean']['speedup']}x (target >= 1.7x)", flush=True)
    print(f"  two busy processes got {capacity} cores of this machine while measuring (2.0 = idle 2-core machine):"
          f" the speed-up ceiling at the moment", flush=True)
    if not args.skip_index:
        index_url = f"sqlite:///{tmp / 'index.sqlite'}"
        results["index_fill"] = fill_index_db(index_url, args.index)
        print("index data:", results["index_fill"], flush=True)
        proc = subprocess.run([sys.executable, __file__, "--index-child", index_url], capture_output=True, text=True)
        line = [x for x in proc.stdout.splitlines() if x.startswith("{")]
        if proc.returncode or not line:
            print(proc.stderr[-2000:])
            return 1
        results["index"] = json.loads(line[-1])
        ok = results["index"]["build_seconds"] < 60 and results["index"]["peak_rss_mb"] < 1024
        print(f"near-duplicate index of {args.index} articles rebuilt from the database:", results["index"],
              "(target < 60 s, < 1024 MB)", "OK" if ok else "MISSED", flush=True)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
