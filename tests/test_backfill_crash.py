"""Reliability: kill -9 during ingest or backfill, rerun, and every article is stored exactly once."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from scale_fixtures import article

ROOT = Path(__file__).resolve().parents[1]
N = 100

pytestmark = pytest.mark.slow


def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(N):
        (src / f"a{i:04d}.txt").write_text(f"TITLE: Report {i}\n\n" + article(i, "ru" if i % 5 == 0 else "en"))
    return src


def documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-m", "dossier", *args], cwd=cwd, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_when(proc: subprocess.Popen, ready: Callable[[], bool], limit: float = 120) -> None:
    """SIGKILL the whole process group (workers too, like a machine losing power) once `ready()`."""
    deadline = time.monotonic() + limit
    while not ready():
        assert proc.poll() is None, "finished before it could be killed: make the input larger"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL


def assert_exactly_once(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT source) FROM documents").fetchone() == (N, N)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)")
        assert orphans.fetchone()[0] == 0


def test_kill_during_ingest_then_rerun(tmp_path: Path) -> None:
    src, db = inputs(tmp_path), tmp_path / "d.db"
    args = ["ingest", str(src), "--db", str(db), "--no-progress"]
    kill_when(start(args, tmp_path), lambda: documents(db) >= 5)
    assert 5 <= documents(db) < N
    assert start(args, tmp_path).wait(600) == 0
    assert_exactly_once(db)


@pytest.mark.parametrize("phase", ["extracting", "loading"])
def test_kill_during_backfill_then_rerun(tmp_path: Path, phase: str) -> None:
    src, db, shards = inputs(tmp_path), tmp_path / "d.db", tmp_path / "shards"
    args = ["backfill", str(src), "--db", str(db), "--local", "0", "--shards", str(shards), "--partition-size", "10"]
    ready = ((lambda: len(list(shards.glob("*.parquet"))) >= 2) if phase == "extracting"
             else (lambda: documents(db) >= 5))
    kill_when(start(args, tmp_path), ready)
    assert start(args, tmp_path).wait(600) == 0
    assert_exactly_once(db)
