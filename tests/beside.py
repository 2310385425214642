"""Where ../shared (the team's gold files and tools) sits: beside the checkout for main, one level further
up for a git worktree (/work/wt/NAME). Tests that need it skip when it is absent (CI's clean clone)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), ROOT.parent / "shared")
EVAL = SHARED / "eval"
TOOLS = SHARED / "tools"
