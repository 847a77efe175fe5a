#!/usr/bin/env python3
"""Writes the model-monitoring demo: a churn model with two versions, a timestamp,
and a real performance drop.

  /usr/bin/python3 test-fixtures/demo-model/generate.py   (numpy; seed fixed)

- reference.csv: January to March 2026, the validation period; both models fit it.
- test.csv: the held-out test split of the same period.
- current.csv: April to June 2026. From 2026-05-15 the relation between inputs and
  churn changes (support calls start to matter much more, a competitor's offer makes
  long-tenure customers leave too) while the inputs barely move: concept drift. Monthly
  charges rise about 4% (mild data drift) and a new payment method 'wallet' appears.
  v1 uses tenure, charges and contract; v2 also uses support calls, so it degrades less.
"""
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
rng = np.random.default_rng(20261123)
CONTRACTS = np.array(["monthly", "annual", "two-year"])
REGIONS = np.array(["north", "south", "east", "west"])
PAYMENTS = np.array(["card", "bank", "invoice"])


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def customers(n, start, days, charge_scale=1.0, new_payment=0.0):
    seconds = np.sort(rng.uniform(0, days * 86400, n)).astype(int)
    times = np.datetime64(start) + seconds.astype("timedelta64[s]")
    tenure = np.clip(rng.gamma(2.0, 14.0, n), 1, 120).round()
    charges = (rng.normal(70, 20, n).clip(15, 160) * charge_scale).round(2)
    calls = rng.poisson(1.6, n)
    contract = rng.choice(CONTRACTS, n, p=[0.55, 0.3, 0.15])
    region = rng.choice(REGIONS, n, p=[0.3, 0.25, 0.25, 0.2])
    payment = rng.choice(PAYMENTS, n, p=[0.5, 0.3, 0.2]).astype(object)
    payment[rng.random(n) < new_payment] = "wallet"
    return dict(times=times, tenure=tenure, charges=charges, calls=calls, contract=contract, region=region, payment=payment)


def old_logit(c):
    return -1.2 - 0.045 * c["tenure"] + 0.02 * (c["charges"] - 70) + 0.25 * c["calls"] + np.select(
        [c["contract"] == "monthly", c["contract"] == "annual"], [1.0, -0.3], -1.0
    )


def new_logit(c):
    # After the change: support calls weigh three times as much, and tenure protects far less.
    return -1.0 - 0.01 * c["tenure"] + 0.025 * (c["charges"] - 70) + 0.75 * c["calls"] + np.select(
        [c["contract"] == "monthly", c["contract"] == "annual"], [1.0, -0.1], -0.6
    )


def v1(c):
    return sigmoid(-0.6 - 0.04 * c["tenure"] + 0.018 * (c["charges"] - 70) + np.select([c["contract"] == "monthly", c["contract"] == "annual"], [1.0, -0.3], -1.0))


def v2(c):
    return sigmoid(old_logit(c) + rng.normal(0, 0.3, len(c["tenure"])))


def write(path, c, truth_logit):
    n = len(c["tenure"])
    churned = (rng.random(n) < sigmoid(truth_logit)).astype(int)
    p1, p2 = v1(c), v2(c)
    header = "customer_id,event_time,tenure_months,monthly_charges,support_calls,contract,region,payment_method,churned,pred_v1,proba_v1,pred_v2,proba_v2"
    ids = rng.choice(10**7, n, replace=False)
    with open(path, "w") as f:
        f.write(header + "\n")
        for i in range(n):
            when = str(c["times"][i]).replace("T", " ")
            f.write(
                f"C{ids[i]:07d},{when},{int(c['tenure'][i])},{c['charges'][i]:.2f},{c['calls'][i]},{c['contract'][i]},{c['region'][i]},"
                f"{c['payment'][i]},{churned[i]},{int(p1[i] >= 0.5)},{p1[i]:.4f},{int(p2[i] >= 0.5)},{p2[i]:.4f}\n"
            )


reference = customers(6000, "2026-01-01", 90)
write(HERE / "reference.csv", reference, old_logit(reference))
test = customers(2000, "2026-01-01", 90)
write(HERE / "test.csv", test, old_logit(test))

current = customers(6000, "2026-04-01", 91, charge_scale=1.04, new_payment=0.04)
changed = current["times"] >= np.datetime64("2026-05-15")
write(HERE / "current.csv", current, np.where(changed, new_logit(current), old_logit(current)))
print("wrote reference.csv, test.csv, current.csv")
