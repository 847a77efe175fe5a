#!/usr/bin/env python3
"""Writes the time-window bands fixture: weekly windows whose bands misled on real data.

  python3 test-fixtures/windows/generate.py   (numpy; seed fixed)

No reference implementation: the data recreate three patterns seen on real data, where the
bands of the time windows were put on p-values and improvements raised alerts.

- `amount` is N(100, 15) in the reference and in every week, decided by KS. Its weekly
  p-values are uniform on [0, 1], so mean ± 3σ of them ran below 0 ("-0.00388 … 0.00592").
- `segment` (chi-square) has exactly the reference's shares in weeks 1 to 7, so its p-value
  is 1 every week and its band was "1 – 1"; week 8 moves one row of 200.
- The model: 200 rows a week, 40 positives. Weeks 1 to 6 have precision, recall and F1 of
  exactly 0.5 and accuracy 0.8 (a constant band, "0.5 – 0.5"); week 7 predicts one more
  false positive (precision 20/41, accuracy 0.795), a wobble within sampling error; week 8
  catches 36 of 40 positives with 4 false positives (recall and precision 0.9), an
  improvement that was a moderate alert suggesting "a release, an outage".
"""
import datetime as dt
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
rng = np.random.default_rng(20261203)
ROWS_PER_WEEK = 200
POSITIVES = 40
SHARES = {"a": 100, "b": 60, "c": 40}  # per 200 rows


def week_labels(true_positives, false_positives):
    """Targets and predictions of one week, in a seeded random row order."""
    target = np.array([1] * POSITIVES + [0] * (ROWS_PER_WEEK - POSITIVES))
    prediction = np.zeros(ROWS_PER_WEEK, dtype=int)
    prediction[:true_positives] = 1
    prediction[POSITIVES : POSITIVES + false_positives] = 1
    order = rng.permutation(ROWS_PER_WEEK)
    return target[order], prediction[order]


def week_segments(shares):
    values = np.array([name for name, count in shares.items() for _ in range(count)])
    return values[rng.permutation(len(values))]


def rows(start, weeks, model_weeks, segment_weeks):
    out = []
    for week in range(weeks):
        times = sorted(rng.uniform(0, 7 * 24 * 3600, ROWS_PER_WEEK))
        target, prediction = week_labels(*model_weeks[week])
        segment = week_segments(segment_weeks[week])
        amount = rng.normal(100, 15, ROWS_PER_WEEK)
        for i in range(ROWS_PER_WEEK):
            time = start + dt.timedelta(weeks=week, seconds=float(times[i]))
            out.append(
                f"{time:%Y-%m-%d %H:%M:%S},{amount[i]:.2f},{segment[i]},{target[i]},{prediction[i]}"
            )
    return out


def write(name, lines):
    (HERE / name).write_text("event_time,amount,segment,churned,predicted\n" + "\n".join(lines) + "\n")


# The reference: five weeks like the first current weeks.
write("reference.csv", rows(dt.datetime(2026, 1, 5), 5, [(20, 20)] * 5, [SHARES] * 5))
# The current data: eight weeks from Monday 2026-03-02.
model = [(20, 20)] * 6 + [(20, 21), (36, 4)]
segments = [SHARES] * 7 + [{"a": 101, "b": 59, "c": 40}]
write("current.csv", rows(dt.datetime(2026, 3, 2), 8, model, segments))
