#!/usr/bin/env python3
"""Writes the risk-score cases: one reference file and five current files of a binary
classifier with 11 input features, from nothing wrong to many severe findings at once.

There is no real data here: the cases recreate the patterns the real-data runs showed
(a risk of 100/100 for most of them, including one with one high and one moderate feature
drift and an accuracy drop of 0.038; "no drift" said while 5 of 11 features drifted high).
The tests check that the risk score tells them apart, in this order of severity.

Deterministic (fixed seed). Needs numpy (Debian: python3-numpy).
Run from anywhere: python3 test-fixtures/risk/generate.py

Features f1..f8 are numerical (normal, sd 1), c1..c3 categorical; the model's prediction is
the target flipped on exactly the share `errors` of the rows, its probability column follows the prediction.
A shift of d standard deviations gives a normed Wasserstein distance of about d, against the
threshold 0.1: 0.12 is a low drift, 0.2 moderate, 0.5 high (severity from the ratio).

| case | what changes in current.csv |
| --- | --- |
| stable | nothing |
| one-low | f1 shifted 0.12 sd (low) |
| one-high-one-moderate | f1 0.5 sd (high), f2 0.2 sd (moderate); error rate 0.15 → 0.188 (accuracy -0.038) |
| five-high | f1..f5 shifted 0.5 sd (high): 5 of 11, under drift.share 0.5 |
| severe | f1..f8 shifted 0.6 sd (high, dataset drift), probabilities +0.2, error rate 0.15 → 0.30 |
"""
import csv
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261203)
# Above 1,000 rows on both sides, so that the auto rule decides by normed Wasserstein.
REFERENCE_ROWS = 2000
CURRENT_ROWS = 1500
NUMERICAL = [f"f{i}" for i in range(1, 9)]
CATEGORICAL = {"c1": ["a", "b", "c"], "c2": ["x", "y"], "c3": ["north", "south", "east", "west"]}

CASES = {
    "stable": {"shifts": {}, "errors": 0.15, "probability_shift": 0.0},
    "one-low": {"shifts": {"f1": 0.12}, "errors": 0.15, "probability_shift": 0.0},
    "one-high-one-moderate": {"shifts": {"f1": 0.5, "f2": 0.2}, "errors": 0.188, "probability_shift": 0.0},
    "five-high": {"shifts": {f"f{i}": 0.5 for i in range(1, 6)}, "errors": 0.15, "probability_shift": 0.0},
    "severe": {"shifts": {f"f{i}": 0.6 for i in range(1, 9)}, "errors": 0.30, "probability_shift": 0.2},
}


def make(rows, shifts, errors, probability_shift):
    columns = {}
    for name in NUMERICAL:
        columns[name] = (rng.normal(shifts.get(name, 0.0), 1.0, rows)).round(2)
    for name, values in CATEGORICAL.items():
        columns[name] = rng.choice(values, rows)
    target = (rng.random(rows) < 0.3).astype(int)
    # Exactly this share of rows wrong, so the accuracy moves by exactly what the case says.
    wrong = rng.permutation(rows) < round(errors * rows)
    prediction = np.where(wrong, 1 - target, target)
    probability = np.where(prediction == 1, rng.normal(0.7, 0.1, rows), rng.normal(0.2, 0.1, rows))
    columns["target"] = target
    columns["prediction"] = prediction
    columns["probability"] = np.clip(probability + probability_shift, 0, 1).round(3)
    return columns


def write(path, columns):
    names = list(columns)
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(names)
        out.writerows(zip(*(columns[n] for n in names)))


CONFIG = """# drift-monitor
# Risk case '{case}' (test-fixtures/risk/generate.py).
reference: reference.csv
current: {case}.csv
columns:
  target: target
  prediction: prediction
  probability: probability
"""

write(os.path.join(HERE, "reference.csv"), make(REFERENCE_ROWS, {}, 0.15, 0.0))
for case, spec in CASES.items():
    columns = make(CURRENT_ROWS, spec["shifts"], spec["errors"], spec["probability_shift"])
    write(os.path.join(HERE, f"{case}.csv"), columns)
    with open(os.path.join(HERE, f"{case}.drift.yaml"), "w") as f:
        f.write(CONFIG.format(case=case))
    error_rate = float(np.mean(columns["prediction"] != columns["target"]))
    print(f"{case}: current error rate {error_rate:.4f}")
