"""Wilson, Byar's / exact Poisson and Student's t limits against PHEindicatormethods' reference sheets."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import methods
from tests.analysis.methods.conftest import read_sheet, reference_path

TOL = 1e-6  # the package compares with expect_equal's default (1.5e-8); its sheets hold 1e-6 or better


def rows(name, sheet):
    frame = read_sheet(name, sheet)
    return [pytest.param(row, id=f"{sheet}-{i}") for i, row in frame.iterrows()] or [pytest.param(None, id="absent")]


def close(actual, expected):
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float),
                               rtol=TOL, atol=1e-9, equal_nan=True)


@pytest.mark.parametrize("row", rows("testdata_Proportion.xlsx", "testdata_Prop"))
def test_wilson_reference(row, reproduced):
    reference_path("testdata_Proportion.xlsx")
    low95, up95 = methods.wilson_ci(row.Numerator, row.Denominator, 0.95, row.multiplier)
    low998, up998 = methods.wilson_ci(row.Numerator, row.Denominator, 0.998, row.multiplier)
    close([low95, up95, low998, up998], [row.lower95_0cl, row.upper95_0cl, row.lower99_8cl, row.upper99_8cl])
    reproduced("Proportion (Wilson)")


@pytest.mark.parametrize("row", rows("testdata_Proportion.xlsx", "testdata_Prop_g"))
def test_wilson_grouped_reference(row, reproduced):
    reference_path("testdata_Proportion.xlsx")
    level = 0.998 if "99.8" in str(row.confidence) else 0.95
    close(methods.wilson_ci(row.Numerator, row.Denominator, level, row.multiplier), [row.lowercl, row.uppercl])
    reproduced("Proportion (Wilson)")


@pytest.mark.parametrize("row", rows("testdata_Rate.xlsx", "testdata_Rate"))
def test_byars_rate_reference(row, reproduced):
    reference_path("testdata_Rate.xlsx")
    low95, up95 = methods.byars_ci(row.Numerator, row.Denominator, 0.95, row.multiplier)
    low998, up998 = methods.byars_ci(row.Numerator, row.Denominator, 0.998, row.multiplier)
    close([low95, up95, low998, up998], [row.lower95_0cl, row.upper95_0cl, row.lower99_8cl, row.upper99_8cl])
    reproduced("Rate (Byar's / exact)")


@pytest.mark.parametrize("row", rows("testdata_Rate.xlsx", "testdata_Rate_g"))
def test_byars_rate_grouped_reference(row, reproduced):
    reference_path("testdata_Rate.xlsx")
    close(methods.byars_ci(row.Numerator, row.Denominator, 0.95, row.multiplier), [row.lowercl, row.uppercl])
    reproduced("Rate (Byar's / exact)")


@pytest.mark.parametrize("row", rows("testdata_Byars_Wilson.xlsx", "testdata_B_W"))
def test_byars_and_wilson_limits_reference(row, reproduced):
    reference_path("testdata_Byars_Wilson.xlsx")
    level = 0.998 if "99.8" in str(row.confidence) else 0.95
    if row.method == "Byars":
        actual = [methods.byars_lower(row.x, level), methods.byars_upper(row.x, level)]
    else:
        actual = list(methods.wilson_ci(row.x, row.n, level, multiplier=1))
    close(actual, [row.lowercl, row.uppercl])
    reproduced("Byars_Wilson")


def test_mean_reference(reproduced):
    reference_path("testdata_Mean.xlsx")
    values = read_sheet("testdata_Mean.xlsx", "testdata_Mean")
    expected = read_sheet("testdata_Mean.xlsx", "testdata_Mean_results").set_index("area")
    groups = {**{a: g["values"] for a, g in values.groupby("area")}, "No grouping": values["values"]}
    for area, data in groups.items():
        mean, sd, n = data.mean(), data.std(ddof=1), data.size
        row = expected.loc[area]
        close([mean, sd, n], [row.value, row.stdev, row.value_count])
        close([*methods.mean_ci(mean, sd, n, 0.95), *methods.mean_ci(mean, sd, n, 0.998)],
              [row.lower95_0cl, row.upper95_0cl, row.lower99_8cl, row.upper99_8cl])
        reproduced("Mean (Student's t)")
