"""Golden chi-square tail probabilities at many degrees of freedom (high-cardinality columns).

Run with Debian's python3 (scipy 1.10): python3 chi2_large_dof.py > chi2_large_dof.json
Each case: [x, dof, scipy.stats.chi2.sf(x, dof)].
"""
import json

from scipy import stats

CASES = [(8448 * f, 8448) for f in (0.9, 0.99, 1.0, 1.01, 1.03, 1.05, 1.08)] + [(2e5 * 1.003, 2e5), (500, 450), (1200, 1000), (30, 20), (90, 20)]
print(json.dumps([[x, k, stats.chi2.sf(x, k)] for x, k in CASES], indent=1))
