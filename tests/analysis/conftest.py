"""Fixtures for the analysis tests: the shared Fingertips sample as typed frames (read in place).

`sample_csv` and `sample_metadata_csv` come from tests/conftest.py and skip when ../shared is absent.
"""

from __future__ import annotations

import pandas as pd
import pytest
from analysis_sample import load_metadata, load_values


@pytest.fixture(scope="session")
def sample_values(sample_csv) -> pd.DataFrame:
    return load_values(sample_csv)


@pytest.fixture(scope="session")
def sample_metadata(sample_metadata_csv) -> pd.DataFrame:
    return load_metadata(sample_metadata_csv)
