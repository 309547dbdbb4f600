"""Run a spider as `python -m scrapy crawl` in a subprocess (a Twisted reactor cannot restart in-process).

    run_crawl("workercn", replay_url=server.url, db_url="none", args={"channels": "roll"},
              settings={"FEEDS": {...}}, jobdir="/tmp/job") -> exit code
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Mapping, Sequence

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _setting_value(value) -> str:
    return json.dumps(value) if isinstance(value, (dict, list, tuple)) else str(value)


def _arg_pairs(args: Mapping[str, str] | Sequence[str] | None) -> list[tuple[str, str]]:
    if not args:
        return []
    if isinstance(args, Mapping):
        return [(str(k), str(v)) for k, v in args.items()]
    pairs = []
    for item in args:
        key, sep, value = str(item).partition("=")
        if not sep:
            raise ValueError(f"spider argument {item!r} is not key=value")
        pairs.append((key, value))
    return pairs


def _run_settings(*, replay_url=None, db_url=None, jobdir=None, log_file=None) -> dict:
    """The Scrapy settings that the run options stand for (only those given)."""
    pairs = {"REPLAY_URL": replay_url, "UNIONNEWS_DB": db_url, "JOBDIR": jobdir, "LOG_FILE": log_file}
    return {key: str(value) for key, value in pairs.items() if value}


def crawl_command(spider: str, *, replay_url: str | None = None, db_url: str | None = None,
                  args: Mapping[str, str] | Sequence[str] | None = None, settings: Mapping | None = None,
                  redis_url: str | None = None, jobdir: str | os.PathLike | None = None,
                  log_file: str | os.PathLike | None = None) -> list[str]:
    """The argv of the `scrapy crawl` subprocess."""
    merged = _run_settings(replay_url=replay_url, db_url=db_url, jobdir=jobdir, log_file=log_file)
    if redis_url:
        from crawler.distributed import apply_distributed
        merged = apply_distributed(merged, redis_url)
    merged.update(settings or {})
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider]
    for key, value in _arg_pairs(args):
        cmd += ["-a", f"{key}={value}"]
    for key, value in merged.items():
        cmd += ["-s", f"{key}={_setting_value(value)}"]
    return cmd


def crawl_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SCRAPY_SETTINGS_MODULE"] = "crawler.settings"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH", "")]))
    return env


def start_crawl(spider: str, **kw) -> subprocess.Popen:
    """Start the crawl subprocess and return it (tests use this to interrupt a crawl)."""
    return subprocess.Popen(crawl_command(spider, **kw), cwd=PROJECT_ROOT, env=crawl_env())


def run_crawl(spider: str, *, replay_url: str | None = None, db_url: str | None = None,
              args: Mapping[str, str] | Sequence[str] | None = None, settings: Mapping | None = None,
              redis_url: str | None = None, jobdir: str | os.PathLike | None = None,
              log_file: str | os.PathLike | None = None) -> int:
    """Run `scrapy crawl SPIDER` to the end; returns its exit code."""
    proc = start_crawl(spider, replay_url=replay_url, db_url=db_url, args=args, settings=settings,
                       redis_url=redis_url, jobdir=jobdir, log_file=log_file)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait()


# --- several spiders in one process ---------------------------------------------------------------------
# One Scrapy process pays its start-up (imports, reactor, store engine) once for all spiders; used by
# bench/crawl.py and for "crawl everything" jobs. `python -m crawler.run SPIDER[:k=v,k=v] ... [-s K=V]...`

def run_crawls(jobs: Sequence[tuple[str, Mapping[str, str]]], *, replay_url: str | None = None,
               db_url: str | None = None, settings: Mapping | None = None,
               log_file: str | os.PathLike | None = None) -> int:
    """Run several spiders at the same time in ONE subprocess; exit code 0 when every crawl finished."""
    merged = _run_settings(replay_url=replay_url, db_url=db_url, log_file=log_file)
    merged.update(settings or {})
    cmd = [sys.executable, "-m", "crawler.run"]
    for spider, args in jobs:
        cmd.append(spider + (":" + ",".join(f"{k}={v}" for k, v in args.items()) if args else ""))
    for key, value in merged.items():
        cmd += ["-s", f"{key}={_setting_value(value)}"]
    return subprocess.run(cmd, cwd=PROJECT_ROOT, env=crawl_env()).returncode


def _main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    parser = argparse.ArgumentParser(prog="python -m crawler.run", description="run several spiders in one process")
    parser.add_argument("jobs", nargs="+", metavar="SPIDER[:k=v,...]")
    parser.add_argument("-s", dest="set", action="append", default=[], metavar="KEY=VALUE")
    opts = parser.parse_args(argv)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    for pair in opts.set:
        key, _, value = pair.partition("=")
        settings.set(key, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers = []
    for job in opts.jobs:
        name, _, argtext = job.partition(":")
        kwargs = dict(_arg_pairs([a for a in argtext.split(",") if a]))
        crawler = process.create_crawler(name)
        crawlers.append(crawler)
        process.crawl(crawler, **kwargs)
    process.start()
    reasons = [c.stats.get_value("finish_reason") if c.stats else None for c in crawlers]
    return 0 if all(r == "finished" for r in reasons) else 1


if __name__ == "__main__":
    sys.exit(_main())
