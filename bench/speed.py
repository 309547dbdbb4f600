"""Pages per second per core: `unionnews clean --jobs 1` versus trafilatura's bare_extraction, one run.

    .venv/bin/python bench/speed.py [HTML_DIR] [--limit N] [--rounds R]

HTML_DIR defaults to ../shared/eval/daniel-zh/html (beside the repository).

Our side is the real batch job of `unionnews clean --jobs 1` (pipelines.clean_files.clean_files), timed
in-process so that interpreter start-up and imports are left out; it includes everything else: reading
each file, decoding, extraction, normalisation, rendering and the atomic writes of the .txt files.
trafilatura gets the pages already decoded (by our decoder, outside its timing) and runs
`bare_extraction(html, with_metadata=True)` on each. Both are warmed up on a few pages first, and the
two are timed in alternating rounds, so background load hits both alike. "Per core" figures use the
process CPU time (one process, one thread); wall-clock figures are printed beside them.
"""
from __future__ import annotations

import argparse
import glob
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
DEFAULT_DIR = os.path.join(ROOT, "..", "shared", "eval", "daniel-zh", "html")


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("html_dir", nargs="?", default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds (default 2)")
    args = parser.parse_args(argv)

    pages = sorted(p for ext in ("html", "htm", "shtml")
                   for p in glob.glob(os.path.join(args.html_dir, "**", "*." + ext), recursive=True))
    if args.limit:
        pages = pages[: args.limit]
    if not pages:
        print(f"no pages under {args.html_dir}", file=sys.stderr)
        return 1

    import trafilatura

    from cleaning.decode import decode_html
    from pipelines.clean_files import CLEANED, CleanOptions, clean_files

    texts = []
    for path in pages:
        with open(path, "rb") as handle:
            texts.append(decode_html(handle.read())[0])

    with tempfile.TemporaryDirectory(prefix="unionnews-speed-") as out:
        options = CleanOptions(out_dir=out)
        summary = None

        def ours() -> None:
            nonlocal summary
            summary = clean_files(pages, options, jobs=1)

        def theirs() -> None:
            for html in texts:
                trafilatura.bare_extraction(html, with_metadata=True)

        clean_files(pages[:3], options, jobs=1)                      # warm-up: lazy imports, caches
        for html in texts[:3]:
            trafilatura.bare_extraction(html, with_metadata=True)

        ours_t, theirs_t = [], []
        for _ in range(max(1, args.rounds)):
            ours_t.append(timed(ours))
            theirs_t.append(timed(theirs))

    # Character normalisation, the Traditional check and t2s on all the visible text of each page (more
    # than the cleaner keeps): their share of our per-page time.
    import lxml.html

    from cleaning.normalize import has_traditional, normalize_text, to_simplified
    visible = []
    for html in texts:
        try:
            visible.append(lxml.html.fromstring(html).text_content())
        except Exception:  # noqa: BLE001 - an unparsable page just does not count here
            visible.append("")

    def normalise() -> None:
        for text in visible:
            text = normalize_text(text)
            if has_traditional(text):
                to_simplified(text)
    _, norm_cpu = timed(normalise)

    n = len(pages)
    cleaned = len(summary.of(CLEANED)) if summary else 0
    best = lambda ts, i: min(t[i] for t in ts)  # noqa: E731 - best round: least disturbed by other load
    o_wall, o_cpu, t_wall, t_cpu = best(ours_t, 0), best(ours_t, 1), best(theirs_t, 0), best(theirs_t, 1)
    print(f"pages: {n} from {os.path.normpath(args.html_dir)} ({cleaned} cleaned, the rest empty/failed); "
          f"best of {len(ours_t)} rounds")
    print(f"{'':38}{'pages/s/core (CPU)':>20}{'pages/s (wall)':>16}{'ms/page (CPU)':>15}")
    print(f"{'unionnews clean --jobs 1 (in-process)':38}{n / o_cpu:>20.1f}{n / o_wall:>16.1f}{o_cpu / n * 1000:>15.1f}")
    print(f"{'trafilatura bare_extraction+metadata':38}{n / t_cpu:>20.1f}{n / t_wall:>16.1f}{t_cpu / n * 1000:>15.1f}")
    print(f"normalize_text + has_traditional + t2s on all visible text: {norm_cpu / n * 1000:.2f} ms/page "
          f"({norm_cpu / o_cpu:.1%} of our time)")
    print(f"ratio unionnews / trafilatura: {t_cpu / o_cpu:.2f}x per core (CPU time), {t_wall / o_wall:.2f}x wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
