#!/usr/bin/env python3
"""Golden values for the multiple-testing corrections in
server/src/engine/stats/multipleTesting.ts (drift.correction: fdr, bonferroni).

Needs scipy 1.17 (numpy 2.4), not Debian's scipy 1.10: the reference,
scipy.stats.false_discovery_control, first appeared in scipy 1.11. Run it from
the repository root with an interpreter that has it (pip install scipy>=1.11):

    python3 test-fixtures/golden/multiple_testing.py

It writes multiple_testing.json next to itself. The inputs are stored in the JSON
with the expected outputs; the numpy seed is fixed, so rerunning reproduces the file.

Reference implementations:
  fdr         scipy.stats.false_discovery_control(ps, method='bh') (Benjamini–Hochberg
              adjusted p-values: p_(i) * m / i, made monotone from the largest down,
              capped at 1)
  bonferroni  no scipy function: numpy.minimum(1, ps * m)

NaN: scipy refuses NaN p-values ("`ps` must include only numbers between 0 and
1"). The drift monitor does not count a NaN p-value (a column with nothing to test)
as a test: the expected values are scipy's on the finite p-values, with m their
count, and NaN stays NaN (null in the JSON) in its place.
"""
import json
import pathlib

import numpy as np
import scipy
from scipy import stats

SEED = 20261203


def adjusted(ps, method):
    ps = np.asarray(ps, dtype=float)
    out = np.full(ps.shape, np.nan)
    finite = ~np.isnan(ps)
    tested = ps[finite]
    if method == 'fdr':
        out[finite] = stats.false_discovery_control(tested, method='bh') if tested.size else tested
    else:
        out[finite] = np.minimum(1.0, tested * tested.size)
    return out


def listed(values):
    return [None if np.isnan(v) else float(v) for v in values]


def main():
    rng = np.random.default_rng(SEED)
    cases = [
        ('one p-value', [0.03]),
        ('none', []),
        ('ties', [0.01, 0.04, 0.04, 0.04, 0.2, 0.01]),
        ('p = 1 and p = 0', [1.0, 0.0, 1.0, 0.5, 0.049]),
        ('NaN not counted', [0.01, float('nan'), 0.02, 0.03, float('nan')]),
        ('only NaN', [float('nan'), float('nan')]),
        ('already monotone', [0.001, 0.002, 0.003, 0.004]),
        ('tiny p-values', [1e-300, 5e-324, 1e-12, 0.5]),
        ('200 uniform', list(rng.uniform(size=200))),
        ('50 uniform and 10 small', list(rng.uniform(size=50)) + list(rng.uniform(0, 1e-3, size=10))),
    ]
    out = {
        'reference': f'scipy {scipy.__version__} false_discovery_control (bh); numpy {np.__version__} (bonferroni)',
        'cases': [
            {
                'name': name,
                'pValues': listed(ps),
                'fdr': listed(adjusted(ps, 'fdr')),
                'bonferroni': listed(adjusted(ps, 'bonferroni')),
            }
            for name, ps in cases
        ],
    }
    target = pathlib.Path(__file__).with_name('multiple_testing.json')
    target.write_text(json.dumps(out, indent=1) + '\n')


if __name__ == '__main__':
    main()
