"""`unionnews demo`: replay -> crawl into SQLite -> export, on a small replay (one spider, for time)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

import storekit
from pipelines.demo import run_demo, spider_names
from pipelines.store import Store


@pytest.mark.slow
def test_demo_crawls_the_replay_and_exports_clean_articles(tmp_path, shared_dir):
    names = spider_names()
    chosen = [n for n in ("workercn",) if n in names]
    if not chosen:
        pytest.skip("the spiders are not there yet")
    url = storekit.sqlite_url(tmp_path, "demo.sqlite")
    said = []
    code = run_demo(tmp_path / "out", db_url=url, articles=6, spiders=chosen, faults=False,
                    echo=lambda *a: said.append(" ".join(map(str, a))))
    assert code == 0, "\n".join(said)
    files = [f for f in os.listdir(tmp_path / "out") if f.endswith(".txt")]
    counts = Store(url).counts()
    assert files and len(files) == counts["ok"] - counts["duplicates"]
    assert any(str(tmp_path / "out") in line for line in said)
    proc = subprocess.run([sys.executable, os.path.join(shared_dir, "tools", "check_format.py"), str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
