"""Services are tested on small frames built in code (tests/analysis/small_frames.py), in an empty store."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))


@pytest.fixture(autouse=True)
def _empty_store(data_dir):
    """Every service test runs against an empty HEP_DATA_DIR of its own."""
    yield data_dir
