#!/usr/bin/env python3
"""Model columns that are misread without a check, each a small monitoring setup made to
recreate a pattern seen on real data (the real files are not in the repository):

  new-class/                 a binary 0/1 reference and a current file whose target gains
                             a class 2 on about 8% of the rows; the model (trained on 0/1)
                             predicts them as 0 or 1. Averaged over the 3 labels of the
                             current file, precision read 0.99 -> 0.45 where the binary
                             precision on current was 0.94.
  percent-probabilities/     the probability column on a 0-100 scale (log loss 2.4).
  word-predictions/          predictions written no/yes against a target of 0/1
                             (accuracy 0).
  probability-as-prediction/ the probability column named as the prediction (hundreds of
                             "classes").

Each folder holds reference.csv, current.csv and drift.yaml. numpy only; the seed is fixed,
so rerunning rewrites every file byte for byte:

    /usr/bin/python3 test-fixtures/model-columns/generate.py
"""
import csv
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
rng = np.random.default_rng(20261203)
ROWS = 600


def write_csv(folder, name, header, rows):
    (HERE / folder).mkdir(exist_ok=True)
    with open(HERE / folder / name, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_config(folder, columns):
    lines = ["# drift-monitor", "reference: reference.csv", "current: current.csv", "columns:"]
    lines += [f"  {key}: {value}" for key, value in columns.items()]
    (HERE / folder / "drift.yaml").write_text("\n".join(lines) + "\n")


def churn(new_class_share=0.0):
    """A feature, a 0/1 target (with a class 2 on `new_class_share` of the rows) and a good
    model's probability of 1 and its 0/1 prediction."""
    tenure = np.round(rng.gamma(3, 8, ROWS), 1)
    target = (rng.random(ROWS) < 0.4).astype(int)
    target[rng.random(ROWS) < new_class_share] = 2
    centre = np.where(target == 1, 0.85, np.where(target == 2, 0.5, 0.12))
    probability = np.round(np.clip(centre + rng.normal(0, 0.12, ROWS), 0, 1), 3)
    prediction = (probability >= 0.5).astype(int)
    return tenure, target, probability, prediction


def new_class():
    for name, share in [("reference.csv", 0.0), ("current.csv", 0.08)]:
        tenure, target, probability, prediction = churn(share)
        rows = [[tenure[i], target[i], prediction[i], f"{probability[i]:.3f}"] for i in range(ROWS)]
        write_csv("new-class", name, ["tenure", "churned", "prediction", "probability"], rows)
    write_config("new-class", {"target": "churned", "prediction": "prediction", "probability": "probability"})


def percent_probabilities():
    for name in ["reference.csv", "current.csv"]:
        tenure, target, probability, prediction = churn()
        rows = [[tenure[i], target[i], prediction[i], f"{100 * probability[i]:.1f}"] for i in range(ROWS)]
        write_csv("percent-probabilities", name, ["tenure", "churned", "prediction", "probability"], rows)
    write_config("percent-probabilities", {"target": "churned", "prediction": "prediction", "probability": "probability"})


def word_predictions():
    words = np.array(["no", "yes"])
    for name in ["reference.csv", "current.csv"]:
        tenure, target, probability, prediction = churn()
        rows = [[tenure[i], target[i], words[prediction[i]], f"{probability[i]:.3f}"] for i in range(ROWS)]
        write_csv("word-predictions", name, ["tenure", "churned", "prediction", "probability"], rows)
    write_config("word-predictions", {"target": "churned", "prediction": "prediction", "probability": "probability"})


def probability_as_prediction():
    for name in ["reference.csv", "current.csv"]:
        tenure, target, probability, prediction = churn()
        rows = [[tenure[i], target[i], prediction[i], f"{probability[i]:.3f}"] for i in range(ROWS)]
        write_csv("probability-as-prediction", name, ["tenure", "churned", "predicted_class", "score"], rows)
    write_config("probability-as-prediction", {"target": "churned", "prediction": "score"})


new_class()
percent_probabilities()
word_predictions()
probability_as_prediction()
