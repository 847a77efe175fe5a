#!/usr/bin/env python3
"""Golden values for the binned and categorical drift statistics and the numeric
summaries in server/src/stats (quantiles, summary, binning, categories, psi,
divergences, chiSquare, zTest).

Needs Debian's numpy 1.24 and scipy 1.10 (apt install python3-numpy python3-scipy);
run it with the system interpreter, which has them, from the repository root:

    /usr/bin/python3 test-fixtures/golden/binned_tests.py

It writes binned_tests.json next to itself. The inputs are stored in the JSON with
the expected outputs, so the TypeScript tests run on exactly the same numbers; the
numpy seed is fixed, so rerunning reproduces the file byte for byte.

Reference implementations:
  quantiles    numpy.quantile(x, q)                 ('linear', the default)
  summary      numpy.mean, numpy.std(ddof=1), numpy.quantile
  binning      numpy.quantile at i/bins for the candidate edges, kept only when a
               reference value lies in [previous kept edge, edge), between the
               reference minimum and numpy.nextafter(maximum, inf) (see
               quantile_bin_edges); numpy.histogram(x, bins=[-inf, *edges, inf]);
               numpy.histogram(x, bins, range=(min, max)) for equal-width bins
  categories   numpy.bincount(codes[codes >= 0], minlength=k)
  psi          no scipy function: the formula in numpy, proportions floored at 1e-4
  divergences  scipy.spatial.distance.jensenshannon(p, q) (its default base e, as
               Evidently calls it); scipy.stats.entropy(reference, current) on floored
               proportions, D(reference || current) as Evidently's kl_div; Hellinger in
               numpy. A cross-check against NannyML's published behaviour: distributions
               that do not overlap are at the maximum, 1 in bits, for Jensen-Shannon and
               Hellinger (docs/how_it_works/univariate_drift_comparison.rst, "Experiment
               2"; NannyML reports 0.9996 and 0.9995 for N(0, 1) against N(7, 1)).
  chiSquare    scipy.stats.chi2_contingency(np.array([ref, cur]), correction=False),
               categories zero on both sides dropped first
  zTest        pooled two-proportion z-test (statsmodels' proportions_ztest formula)
               with scipy.stats.norm.sf
"""
import json
import pathlib

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

FLOOR = 1e-4
SUMMARY_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95]
rng = np.random.default_rng(20240611)


def floats(a):
    """A list of Python floats; JSON keeps their shortest round-trip repr exactly."""
    return [float(v) for v in np.asarray(a, dtype=np.float64)]


def rounded_sorted(a, decimals):
    """Sorted, rounded to keep the JSON small (and to make ties)."""
    return np.sort(np.round(np.asarray(a, dtype=np.float64), decimals))


# --- quantiles -------------------------------------------------------------------

QUANTILE_QS = [0.0, 0.001, 0.05, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 0.95, 0.999, 1.0] + floats(
    np.arange(1, 10) / 10
)


def quantile_case(name, sorted_values):
    return {
        "name": name,
        "sorted": floats(sorted_values),
        "q": QUANTILE_QS,
        "expected": floats(np.quantile(sorted_values, QUANTILE_QS)),
    }


quantile_cases = [
    quantile_case("single value", np.array([3.5])),
    quantile_case("two values", np.array([-1.0, 2.0])),
    quantile_case("ties", np.array([0, 0, 0, 1, 1, 2, 5, 5, 5, 5], dtype=float)),
    quantile_case("normal, n = 1001", np.sort(rng.standard_normal(1001))),
    quantile_case("normal, n = 1000", np.sort(rng.standard_normal(1000))),
    quantile_case("five integers repeated, n = 997", np.sort(rng.integers(0, 5, 997).astype(float))),
    quantile_case("large magnitude", np.sort(1e15 + rng.integers(0, 100, 51).astype(float))),
    quantile_case("tiny and negative", np.sort(rng.standard_normal(37) * 1e-300)),
]


# --- summary ---------------------------------------------------------------------


def summary_case(name, sorted_values):
    q = np.quantile(sorted_values, SUMMARY_QUANTILES)
    return {
        "name": name,
        "sorted": floats(sorted_values),
        "expected": {
            "count": int(sorted_values.size),
            "mean": float(np.mean(sorted_values)),
            "std": float(np.std(sorted_values, ddof=1)),
            "min": float(sorted_values[0]),
            "max": float(sorted_values[-1]),
            "quantiles": dict(zip(["p05", "p25", "p50", "p75", "p95"], floats(q))),
        },
    }


