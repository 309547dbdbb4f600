#!/usr/bin/env python3
"""Held-out check of text re-cleaning: every replayed portal's article pages as a user's stored raw text.

Usage: bench/heldout_text.py [--articles N] [--show N] [--eval SET_DIR ...]
  Each expected article's page becomes seed-like raw text (visible text in document order, one line per
  block element, blank lines between blocks; see tests/test_text_clean_heldout.py) in several variants
  (plain, with the page <title> echo on top, Traditional, seed-004-like repeats and mid-sentence breaks).
  `clean_text` runs WITHOUT a URL (held-out texts carry none) and the pass rate per site and variant is
  printed, with the first N failures.
  --eval: the same raw-text builder over the pages of eval sets (SET_DIR/html/*.html with gold/*.json, e.g.
  ../shared/eval/daniel-zh): clean_text() on each page's raw text, scored by the set's
  ../score.py - the text cleaner on general news pages, to set beside bench/quality.py's HTML figures.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the held-out test module imports its helpers from there


def _load_test_module():
    spec = importlib.util.spec_from_file_location("heldout", ROOT / "tests" / "test_text_clean_heldout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_eval_set(heldout, set_dir: Path) -> str:
    from cleaning import clean_text, render_seed_text
    from cleaning.decode import decode_html

    with tempfile.TemporaryDirectory() as pred:
        for page in sorted((set_dir / "html").glob("*.htm*")):
            html = decode_html(page.read_bytes())[0]
            try:
                head_title, blocks = heldout.page_blocks(html)
            except Exception:  # noqa: BLE001 - an unparsable page scores 0 (no prediction)
                continue
            text = "\n\n".join(([head_title] if head_title else []) + blocks)
            article = clean_text(text)
            if article.paragraphs:
                (Path(pred) / f"{page.stem}.txt").write_text(render_seed_text(article), encoding="utf-8")
        cmd = [sys.executable, str(set_dir.parent / "score.py"), "--gold", str(set_dir / "gold"), "--pred", pred]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=30)
    ap.add_argument("--show", type=int, default=2, help="failures shown per site")
    ap.add_argument("--eval", nargs="*", type=Path, default=None, help="eval set folders to score as raw text")
    args = ap.parse_args(argv)
    heldout = _load_test_module()
    if args.eval is not None:
        for set_dir in args.eval or sorted(p for p in (ROOT.parent / "shared" / "eval").iterdir() if p.is_dir()):
            print(f"== {set_dir.name} (raw text -> clean_text)")
            print(score_eval_set(heldout, set_dir.resolve()).strip().splitlines()[-1])
        return 0
    from crawler.replay.registry import load_site_classes

    total_ok = total = 0
    print(f"{'site':<26}" + "".join(f"{v:>12}" for v in heldout.VARIANTS))
    for cls in load_site_classes():
        site = cls(n_articles=args.articles)
        row = []
        shown = 0
        for variant in heldout.VARIANTS:
            ok = n = 0
            for exp in site.expected():
                problems = heldout.check_article(site, exp, variant)
                n += 1
                ok += not problems
                if problems and shown < args.show:
                    shown += 1
                    print(f"  FAIL {cls.__name__} {variant} {exp.url}:")
                    for p in problems:
                        print(f"     {p}"[:400])
            row.append(f"{ok}/{n}")
            total_ok += ok
            total += n
        print(f"{cls.__name__:<26}" + "".join(f"{c:>12}" for c in row))
    print(f"overall {total_ok}/{total} = {total_ok / max(total, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
