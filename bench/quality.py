#!/usr/bin/env python3
"""Extraction quality of our cleaner vs trafilatura and readability, scored by ../shared/eval/score.py.

Usage: bench/quality.py [SET_DIR ...] [--score PATH] [--only ours,trafilatura,readability,ours-ascii]
                        [--jobs N] [--keep DIR] [--worst N]
  SET_DIR holds html/<id>.html and gold/<id>.json (default: every set under ../shared/eval relative to the
  repository root). Predictions go to temporary folders (or DIR with --keep), one per extractor and set,
  in the seed format; score.py runs, unchanged, on each and the figures are printed side by side.

"ours" is extract_article with its defaults, exactly what `unionnews clean` writes: the page's characters
as they are, like trafilatura and readability give them and like the eval gold keeps them (，：（）).
"ours-ascii" is the archive form that the store and `unionnews export` write (FORMAT.md folds full-width
punctuation to ASCII, ，-> ,; `unionnews clean --ascii-punctuation`), printed for reference: the gold keeps
full-width punctuation and score.py does not fold, so every 4-gram with such punctuation counts as lost there.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning import Article, decode_html, extract_article, render_seed_text  # noqa: E402

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
EXTRACTORS = ("ours", "trafilatura", "readability", "ours-ascii")


def _ours(html: str) -> str | None:
    return _rendered(extract_article(html))


def _ours_ascii(html: str) -> str | None:
    return _rendered(extract_article(html, keep_fullwidth=False))


def _rendered(article: Article) -> str | None:
    """Seed text of the article, or None (no file written) when it has no body: `unionnews clean` counts
    such a page as "empty" and writes nothing, and the figures here must be the CLI's."""
    return render_seed_text(article) if article.paragraphs else None


def _trafilatura(html: str) -> str:
    import trafilatura
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return ""
    date = (doc.date or "")[:10]
    return render_seed_text(Article(title=doc.title or "", published=date,
                                    paragraphs=[p for p in (doc.text or "").split("\n") if p.strip()]))


def _readability(html: str) -> str:
    import lxml.html
    from readability import Document
    doc = Document(html)
    summary = lxml.html.fromstring(doc.summary(html_partial=True))
    paras = [t.strip() for t in summary.itertext() if t.strip()]
    return render_seed_text(Article(title=doc.short_title() or "", paragraphs=paras))


RUNNERS = {"ours": _ours, "trafilatura": _trafilatura, "readability": _readability, "ours-ascii": _ours_ascii}


def _run_one(job: tuple[str, str, str]) -> tuple[str, str]:
    name, html_path, out_path = job
    data = Path(html_path).read_bytes()
    html, _ = decode_html(data)
    try:
        text = RUNNERS[name](html)
    except Exception as exc:  # noqa: BLE001 - a peer crashing on a page scores 0 there, the run goes on
        print(f"{name}: {html_path}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        text = ""
    if text is None:
        Path(out_path).unlink(missing_ok=True)     # a stale prediction from an earlier --keep run
        return name, out_path
    tmp = out_path + ".part"
    Path(tmp).write_text(text, encoding="utf-8")
    os.replace(tmp, out_path)
    return name, out_path


def score(score_py: Path, gold: Path, pred: Path, worst: int = 0) -> dict:
    cmd = [sys.executable, str(score_py), "--gold", str(gold), "--pred", str(pred)]
    if worst:
        cmd += ["--worst", str(worst)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    if worst:
        sys.stderr.write(res.stderr)
    return json.loads(res.stdout.strip().splitlines()[-1])


def _table(title: str, results: dict) -> None:
    cols = ("documents", "precision", "recall", "f1", "median_f1")
    print(title)
    print(f"{'set':<12} {'extractor':<12} " + " ".join(f"{c:>9}" for c in cols))
    for (set_name, n), r in results.items():
        print(f"{set_name:<12} {n:<12} " + " ".join(f"{r.get(c, ''):>9}" for c in cols))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="*", type=Path, help="eval set folders (html/ + gold/)")
    ap.add_argument("--score", type=Path, default=None, help="score.py (default: <eval>/score.py)")
    ap.add_argument("--only", default=",".join(EXTRACTORS), help="comma-separated extractors")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, help="write predictions under this folder instead of a temp dir")
    ap.add_argument("--worst", type=int, default=0, help="list the N weakest pages per run")
    a = ap.parse_args(argv)
    sets = a.sets or sorted(p for p in DEFAULT_EVAL.iterdir() if (p / "gold").is_dir() and (p / "html").is_dir())
    names = [n for n in a.only.split(",") if n]
    for n in names:
        if n not in RUNNERS:
            ap.error(f"unknown extractor {n!r} (known: {', '.join(RUNNERS)})")
    results: dict[tuple[str, str], dict] = {}
    with tempfile.TemporaryDirectory(prefix="quality-") as tmp:
        base = a.keep or Path(tmp)
        jobs = []
        for s in sets:
            score_py = a.score or s.parent / "score.py"
            if not score_py.exists():
                ap.error(f"{score_py}: score.py not found (use --score)")
            for n in names:
                out = base / n / s.name
                out.mkdir(parents=True, exist_ok=True)
                for html in sorted((s / "html").glob("*.htm*")):
                    jobs.append((n, str(html), str(out / (html.stem + ".txt"))))
        with ProcessPoolExecutor(max_workers=a.jobs) as pool:
            list(pool.map(_run_one, jobs, chunksize=4))
        for s in sets:
            score_py = a.score or s.parent / "score.py"
            for n in names:
                results[(s.name, n)] = score(score_py, s / "gold", base / n / s.name, a.worst if n == "ours" else 0)
    _table("score.py unchanged; ours = `unionnews clean` defaults (page characters, as the peers and the gold); "
           "ours-ascii = the archive's FORMAT.md folding, for reference:", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