symmetric = rng.standard_normal(2500)
summary_cases = [
    # Longer than numpy's 8192-value summation chunk, so the chunking is exercised.
    summary_case("normal, n = 10000", np.sort(rng.standard_normal(10000))),
    summary_case("offset 1e6 + normal, n = 9000", np.sort(1e6 + rng.standard_normal(9000))),
    summary_case("two values", np.array([1.0, 4.0])),
    summary_case("integers 0-3 repeated, n = 5000", np.sort(rng.integers(0, 4, 5000).astype(float))),
    summary_case("lognormal", rounded_sorted(rng.lognormal(0, 2, 3000), 6)),
    summary_case("symmetric around 0 (mean near zero)", np.sort(np.concatenate([symmetric, -symmetric]))),
    summary_case("constant", np.full(300, 7.25)),
]


# --- binning ---------------------------------------------------------------------


def quantile_bin_edges(reference, bins):
    """The rule of quantileBinEdges: the reference minimum, numpy deciles (for bins = 10),
    each kept only if a reference value lies in [previous kept edge, edge), so no reference
    bin between the outer two is empty, and the double above the reference maximum: the
    open outer bins hold only current values beyond the reference's range."""
    candidates = np.quantile(reference, np.arange(1, bins) / bins)
    edges, below_previous = [reference[0]], 0
    for edge in candidates:
        below = int(np.searchsorted(reference, edge, side="left"))
        if below > below_previous:
            edges.append(edge)
            below_previous = below
    edges.append(np.nextafter(reference[-1], np.inf))
    return np.array(edges, dtype=np.float64)


def open_histogram(values, edges):
    return np.histogram(values, bins=np.concatenate([[-np.inf], edges, [np.inf]]))[0]


def binning_case(name, reference, current, bins=10):
    edges = quantile_bin_edges(reference, bins)
    reference_counts = open_histogram(reference, edges)
    assert reference_counts[0] == reference_counts[-1] == 0 and reference_counts[1:-1].min() > 0, name
    return {
        "name": name,
        "reference": floats(reference),
        "current": floats(current),
        "bins": bins,
        "edges": floats(edges),
        "plainDecileEdges": floats(np.unique(np.quantile(reference, np.arange(1, bins) / bins))),
        "referenceCounts": floats(reference_counts),
        "currentCounts": floats(open_histogram(current, edges)),
    }


poisson_reference = np.sort(rng.poisson(3, 3000).astype(float))
zero_inflated_reference = np.sort(
    np.where(rng.random(4000) < 0.6, 0.0, np.round(rng.exponential(5, 4000), 3))
)
tie_reference = rounded_sorted(rng.standard_normal(2000), 1)
tie_edges = quantile_bin_edges(tie_reference, 10)
binning_cases = [
    binning_case(
        "normal, no shift",
        np.sort(rng.standard_normal(5000)),
        np.sort(rng.standard_normal(5000)),
    ),
    binning_case(
        "normal, shifted",
        rounded_sorted(rng.standard_normal(4000), 5),
        rounded_sorted(rng.normal(0.3, 1.1, 4000), 5),
    ),
    binning_case(
        "Poisson counts: heavy ties on the edges",
        poisson_reference,
        np.sort(rng.poisson(3.5, 3000).astype(float)),
    ),
    binning_case(
        "zero-inflated reference: deciles collapse onto the minimum",
        zero_inflated_reference,
        np.sort(
            np.concatenate(
                [
                    np.where(rng.random(2500) < 0.4, 0.0, np.round(rng.exponential(6, 2500), 3)),
                    -np.round(rng.exponential(1, 100), 3),
                ]
            )
        ),
    ),
    binning_case(
        "current values equal to the edges",
        tie_reference,
        np.sort(np.concatenate([np.repeat(tie_edges, 7), rounded_sorted(rng.normal(0.2, 1, 500), 1)])),
    ),
    binning_case(
        "very unequal sizes",
        rounded_sorted(rng.standard_normal(20000), 3),
        rounded_sorted(rng.normal(0.5, 1, 30), 3),
    ),
    binning_case("constant reference: one bin", np.full(200, 5.0), rounded_sorted(rng.normal(5, 1, 200), 2)),
    binning_case(
        "small reference: interpolated edges",
        np.array([1.0, 2.0, 2.0, 2.0, 3.0, 7.0, 9.0]),
        np.array([0.0, 2.0, 2.5, 3.0, 4.0, 8.0, 9.0, 10.0]),
    ),
    binning_case(
        "5 bins",
        rounded_sorted(rng.gamma(2, 2, 1500), 4),
        rounded_sorted(rng.gamma(2.5, 2, 1500), 4),
        bins=5,
    ),
    binning_case(
        "20 bins",
        rounded_sorted(rng.standard_normal(3000), 4),
        rounded_sorted(rng.standard_t(3, 3000), 4),
        bins=20,
    ),
]
# Cases of their own generator, so that the inputs of the cases above stay as they were.
beyond_rng = np.random.default_rng(20261203)
binning_cases += [
    binning_case(
        # NannyML's experiment: 1,000 rows each side.
        "disjoint: N(0, 1) against N(7, 1)",
        np.sort(beyond_rng.standard_normal(1000)),
        np.sort(beyond_rng.normal(7, 1, 1000)),
    ),
    binning_case(
        "current beyond the reference's range on both sides",
        rounded_sorted(beyond_rng.uniform(0, 1, 2000), 3),
        rounded_sorted(beyond_rng.uniform(-0.5, 1.5, 2000), 3),
    ),
]


