"""Hypothesis properties of the methods: ordered limits, wider at 99.8%, monotone in count, polarity flips."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import methods

counts = st.integers(0, 100000)


@st.composite
def count_and_denominator(draw):
    n = draw(st.integers(1, 10**7))
    return draw(st.integers(0, n)), n


@given(count_and_denominator())
@settings(deadline=None, max_examples=60)
def test_wilson_orders_and_widens(case):
    x, n = case
    low95, up95 = methods.wilson_ci(x, n, 0.95)
    low998, up998 = methods.wilson_ci(x, n, 0.998)
    value = 100 * x / n
    assert low998 - 1e-9 <= low95 - 1e-12 <= value + 1e-9 and value - 1e-9 <= up95 <= up998 + 1e-9
    assert 0 - 1e-9 <= low998 and up998 <= 100 + 1e-9


@given(counts, st.integers(1, 10**7))
@settings(deadline=None, max_examples=60)
def test_rates_order_widen_and_grow_with_count(x, n):
    low95, up95 = methods.byars_ci(x, n, 0.95)
    low998, up998 = methods.byars_ci(x, n, 0.998)
    rate = x / n * 100000
    assert low998 <= low95 + 1e-9 and low95 <= rate + 1e-9 and rate <= up95 + 1e-9 and up95 <= up998 + 1e-9
    low_next, up_next = methods.byars_ci(x + 1, n, 0.95)
    assert low_next >= low95 - 1e-9 and up_next >= up95 - 1e-9


@given(st.floats(-1e6, 1e6), st.floats(0.001, 1e4), st.integers(2, 10**6))
@settings(deadline=None, max_examples=60)
def test_mean_limits_order_and_widen(mean, sd, n):
    low95, up95 = methods.mean_ci(mean, sd, n, 0.95)
    low998, up998 = methods.mean_ci(mean, sd, n, 0.998)
    assert low998 <= low95 <= mean <= up95 <= up998


@given(st.lists(st.integers(0, 500), min_size=19, max_size=19).filter(lambda c: sum(c) >= 10),
       st.lists(st.integers(1000, 100000), min_size=19, max_size=19))
@settings(deadline=None, max_examples=60)
def test_dsr_orders_and_widens(count, pop):
    value, low95, up95 = methods.dsr(count, pop)
    _, low998, up998 = methods.dsr(count, pop, confidence=0.998)
    assert low998 <= low95 <= value <= up95 <= up998


@given(st.lists(st.floats(0, 1000), min_size=1, max_size=30), st.floats(0, 1000),
       st.sampled_from(["ci_overlap", "double_overlap"]))
@settings(deadline=None, max_examples=60)
def test_flipping_polarity_swaps_better_and_worse(values, comparator, method):
    value = np.array(values)
    lower, upper = value * 0.95, value * 1.05
    args = (value, lower, upper, comparator, comparator * 0.98, comparator * 1.02)
    high = methods.compare(*args, method=method, polarity="High is good")
    low = methods.compare(*args, method=method, polarity="Low is good")
    swap = {"Better": "Worse", "Worse": "Better", "Similar": "Similar", "Not compared": "Not compared"}
    assert [swap[w] for w in high] == list(low)


@given(st.lists(st.floats(0, 1000), min_size=1, max_size=30), st.floats(1, 1000))
@settings(deadline=None, max_examples=60)
def test_flipping_polarity_swaps_two_level_words(values, comparator):
    value = np.array(values)
    args = (value, value * 0.97, value * 1.03, comparator)
    kw = {"method": "two_levels", "lower_998": value * 0.95, "upper_998": value * 1.05}
    high = methods.compare(*args, polarity="High is good", **kw)
    low = methods.compare(*args, polarity="Low is good", **kw)
    swap = {"Better": "Worse", "Worse": "Better"}
    assert [" ".join(swap.get(p, p) for p in w.split(" ")) if w.split()[0] in swap else w for w in high] == list(low)
