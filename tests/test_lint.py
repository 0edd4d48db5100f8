"""ruff (lint, import order and the complexity limit of pyproject.toml) passes on the whole tree; mypy on the data layers."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_is_clean_including_complexity():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_complexity_limit_is_switched_on():
    text = (ROOT / "pyproject.toml").read_text()
    assert '"C90"' in text and "max-complexity = 12" in text


def test_mypy_is_clean_on_the_data_layers():
    """The layers whose types the store and statistics depend on (pyproject.toml's [tool.mypy])."""
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "connectors", "store", "analysis"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
