"""The `unionnews` console command as a user runs it: from any folder, with clear answers."""
from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_cli(*args: str, cwd: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_spiders_are_found_outside_the_project_folder(tmp_path):
    # --list checks every job's spider against the project's spiders: outside the repo root (no scrapy.cfg)
    # they must still be found, and an unknown one still rejected.
    config = tmp_path / "schedule.toml"
    config.write_text('[[jobs]]\nspider = "workercn"\ncron = "0 8 * * *"\n', encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    ok = run_cli("schedule", "--config", str(config), "--list", "--db", db, cwd=str(tmp_path))
    assert ok.returncode == 0, ok.stderr
    assert "workercn" in ok.stdout

    config.write_text('[[jobs]]\nspider = "no_such_paper"\ncron = "0 8 * * *"\n', encoding="utf-8")
    bad = run_cli("schedule", "--config", str(config), "--list", "--db", db, cwd=str(tmp_path))
    assert bad.returncode != 0
    assert "no_such_paper" in bad.stdout + bad.stderr


def test_no_command_prints_help_and_fails(tmp_path):
    result = run_cli(cwd=str(tmp_path))
    assert result.returncode == 2
    for command in ("clean", "crawl", "replay", "reclean", "export", "stats", "demo", "schedule"):
        assert command in result.stdout
