"""Services are tested on small frames built in code (tests/analysis/small_frames.py), in an empty store."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _empty_store(data_dir):
    """Every service test runs against an empty HEP_DATA_DIR of its own."""
    yield data_dir
