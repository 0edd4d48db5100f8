"""Fixtures for the statistics tests: the PHEindicatormethods reference files read in place from
../shared/methods (skipped when absent), and a tally of reference results reproduced per method,
printed at the end of the run (and written as a markdown table to $HEP_METHODS_TABLE when set)."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import settings

TALLY: Counter[str] = Counter()
NO_METHODS = "../shared/methods is absent (set HEP_SHARED_DIR): the PHEindicatormethods reference results cannot run"


def methods_dir() -> Path | None:
    shared = settings.shared_dir()
    folder = shared / "methods" / "PHEindicatormethods" if shared is not None else None
    return folder if folder is not None and folder.is_dir() else None


def reference_path(name: str) -> Path:
    folder = methods_dir()
    if folder is None:
        pytest.skip(NO_METHODS)
    return folder / name


def read_sheet(name: str, sheet: str) -> pd.DataFrame:
    folder = methods_dir()
    if folder is None:
        return pd.DataFrame()
    return pd.read_excel(folder / name, sheet_name=sheet)


def read_csv(name: str) -> pd.DataFrame:
    folder = methods_dir()
    if folder is None:
        return pd.DataFrame()
    return pd.read_csv(folder / name)


@pytest.fixture
def reproduced():
    """Call reproduced(method, n=1) after a reference result has been checked."""

    def record(method: str, n: int = 1) -> None:
        TALLY[method] += n

    return record


def table() -> str:
    lines = ["| method | reference results reproduced |", "|---|---:|"]
    lines += [f"| {method} | {count} |" for method, count in sorted(TALLY.items())]
    lines.append(f"| **total** | **{sum(TALLY.values())}** |")
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not TALLY:
        return
    terminalreporter.section("PHEindicatormethods reference results reproduced")
    terminalreporter.write_line(table())
    target = os.environ.get("HEP_METHODS_TABLE")
    if target:
        Path(target).write_text(table() + "\n", encoding="utf-8")
