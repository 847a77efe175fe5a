#!/usr/bin/env python3
"""Golden values for the sample-based two-sample tests in server/src/stats (ks, kolmogorov,
mannWhitney, cramerVonMises, andersonDarling, wasserstein).

Needs Debian's numpy 1.24 and scipy 1.10 (apt install python3-numpy python3-scipy);
run it with the system interpreter, which has them, from the repository root:

    /usr/bin/python3 test-fixtures/golden/sample_tests.py

It writes sample_tests.json next to itself. The inputs are stored in the JSON with the
expected outputs (rounded to a few decimals, which keeps the file small and makes ties),
so the TypeScript tests run on exactly the same numbers; the numpy seed is fixed, so
rerunning reproduces the file byte for byte. Where scipy raises, or returns NaN, the
expected value is null.

Reference implementations (each case runs all of them on its two samples):
  ks               scipy.stats.ks_2samp(x, y, alternative='two-sided', method='auto');
                   "method" records whether scipy used the exact distribution (both sizes
                   <= 10000 and no "Exact calculation unsuccessful" warning) or kstwo.sf
  mannWhitney      scipy.stats.mannwhitneyu(x, y, alternative='two-sided',
                   method='asymptotic', use_continuity=True)
  cramerVonMises   scipy.stats.cramervonmises_2samp(x, y, method='auto')
  andersonDarling  scipy.stats.anderson_ksamp([x, y], midrank=True): statistic and
                   significance_level; "pValueCapped" records scipy's capping warning
  wasserstein      scipy.stats.wasserstein_distance(x, y)
  energy           scipy.stats.energy_distance(x, y)
  kolmogorov       scipy.stats.kstwo.sf(d, n) on a grid of (n, d) reaching every branch
                   of scipy's _kolmogn
"""
import json
import pathlib
import warnings

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20240612)


def floats(a):
    """A list of Python floats; JSON keeps their shortest round-trip repr exactly."""
    return [float(v) for v in np.asarray(a, dtype=np.float64)]


def number(v):
    """A float, or None for NaN (JSON has no NaN)."""
    v = float(v)
    return None if np.isnan(v) else v


def rounded_sorted(a, decimals=3):
    return np.sort(np.round(np.asarray(a, dtype=np.float64), decimals))


def normal(n, shift=0.0, scale=1.0, decimals=3):
    return rounded_sorted(rng.normal(shift, scale, n), decimals)


