"""Decomposition speed: 10,000 pairs of life tables, vectorised against a plain loop; last line is JSON.

    python bench/decomposition.py [--pairs 10000]

Each pair is PHE's 20-band table (life_expectancy_df1 shape, built in code with random death rates):
both life tables, then Arriaga by age. The vectorised run does all pairs at once along a leading axis
(analysis.decomposition.life_table_arrays / arriaga_arrays); the plain loop calls abridged_life_table and arriaga
once per pair, as a page would; the array loop calls the numpy cores once per pair. The two must agree to 1e-9.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from analysis.decomposition import (  # noqa: E402
    PHE_START_AGES,
    abridged_life_table,
    arriaga,
    arriaga_arrays,
    life_table_arrays,
)


def inputs(pairs: int, seed: int = 14) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    ages = np.array(PHE_START_AGES, dtype=float)
    population = rng.integers(5_000, 60_000, size=(2, pairs, len(ages))).astype(float)
    rates = 0.00004 * np.exp(0.09 * ages) * rng.uniform(0.6, 1.6, size=(2, pairs, 1))
    deaths = rng.poisson(population * rates).astype(float) + 1
    return population[0], deaths[0], population[1], deaths[1]


def vectorised(ages, pop_a, d_a, pop_b, d_b) -> np.ndarray:
    a = life_table_arrays(ages, pop_a, d_a)
    b = life_table_arrays(ages, pop_b, d_b)
    return arriaga_arrays(a["lx"], a["ex"], b["lx"], b["ex"])["total"]


def loop(ages, pop_a, d_a, pop_b, d_b) -> np.ndarray:
    out = np.empty_like(pop_a)
    for i in range(len(pop_a)):
        a = abridged_life_table(ages, pop_a[i], d_a[i])
        b = abridged_life_table(ages, pop_b[i], d_b[i])
        out[i] = arriaga(ages, a["lx"], a["ex"], b["lx"], b["ex"])["total"].to_numpy()
    return out


def loop_arrays(ages, pop_a, d_a, pop_b, d_b) -> np.ndarray:
    return np.stack([vectorised(ages, pop_a[i], d_a[i], pop_b[i], d_b[i]) for i in range(len(pop_a))])


def timed(fn, *args) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    pairs = parser.parse_args().pairs
    ages = np.array(PHE_START_AGES, dtype=float)
    data = inputs(pairs)
    vec_s, vec = min((timed(vectorised, ages, *data) for _ in range(3)), key=lambda t: t[0])
    loop_s, slow = timed(loop, ages, *data)
    arrays_s, arrays = timed(loop_arrays, ages, *data)
    agree = float(max(np.max(np.abs(vec - slow)), np.max(np.abs(vec - arrays))))
    assert agree < 1e-9, agree
    print(f"{pairs:,} pairs of 20-band life tables, decomposed by age (Arriaga)")
    print(f"  vectorised: {vec_s * 1000:9.1f} ms  ({vec_s / pairs * 1e6:.2f} µs a pair)")
    print(f"  plain loop: {loop_s * 1000:9.1f} ms  ({loop_s / pairs * 1e6:.1f} µs a pair; DataFrames per pair)")
    print(f"  array loop: {arrays_s * 1000:9.1f} ms  ({arrays_s / pairs * 1e6:.1f} µs a pair; numpy per pair)")
    print(f"  speed-up:   {loop_s / vec_s:9.0f}×   (largest difference {agree:.1e} years)")
    print(json.dumps({"pairs": pairs, "vectorised_ms": round(vec_s * 1000, 2), "loop_ms": round(loop_s * 1000, 1),
                      "array_loop_ms": round(arrays_s * 1000, 1),
                      "speedup": round(loop_s / vec_s, 1), "max_abs_diff_years": agree}))


if __name__ == "__main__":
    main()
