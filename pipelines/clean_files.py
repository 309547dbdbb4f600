"""The batch job behind `unionnews clean`: saved pages and stored texts on disk -> seed-format files.

`.html/.htm/.shtml` files are decoded (`cleaning.decode`) and go through `cleaning.extract_article`;
`.txt` files through `cleaning.clean_text`. Each input yields `<out>/<stem>.txt` (and `<stem>.json` with
the article's metadata when asked), written atomically, or nothing at all plus a reason. Inputs are
independent, so `jobs > 1` spreads them over a process pool; results come back in input order.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
TEXT_SUFFIXES = (".txt",)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024   # larger inputs are not news pages (or not only); refuse them
DEFAULT_TIMEOUT = 120.0                # a page that takes longer is pathological; give up on it

CLEANED, EMPTY, FAILED = "cleaned", "empty", "failed"


@dataclass(frozen=True)
class CleanOptions:
    out_dir: str
    write_json: bool = False
    keep_traditional: bool = False
    keep_fullwidth: bool = True      # False: FORMAT.md's ASCII punctuation (，-> ,), as exports have it
    url: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT   # seconds per file; 0: none


@dataclass
class CleanTask:
    path: str
    stem: str            # output name without suffix (unique within the run)
    kind: str            # 'html' | 'text' | '' (unsupported)


@dataclass
class FileResult:
    path: str
    status: str                      # cleaned | empty | failed
    reason: str = ""                 # why empty/failed ('' when cleaned)
    output: str = ""                 # the .txt written
    encoding: str = ""
    title: str = ""
    paragraphs: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class Summary:
    results: list[FileResult]
    renamed: list[tuple[str, str]] = field(default_factory=list)   # (input, output stem) after a clash

    def of(self, status: str) -> list[FileResult]:
        return [r for r in self.results if r.status == status]

    @property
    def ok(self) -> bool:
        return not self.of(FAILED)


# --- inputs -----------------------------------------------------------------------------------------

def kind_of(path: str) -> str:
    lower = path.lower()
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    return ""


def collect_inputs(paths: Iterable[str], exclude: str | None = None) -> list[str]:
    """Files named on the command line (whatever their suffix: unsupported ones fail with a reason) and
    the .html/.htm/.shtml/.txt files under named folders, recursively, in a stable order; each file once.
    The folder `exclude` (the output folder, when it sits inside an input folder) is not searched."""
    found: list[str] = []
    seen: set[str] = set()
    skip = os.path.realpath(exclude) if exclude else None

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                dirs[:] = [d for d in dirs if not d.startswith(".")
                           and os.path.realpath(os.path.join(root, d)) != skip]
                for name in sorted(files):
                    if kind_of(name) and not name.startswith("."):
                        add(os.path.join(root, name))
        else:
            add(path)   # missing or unsupported files are reported by clean_one
    return found


def plan_tasks(paths: list[str]) -> tuple[list[CleanTask], list[tuple[str, str]]]:
    """One task per input with a unique output stem. Two inputs with the same stem (`a/x.html`,
    `b/x.txt`) must not overwrite each other: the later one gets `x-2` (`x-3`, ...), and the renaming is
    returned so that it can be reported."""
    tasks: list[CleanTask] = []
    renamed: list[tuple[str, str]] = []
    base_stems = {_stem(p).casefold() for p in paths}   # case-insensitive: output may be on such a disk
    used: set[str] = set()
    for path in paths:
        stem = _stem(path)
        candidate, n = stem, 1
        while candidate.casefold() in used:
            n += 1
            candidate = f"{stem}-{n}"
            while candidate.casefold() in base_stems:   # don't take the name of another input
                n += 1
                candidate = f"{stem}-{n}"
        used.add(candidate.casefold())
        if candidate != stem:
            renamed.append((path, candidate))
        tasks.append(CleanTask(path, candidate, kind_of(path)))
    return tasks, renamed


def _stem(path: str) -> str:
    name = os.path.basename(path.rstrip("/\\")) or "input"
    stem, _ = os.path.splitext(name)
    return stem or name


# --- one file ----------------------------------------------------------------------------------------

def clean_one(task: CleanTask, options: CleanOptions) -> FileResult:
    """Clean one input and write its outputs. Never raises: every problem becomes a failed result."""
    try:
        with _time_limit(options.timeout):
            return _clean_one(task, options)
    except _FileTimeout:
        return FileResult(task.path, FAILED, f"timed out after {options.timeout:g} s")
    except RecursionError:
        return FileResult(task.path, FAILED, "parse error: nesting too deep")
    except MemoryError:
        return FileResult(task.path, FAILED, "out of memory")
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the batch
        log.exception("cleaning %s failed", task.path)
        return FileResult(task.path, FAILED, f"parse error: {exc.__class__.__name__}: {exc}"[:300])


class _FileTimeout(BaseException):
    """Raised by the alarm inside a file's cleaning (a BaseException, so no `except Exception` in the
    cleaner swallows it)."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """SIGALRM-based limit, where it can work: Unix, main thread (the CLI and the pool's workers). It
    interrupts Python code, not a single long C call (one lxml parse, one regex match)."""
    usable = (seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise _FileTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _clean_one(task: CleanTask, options: CleanOptions) -> FileResult:
    from cleaning import clean_text, extract_article, render_seed_text
    from cleaning.decode import decode_html_report, looks_binary, looks_like_mojibake

    path = task.path
    if not task.kind:
        if not os.path.exists(path):
            return FileResult(path, FAILED, "not found")
        if os.path.isdir(path):
            return FileResult(path, FAILED, "is a folder")
        return FileResult(path, FAILED, "unsupported file type (expected .html, .htm, .shtml or .txt)")
    try:
        size = os.path.getsize(path)
        if size > options.max_bytes:
            return FileResult(path, FAILED, f"too large ({_mb(size)} > {_mb(options.max_bytes)} cap)")
        with open(path, "rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except FileNotFoundError:
        return FileResult(path, FAILED, "not found")
    except IsADirectoryError:
        return FileResult(path, FAILED, "is a folder")
    except OSError as exc:
        return FileResult(path, FAILED, f"unreadable: {exc.strerror or exc}")
    if len(data) > options.max_bytes:   # grew while we looked
        return FileResult(path, FAILED, f"too large (> {_mb(options.max_bytes)} cap)")
    if not data.strip():
        return FileResult(path, EMPTY, "empty file")
    if looks_binary(data):
        return FileResult(path, FAILED, "binary data, not text")

    decoded = decode_html_report(data)
    warnings: list[str] = []
    if decoded.declared and not decoded.declared_ok:
        warnings.append(f"declared charset {decoded.declared} is wrong, decoded as {decoded.encoding}")
    if task.kind == "text" and (decoded.replaced or decoded.source in ("fallback", "charset-normalizer")
                                or looks_like_mojibake(decoded.text)):
        return FileResult(path, FAILED, "not UTF-8 text (nor clean GB18030/Big5)", encoding=decoded.encoding)
    if decoded.replaced:
        warnings.append(f"{decoded.replaced} undecodable bytes replaced")
    if decoded.repaired:
        warnings.append(f"mojibake repaired: {decoded.repaired} text that had been read as windows-1252")

    if task.kind == "html":
        article = extract_article(decoded.text, url=options.url, keep_traditional=options.keep_traditional,
                                  keep_fullwidth=options.keep_fullwidth)
    else:
        article = clean_text(decoded.text, url=options.url, keep_traditional=options.keep_traditional,
                             keep_fullwidth=options.keep_fullwidth)
    if article.is_empty:
        reason = "no article found (list/index page or no text)" if task.kind == "html" else "no text found"
        return FileResult(path, EMPTY, reason, encoding=decoded.encoding, title=article.title)
    rendered = render_seed_text(article)
    if looks_like_mojibake(rendered):
        warnings.append("text looks mis-encoded (mojibake)")

    out_txt = os.path.join(options.out_dir, task.stem + ".txt")
    outputs = [(out_txt, rendered)]
    if options.write_json:
        meta = article.to_dict()
        meta.update(input=os.path.abspath(path), encoding=decoded.encoding, output=os.path.abspath(out_txt))
        if warnings:
            meta["warnings"] = warnings
        outputs.append((os.path.join(options.out_dir, task.stem + ".json"),
                        json.dumps(meta, ensure_ascii=False, indent=1)))
    try:
        write_atomically(outputs)
    except OSError as exc:
        return FileResult(path, FAILED, f"cannot write {out_txt}: {exc.strerror or exc}",
                          encoding=decoded.encoding)
    return FileResult(path, CLEANED, "", out_txt, decoded.encoding, article.title, len(article.paragraphs),
                      warnings)


def write_atomically(outputs: list[tuple[str, str]]) -> None:
    """Write every (path, text) as UTF-8, or none: each goes to a temp file in the same folder first, and
    only when all are complete are they moved into place (os.replace). A failure in the middle removes the
    temp files and any output of this call already moved."""
    temps: list[tuple[str, str]] = []
    moved: list[str] = []
    try:
        for path, text in outputs:
            folder = os.path.dirname(path) or "."
            fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
            temps.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for tmp, path in temps:
            os.replace(tmp, path)
            moved.append(path)
    except BaseException:
        for tmp, _ in temps:
            _unlink(tmp)
        for path in moved:
            _unlink(path)
        raise


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


# --- the batch ----------------------------------------------------------------------------------------

def clean_files(paths: Iterable[str], options: CleanOptions, jobs: int = 1,
                on_result: Callable[[FileResult], None] | None = None) -> Summary:
    """Clean every input under `paths` into `options.out_dir`. `on_result` is called as each file
    finishes (in completion order, for progress); the summary lists results in input order."""
    os.makedirs(options.out_dir, exist_ok=True)
    tasks, renamed = plan_tasks(collect_inputs(paths, exclude=options.out_dir))
    for path, stem in renamed:
        log.info("%s: output renamed to %s.txt (another input has the same name)", path, stem)
    results: list[FileResult | None] = [None] * len(tasks)

    def done(i: int, result: FileResult) -> None:
        results[i] = result
        if on_result:
            on_result(result)

    if jobs <= 1 or len(tasks) <= 1:
        for i, task in enumerate(tasks):
            done(i, clean_one(task, options))
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
            futures = {pool.submit(clean_one, task, options): i for i, task in enumerate(tasks)}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    result = FileResult(tasks[i].path, FAILED, "worker process died (out of memory?)")
                except Exception as exc:  # noqa: BLE001 - e.g. an unpicklable result
                    result = FileResult(tasks[i].path, FAILED, f"worker error: {exc.__class__.__name__}: {exc}")
                done(i, result)
    return Summary([r for r in results if r is not None], renamed)


def summary_dict(summary: Summary) -> dict:
    return {
        "cleaned": len(summary.of(CLEANED)),
        "empty": len(summary.of(EMPTY)),
        "failed": len(summary.of(FAILED)),
        "renamed": [{"input": p, "stem": s} for p, s in summary.renamed],
        "files": [asdict(r) for r in summary.results],
    }
