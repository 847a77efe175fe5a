#!/usr/bin/env python3
"""The drift tests of Drift Monitor computed the way most teams would: pandas + scipy.

It serves twice:
- golden values for the engine's end-to-end test (`demo_report.json`, made by
  `python3 test-fixtures/golden/scipy_drift.py test-fixtures/demo/reference.csv
  test-fixtures/demo/current.csv --out test-fixtures/golden/demo_report.json`);
- the "pandas + scipy" contender in `npm run bench`, timed as a whole process.

Needs Debian's python3-pandas and python3-scipy.

Column kinds follow the engine's documented rules: numeric if pandas parses the
column as numbers in both files, tested as categorical when it has at most 5
distinct values over both files. Missing values are the engine's missing tokens.
Bins for PSI / Jensen-Shannon / KL / Hellinger are the reference deciles
(numpy linear quantiles), an edge kept only when a reference value lies between
it and the previous kept edge, between the reference minimum and the double above
its maximum, outer bins open (the engine's rule, see binned_tests.py);
proportions are floored at 1e-4 for PSI and KL. Jensen-Shannon is in nats
(scipy's default base, as Evidently), KL is D(reference || current).
"""
import argparse
import json
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

MISSING = ["", "NA", "N/A", "null", "NULL", "NaN", "nan", "None"]
FLOOR = 1e-4


def read(path):
    return pd.read_csv(path, na_values=MISSING, keep_default_na=False, sep=None if path.endswith(".tsv") else ",", engine="c")


def floored(counts):
    p = counts / counts.sum()
    return np.maximum(p, FLOOR)


def binned(ref_counts, cur_counts):
    p, q = floored(ref_counts), floored(cur_counts)
    return {
        "psi": {"value": float(np.sum((q - p) * np.log(q / p)))},
        "jensenshannon": {"value": float(jensenshannon(ref_counts, cur_counts))},
        "kl": {"value": float(stats.entropy(p, q))},
        "hellinger": {"value": float(np.sqrt(np.sum((np.sqrt(ref_counts / ref_counts.sum()) - np.sqrt(cur_counts / cur_counts.sum())) ** 2) / 2))},
    }


def quantile_bin_edges(reference, bins):
    """The reference minimum, the reference quantiles i/bins, each kept only if a reference value
    lies in [previous kept edge, edge), and the double above the reference maximum."""
    reference = np.sort(reference)
    edges, below_previous = [reference[0]], 0
    for edge in np.quantile(reference, np.arange(1, bins) / bins):
        below = int(np.searchsorted(reference, edge, side="left"))
        if below > below_previous:
            edges.append(edge)
            below_previous = below
    edges.append(np.nextafter(reference[-1], np.inf))
    return np.array(edges, dtype=np.float64)


def numerical(ref, cur, bins=10):
    norm = max(np.std(ref), 0.001)
    edges = quantile_bin_edges(ref, bins)
    full = np.concatenate([[-np.inf], edges, [np.inf]])
    ref_counts = np.histogram(ref, full)[0].astype(float)
    cur_counts = np.histogram(cur, full)[0].astype(float)
    ks = stats.ks_2samp(ref, cur, method="auto")
    mw = stats.mannwhitneyu(ref, cur, alternative="two-sided", method="asymptotic")
    cvm = stats.cramervonmises_2samp(ref, cur, method="auto")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ad = stats.anderson_ksamp([ref, cur], midrank=True)
    w = stats.wasserstein_distance(ref, cur)
    e = stats.energy_distance(ref, cur)
    tests = {
        "ks": {"statistic": float(ks.statistic), "pValue": float(ks.pvalue)},
        "mannwhitney": {"statistic": float(mw.statistic), "pValue": float(mw.pvalue)},
        "cramervonmises": {"statistic": float(cvm.statistic), "pValue": float(cvm.pvalue)},
        "andersondarling": {"statistic": float(ad.statistic), "pValue": float(ad.significance_level)},
        "wasserstein": {"value": float(w), "normed": float(w / norm)},
        "energy": {"value": float(e), "normed": float(e / norm)},
    }
    tests.update(binned(ref_counts, cur_counts))
    return tests


def categorical(ref, cur):
    ref_counts = ref.value_counts()
    cur_counts = cur.value_counts()
    # In order of first appearance, reference first, as the engine orders them (the z-test's sign depends on it).
    categories = list(dict.fromkeys(list(pd.unique(ref)) + list(pd.unique(cur))))
    r = np.array([ref_counts.get(c, 0) for c in categories], dtype=float)
    c = np.array([cur_counts.get(c, 0) for c in categories], dtype=float)
    chi2, p, dof, _ = stats.chi2_contingency(np.array([r, c]), correction=False)
    tests = {"chisquare": {"statistic": float(chi2), "pValue": float(p), "dof": int(dof)}}
    tests.update(binned(r, c))
    if len(categories) <= 2:
        n1, n2 = r.sum(), c.sum()
        pooled = (r[0] + c[0]) / (n1 + n2)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        z = (r[0] / n1 - c[0] / n2) / se if se > 0 else 0.0
        tests["ztest"] = {"statistic": float(z), "pValue": float(2 * stats.norm.sf(abs(z)))}
    return tests


def analyze(reference_path, current_path, skip=()):
    reference, current = read(reference_path), read(current_path)
    out = {}
    for name in reference.columns:
        if name in skip:
            continue
        ref, cur = reference[name].dropna(), current[name].dropna()
        numeric = pd.api.types.is_numeric_dtype(ref) and pd.api.types.is_numeric_dtype(cur)
        if numeric and pd.concat([ref, cur]).nunique() > 5:
            out[name] = {"kind": "numerical", "tests": numerical(ref.to_numpy(float), cur.to_numpy(float))}
        else:
            out[name] = {"kind": "categorical", "tests": categorical(ref.astype(str) if not numeric else ref, cur.astype(str) if not numeric else cur)}
    return {"reference": {"rows": len(reference)}, "current": {"rows": len(current)}, "features": out}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("reference")
    parser.add_argument("current")
    parser.add_argument("--skip", nargs="*", default=[], help="columns to leave out (e.g. a timestamp)")
    parser.add_argument("--out", help="write JSON here instead of stdout")
    args = parser.parse_args()
    result = json.dumps(analyze(args.reference, args.current, set(args.skip)), indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(result + "\n")
    else:
        sys.stdout.write(result + "\n")
