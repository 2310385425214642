from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
from beside import EVAL, SHARED  # noqa: F401  (../shared, found from main or a worktree)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    p = EVAL / "seed" / "article.txt"
    if not p.exists():
        pytest.skip("../shared/eval is not beside this checkout")
    return p