def run(f):
    """f()'s result and its warnings' messages, or (None, []) if scipy raises."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = f()
        except (ValueError, IndexError):
            return None, []
    return result, [str(w.message) for w in caught]


def ks(x, y):
    result, messages = run(lambda: stats.ks_2samp(x, y, alternative="two-sided", method="auto"))
    if result is None:
        return None
    exact = max(len(x), len(y)) <= 10000 and not any("Exact calculation unsuccessful" in m for m in messages)
    return {
        "statistic": number(result.statistic),
        "pValue": number(result.pvalue),
        "method": "exact" if exact else "asymptotic",
    }


def mann_whitney(x, y):
    result, _ = run(
        lambda: stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic", use_continuity=True)
    )
    return None if result is None else {"statistic": number(result.statistic), "pValue": number(result.pvalue)}


def cramer_von_mises(x, y):
    result, _ = run(lambda: stats.cramervonmises_2samp(x, y, method="auto"))
    return None if result is None else {"statistic": number(result.statistic), "pValue": number(result.pvalue)}


def anderson_darling(x, y):
    result, messages = run(lambda: stats.anderson_ksamp([x, y], midrank=True))
    if result is None or np.isnan(result.statistic):
        return None
    return {
        "statistic": number(result.statistic),
        "pValue": number(result.significance_level),
        "pValueCapped": any("p-value capped" in m or "p-value floored" in m for m in messages),
    }


def distance(f, x, y):
    result, _ = run(lambda: f(x, y))
    return None if result is None else number(result)


# Large samples are stored once and named by the cases that use them.
samples = {
    "normal 10000": normal(10000),
    "normal 9000, shift 0.05": normal(9000, 0.05),
    "normal 12000": normal(12000),
    "normal 11000, shift 0.03": normal(11000, 0.03),
    "normal 10001, 2 decimals": normal(10001, 0.0, 1.0, 2),
    "normal 10001, shift 0.04, 2 decimals": normal(10001, 0.04, 1.0, 2),
}


def case(name, x, y):
    """x and y are arrays, or names of entries in `samples`."""
    xs = samples[x] if isinstance(x, str) else np.asarray(x, dtype=np.float64)
    ys = samples[y] if isinstance(y, str) else np.asarray(y, dtype=np.float64)
    return {
        "name": name,
        "reference": x if isinstance(x, str) else floats(xs),
        "current": y if isinstance(y, str) else floats(ys),
        "ks": ks(xs, ys),
        "mannWhitney": mann_whitney(xs, ys),
        "cramerVonMises": cramer_von_mises(xs, ys),
        "andersonDarling": anderson_darling(xs, ys),
        "wasserstein": distance(stats.wasserstein_distance, xs, ys),
        "energy": distance(stats.energy_distance, xs, ys),
    }


identical = normal(50)
integers = np.sort(rng.integers(0, 6, 70).astype(float))
cases = [
    # Tiny samples: where scipy raises the expected value is null.
    case("one value each", [0.5], [0.7]),
    case("one value each, equal", [0.5], [0.5]),
    case("one against two", [0.0], [1.0, 2.0]),
    case("one inside two", [1.0], [0.0, 2.0]),
    case("two against two, separated", [1.0, 2.0], [3.0, 4.0]),
    case("two against three, interleaved", [1.0, 2.0], [0.5, 1.5, 3.0]),
    case("three against three, identical", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
    case("every value tied", [1.0, 1.0], [1.0, 1.0, 1.0]),
    case("three against four, shifted", [0.1, 0.4, 0.9], [0.8, 1.2, 1.3, 2.0]),
    # Ties.
    case("small integers, 30 vs 40", integers[:30], integers[30:]),
    case("one decimal, 200 vs 300, shift 0.3", normal(200, 0.0, 1.0, 1), normal(300, 0.3, 1.0, 1)),
    case("half the values at zero", np.sort(np.concatenate([np.zeros(60), normal(40)])), np.sort(np.concatenate([np.zeros(30), normal(70, 0.5)]))),
    case("identical samples, 50", identical, identical),
    # Cramér–von Mises exact (both sizes <= 20) and asymptotic.
    case("7 vs 9, shift 1", normal(7), normal(9, 1.0)),
    case("12 vs 15 integers", np.sort(rng.integers(0, 8, 12).astype(float)), np.sort(rng.integers(1, 9, 15).astype(float))),
    case("20 vs 20, shift 0.8", normal(20), normal(20, 0.8)),
    case("5 vs 20", normal(5, 0.5), normal(20)),
    case("20 vs 6, separated", normal(20), normal(6, 4.0)),
    case("21 vs 30, shift 0.6", normal(21), normal(30, 0.6)),
    # Shifted normals and different sizes.
    case("97 vs 89, shift 0.3 (coprime sizes)", normal(97), normal(89, 0.3)),
    case("100 vs 120, shift 0.5", normal(100), normal(120, 0.5)),
    case("500 vs 500, shift 0.1", normal(500), normal(500, 0.1)),
    case("20 vs 2000", normal(20, 0.2), normal(2000)),
    case("1000 vs 800, scale 1.3", normal(1000), normal(800, 0.0, 1.3)),
    case("same distribution, 300 vs 400", normal(300), normal(400)),
    # Small p-values, about 1e-5 down to 1e-10, then far below.
    case("2000 vs 1500, shift 0.2", normal(2000), normal(1500, 0.2)),
    case("1000 vs 800, shift 0.25", normal(1000), normal(800, 0.25)),
    case("200 vs 250, shift 0.5", normal(200), normal(250, 0.5)),
    case("300 vs 300, shift 0.45", normal(300), normal(300, 0.45)),
    case("150 vs 150, shift 0.9", normal(150), normal(150, 0.9)),
    case("500 vs 600, shift 0.35", normal(500), normal(600, 0.35)),
    case("300 vs 400, shift 3", normal(300), normal(400, 3.0)),
    case("50 vs 60, separated", normal(50), normal(60, 10.0)),
    # Kolmogorov–Smirnov at the exact limit, then asymptotic.
    case("10000 vs 9000, shift 0.05 (exact KS at the limit)", "normal 10000", "normal 9000, shift 0.05"),
    case("12000 vs 11000, shift 0.03 (asymptotic KS)", "normal 12000", "normal 11000, shift 0.03"),
    case("10001 vs 10001, shift 0.04 (n·m/(n+m) = 5000.5)", "normal 10001, 2 decimals", "normal 10001, shift 0.04, 2 decimals"),
    case("12000 vs 60, shift 0.3 (asymptotic, small n)", "normal 12000", normal(60, 0.3)),
    case("12000 vs 40, shift 1.2 (asymptotic, small n, tiny p)", "normal 12000", normal(40, 1.2)),
    case("12000 vs 400, shift 0.1 (asymptotic)", "normal 12000", normal(400, 0.1)),
    case("12000 vs 400, shift 0.4 (asymptotic, tiny p)", "normal 12000", normal(400, 0.4)),
    case("12000 vs 3, shifted (asymptotic, n = 3)", "normal 12000", [0.5, 1.1, 2.3]),
    case("12000 vs 1 (asymptotic, n = 1)", "normal 12000", [0.3]),
]


def kolmogorov_grid():
    sizes = [1, 2, 3, 5, 10, 37, 140, 141, 500, 4999, 50000, 100000, 100001, 400000, 1000000, 1000001, 3000000]
    points = []
    for n in sizes:
        ds = {0.5 / n, 0.75 / n, 1.0 / n, 1.5 / n, 0.3, 0.5, 0.7, 0.99, 1 - 1.0 / n}
        ds |= {z / np.sqrt(n) for z in [0.2, 0.4, 0.6, 0.8, 0.9, 1.0, 1.2, 1.4, 1.6, 2.0, 2.5, 3.0, 4.0, 5.0, 8.0, 13.0]}
        for d in sorted(ds):
            if 0 < d < 1:
                points.append({"n": n, "d": float(d), "sf": number(stats.kstwo.sf(d, n))})
    return points


golden = {
    "generator": "test-fixtures/golden/sample_tests.py",
    "numpy": np.__version__,
    "scipy": scipy.__version__,
    "samples": {name: floats(values) for name, values in samples.items()},
    "cases": cases,
    "kolmogorov": kolmogorov_grid(),
}
out = pathlib.Path(__file__).with_name("sample_tests.json")
out.write_text(json.dumps(golden, separators=(",", ":")) + "\n")
print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(cases)} cases)")
