#!/usr/bin/env python3
"""Writes the demo pair: a loan-default model's validation sample (reference.csv)
and a month of production traffic (current.csv) in which some inputs drifted.

Deterministic (fixed seed). Needs numpy (Debian: python3-numpy).
Run from anywhere: python3 test-fixtures/demo/generate.py

What drifted, by construction:
- income: +25% (wage inflation in a new market)
- loan_amount: larger and wider loans
- employment_type: many more self-employed applicants
- predicted_default / default_probability follow the inputs (prediction drift)
What did not: age, credit_score, region, num_accounts, has_mortgage.
"""
import csv
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261123)


def make(rows, drifted):
    age = np.clip(rng.normal(41, 12, rows), 18, 85).round().astype(int)
    income = rng.lognormal(np.log(52000 * (1.25 if drifted else 1.0)), 0.45, rows).round(0)
    credit_score = np.clip(rng.normal(680, 60, rows), 300, 850).round().astype(int)
    loan_amount = rng.gamma(4.0 if not drifted else 5.0, 4000 if not drifted else 5200, rows).round(-1)
    employment_shares = [0.62, 0.18, 0.12, 0.08] if not drifted else [0.48, 0.34, 0.10, 0.08]
    employment_type = rng.choice(["salaried", "self-employed", "contract", "unemployed"], rows, p=employment_shares)
    region = rng.choice(["north", "south", "east", "west"], rows, p=[0.3, 0.25, 0.25, 0.2])
    num_accounts = rng.choice([0, 1, 2, 3, 4], rows, p=[0.1, 0.35, 0.3, 0.15, 0.1])
    has_mortgage = rng.choice(["yes", "no"], rows, p=[0.4, 0.6])
    # The true risk, and a model that learnt it on reference-like data.
    logit = (
        -2.2
        + 0.9 * (loan_amount / income * 4 - 1.0)
        - 0.012 * (credit_score - 680)
        + 0.8 * (employment_type == "unemployed")
        + 0.35 * (employment_type == "self-employed")
        - 0.1 * num_accounts
    )
    probability = 1 / (1 + np.exp(-logit))
    default = (rng.random(rows) < probability).astype(int)
    model_probability = np.clip(probability + rng.normal(0, 0.05, rows), 0.001, 0.999).round(4)
    predicted = (model_probability >= 0.5).astype(int)
    # Some missing values, as production data has.
    income_text = [("" if rng.random() < 0.02 else f"{v:.0f}") for v in income]
    region_text = [("NA" if rng.random() < 0.01 else v) for v in region]
    return zip(age, income_text, credit_score, loan_amount, employment_type, region_text, num_accounts, has_mortgage, default, predicted, model_probability)


def write(name, rows, drifted):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["age", "income", "credit_score", "loan_amount", "employment_type", "region", "num_accounts", "has_mortgage", "default", "predicted_default", "default_probability"])
        for row in make(rows, drifted):
            out.writerow([row[0], row[1], row[2], f"{row[3]:.0f}", *row[4:10], f"{row[10]:.4f}"])


write("reference.csv", 5000, drifted=False)
write("current.csv", 3000, drifted=True)