def equal_width_case(name, values, low, high, bins):
    counts, edges = np.histogram(values, bins=bins, range=(low, high))
    assert np.array_equal(edges, np.histogram_bin_edges(values, bins=bins, range=(low, high)))
    return {
        "name": name,
        "values": floats(values),
        "min": float(low),
        "max": float(high),
        "bins": bins,
        "edges": floats(edges),
        "counts": floats(counts),
    }


display_values = rounded_sorted(rng.standard_normal(2000), 2)
equal_width_cases = [
    equal_width_case("full range, 30 bins", display_values, display_values[0], display_values[-1], 30),
    equal_width_case("narrower range drops the outside values", display_values, -1.0, 1.3, 7),
    equal_width_case("ties on the edges", np.sort(rng.integers(0, 11, 500).astype(float)), 0.0, 10.0, 10),
    equal_width_case("constant values widen the range", np.full(10, 2.0), 2.0, 2.0, 4),
]


# --- categories ------------------------------------------------------------------

category_codes = rng.integers(-1, 5, 3000).astype(np.int32)  # -1 is missing; categories 5 and 6 unused
category_cases = [
    {
        "name": "missing and unused categories",
        "codes": [int(c) for c in category_codes],
        "categoryCount": 7,
        "counts": floats(np.bincount(category_codes[category_codes >= 0], minlength=7)),
    },
    {"name": "all missing", "codes": [-1, -1, -1], "categoryCount": 3, "counts": [0.0, 0.0, 0.0]},
]


# --- count-based statistics ------------------------------------------------------

category_rates = rng.gamma(0.7, 40, 50)
many_reference = rng.poisson(category_rates)
many_current = rng.poisson(category_rates * rng.lognormal(0, 0.2, 50))
count_pairs = [
    {"name": b["name"], "reference": b["referenceCounts"], "current": b["currentCounts"]}
    for b in binning_cases
] + [
    {"name": "category absent from current", "reference": [50, 30, 20, 5], "current": [40, 30, 25, 0]},
    {"name": "category absent from reference", "reference": [50, 30, 20, 0], "current": [40, 30, 10, 20]},
    {"name": "zero on both sides", "reference": [10, 0, 5, 0, 7], "current": [12, 0, 3, 0, 9]},
    {"name": "binary", "reference": [700, 300], "current": [650, 350]},
    {"name": "identical", "reference": [120, 45, 80, 3], "current": [120, 45, 80, 3]},
    {"name": "identical proportions, sizes 1:10", "reference": [10, 20, 30], "current": [100, 200, 300]},
    {"name": "very unequal sizes", "reference": [50000, 30000, 20000], "current": [3, 1, 0]},
    {"name": "50 categories, some empty", "reference": many_reference, "current": many_current},
    {
        "name": "5 categories, strong drift",
        "reference": [12000, 9000, 6000, 3000, 1000],
        "current": [9000, 9500, 7000, 4000, 1800],
    },
    {"name": "one category left", "reference": [10, 0], "current": [5, 0]},
    {"name": "proportions, not counts", "reference": [0.25, 0.5, 0.25], "current": [0.2, 0.3, 0.5]},
]
# Large binary samples drifting apart: p-values from ~1e-15 down to 1e-304 and then
# to 0, where scipy's norm.sf underflows (z > 37.7).
SHIFTS = [400, 1750, 2500, 5000, 7600, 8000, 8300, 8500, 9500]
for shift in SHIFTS:
    count_pairs.append(
        {
            "name": f"binary, 10^5 each, shift {shift}",
            "reference": [50000, 50000],
            "current": [50000 + shift, 50000 - shift],
        }
    )
# The binary column of the Jensen-Shannon base question: 0.0856 in nats (Evidently), 0.1028 in bits.
count_pairs.append({"name": "binary 50/50 to 62/38, 10,000 rows", "reference": [5000, 5000], "current": [6200, 3800]})
for pair in count_pairs:
    pair["reference"] = floats(pair["reference"])
    pair["current"] = floats(pair["current"])


def floored(counts):
    return np.maximum(counts / np.sum(counts), FLOOR)


