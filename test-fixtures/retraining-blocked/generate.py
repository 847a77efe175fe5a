#!/usr/bin/env python3
"""Writes the blocked-retraining case: a model whose accuracy dropped, watched on a current
file where few rows have their label yet.

  /usr/bin/python3 test-fixtures/retraining-blocked/generate.py   (numpy; seed fixed)

It recreates the pattern of a real case (no real data here): a performance drop that calls
for retraining, with only 189 labelled current rows, which the default retraining.min_rows of
1,000 blocked while the summary's headline read "No retraining needed".

- reference.csv: 1,200 rows, every one labelled; the model is right about 90% of the time.
- current.csv: 800 rows from the same inputs, 189 of them labelled (the rest have an empty
  `approved`); on those the model is right about 65% of the time.
"""
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
rng = np.random.default_rng(20261203)
REGIONS = np.array(["north", "south", "east", "west"])


def rows(n, accuracy, labelled):
    income = rng.normal(52000, 12000, n).round(0)
    age = rng.integers(21, 70, n)
    region = rng.choice(REGIONS, n, p=[0.3, 0.25, 0.25, 0.2])
    prediction = (rng.random(n) < 0.4).astype(int)
    right = rng.random(n) < accuracy
    target = np.where(right, prediction, 1 - prediction).astype(object)
    unlabelled = rng.permutation(n)[: n - labelled]
    target[unlabelled] = ""
    return income, age, region, prediction, target


def write(name, n, accuracy, labelled):
    income, age, region, prediction, target = rows(n, accuracy, labelled)
    lines = ["income,age,region,approved,predicted"]
    for i in range(n):
        lines.append(f"{income[i]:.0f},{age[i]},{region[i]},{target[i]},{prediction[i]}")
    (HERE / name).write_text("\n".join(lines) + "\n")


write("reference.csv", 1200, 0.9, 1200)
write("current.csv", 800, 0.65, 189)
