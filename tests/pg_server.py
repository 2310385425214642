"""A throwaway PostgreSQL server for tests: initdb in a temp dir, unix socket only, torn down after.

Follows the recipe in ../shared/recipes.md (Debian `postgresql` package). Root cannot run initdb,
so the data directory belongs to the `postgres` user and commands run through runuser.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yields a SQLAlchemy URL of a fresh server (database `dossier`), stopped and deleted on exit."""
    binaries = pg_bin()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install -y postgresql)")
    base = Path(tempfile.mkdtemp(prefix="dossier-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data, port = base / "data", _free_port()
    run = lambda *a: subprocess.run(_as_postgres([str(binaries / a[0]), *a[1:]]), check=True,  # noqa: E731
                                    capture_output=True, timeout=60)
    run("initdb", "-D", str(data), "-A", "trust", "-U", "dossier", "-E", "UTF8", "--locale=C.UTF-8")
    run("pg_ctl", "-D", str(data), "-l", str(base / "log"), "-o",
        f"-k {base} -c listen_addresses='' -p {port} -c fsync=off", "-w", "start")
    try:
        run("createdb", "-h", str(base), "-p", str(port), "-U", "dossier", "dossier")
        yield f"postgresql+psycopg://dossier@/dossier?host={base}&port={port}"
    finally:
        subprocess.run(_as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def reset(url: str) -> None:
    """Drop every table of the database so each test starts empty (faster than a new server)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