def psi_case(pair):
    r, c = floored(np.array(pair["reference"])), floored(np.array(pair["current"]))
    contributions = (c - r) * np.log(c / r)
    return {**pair, "floor": FLOOR, "value": float(np.sum(contributions)), "contributions": floats(contributions)}


def divergence_case(pair):
    p, q = np.array(pair["reference"]), np.array(pair["current"])
    pp, qq = p / np.sum(p), q / np.sum(q)
    hellinger = np.sqrt(np.sum((np.sqrt(pp) - np.sqrt(qq)) ** 2) / 2)
    # The textbook form, for a sanity check only: it loses digits for close distributions.
    assert abs(hellinger - np.sqrt(max(1 - np.sum(np.sqrt(pp * qq)), 0))) < 1e-7, pair["name"]
    return {
        **pair,
        "floor": FLOOR,
        "jensenShannon": float(distance.jensenshannon(p, q)),
        "kl": float(stats.entropy(floored(p), floored(q))),
        "hellinger": float(hellinger),
    }


def chi_square_case(pair):
    observed = np.array([pair["reference"], pair["current"]])
    used = observed.sum(axis=0) > 0
    if used.sum() < 2:
        statistic, p_value, dof = 0.0, 1.0, 0
    else:
        result = stats.chi2_contingency(observed[:, used], correction=False)
        statistic, p_value, dof = result[0], result[1], result[2]
    return {**pair, "statistic": float(statistic), "pValue": float(p_value), "dof": int(dof)}


def z_test_case(name, x1, n1, x2, n2):
    pooled = (x1 + x2) / (n1 + n2)
    if pooled in (0, 1):
        statistic, p_value = 0.0, 1.0
    else:
        statistic = (x1 / n1 - x2 / n2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        p_value = 2 * stats.norm.sf(abs(statistic))
    return {
        "name": name,
        "referenceSuccesses": x1,
        "referenceTotal": n1,
        "currentSuccesses": x2,
        "currentTotal": n2,
        "statistic": float(statistic),
        "pValue": float(p_value),
    }


psi_cases = [psi_case(p) for p in count_pairs]
divergence_cases = [divergence_case(p) for p in count_pairs]
disjoint = next(c for c in divergence_cases if c["name"].startswith("disjoint"))
disjoint_bits = distance.jensenshannon(disjoint["reference"], disjoint["current"], base=2)
assert disjoint_bits > 0.999 and disjoint["hellinger"] > 0.999, (disjoint_bits, disjoint["hellinger"])
assert abs(disjoint["jensenShannon"] - disjoint_bits * np.sqrt(np.log(2))) < 1e-12
chi_square_cases = [chi_square_case(p) for p in count_pairs if p["name"] != "proportions, not counts"]
z_test_cases = [
    z_test_case("small shift", 300, 1000, 350, 1000),
    z_test_case("current higher, unequal sizes", 120, 5000, 30, 400),
    z_test_case("very unequal sizes", 500000, 1000000, 14, 20),
    z_test_case("identical proportions", 30, 100, 300, 1000),
    z_test_case("no successes on either side", 0, 500, 0, 80),
    z_test_case("only successes on either side", 500, 500, 80, 80),
    z_test_case("all on one side", 0, 1000, 1000, 1000),
] + [
    z_test_case(f"10^5 each, shift {shift}", 50000, 100000, 50000 + shift, 100000)
    for shift in SHIFTS
]
# On a 2×2 table the chi-square statistic is z².
for case in chi_square_cases:
    if case["name"].startswith("binary, 10^5"):
        z = next(z for z in z_test_cases if z["name"] == case["name"].replace("binary, ", ""))
        assert abs(case["statistic"] - z["statistic"] ** 2) <= 1e-9 * case["statistic"]

golden = {
    "generator": "test-fixtures/golden/binned_tests.py",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
    "quantiles": quantile_cases,
    "summary": summary_cases,
    "binning": binning_cases,
    "equalWidth": equal_width_cases,
    "categories": category_cases,
    "psi": psi_cases,
    "divergences": divergence_cases,
    "chiSquare": chi_square_cases,
    "zTest": z_test_cases,
}
path = pathlib.Path(__file__).with_name("binned_tests.json")
path.write_text(json.dumps(golden, allow_nan=False, separators=(",", ":")) + "\n")
print(f"wrote {path.name}: {path.stat().st_size / 1e6:.2f} MB")
print(f"  disjoint N(0, 1) / N(7, 1): Jensen-Shannon {disjoint['jensenShannon']:.4f} nats = {disjoint_bits:.4f} bits, Hellinger {disjoint['hellinger']:.4f}")
for case in chi_square_cases + z_test_cases:
    print(f"  {case['name']}: p = {case['pValue']:.3g}")
