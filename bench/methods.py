"""Speed of analysis.methods next to a plain numpy baseline of the same formula, in the same run.

    python bench/methods.py

Figures (each is the best of 3 runs):
  wilson_1m_ms / wilson_numpy_1m_ms       Wilson 95% limits for one million rows
  byars_1m_ms / byars_numpy_1m_ms         Byar's / exact Poisson 95% limits for one million rows
  dsr_10k_areas_ms / dsr_numpy_10k_ms     DSRs with Dobson limits for 10,000 areas x 19 age bands
  life_tables_10k_ms / life_numpy_10k_ms  life expectancy at every age for 10,000 areas x 20 bands
The baselines are the bare formulas on ready 2-D arrays; the methods' figures include validation and,
for the DSR and life tables, grouping a long frame by area (the way the dashboard holds the data).
The last line printed is a JSON object of the figures.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import special, stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from analysis import methods  # noqa: E402
from analysis.methods import life_tables  # noqa: E402
from bench.common import best_of  # noqa: E402

ROWS, AREAS = 1_000_000, 10_000
Z = stats.norm.ppf(0.975)


def numpy_wilson(x, n):
    spread = Z * np.sqrt(Z**2 + 4 * x * (1 - x / n))
    return (2 * x + Z**2 - spread) / 2 / (n + Z**2) * 100, (2 * x + Z**2 + spread) / 2 / (n + Z**2) * 100


def numpy_byars(x, n):
    with np.errstate(invalid="ignore", divide="ignore"):
        lo = x * (1 - 1 / (9 * x) - Z / (3 * np.sqrt(x))) ** 3
        hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + Z / (3 * np.sqrt(x + 1))) ** 3
    exact = x < 10
    small = x[exact]
    lo[exact] = np.where(small > 0, special.gammaincinv(np.maximum(small, 1), 0.025), 0)
    hi[exact] = special.gammaincinv(small + 1, 0.975)
    return lo / n * 1e5, hi / n * 1e5


def numpy_dsr(x, n):
    std = methods.ESP2013
    value = (std * x / n).sum(axis=1) / std.sum()
    var = (std**2 * x / n**2).sum(axis=1) / std.sum() ** 2
    total = x.sum(axis=1)
    lo = total * (1 - 1 / (9 * total) - Z / (3 * np.sqrt(total))) ** 3
    hi = (total + 1) * (1 - 1 / (9 * (total + 1)) + Z / (3 * np.sqrt(total + 1))) ** 3
    spread = np.sqrt(var / total)
    return value * 1e5, (value + spread * (lo - total)) * 1e5, (value + spread * (hi - total)) * 1e5


def numpy_life(pop, deaths):
    m = deaths / pop
    n = np.append(np.diff(life_tables.START_AGES), 0.0)
    a = np.where(life_tables.START_AGES == 0, 0.1, 0.5)
    q = m * n / (1 + m * n * (1 - a))
    q[:, -1] = 1
    lx = 1e5 * np.cumprod(np.hstack([np.ones((len(pop), 1)), 1 - q[:, :-1]]), axis=1)
    nxt = np.hstack([lx[:, 1:], np.zeros((len(pop), 1))])
    big_l = n * (nxt + a * (lx - nxt))
    big_l[:, -1] = lx[:, -1] / m[:, -1]
    return np.cumsum(big_l[:, ::-1], axis=1)[:, ::-1] / lx


def figures() -> dict:
    rng = np.random.default_rng(1)
    n = rng.integers(100, 100_000, ROWS).astype(float)
    x = np.floor(n * rng.uniform(0, 0.3, ROWS))
    out = {"wilson_1m_ms": best_of(lambda: methods.wilson_ci(x, n)), "wilson_numpy_1m_ms": best_of(lambda: numpy_wilson(x, n)),
           "byars_1m_ms": best_of(lambda: methods.byars_ci(x, n)), "byars_numpy_1m_ms": best_of(lambda: numpy_byars(x, n))}
    pops = rng.integers(2_000, 20_000, (AREAS, 19)).astype(float)
    counts = np.floor(pops * rng.uniform(0.001, 0.05, (AREAS, 19)))
    frame = pd.DataFrame({"area": np.repeat(np.arange(AREAS), 19), "count": counts.ravel(), "population": pops.ravel()})
    out["dsr_10k_areas_ms"] = best_of(lambda: methods.dsr_by_group(frame, "area"))
    out["dsr_numpy_10k_ms"] = best_of(lambda: numpy_dsr(counts, pops))
    lpop = rng.integers(3_000, 40_000, (AREAS, 20)).astype(float)
    ldeaths = np.floor(lpop * np.linspace(0.0005, 0.15, 20) * rng.uniform(0.8, 1.2, (AREAS, 20))) + 1
    lframe = pd.DataFrame({"area": np.repeat(np.arange(AREAS), 20), "start_age": np.tile(life_tables.START_AGES, AREAS),
                           "population": lpop.ravel(), "deaths": ldeaths.ravel()})
    out["life_tables_10k_ms"] = best_of(lambda: methods.life_expectancy_by_group(lframe, "area"))
    out["life_numpy_10k_ms"] = best_of(lambda: numpy_life(lpop, ldeaths))
    return {k: round(v * 1000, 1) for k, v in out.items()}


def main() -> None:
    result = figures()
    pairs = [("Wilson, 1M rows", "wilson_1m_ms", "wilson_numpy_1m_ms"), ("Byar's, 1M rows", "byars_1m_ms", "byars_numpy_1m_ms"),
             ("DSR, 10k areas x 19", "dsr_10k_areas_ms", "dsr_numpy_10k_ms"),
             ("Life tables, 10k areas x 20", "life_tables_10k_ms", "life_numpy_10k_ms")]
    for label, ours, base in pairs:
        print(f"{label:30} methods {result[ours]:9.1f} ms   numpy baseline {result[base]:9.1f} ms   "
              f"ratio {result[ours] / result[base]:5.2f}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
